import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { infraSites, olts } from '@/db/schema';
import { createOlt, createPonPort } from '@/lib/fibre/olts';

/**
 * The demo's fibre: a ZTE C320 (on the map's OLT-01) and a Huawei MA5608T, on documentation
 * addresses (192.0.2.x, TEST-NET-1) where no OLT answers, so both show offline with the
 * reason. Their PON ports feed the demo's ODC cabinets and ODPs, and every active customer on
 * an ODP has an ONU with 7 days of hourly readings: most fine, a few at warning, one
 * critical and one LOS, so the ONU list, the redaman chart and the map have something to show.
 */
export async function seedDemoFibre(db: Db, p: { orgId: string; noc: string }) {
  const [oltSite] = await db
    .select({ id: infraSites.id })
    .from(infraSites)
    .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'olt')))
    .orderBy(asc(infraSites.code))
    .limit(1);
  const common = { orgId: p.orgId, actorUserId: p.noc, username: 'jaring', password: 'demo-olt-password' };
  const zte = await createOlt(db, {
    ...common,
    name: 'OLT ZTE POP Wetan',
    vendor: 'zte',
    model: 'C320',
    host: '192.0.2.10',
    snmpCommunity: 'public',
    siteId: oltSite?.id,
  });
  const huawei = await createOlt(db, {
    ...common,
    name: 'OLT Huawei Griya',
    vendor: 'huawei',
    model: 'MA5608T',
    host: '192.0.2.20',
    transport: 'ssh',
    snmpCommunity: 'public',
  });
  const unreachable = 'Demo: 192.0.2.x adalah alamat dokumentasi, tidak ada OLT di sana. Ubah host ke OLT Anda.';
  await db
    .update(olts)
    .set({ status: 'offline', lastCheckedAt: new Date(), lastError: unreachable, lastPollError: unreachable })
    .where(eq(olts.organizationId, p.orgId));
  const ports = [];
  for (const port of [1, 2, 3, 4])
    ports.push(await createPonPort(db, { orgId: p.orgId, oltId: zte.id, frame: 1, slot: 1, port }));
  for (const port of [0, 1])
    ports.push(await createPonPort(db, { orgId: p.orgId, oltId: huawei.id, frame: 0, slot: 1, port }));
  const portIds = sql.raw(`array[${ports.map((x) => `'${x.id}'::uuid`).join(',')}]`);

  // ODCs in code order take the ports in turn; each ODP follows its ODC's port (an ODP on
  // no ODC gets one directly), so the topology reads OLT → port → ODC → ODP.
  await db.execute(sql`
    with numbered as (
      select id, row_number() over (order by code) - 1 as n from infra_sites
      where organization_id = ${p.orgId} and kind = 'odc')
    update infra_sites s set pon_port_id = (${portIds})[(numbered.n % ${ports.length}) + 1]
    from numbered where s.id = numbered.id`);
  await db.execute(sql`
    with numbered as (
      select o.id, coalesce(c.pon_port_id, (${portIds})[((row_number() over (order by o.code) - 1) % ${ports.length}) + 1]) as port
      from odps o left join infra_sites c on c.id = o.odc_id
      where o.organization_id = ${p.orgId})
    update odps o set pon_port_id = numbered.port from numbered where o.id = numbered.id`);

  // One ONU per active subscription on an ODP, numbered per port; its RX power a steady
  // value between -17 and -24 dBm, with a few weak drops and one cut fibre.
  await db.execute(sql`
    insert into onus (organization_id, olt_id, pon_port_id, onu_index, serial, name, subscription_id, state, level,
      rx_power_dbm, tx_power_dbm, olt_rx_power_dbm, state_changed_at, last_polled_at, registered_at)
    select ${p.orgId}, pp.olt_id, pp.id, row_number() over (partition by pp.id order by s.created_at, s.id),
      case when ol.vendor = 'zte' then 'ZTEG' else 'HWTC' end || upper(substr(md5(s.id::text), 1, 8)),
      s.service_username, s.id, 'working', 'ok',
      round((-17 - (abs(hashtext(s.id::text)) % 700) / 100.0)::numeric, 2), 2.1, -22.4,
      now() - interval '7 days', now(), s.created_at
    from subscriptions s
    join odps o on o.id = s.odp_id
    join olt_pon_ports pp on pp.id = o.pon_port_id
    join olts ol on ol.id = pp.olt_id
    where s.organization_id = ${p.orgId} and s.status = 'active'`);
  const weak = await db.execute<{ id: string }>(sql`
    select id from onus where organization_id = ${p.orgId} order by serial limit 6`);
  const [critical, los, ...warnings] = weak.map((r) => r.id);
  for (const [i, id] of warnings.entries())
    await db.execute(sql`update onus set rx_power_dbm = ${-25.3 - i * 0.4}, level = 'warning' where id = ${id}`);
  if (critical)
    await db.execute(
      sql`update onus set rx_power_dbm = -28.6, level = 'critical', alerted_state = 'critical' where id = ${critical}`,
    );
  if (los)
    await db.execute(sql`
      update onus set state = 'los', level = null, rx_power_dbm = null, tx_power_dbm = null, olt_rx_power_dbm = null,
        state_changed_at = now() - interval '5 hours', alerted_state = 'los' where id = ${los}`);

  // Hourly readings for 7 days: the level drifting around today's value; the weak ones
  // sliding down over the last two days, the LOS one dark for its last five hours.
  await db.execute(sql`
    insert into onu_readings (organization_id, onu_id, at, state, rx_power_dbm)
    select o.organization_id, o.id, h.at,
      case when o.state = 'los' and h.at > now() - interval '5 hours' then 'los' else 'working' end,
      case when o.state = 'los' and h.at > now() - interval '5 hours' then null
        else round((coalesce(o.rx_power_dbm, -19.5)
          + case when o.level in ('warning', 'critical') then extract(epoch from now() - h.at) / 86400.0 * 1.2 else 0 end
          + sin(extract(epoch from h.at) / 21600.0 + abs(hashtext(o.id::text)) % 7) * 0.3)::numeric, 2) end
    from onus o
    cross join lateral generate_series(date_trunc('hour', now()) - interval '7 days', date_trunc('hour', now()), interval '1 hour') as h(at)
    where o.organization_id = ${p.orgId}`);
  return { olts: 2, ports: ports.length };
}
