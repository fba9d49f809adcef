import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, subscriptions } from '@/db/schema';
import { formatCustomerNumber } from './constants';

/**
 * Takes the next customer numbers for an organization. The counter row stays locked until
 * the caller's transaction ends, so numbers are sequential and a rollback leaves no gap.
 */
export async function allocateCustomerNumbers(db: Db, orgId: string, count = 1): Promise<number[]> {
  const [row] = await db.execute<{ last_number: number }>(sql`
    insert into customer_counters (organization_id, last_number) values (${orgId}, ${count})
    on conflict (organization_id) do update set last_number = customer_counters.last_number + ${count}
    returning last_number`);
  const last = Number(row!.last_number);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** What the single trigram index searches: name, phone, C-number and service usernames. */
export function searchTextFor(c: { name: string; phone: string; number: number }, usernames: string[] = []) {
  return [c.name, c.phone, formatCustomerNumber(c.number), ...usernames].join(' ').toLowerCase();
}

export async function refreshSearchText(db: Db, customerId: string) {
  await db.execute(sql`
    update ${customers} c set search_text = lower(concat_ws(' ', c.name, c.phone, 'c-' || lpad(c.number::text, greatest(6, length(c.number::text)), '0'),
      (select string_agg(s.service_username, ' ') from ${subscriptions} s where s.customer_id = c.id)))
    where c.id = ${customerId}`);
}
