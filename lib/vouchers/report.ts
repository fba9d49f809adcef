import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { toCsv } from '@/lib/server/csv';
import { voucherSales } from './queries';

type Period = { orgId: string; from: string; to: string };

/** First logins per day (organization zone) and profile: how many vouchers came into use. */
async function voucherFirstLogins(db: Db, p: Period) {
  const rows = await db.execute<{ day: string; profileName: string; used: number }>(sql`
    select to_char(v.first_login_at at time zone o.timezone, 'YYYY-MM-DD') as day, pr.name as "profileName", count(*)::int as used
    from vouchers v
    join organizations o on o.id = v.organization_id
    join voucher_profiles pr on pr.id = v.profile_id and pr.organization_id = v.organization_id
    where v.organization_id = ${p.orgId} and v.first_login_at is not null
      and v.first_login_at >= (${p.from}::date)::timestamp at time zone o.timezone
      and v.first_login_at < ((${p.to}::date) + 1)::timestamp at time zone o.timezone
    group by 1, 2`);
  return [...rows];
}

type Sums = { sold: number; used: number; revenue: number };
const add = <K extends string>(map: Map<K, Sums>, key: K, d: Partial<Sums>) => {
  const cur = map.get(key) ?? { sold: 0, used: 0, revenue: 0 };
  map.set(key, {
    sold: cur.sold + (d.sold ?? 0),
    used: cur.used + (d.used ?? 0),
    revenue: cur.revenue + (d.revenue ?? 0),
  });
};

/**
 * The sales report: vouchers sold (with revenue) and first used, per day, per profile and per
 * seller (the organization itself or a reseller), plus totals. Used counts have no seller:
 * whoever sold a voucher, its use is the same to the network.
 */
export async function voucherSalesReport(db: Db, p: Period) {
  const [sales, logins] = await Promise.all([voucherSales(db, p), voucherFirstLogins(db, p)]);
  const days = new Map<string, Sums>();
  const profiles = new Map<string, Sums>();
  const resellers = new Map<string, Sums & { resellerUserId: string | null; resellerName: string | null }>();
  for (const s of sales) {
    add(days, s.day, s);
    add(profiles, s.profileName, s);
    const key = s.resellerUserId ?? '';
    const cur = resellers.get(key) ?? {
      resellerUserId: s.resellerUserId,
      resellerName: s.resellerName,
      sold: 0,
      used: 0,
      revenue: 0,
    };
    resellers.set(key, { ...cur, sold: cur.sold + s.sold, revenue: cur.revenue + s.revenue });
  }
  for (const l of logins) {
    add(days, l.day, { used: l.used });
    add(profiles, l.profileName, { used: l.used });
  }
  const totals = [...days.values()].reduce(
    (t, d) => ({ sold: t.sold + d.sold, used: t.used + d.used, revenue: t.revenue + d.revenue }),
    { sold: 0, used: 0, revenue: 0 },
  );
  return {
    from: p.from,
    to: p.to,
    days: [...days].map(([day, v]) => ({ day, ...v })).sort((a, b) => b.day.localeCompare(a.day)),
    profiles: [...profiles]
      .map(([profileName, v]) => ({ profileName, ...v }))
      .sort((a, b) => b.revenue - a.revenue || a.profileName.localeCompare(b.profileName)),
    resellers: [...resellers.values()].sort((a, b) => b.revenue - a.revenue),
    totals,
  };
}

export type VoucherSalesReport = Awaited<ReturnType<typeof voucherSalesReport>>;

/** The report as CSV tables (days, then profiles, then sellers), for a spreadsheet. */
export function salesReportCsv(r: VoucherSalesReport, own: string): string {
  const lines: (string | number)[][] = [
    ['day', 'sold', 'used', 'revenue'],
    ...r.days.map((d) => [d.day, d.sold, d.used, d.revenue]),
    [],
    ['profile', 'sold', 'used', 'revenue'],
    ...r.profiles.map((d) => [d.profileName, d.sold, d.used, d.revenue]),
    [],
    ['seller', 'sold', 'revenue'],
    ...r.resellers.map((d) => [d.resellerName ?? own, d.sold, d.revenue]),
    [],
    ['total', r.totals.sold, r.totals.used, r.totals.revenue],
  ];
  return toCsv(lines);
}
