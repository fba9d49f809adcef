import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * Locks the organization's subscriptions matched by `where` (on alias `s`) for the rest of the
 * caller's transaction, in id order. Every writer that changes a subscription's status or its
 * RADIUS rows locks this way (the isolation pass, payments through lockCustomerAccount, RADIUS
 * provisioning), so two of them never hold rows the other waits for, and the one that waits
 * reads what the other committed. Counted, not returned: a pass may lock thousands.
 */
export async function lockSubscriptions(db: Db, p: { orgId: string; where: SQL }) {
  await db.execute(sql`
    select count(*) from (
      select 1 from subscriptions s where s.organization_id = ${p.orgId} and ${p.where}
      order by s.id for no key update of s) locked`);
}
