/** How customers are numbered and found: the number counter and the one search index. */
import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, subscriptions } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { contains } from '@/lib/server/search';
import { formatCustomerNumber } from './customer-number';
import { normalizePhone } from './phone';

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

/**
 * The search box takes a name, a phone number in any form, a service username or a customer
 * number (C-000123 or 123). One trigram index on search_text serves all of them.
 */
export function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const phone = /^[+0-9][0-9\s-]{5,}$/.test(q) ? normalizePhone(q) : null;
  const term = (phone ?? q).toLowerCase();
  const number = q.match(/^(?:c-?)?0*(\d{1,9})$/i);
  const like = term.length >= 3 ? sql`${customers.searchText} like ${contains(term)}` : undefined;
  const byNumber = number ? eq(customers.number, Number(number[1])) : undefined;
  if (!like && !byNumber) throw new AppError('search_too_short');
  return or(like, byNumber);
}
