import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { vouchers } from '@/db/schema';

/**
 * Of `names`, those that are voucher codes of the organization. A customer's service
 * username must not be one: on a router (hotspot user) and in RADIUS (`<name>@<slug>`) the
 * same login would mean two things. Generation checks the other direction (lib/vouchers/batches).
 */
export async function voucherCodesAmong(db: Db, p: { orgId: string; names: string[] }) {
  if (p.names.length === 0) return [];
  const rows = await db
    .select({ code: vouchers.code })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, p.orgId), inArray(vouchers.code, p.names)));
  return rows.map((r) => r.code);
}
