import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { cables, customers, organizations, radacct, routerSessions, routers, subscriptions } from '@/db/schema';
import { cableGeometry } from '@/lib/infrastructure/cable-path';
import type { CablePath } from '@/lib/infrastructure/constants';
import { nearestFreeOdps } from '@/lib/infrastructure/coverage';
import { distanceMeters } from '@/lib/infrastructure/geo';
import type { MapFeatures } from '@/lib/infrastructure/map';
import { mapCoverageOp, mapFeaturesOp, mapSearchOp } from '@/lib/infrastructure/map-operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOdp, makeOrg, makePlan, testDb } from '../helpers';

const db = testDb();
// A view of about 2 km in Bandung: west, south, east, north.
const VIEW = { west: 107.6, south: -6.92, east: 107.62, north: -6.9 };
const BBOX = `${VIEW.west},${VIEW.south},${VIEW.east},${VIEW.north}`;

async function world() {
  const { org, admin } = await makeOrg(db, 'map');
  const plan = await makePlan(db, org.id);
  return { org, plan, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

let seq = 0;
/** A customer with one subscription (optionally on a router), placed at lat/lng. */
async function customerAt(
  orgId: string,
  planId: string,
  at: { lat: number; lng: number } | null,
  over: { status?: 'active' | 'isolated' | 'terminated' | 'pending'; routerId?: string; name?: string } = {},
) {
  const number = ++seq;
  const username = `map${randomUUID().slice(0, 8)}`;
  const [c] = await db
    .insert(customers)
    .values({
      organizationId: orgId,
      number,
      name: over.name ?? `Pelanggan ${number}`,
      phone: '6281200000000',
      address: `Jl. Peta No. ${number}`,
      status: over.status ?? 'active',
      planId,
      latitude: at?.lat ?? null,
      longitude: at?.lng ?? null,
      searchText: (over.name ?? `pelanggan ${number}`).toLowerCase(),
    })
    .returning();
  const [s] = await db
    .insert(subscriptions)
    .values({
      organizationId: orgId,
      customerId: c!.id,
      planId,
      billingType: 'postpaid',
      serviceUsername: username,
      servicePasswordEnc: 'x',
      status: over.status ?? 'active',
      routerId: over.routerId ?? null,
    })
    .returning();
  return { customer: c!, subscription: s! };
}

async function features(ctx: Ctx, input: Record<string, unknown>): Promise<MapFeatures> {
  const r = await executeOperation(mapFeaturesOp, ctx, { bbox: BBOX, zoom: '15', ...input });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}
const points = (f: MapFeatures) => {
  assert.equal(f.customers?.mode, 'points');
  return f.customers.mode === 'points' ? f.customers.items : [];
};

describe('map bounds query', () => {
  test('returns exactly the customers inside the view, of this organization only', async () => {
    const { org, plan, ctx } = await world();
    const e = 0.0001;
    const inside = {
      nearSouth: { lat: VIEW.south + e, lng: 107.61 },
      nearNorth: { lat: VIEW.north - e, lng: 107.61 },
      nearWest: { lat: -6.91, lng: VIEW.west + e },
      nearEast: { lat: -6.91, lng: VIEW.east - e },
    };
    const outside = [
      { lat: VIEW.south - e, lng: 107.61 },
      { lat: VIEW.north + e, lng: 107.61 },
      { lat: -6.91, lng: VIEW.west - e },
      { lat: -6.91, lng: VIEW.east + e },
    ];
    const ids = new Map<string, string>();
    for (const [name, at] of Object.entries(inside))
      ids.set((await customerAt(org.id, plan.id, at, { name })).customer.id, name);
    for (const at of outside) await customerAt(org.id, plan.id, at);
    await customerAt(org.id, plan.id, { lat: -6.91, lng: 107.61 }, { status: 'terminated' });
    await customerAt(org.id, plan.id, null);
    const other = await world();
    await customerAt(other.org.id, other.plan.id, { lat: -6.91, lng: 107.61 });

    const items = points(await features(ctx, { layers: 'customers' }));
    assert.deepEqual(items.map((c) => ids.get(c.id)).sort(), Object.keys(inside).sort());
    const north = items.find((c) => ids.get(c.id) === 'nearNorth')!;
    assert.deepEqual(
      [north.lat, north.lng, north.name, north.status, north.address],
      [inside.nearNorth.lat, 107.61, 'nearNorth', 'active', north.address],
    );
    assert.match(north.number, /^C-\d{6}$/);
    assert.equal(north.planName, plan.name);
  });

  test('above 3,000 customers in view the map gets clusters whose counts add up', async () => {
    const { org, plan, ctx } = await world();
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, plan_id, latitude, longitude)
      select ${org.id}, 100000 + g, 'Padat ' || g, '62812', 'Jl. Padat', 'active', ${plan.id},
        ${VIEW.south}::float8 + (g % 61) * 0.0003, ${VIEW.west}::float8 + (g / 61) * 0.0003
      from generate_series(0, 3199) g`);
    const f = await features(ctx, { layers: 'customers', zoom: '14' });
    assert.equal(f.customers?.mode, 'clusters');
    assert.ok(f.customers.mode === 'clusters');
    assert.equal(f.customers.total, 3200);
    assert.equal(
      f.customers.items.reduce((s, c) => s + c.count, 0),
      3200,
    );
    assert.ok(
      f.customers.items.length > 1 &&
        f.customers.items.every((c) => c.lat >= VIEW.south && c.lat <= VIEW.north && c.count > 0),
    );
    // Zoomed in on a corner: individual points again.
    const corner = await features(ctx, {
      layers: 'customers',
      bbox: `${VIEW.west},${VIEW.south},${VIEW.west + 0.002},${VIEW.south + 0.002}`,
      zoom: '18',
    });
    assert.equal(corner.customers?.mode, 'points');
  });

  test('active customers show offline when their router says so', async () => {
    const { org, plan, ctx } = await world();
    const router = async (over: Partial<typeof routers.$inferInsert>) =>
      (
        await db
          .insert(routers)
          .values({
            organizationId: org.id,
            name: `RB-${randomUUID().slice(0, 6)}`,
            host: '10.0.0.1',
            username: 'api',
            passwordEnc: 'x',
            ...over,
          })
          .returning()
      )[0]!;
    const api = await router({ status: 'online', lastSeenAt: new Date() });
    const down = await router({ status: 'offline', lastSeenAt: new Date() });
    const neverRead = await router({ status: 'unknown' });
    const radius = await router({ mode: 'radius', status: 'online' });
    const at = { lat: -6.91, lng: 107.61 };
    const cases = {
      withSession: await customerAt(org.id, plan.id, at, { routerId: api.id }),
      noSession: await customerAt(org.id, plan.id, at, { routerId: api.id }),
      isolatedNoSession: await customerAt(org.id, plan.id, at, { routerId: api.id, status: 'isolated' }),
      routerDown: await customerAt(org.id, plan.id, at, { routerId: down.id }),
      noSnapshotYet: await customerAt(org.id, plan.id, at, { routerId: neverRead.id }),
      radiusOnline: await customerAt(org.id, plan.id, at, { routerId: radius.id }),
      radiusGone: await customerAt(org.id, plan.id, at, { routerId: radius.id }),
      radiusForeignNas: await customerAt(org.id, plan.id, at, { routerId: radius.id }),
      noRouter: await customerAt(org.id, plan.id, at),
    };
    await db.insert(routerSessions).values({
      organizationId: org.id,
      routerId: api.id,
      kind: 'pppoe',
      itemId: '*1',
      username: cases.withSession.subscription.serviceUsername,
      subscriptionId: cases.withSession.subscription.id,
    });
    const [{ slug }] = (await db
      .select({ slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, org.id))) as [{ slug: string }];
    const acct = (username: string, stopped: boolean, nas = '10.0.0.1') => ({
      acctsessionid: randomUUID(),
      acctuniqueid: randomUUID(),
      username,
      nasipaddress: nas,
      acctstarttime: new Date(),
      acctstoptime: stopped ? new Date() : null,
    });
    await db.insert(radacct).values([
      acct(`${cases.radiusOnline.subscription.serviceUsername}@${slug}`, false),
      acct(`${cases.radiusGone.subscription.serviceUsername}@${slug}`, true),
      // An open session under the realm, but from a NAS that is none of the organization's routers.
      acct(`${cases.radiusForeignNas.subscription.serviceUsername}@${slug}`, false, '10.0.0.9'),
    ]);

    const status = new Map(points(await features(ctx, { layers: 'customers' })).map((c) => [c.id, c.status]));
    const got = Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, status.get(v.customer.id)]));
    assert.deepEqual(got, {
      withSession: 'active',
      noSession: 'offline',
      isolatedNoSession: 'isolated',
      routerDown: 'offline',
      noSnapshotYet: 'active',
      radiusOnline: 'active',
      radiusGone: 'offline',
      radiusForeignNas: 'offline',
      noRouter: 'active',
    });
  });

  test('ODPs with used ports and ODC, sites, and cables crossing the view', async () => {
    const { org, plan, ctx } = await world();
    const odp = await makeOdp(db, org.id, {
      code: 'ODP-IN',
      latitude: -6.91,
      longitude: 107.61,
      totalPorts: 8,
      splitterRatio: '1:8',
    });
    await makeOdp(db, org.id, { code: 'ODP-OUT', latitude: -6.95, longitude: 107.61 });
    const { subscription } = await customerAt(org.id, plan.id, { lat: -6.911, lng: 107.611 });
    await db.update(subscriptions).set({ odpId: odp.id, odpPort: 3 }).where(eq(subscriptions.id, subscription.id));
    const cable = async (code: string, path: CablePath) =>
      db.insert(cables).values({
        organizationId: org.id,
        code,
        name: code,
        cableType: 'feeder',
        coreCount: 24,
        path,
        ...cableGeometry(path),
      });
    await cable('KBL-CROSS', [
      [-6.91, 107.59],
      [-6.91, 107.63],
    ]); // both ends outside, crosses the view
    await cable('KBL-AWAY', [
      [-6.95, 107.59],
      [-6.96, 107.63],
    ]);
    const f = await features(ctx, {});
    assert.deepEqual(
      f.odps?.map((o) => [o.code, o.usedPorts, o.totalPorts, o.splitterRatio]),
      [['ODP-IN', 1, 8, '1:8']],
    );
    assert.deepEqual(
      f.cables?.map((c) => [c.code, c.path.length]),
      [['KBL-CROSS', 2]],
    );
    assert.deepEqual(f.sites, []);
    assert.equal(f.truncated, undefined);
    const onlyOdps = await features(ctx, { layers: 'odps' });
    assert.deepEqual(Object.keys(onlyOdps), ['odps']);
  });

  test('infrastructure layers are capped at 5,000 and say so', async () => {
    const { org, ctx } = await world();
    await db.execute(sql`
      insert into odps (organization_id, code, name, latitude, longitude)
      select ${org.id}, 'ODP-' || lpad(g::text, 5, '0'), 'Padat', -6.91 + (g % 70) * 0.0001, 107.61 + (g / 70) * 0.0001 from generate_series(1, 5001) g`);
    const f = await features(ctx, { layers: 'odps' });
    assert.equal(f.odps?.length, 5000);
    assert.deepEqual(f.truncated, ['odps']);
  });

  test('a bad view is refused with a clear message per field', async () => {
    const { ctx } = await world();
    const bad = async (input: Record<string, unknown>) => {
      const r = await executeOperation(mapFeaturesOp, ctx, { bbox: BBOX, zoom: '15', ...input });
      assert.ok(!r.ok && r.code === 'validation');
      return r.fieldErrors ?? {};
    };
    assert.match((await bad({ bbox: '107.62,-6.92,107.6,-6.9' })).bbox!, /barat < timur/);
    assert.match((await bad({ bbox: 'a,b,c,d' })).bbox!, /Batas peta/);
    assert.match((await bad({ bbox: undefined })).bbox!, /Batas peta/);
    assert.match((await bad({ zoom: '23' })).zoom!, /0 sampai 22/);
    assert.match((await bad({ layers: 'customers,rumah' })).layers!, /Lapisan/);
  });

  test('a zoomed-out view (the archipelago on a wide screen, or the world) is answered, not refused', async () => {
    const { org, plan, ctx } = await world();
    const { customer } = await customerAt(org.id, plan.id, { lat: -6.91, lng: 107.61 });
    await makeOdp(db, org.id, { code: 'ODP-JAUH', latitude: 3.59, longitude: 98.67 });
    for (const bbox of ['80,-15,165,10', '-180,-85,180,85']) {
      const f = await features(ctx, { bbox, zoom: '3' });
      assert.deepEqual(
        points(f).map((c) => c.id),
        [customer.id],
        bbox,
      );
      assert.deepEqual(
        f.odps?.map((o) => o.code),
        ['ODP-JAUH'],
        bbox,
      );
    }
    // A view that misses Indonesia altogether is simply empty.
    const away = await features(ctx, { bbox: '-10,40,20,60', zoom: '5' });
    assert.deepEqual([points(away), away.odps], [[], []]);
  });

  test('roles without customers.view see infrastructure only; roles without odps.view are refused', async () => {
    const { org, plan, ctx } = await world();
    await customerAt(org.id, plan.id, { lat: -6.91, lng: 107.61 });
    const warehouse = { ...ctx, role: 'warehouse' as const };
    const f = await features(warehouse, {});
    assert.equal(f.customers, undefined);
    assert.ok(Array.isArray(f.odps));
    for (const role of ['finance', 'reseller', 'hr'] as const) {
      const r = await executeOperation(mapFeaturesOp, { ...ctx, role }, { bbox: BBOX, zoom: '15' });
      assert.equal(!r.ok && r.code, 'forbidden', role);
    }
  });
});

describe('map search and coverage', () => {
  test('search finds located customers, ODPs and cables by name or code; at most ten', async () => {
    const { org, plan, ctx } = await world();
    await customerAt(org.id, plan.id, { lat: -6.91, lng: 107.61 }, { name: 'Melati Sari' });
    await customerAt(org.id, plan.id, null, { name: 'Melati Tanpa Titik' });
    await makeOdp(db, org.id, { code: 'ODP-MELATI-01', name: 'Gang Melati' });
    const path: CablePath = [
      [-6.91, 107.6],
      [-6.912, 107.605],
      [-6.914, 107.61],
    ];
    await db.insert(cables).values({
      organizationId: org.id,
      code: 'KBL-7',
      name: 'Kabel Melati',
      cableType: 'drop',
      coreCount: 2,
      path,
      ...cableGeometry(path),
    });
    const r = await executeOperation(mapSearchOp, ctx, { q: 'melati' });
    assert.ok(r.ok);
    assert.deepEqual(
      r.data.items.map((i) => [i.kind, i.label]),
      [
        ['customer', 'Melati Sari'],
        ['odp', 'ODP-MELATI-01'],
        ['cable', 'KBL-7'],
      ],
    );
    assert.deepEqual([r.data.items[2]!.lat, r.data.items[2]!.lng], [-6.912, 107.605]);
    for (let i = 0; i < 12; i++) await makeOdp(db, org.id, { code: `ODP-MLT-${i}` });
    const many = await executeOperation(mapSearchOp, ctx, { q: 'ODP-' });
    assert.equal(many.ok && many.data.items.length, 10);
    const warehouse = await executeOperation(mapSearchOp, { ...ctx, role: 'warehouse' }, { q: 'melati' });
    assert.ok(warehouse.ok && !warehouse.data.items.some((i) => i.kind === 'customer'));
  });

  test('nearest free ODPs: within the radius, nearest first, distances as distanceMeters', async () => {
    const { org, plan, ctx } = await world();
    const here = { latitude: -6.9147, longitude: 107.6098 };
    const at = (north: number, east: number) => ({
      latitude: here.latitude + north / 111_320,
      longitude: here.longitude + east / 110_500,
    });
    const specs = [
      ['ODP-C', at(180, 40)],
      ['ODP-A', at(30, 0)],
      ['ODP-B', at(-60, 90)],
      ['ODP-FAR', at(400, 0)],
    ] as const;
    const made = new Map<string, { latitude: number; longitude: number }>();
    for (const [code, p] of specs) made.set((await makeOdp(db, org.id, { code, ...p, totalPorts: 8 })).code, p);
    const full = await makeOdp(db, org.id, { code: 'ODP-FULL', ...at(10, 10), totalPorts: 1 });
    const { subscription } = await customerAt(org.id, plan.id, null);
    await db.update(subscriptions).set({ odpId: full.id }).where(eq(subscriptions.id, subscription.id));
    const other = await world();
    await makeOdp(db, other.org.id, { code: 'ODP-LAIN', ...at(5, 5) });

    const list = await nearestFreeOdps(db, { orgId: org.id, point: here, radiusM: 250 });
    assert.deepEqual(
      list.map((o) => o.code),
      ['ODP-A', 'ODP-B', 'ODP-C'],
    );
    for (const o of list) assert.ok(Math.abs(o.distanceM - distanceMeters(here, made.get(o.code)!)) <= 1, o.code);
    assert.deepEqual(
      list.map((o) => [o.freePorts, o.usedPorts]),
      [
        [8, 0],
        [8, 0],
        [8, 0],
      ],
    );

    await db.update(organizations).set({ coverageRadiusM: 500 }).where(eq(organizations.id, org.id));
    const r = await executeOperation(mapCoverageOp, ctx, { lat: String(here.latitude), lng: String(here.longitude) });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.data.radiusM, 500);
    assert.deepEqual(
      r.data.nearest.map((o) => o.code),
      ['ODP-A', 'ODP-B', 'ODP-C', 'ODP-FAR'],
    );
    assert.equal(r.data.verdict.ok && r.data.verdict.code, 'ODP-A');
    const bad = await executeOperation(mapCoverageOp, ctx, { lat: '51.5', lng: '-0.1' });
    assert.ok(!bad.ok && bad.code === 'validation');
  });
});
