import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';

/** The first-run steps, in the order a new ISP usually takes them, each with where it is done. */
export const SETUP_STEPS = [
  { key: 'company', href: '/billing/settings' },
  { key: 'plan', href: '/plans' },
  { key: 'network', href: '/routers' },
  { key: 'whatsapp', href: '/whatsapp' },
  { key: 'payment', href: '/settings/payments' },
  { key: 'customers', href: '/customers/import' },
] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number]['key'];

export type SetupChecklist = {
  steps: { key: SetupStepKey; href: string; done: boolean }[];
  done: number;
  total: number;
  dismissed: boolean;
  /** Shown on the dashboard until every step is done or an admin hid it. */
  visible: boolean;
};

/**
 * Each step is ticked from the organization's own rows, never from a flag someone sets:
 * - company: the billing settings were saved once (address, bank accounts, invoice rules);
 * - network: a router, whether driven by its API or by RADIUS;
 * - whatsapp: a session that is connected now (a pairing that dropped is not done);
 * - payment: an enabled gateway, or bank accounts customers can transfer to.
 * One statement of EXISTS probes, each stopping at its first row whatever the size.
 */
export async function getSetupChecklist(db: Db, p: { orgId: string }): Promise<SetupChecklist> {
  const [row] = await db.execute<Record<SetupStepKey, boolean> & { dismissed: boolean }>(sql`
    select o.setup_dismissed_at is not null as dismissed,
      exists (select 1 from billing_settings b where b.organization_id = o.id) as company,
      exists (select 1 from plans p where p.organization_id = o.id) as plan,
      exists (select 1 from routers r where r.organization_id = o.id) as network,
      exists (select 1 from whatsapp_sessions w where w.organization_id = o.id and w.status = 'connected') as whatsapp,
      (exists (select 1 from payment_gateways g where g.organization_id = o.id and g.enabled)
        or exists (select 1 from billing_settings b where b.organization_id = o.id and coalesce(b.bank_accounts, '') <> '')) as payment,
      exists (select 1 from customers c where c.organization_id = o.id) as customers
    from organizations o where o.id = ${p.orgId}`);
  if (!row) throw new AppError('not_found');
  const steps = SETUP_STEPS.map((s) => ({ key: s.key, href: s.href, done: Boolean(row[s.key]) }));
  const done = steps.filter((s) => s.done).length;
  const dismissed = Boolean(row.dismissed);
  return { steps, done, total: steps.length, dismissed, visible: !dismissed && done < steps.length };
}

/** An admin hides the checklist (or brings it back from the settings hub); audited. */
export async function setSetupDismissed(db: Db, p: Actor & { dismissed: boolean }) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .update(organizations)
      .set({ setupDismissedAt: p.dismissed ? sql`now()` : null, updatedAt: sql`now()` })
      .where(eq(organizations.id, p.orgId))
      .returning({ id: organizations.id });
    if (!org) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.dismissed ? 'organization.setup_dismissed' : 'organization.setup_restored',
      entityType: 'organization',
      entityId: p.orgId,
    });
    return { dismissed: p.dismissed };
  });
}
