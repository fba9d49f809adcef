import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { acsDevices, subscriptions } from '@/db/schema';
import { hasAcs } from '@/lib/fibre/acs/settings';

/**
 * The portal's pages, relative to `/portal/<slug>`: the bottom bar's four, then what the
 * "more" page lists. `needs: 'modem'` is shown only when one of the visitor's subscriptions
 * has a modem reachable through the organization's ACS (TR-069).
 */
export const PORTAL_BOTTOM = [
  { key: 'home', path: '' },
  { key: 'invoices', path: '/invoices' },
  { key: 'tickets', path: '/tickets' },
  { key: 'more', path: '/more' },
] as const;

export const PORTAL_MORE: readonly { key: string; path: string; needs?: 'modem' }[] = [
  { key: 'payments', path: '/payments' },
  { key: 'modem', path: '/modem', needs: 'modem' },
  { key: 'requests', path: '/requests' },
  { key: 'account', path: '/account' },
];

/** Whether any of these customers' subscriptions has a modem the organization's ACS knows. */
export async function portalHasModem(db: Db, p: { orgId: string; customerIds: string[] }) {
  if (p.customerIds.length === 0 || !(await hasAcs(db, { orgId: p.orgId }))) return false;
  const [row] = await db
    .select({ id: acsDevices.id })
    .from(acsDevices)
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.id, acsDevices.subscriptionId), eq(subscriptions.organizationId, p.orgId)),
    )
    .where(and(eq(acsDevices.organizationId, p.orgId), inArray(subscriptions.customerId, p.customerIds)))
    .limit(1);
  return Boolean(row);
}
