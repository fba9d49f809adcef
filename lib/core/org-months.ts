import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * `column` falls within months `from`..`to` (YYYY-MM, inclusive) of the organization's
 * calendar: from 00:00 on the 1st of `from` to 00:00 on the 1st after `to`, in its time zone —
 * the months the dashboard counts by, so a list it opens holds the same rows.
 */
export function inOrganizationMonths(column: AnyColumn, orgId: string, from: string, to = from): SQL {
  const zone = sql`(select o.timezone from organizations o where o.id = ${orgId})`;
  return sql`${column} >= (${`${from}-01`}::date::timestamp at time zone ${zone})
    and ${column} < ((${`${to}-01`}::date + interval '1 month')::timestamp at time zone ${zone})`;
}
