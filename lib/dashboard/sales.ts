import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { ticketCounts } from '@/lib/tickets/queries';

/**
 * Leads by stage and how many became customers, the coverage answers leads got when they
 * were entered (the only coverage checks that are stored: a check on the map is not
 * recorded), and new customers per salesperson (converted leads by who entered them).
 * All over the last 90 days. And the helpdesk's open tickets (customer service works them).
 */
export async function salesDashboard(db: Db, p: { orgId: string }) {
  const { orgId } = p;
  const [stages, coverage, people, tickets] = await Promise.all([
    db.execute<{ status: 'new' | 'converted' | 'rejected'; n: number }>(sql`
      select status, count(*)::int as n from leads
      where organization_id = ${orgId} and created_at >= now() - interval '90 days' group by status`),
    db.execute<{ result: string; n: number }>(sql`
      select case when (coverage->>'ok')::boolean then 'covered' else coalesce(coverage->>'reason', 'no_odp') end as result,
        count(*)::int as n
      from leads where organization_id = ${orgId} and created_at >= now() - interval '90 days' group by 1`),
    db.execute<{ userId: string | null; name: string | null; leads: number; converted: number }>(sql`
      select l.created_by as "userId", u.name, count(*)::int as leads,
        count(*) filter (where l.status = 'converted')::int as converted
      from leads l left join users u on u.id = l.created_by
      where l.organization_id = ${orgId} and l.created_at >= now() - interval '90 days'
      group by l.created_by, u.name order by converted desc, leads desc limit 10`),
    ticketCounts(db, { orgId }),
  ]);
  const of = (s: string) => stages.find((r) => r.status === s)?.n ?? 0;
  const total = of('new') + of('converted') + of('rejected');
  return {
    stages: { new: of('new'), converted: of('converted'), rejected: of('rejected') },
    conversionRate: total ? of('converted') / total : 0,
    coverage: ['covered', 'out_of_range', 'odp_full', 'no_odp'].map((result) => ({
      result,
      n: coverage.find((r) => r.result === result)?.n ?? 0,
    })),
    perSalesperson: [...people],
    tickets,
  };
}
export type SalesDashboard = Awaited<ReturnType<typeof salesDashboard>>;
