/**
 * Day attribution of traffic, pure so it can be tested without a router or RADIUS.
 * Days are the organization's local calendar days (`YYYY-MM-DD`); bytesIn is traffic to
 * the customer (download), bytesOut from them (upload).
 */
export type DayUsage = { day: string; bytesIn: number; bytesOut: number };

const dayFormat = new Map<string, Intl.DateTimeFormat>();
/** The local calendar day of a moment. */
export function localDay(at: Date, timeZone: string): string {
  let f = dayFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormat.set(timeZone, f);
  }
  return f.format(at);
}

/** The UTC moment a local day starts (handles any fixed or DST zone by one correction). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const offset = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    const local = Date.parse(
      `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`,
    );
    return local - t;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

function addDay(day: string, n = 1): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * A RADIUS session's totals spread over the local days it covered, in proportion to the
 * time spent in each (accounting only gives totals per session: a session across midnight
 * is split by the hours on each side). Integer bytes; the rounding remainder goes to the
 * last day so the parts add up to the total.
 */
export function spreadSession(
  s: { start: Date; end: Date; bytesIn: number; bytesOut: number },
  timeZone: string,
): DayUsage[] {
  const start = s.start.getTime();
  const end = Math.max(s.end.getTime(), start);
  const firstDay = localDay(s.start, timeZone);
  const lastDay = localDay(new Date(end), timeZone);
  if (firstDay === lastDay || end === start) return [{ day: firstDay, bytesIn: s.bytesIn, bytesOut: s.bytesOut }];
  const out: DayUsage[] = [];
  let given = { in: 0, out: 0 };
  for (let day = firstDay; day <= lastDay; day = addDay(day)) {
    const from = Math.max(start, startOfLocalDay(day, timeZone).getTime());
    const to = Math.min(end, startOfLocalDay(addDay(day), timeZone).getTime());
    const share = (to - from) / (end - start);
    if (day === lastDay) {
      out.push({ day, bytesIn: s.bytesIn - given.in, bytesOut: s.bytesOut - given.out });
    } else {
      const part = { day, bytesIn: Math.round(s.bytesIn * share), bytesOut: Math.round(s.bytesOut * share) };
      given = { in: given.in + part.bytesIn, out: given.out + part.bytesOut };
      out.push(part);
    }
  }
  return out;
}

export type CounterReading = { sessionKey: string; bytesIn: number; bytesOut: number };

/**
 * What a router counter reading adds since the previous one. The router counts per session:
 * another session (a new item id after a reconnect) or a counter smaller than before (the
 * session restarted under the same id) starts from zero, so the whole reading is new traffic.
 * With no previous reading there is nothing to compare: the reading only becomes the baseline
 * (its bytes may belong to earlier days).
 */
export function counterDelta(prev: CounterReading | null, next: CounterReading): { bytesIn: number; bytesOut: number } {
  if (!prev) return { bytesIn: 0, bytesOut: 0 };
  const restarted = prev.sessionKey !== next.sessionKey || next.bytesIn < prev.bytesIn || next.bytesOut < prev.bytesOut;
  if (restarted) return { bytesIn: next.bytesIn, bytesOut: next.bytesOut };
  return { bytesIn: next.bytesIn - prev.bytesIn, bytesOut: next.bytesOut - prev.bytesOut };
}

/** Adds day rows together, sorted by day. */
export function sumByDay(rows: DayUsage[]): DayUsage[] {
  const by = new Map<string, DayUsage>();
  for (const r of rows) {
    const cur = by.get(r.day) ?? { day: r.day, bytesIn: 0, bytesOut: 0 };
    by.set(r.day, { day: r.day, bytesIn: cur.bytesIn + r.bytesIn, bytesOut: cur.bytesOut + r.bytesOut });
  }
  return [...by.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Every day from `from` to `to` (inclusive), zero where there was no traffic. */
export function fillDays(rows: DayUsage[], from: string, to: string): DayUsage[] {
  const by = new Map(rows.map((r) => [r.day, r]));
  const out: DayUsage[] = [];
  for (let day = from; day <= to; day = addDay(day)) out.push(by.get(day) ?? { day, bytesIn: 0, bytesOut: 0 });
  return out;
}
