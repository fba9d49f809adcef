import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { billingSettings, organizations } from '@/db/schema';
import { generateBatch } from '@/lib/vouchers/batches';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import { voucherProfileSchema } from '@/lib/vouchers/schemas';
import { buyVouchers } from '@/lib/wallet/purchase';
import { decideTopup, requestTopup } from '@/lib/wallet/topups';
import type { DemoUsers } from './demo-bulk';

/** Where a demo customer or reseller is told to transfer to (Pengaturan tagihan). */
export const DEMO_BANK_ACCOUNTS =
  'BCA 123-456-7890 a.n. PT Jaring Demo Net\nBRI 0123-01-000456-30-1 a.n. PT Jaring Demo Net';

/**
 * The demo ISP's hotspot business: voucher profiles, a batch of its own stock partly sold
 * and used, and the demo reseller's wallet (two approved transfers, one waiting, two
 * purchases), through the same functions the pages call, then dated over the last weeks.
 * Also the billing settings a customer or reseller needs to pay by transfer.
 */
export async function seedDemoShop(db: Db, p: { orgId: string; admin: string; users: DemoUsers }) {
  const { orgId } = p;
  await db
    .insert(billingSettings)
    .values({
      organizationId: orgId,
      companyAddress: 'Jl. Melati No. 1, Bandung 40115',
      bankAccounts: DEMO_BANK_ACCOUNTS,
    })
    .onConflictDoNothing();
  await db
    .update(organizations)
    .set({ hotspotLoginUrl: 'http://hotspot.demo.jaring.id/login' })
    .where(sql`${organizations.id} = ${orgId}`);
  const staff = { orgId, actorUserId: p.admin, ip: null };
  const profile = async (name: string, price: number, cost: number, validityMinutes: number, rateLimit: string) =>
    saveVoucherProfile(db, {
      ...staff,
      input: voucherProfileSchema.parse({
        name,
        priceRupiah: String(price),
        costRupiah: String(cost),
        validityMinutes: String(validityMinutes),
        timeQuotaMinutes: '',
        dataQuotaMb: '',
        rateLimit,
        sharedUsers: '1',
        routerProfile: '',
        radiusGroup: '',
      }),
    });
  const [hours, day, week] = [
    await profile('Voucher 3 Jam', 2000, 1500, 180, '3M/3M'),
    await profile('Voucher Harian', 5000, 4000, 1440, '5M/5M'),
    await profile('Voucher Mingguan', 25000, 21000, 10080, '5M/5M'),
  ];
  const own = await generateBatch(db, {
    ...staff,
    input: {
      profileId: day.id,
      count: 200,
      codeLength: 6,
      charset: 'upper_numeric',
      prefix: 'JD',
      passwordMode: 'same',
      delivery: 'radius',
      routerId: null,
      resellerUserId: null,
    },
  });
  const reseller = { orgId, resellerUserId: p.users.reseller, ip: null };
  const topup = async (amount: number, note: string, approve: boolean) => {
    const request = await requestTopup(db, { orgId, actorUserId: p.users.reseller, ip: null, input: { amount, note } });
    if (approve)
      await decideTopup(db, {
        orgId,
        actorUserId: p.users.finance,
        ip: null,
        requestId: request.id,
        decision: 'approve',
      });
  };
  await topup(300_000, 'Transfer BCA 12/11', true);
  const first = await buyVouchers(db, { ...reseller, input: { profileId: day.id, count: 50 } });
  await buyVouchers(db, { ...reseller, input: { profileId: hours.id, count: 40 } });
  await topup(200_000, 'Transfer BRI 28/11', true);
  await buyVouchers(db, { ...reseller, input: { profileId: week.id, count: 4 } });
  await topup(150_000, 'Transfer BCA hari ini', false);
  await dateTheShop(db, { orgId, own: own.id, sold: first.batch.id });
}

/**
 * Spreads what was just made over the last four weeks (in the order it was made, so the
 * ledger's running balance still reads top to bottom; requests and batches take their
 * ledger entry's time), then marks vouchers as used, in use and expired as the voucher pass
 * would have after their logins.
 */
async function dateTheShop(db: Db, p: { orgId: string; own: string; sold: string }) {
  await db.execute(sql`
    update wallet_entries t set created_at = t.created_at - make_interval(days => n.days_back)
    from (select id, (26 - 22 * (row_number() over (order by created_at, id) - 1) / greatest(count(*) over () - 1, 1))::int as days_back
          from wallet_entries where organization_id = ${p.orgId}) n
    where n.id = t.id`);
  await db.execute(sql`
    update wallet_topup_requests r set decided_at = e.created_at, created_at = e.created_at - interval '40 minutes'
    from wallet_entries e
    where e.organization_id = ${p.orgId} and e.ref_type = 'topup_request' and e.ref_id = r.id::text`);
  await db.execute(sql`
    update voucher_batches b set created_at = coalesce(
      (select e.created_at from wallet_entries e where e.organization_id = ${p.orgId} and e.ref_type = 'voucher_batch' and e.ref_id = b.id::text),
      now() - interval '27 days')
    where b.organization_id = ${p.orgId}`);
  await db.execute(sql`
    update vouchers v set created_at = b.created_at, sold_at = case when v.sold_at is not null then b.created_at end
    from voucher_batches b where b.id = v.batch_id and v.organization_id = ${p.orgId}`);
  // Own stock: 110 sold over the month (counted at their first login), 12 in use now, 9 expired.
  await db.execute(sql`
    update vouchers v set
      status = case when n.rn <= 110 then 'used' when n.rn <= 122 then 'active' else 'expired' end,
      first_login_at = case when n.rn <= 110 then now() - make_interval(days => 1 + n.rn % 25, hours => n.rn % 12)
                            when n.rn <= 122 then now() - make_interval(hours => 1 + n.rn % 20)
                            else now() - make_interval(days => 2 + n.rn % 5) end,
      used_seconds = case when n.rn <= 122 then 3600 + n.rn * 97 % 40000 else 600 end,
      used_bytes = (n.rn * 7919 % 1500 + 50)::bigint * 1048576
    from (select id, row_number() over (order by code)::int as rn from vouchers where batch_id = ${p.own}) n
    where n.id = v.id and n.rn <= 131`);
  await db.execute(sql`
    update vouchers set sold_at = first_login_at, expires_at = first_login_at + interval '1 day'
    where batch_id = ${p.own} and first_login_at is not null`);
  // The reseller's first purchase: most of it sold on to their customers and used.
  await db.execute(sql`
    update vouchers v set status = 'used', first_login_at = v.sold_at + make_interval(days => n.rn % 3, hours => 3 + n.rn % 9),
      expires_at = v.sold_at + make_interval(days => 1 + n.rn % 3, hours => 3 + n.rn % 9),
      used_seconds = 86400, used_bytes = (n.rn * 7919 % 2500 + 200)::bigint * 1048576
    from (select id, row_number() over (order by code)::int as rn from vouchers where batch_id = ${p.sold}) n
    where n.id = v.id and n.rn <= 34`);
}
