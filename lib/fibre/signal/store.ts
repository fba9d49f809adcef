import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OnuState, SignalLevel } from '@/db/enums';
import type { PolledOnu } from '../types';

/** Readings older than this many days are deleted (pruneReadings); the chart shows 7. */
export const ONU_READING_DAYS = 30;

export type StoreResult = {
  /** Polled ONUs that are registered in Jaring (the rest of the walk is ignored). */
  stored: number;
  /** Of those, how many changed state since the last poll. */
  changed: number;
};

/**
 * One poll of an OLT into the database, set-based: every polled ONU registered on one of the
 * OLT's PON ports (matched by slot, port and ONU index — a C320 or MA5608T has one shelf,
 * and ZTE's SNMP index does not carry it) gets its state, RX power, level against the
 * organization's thresholds and `state_changed_at` when its state moved, and one reading row.
 * One statement: the update and the insert see the same match. A down ONU has no RX power
 * and so no level: its state says why.
 */
export async function storeReadings(
  db: Db,
  p: { orgId: string; oltId: string; readings: PolledOnu[]; at?: Date },
): Promise<StoreResult> {
  if (p.readings.length === 0) return { stored: 0, changed: 0 };
  const at = (p.at ?? new Date()).toISOString();
  const rows = JSON.stringify(
    p.readings.map((r) => ({ s: r.slot, p: r.port, o: r.onuIndex, st: r.state, rx: r.rxPowerDbm })),
  );
  const [row] = await db.execute<{ stored: number; changed: number }>(sql`
    with input as (
      select * from jsonb_to_recordset(${rows}::jsonb) as r(s int, p int, o int, st text, rx float8)),
    org as (
      select onu_warning_dbm as w, onu_critical_dbm as c from organizations where id = ${p.orgId}),
    matched as (
      select distinct on (o.id) o.id, o.state as old_state, i.st as state,
             case when i.st = 'working' then i.rx end as rx
      from input i
      join olt_pon_ports pp on pp.organization_id = ${p.orgId} and pp.olt_id = ${p.oltId}
        and pp.slot = i.s and pp.port = i.p
      join onus o on o.organization_id = ${p.orgId} and o.pon_port_id = pp.id and o.onu_index = i.o),
    leveled as (
      select m.*, case when m.rx is null then null when m.rx <= org.c then 'critical'
                       when m.rx <= org.w then 'warning' else 'ok' end as level
      from matched m cross join org),
    upd as (
      update onus o set state = l.state, rx_power_dbm = l.rx, level = l.level, last_polled_at = ${at}::timestamptz,
        state_changed_at = case when o.state is distinct from l.state then ${at}::timestamptz else o.state_changed_at end,
        updated_at = now()
      from leveled l where o.id = l.id and o.organization_id = ${p.orgId}
      returning o.id),
    ins as (
      insert into onu_readings (organization_id, onu_id, at, state, rx_power_dbm)
      select ${p.orgId}, id, ${at}::timestamptz, state, rx from leveled
      on conflict (onu_id, at) do nothing
      returning 1)
    select (select count(*)::int from upd) as stored,
           (select count(*)::int from leveled where old_state is distinct from state) as changed,
           (select count(*)::int from ins) as inserted`);
  return { stored: row?.stored ?? 0, changed: row?.changed ?? 0 };
}

export type LatestSignal = {
  onuId: string;
  serial: string;
  name: string | null;
  oltId: string;
  oltName: string;
  ponPort: string;
  onuIndex: number;
  state: OnuState;
  level: SignalLevel | null;
  rxPowerDbm: number | null;
  lastPolledAt: Date | null;
  stateChangedAt: Date | null;
};

/** A subscription's ONU as last polled (the customer page's redaman card); null: no ONU. */
export async function latestSignal(db: Db, p: { orgId: string; subscriptionId: string }): Promise<LatestSignal | null> {
  const [row] = await db.execute<Record<string, unknown>>(sql`
    select o.id, o.serial, o.name, o.olt_id, t.name as olt_name, pp.name as pon_port, o.onu_index, o.state,
           o.level, o.rx_power_dbm, o.last_polled_at, o.state_changed_at
    from onus o
    join olts t on t.id = o.olt_id and t.organization_id = ${p.orgId}
    join olt_pon_ports pp on pp.id = o.pon_port_id and pp.organization_id = ${p.orgId}
    where o.organization_id = ${p.orgId} and o.subscription_id = ${p.subscriptionId}
    order by o.last_polled_at desc nulls last, o.registered_at desc
    limit 1`);
  if (!row) return null;
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    onuId: row.id as string,
    serial: row.serial as string,
    name: (row.name as string | null) ?? null,
    oltId: row.olt_id as string,
    oltName: row.olt_name as string,
    ponPort: row.pon_port as string,
    onuIndex: row.onu_index as number,
    state: row.state as OnuState,
    level: (row.level as SignalLevel | null) ?? null,
    rxPowerDbm: row.rx_power_dbm === null ? null : Number(row.rx_power_dbm),
    lastPolledAt: date(row.last_polled_at),
    stateChangedAt: date(row.state_changed_at),
  };
}

export type SignalPoint = { at: string; rxPowerDbm: number | null; down: boolean };

/**
 * An ONU's RX power over the last `days`, one point per hour (the average of its readings;
 * `down` when any reading of the hour had no light), oldest first: at a 5-minute poll a week
 * is 2,016 readings, too many for a phone's chart.
 */
export async function signalHistory(
  db: Db,
  p: { orgId: string; onuId: string; days?: number; now?: Date },
): Promise<SignalPoint[]> {
  const now = p.now ?? new Date();
  const since = new Date(now.getTime() - (p.days ?? 7) * 86_400_000).toISOString();
  const rows = await db.execute<{ hour: Date; rx: number | null; down: boolean }>(sql`
    select date_trunc('hour', at) as hour, avg(rx_power_dbm) as rx, bool_or(state <> 'working') as down
    from onu_readings
    where organization_id = ${p.orgId} and onu_id = ${p.onuId} and at >= ${since}::timestamptz
    group by 1 order by 1`);
  return rows.map((r) => ({
    at: new Date(r.hour).toISOString(),
    rxPowerDbm: r.rx === null ? null : Math.round(Number(r.rx) * 100) / 100,
    down: Boolean(r.down),
  }));
}

/** Deletes readings older than ONU_READING_DAYS (the fibre tick runs it once an hour). */
export async function pruneReadings(db: Db, p: { now?: Date } = {}) {
  const before = new Date((p.now ?? new Date()).getTime() - ONU_READING_DAYS * 86_400_000).toISOString();
  const rows = await db.execute(sql`delete from onu_readings where at < ${before}::timestamptz returning 1`);
  return rows.length;
}
