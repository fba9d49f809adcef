import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activations } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';

/**
 * The WiFi a zero-touch activation put on the subscription's modem, for the welcome: only
 * when the modem step did set it (an organization without an ACS set nothing, and the
 * welcome then says nothing of WiFi).
 */
export async function welcomeWifi(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [act] = await db
    .select({ ssid: activations.wifiSsid, passwordEnc: activations.wifiPasswordEnc, steps: activations.steps })
    .from(activations)
    .where(
      and(
        eq(activations.organizationId, p.orgId),
        eq(activations.subscriptionId, p.subscriptionId),
        inArray(activations.status, ['running', 'done']),
      ),
    )
    .orderBy(desc(activations.createdAt))
    .limit(1);
  const modem = act?.steps.find((s) => s.step === 'configure_modem');
  if (!act?.ssid || !act.passwordEnc || modem?.status !== 'done') return null;
  return { ssid: act.ssid, password: decryptSecret(act.passwordEnc) };
}
