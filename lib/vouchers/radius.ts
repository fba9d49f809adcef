import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { radcheck, radgroupcheck, radgroupreply, voucherBatches, voucherProfiles, vouchers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { orgSlug } from '@/lib/network/radius/provision';
import { pgTextArray } from './sql-arrays';

/**
 * Vouchers in FreeRADIUS's tables (the same ones customers use, lib/network/radius):
 * - username `<code>@<org slug>`: the realm keeps two ISPs' identical codes apart, exactly as
 *   for PPPoE customers. The hotspot login page must send it (see docs/features/vouchers.md);
 * - per voucher: `Cleartext-Password` and one group membership; later `Expiration` (first
 *   login + validity, unix seconds, checked by the stock `expiration` module) and
 *   `Auth-Type := Reject` once used, expired or disabled;
 * - per profile, group `voucher:<RADIUS group or name>@<slug>` (a namespace of its own, so
 *   a plan's group of the same name is never overwritten): `Simultaneous-Use` (shared
 *   users; needs `sql` in the `session` section), rate-limit, a per-session cap of
 *   Session-Timeout = min(validity, time quota), the data quota as Mikrotik-Total-Limit(+Gigawords)
 *   and interim accounting every 5 minutes (the status sync reads radacct).
 * Voucher rows have subscription_id null, so the customers' provisioning never touches them.
 */
export function voucherGroupName(profile: { name: string; radiusGroup: string | null }, slug: string) {
  return `voucher:${profile.radiusGroup?.trim() || profile.name}@${slug}`;
}

export const voucherUsername = (code: string, slug: string) => `${code}@${slug}`;

type ProfileRadius = Pick<
  typeof voucherProfiles.$inferSelect,
  | 'name'
  | 'radiusGroup'
  | 'routerProfile'
  | 'rateLimit'
  | 'sharedUsers'
  | 'validityMinutes'
  | 'timeQuotaMinutes'
  | 'dataQuotaBytes'
>;

/** Rewrites one profile's group; a renamed group keeps its members. */
export async function writeVoucherGroup(db: Db, p: { orgId: string; profile: ProfileRadius; before?: ProfileRadius }) {
  const slug = await orgSlug(db, p.orgId);
  const groupname = voucherGroupName(p.profile, slug);
  const old = p.before ? voucherGroupName(p.before, slug) : groupname;
  // Two deliveries of one profile's batches at once would each delete, then each insert: one
  // writer per group at a time (the lock ends with the caller's transaction).
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`radgroup:${p.orgId}:${groupname}`}))`);
  if (old !== groupname)
    await db.execute(
      sql`update radusergroup set groupname = ${groupname} where organization_id = ${p.orgId} and subscription_id is null and groupname = ${old}`,
    );
  for (const name of new Set([old, groupname])) {
    await db
      .delete(radgroupcheck)
      .where(and(eq(radgroupcheck.organizationId, p.orgId), eq(radgroupcheck.groupname, name)));
    await db
      .delete(radgroupreply)
      .where(and(eq(radgroupreply.organizationId, p.orgId), eq(radgroupreply.groupname, name)));
  }
  const pr = p.profile;
  await db.insert(radgroupcheck).values({
    groupname,
    attribute: 'Simultaneous-Use',
    op: ':=',
    value: String(pr.sharedUsers),
    organizationId: p.orgId,
  });
  const cap = Math.min(pr.validityMinutes, pr.timeQuotaMinutes ?? Number.MAX_SAFE_INTEGER) * 60;
  // '=' adds a value only if the user has none: a per-voucher value (remaining time) wins.
  const reply = (attribute: string, value: string, op = '=') => ({
    groupname,
    attribute,
    op,
    value,
    organizationId: p.orgId,
  });
  const rows = [reply('Session-Timeout', String(cap)), reply('Acct-Interim-Interval', '300')];
  if (pr.rateLimit) rows.push(reply('Mikrotik-Rate-Limit', pr.rateLimit, ':='));
  // The router's hotspot user profile, when the operator named one that exists there.
  if (pr.routerProfile) rows.push(reply('Mikrotik-Group', pr.routerProfile, ':='));
  if (pr.dataQuotaBytes) {
    rows.push(reply('Mikrotik-Total-Limit', String(pr.dataQuotaBytes % 2 ** 32)));
    if (pr.dataQuotaBytes >= 2 ** 32)
      rows.push(reply('Mikrotik-Total-Limit-Gigawords', String(Math.floor(pr.dataQuotaBytes / 2 ** 32))));
  }
  await db.insert(radgroupreply).values(rows);
}

// The batch's vouchers as RADIUS usernames (v = vouchers).
const batchUsernames = (orgId: string, batchId: string, slug: string) =>
  sql`select v.code || '@' || ${slug} from vouchers v where v.organization_id = ${orgId} and v.batch_id = ${batchId}`;

/**
 * Every row of one batch, rewritten (idempotent: a retried job ends in the same state). In
 * `same` mode all of it is set-based SQL; `separate` passwords are decrypted here, 5,000 at a time.
 */
export async function writeBatchRadius(db: Db, p: { orgId: string; batchId: string }) {
  const [batch] = await db
    .select({ passwordMode: voucherBatches.passwordMode, profile: voucherProfiles })
    .from(voucherBatches)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, voucherBatches.profileId))
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
  if (!batch) throw new Error('batch not found');
  const slug = await orgSlug(db, p.orgId);
  await writeVoucherGroup(db, { orgId: p.orgId, profile: batch.profile });
  const names = batchUsernames(p.orgId, p.batchId, slug);
  await db.execute(
    sql`delete from radcheck where organization_id = ${p.orgId} and subscription_id is null and username in (${names})`,
  );
  await db.execute(
    sql`delete from radusergroup where organization_id = ${p.orgId} and subscription_id is null and username in (${names})`,
  );
  if (batch.passwordMode === 'same') {
    await db.execute(sql`
      insert into radcheck (username, attribute, op, value, organization_id)
      select v.code || '@' || ${slug}, 'Cleartext-Password', ':=', v.code, v.organization_id
      from vouchers v where v.organization_id = ${p.orgId} and v.batch_id = ${p.batchId}`);
  } else {
    const rows = await db
      .select({ code: vouchers.code, passwordEnc: vouchers.passwordEnc })
      .from(vouchers)
      .where(and(eq(vouchers.organizationId, p.orgId), eq(vouchers.batchId, p.batchId)));
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await db.execute(sql`
        insert into radcheck (username, attribute, op, value, organization_id)
        select u || '@' || ${slug}, 'Cleartext-Password', ':=', pw, ${p.orgId}::uuid
        from unnest(${pgTextArray(chunk.map((r) => r.code))}::text[], ${pgTextArray(chunk.map((r) => decryptSecret(r.passwordEnc!)))}::text[]) as t(u, pw)`);
    }
  }
  await db.execute(sql`
    insert into radusergroup (username, groupname, priority, organization_id)
    select v.code || '@' || ${slug}, ${voucherGroupName(batch.profile, slug)}, 1, v.organization_id
    from vouchers v where v.organization_id = ${p.orgId} and v.batch_id = ${p.batchId}`);
  await applyVoucherRadiusState(db, { orgId: p.orgId, where: sql`v.batch_id = ${p.batchId}` });
  const [n] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(radcheck)
    .where(
      sql`${radcheck.organizationId} = ${p.orgId} and ${radcheck.subscriptionId} is null and ${radcheck.attribute} = 'Cleartext-Password' and ${radcheck.username} in (${names})`,
    );
  return { written: n?.n ?? 0 };
}

/**
 * The per-voucher state rows for the vouchers matched by `where` (on vouchers `v`):
 * `Expiration` while active, `Auth-Type := Reject` once used, expired or disabled.
 */
export async function applyVoucherRadiusState(db: Db, p: { orgId: string; where: ReturnType<typeof sql> }) {
  const slug = await orgSlug(db, p.orgId);
  const matched = sql`
    select v.code || '@' || ${slug} as username, v.status, v.expires_at from vouchers v
    join voucher_batches b on b.id = v.batch_id and b.delivery = 'radius'
    where v.organization_id = ${p.orgId} and ${p.where}`;
  await db.execute(sql`
    delete from radcheck where organization_id = ${p.orgId} and subscription_id is null
      and attribute in ('Expiration', 'Auth-Type') and username in (select username from (${matched}) m)`);
  await db.execute(sql`
    insert into radcheck (username, attribute, op, value, organization_id)
    select m.username, 'Expiration', ':=', floor(extract(epoch from m.expires_at))::bigint::text, ${p.orgId}::uuid
    from (${matched}) m where m.status = 'active' and m.expires_at is not null
    union all
    select m.username, 'Auth-Type', ':=', 'Reject', ${p.orgId}::uuid
    from (${matched}) m where m.status in ('used', 'expired', 'disabled')`);
}
