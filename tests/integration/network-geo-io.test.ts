import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import { auditLogs, cables, customers, infraSites, odps, subscriptions } from '@/db/schema';
import { cableGeometry } from '@/lib/infrastructure/cable-path';
import type { CablePath } from '@/lib/infrastructure/constants';
import { exportNetworkOp, importNetworkOp, previewNetworkImportOp } from '@/lib/infrastructure/map-operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, makePlan, testDb } from '../helpers';

const db = testDb();

async function org(label: string) {
  const { org, admin } = await makeOrg(db, label);
  return { org, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

/** One of every kind, with every field filled (and one ODP with only the required ones). */
async function fullNetwork(orgId: string) {
  const site = (kind: 'pop' | 'olt' | 'odc' | 'pole', i: number, capacity: number | null) => ({
    organizationId: orgId,
    kind,
    code: `${kind.toUpperCase()}-0${i}`,
    name: `${kind} utama`,
    latitude: -6.9 - i / 1000 - 0.0000004,
    longitude: 107.6 + i / 1000 + 0.0000004,
    area: 'Coblong',
    capacity,
    notes: `Catatan ${kind} & <lantai 2>\n\nkunci di pos`,
  });
  const [, , odc] = await db
    .insert(infraSites)
    .values([site('pop', 1, null), site('olt', 2, 16), site('odc', 3, 48), site('pole', 4, null)])
    .returning();
  await db.insert(odps).values([
    {
      organizationId: orgId,
      code: 'ODP-A1',
      name: 'Depan masjid',
      latitude: -6.9147123,
      longitude: 107.6098456,
      totalPorts: 16,
      splitterRatio: '1:16',
      odcId: odc!.id,
      area: 'RW 05',
      notes: 'Tiang PLN',
    },
    { organizationId: orgId, code: 'ODP-A2', name: 'Gang buntu', latitude: -6.915, longitude: 107.61, totalPorts: 8 },
  ]);
  const path: CablePath = [
    [-6.9, 107.6],
    [-6.9012345, 107.6054321],
    [-6.905, 107.61],
  ];
  await db.insert(cables).values({
    organizationId: orgId,
    code: 'KBL-F1',
    name: 'Feeder utama',
    cableType: 'feeder',
    coreCount: 48,
    path,
    ...cableGeometry(path),
    area: 'Coblong',
    notes: 'Lewat tiang PLN',
  });
}

async function exported(ctx: Ctx, format: 'geojson' | 'kml') {
  const r = await executeOperation(exportNetworkOp, ctx, { format });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

/** Features without ids, coordinates to 6 decimals, in a stable order: what must survive a round trip. */
function comparable(fc: FeatureCollection) {
  const round = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Number(v.toFixed(6)) : v;
  return fc.features
    .map((f) => ({
      geometry: { type: f.geometry.type, coordinates: round((f.geometry as { coordinates: unknown }).coordinates) },
      properties: f.properties,
    }))
    .sort((a, b) =>
      `${a.properties!.kind}|${a.properties!.code}`.localeCompare(`${b.properties!.kind}|${b.properties!.code}`),
    );
}

const file = (body: string, name: string) => new File([body], name);

async function importInto(ctx: Ctx, body: string, name: string, defaultKind = 'odp') {
  const r = await executeOperation(importNetworkOp, ctx, { file: file(body, name), defaultKind });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

describe('GeoJSON and KML export / import', () => {
  test('a GeoJSON round trip into another organization keeps every feature and property', async () => {
    const a = await org('geo-a');
    await fullNetwork(a.org.id);
    const out = await exported(a.ctx, 'geojson');
    assert.match(out.filename, new RegExp(`^jaringan-${a.org.slug}-\\d{4}-\\d{2}-\\d{2}\\.geojson$`));
    const fc = JSON.parse(out.body) as FeatureCollection;
    assert.equal(fc.features.length, 7);
    const odp = fc.features.find((f) => f.properties!.code === 'ODP-A1')!;
    assert.deepEqual(odp.geometry, { type: 'Point', coordinates: [107.6098456, -6.9147123] });
    assert.deepEqual(odp.properties, {
      kind: 'odp',
      code: 'ODP-A1',
      name: 'Depan masjid',
      area: 'RW 05',
      notes: 'Tiang PLN',
      totalPorts: 16,
      splitterRatio: '1:16',
      odcCode: 'ODC-03',
    });

    const b = await org('geo-b');
    const done = await importInto(b.ctx, out.body, out.filename);
    assert.deepEqual([done.imported, done.skipped], [7, 0]);
    assert.deepEqual(comparable(JSON.parse((await exported(b.ctx, 'geojson')).body)), comparable(fc));
  });

  test('a KML round trip keeps every feature and property too, one folder per kind', async () => {
    const a = await org('kml-a');
    await fullNetwork(a.org.id);
    const kml = await exported(a.ctx, 'kml');
    assert.match(kml.filename, /\.kml$/);
    assert.ok(kml.body.startsWith('<?xml'));
    for (const folder of ['POP', 'OLT', 'ODC', 'ODP', 'Tiang', 'Kabel'])
      assert.ok(kml.body.includes(`<name>${folder}</name>`), folder);

    const c = await org('kml-c');
    const done = await importInto(c.ctx, kml.body, kml.filename);
    assert.equal(done.imported, 7);
    const fromA = comparable(JSON.parse((await exported(a.ctx, 'geojson')).body));
    assert.deepEqual(comparable(JSON.parse((await exported(c.ctx, 'geojson')).body)), fromA);
  });

  test('a Google Earth file (folders, no codes, HTML descriptions) imports with kinds detected', async () => {
    const { org: o, ctx } = await org('ge');
    const pm = (name: string, geometry: string, description = '') =>
      `<Placemark><name>${name}</name>${description}${geometry}</Placemark>`;
    const point = (lng: number, lat: number) => `<Point><coordinates>${lng},${lat},0</coordinates></Point>`;
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Jaringan RT RW</name>
  <Folder><name>ODP</name>
    ${pm('ODP Gang Melati', point(107.6101, -6.9101), '<description><![CDATA[<div>Splitter 1:8<br>Tiang besi</div>]]></description>')}
    ${pm('Depan warung', point(107.6102, -6.9102))}
  </Folder>
  <Folder><name>Kabel</name>
    ${pm('Kabel FO 12 core', '<LineString><coordinates>107.61,-6.91,0 107.612,-6.912,0</coordinates></LineString>')}
  </Folder>
  ${pm('Rumah Pak RT', point(107.6103, -6.9103))}
  ${pm('Salah titik', point(10.5, 50.1))}
</Document></kml>`;
    const preview = await executeOperation(previewNetworkImportOp, ctx, {
      file: file(body, 'jaringan.kml'),
      defaultKind: 'pole',
    });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.equal(preview.data.format, 'kml');
    assert.deepEqual([preview.data.total, preview.data.valid, preview.data.errors], [5, 4, 1]);
    assert.deepEqual(
      [preview.data.counts.odp, preview.data.counts.cable, preview.data.counts.pole],
      [
        { new: 2, update: 0 },
        { new: 1, update: 0 },
        { new: 1, update: 0 },
      ],
    );
    assert.match(preview.data.rows[0]!.error!, /di luar Indonesia/);
    assert.match(preview.data.rows.find((r) => r.kind === 'cable')!.warning!, /12 core/);
    // Nothing is saved by the preview.
    assert.equal((await db.select().from(odps).where(eq(odps.organizationId, o.id))).length, 0);

    const done = await importInto(ctx, body, 'jaringan.kml', 'pole');
    assert.deepEqual([done.imported, done.skipped], [4, 1]);
    const [melati] = await db
      .select()
      .from(odps)
      .where(and(eq(odps.organizationId, o.id), eq(odps.code, 'ODP Gang Melati')));
    assert.deepEqual([melati!.notes, melati!.totalPorts], ['Splitter 1:8\nTiang besi', 8]);
    const [cable] = await db.select().from(cables).where(eq(cables.organizationId, o.id));
    assert.deepEqual(
      [cable!.code, cable!.cableType, cable!.coreCount, cable!.path],
      [
        'Kabel FO 12 core',
        'distribution',
        12,
        [
          [-6.91, 107.61],
          [-6.912, 107.612],
        ],
      ],
    );
    assert.ok(cable!.lengthM > 300 && cable!.lengthM < 320);
    const [pole] = await db.select().from(infraSites).where(eq(infraSites.organizationId, o.id));
    assert.deepEqual([pole!.kind, pole!.code], ['pole', 'Rumah Pak RT']);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, o.id), eq(auditLogs.action, 'network.imported')));
    assert.equal((audit!.data as { skipped: number }).skipped, 1);
  });

  test('importing again updates by code and keeps what the file does not say', async () => {
    const { org: o, ctx } = await org('upd');
    await fullNetwork(o.id);
    const plan = await makePlan(db, o.id);
    const [odp] = await db
      .select()
      .from(odps)
      .where(and(eq(odps.organizationId, o.id), eq(odps.code, 'ODP-A1')));
    const [cust] = await db
      .insert(customers)
      .values({ organizationId: o.id, number: 1, name: 'Budi', phone: '62812', address: 'Jl. A', planId: plan.id })
      .returning();
    await db.insert(subscriptions).values({
      organizationId: o.id,
      customerId: cust!.id,
      planId: plan.id,
      billingType: 'postpaid',
      serviceUsername: 'budi1',
      servicePasswordEnc: 'x',
      odpId: odp!.id,
      odpPort: 12,
    });
    const moved = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [107.62, -6.92] },
          properties: { code: 'ODP-A1', name: 'Depan masjid (pindah)' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [107.62, -6.92] },
          properties: { code: 'ODP-A2', totalPorts: 4 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [107.62, -6.92] },
          properties: { code: 'ODP-A1', kind: 'odc' },
        },
      ],
    });
    const preview = await executeOperation(previewNetworkImportOp, ctx, { file: file(moved, 'x.geojson') });
    assert.ok(preview.ok);
    assert.deepEqual(
      [preview.data.counts.odp, preview.data.counts.odc],
      [
        { new: 0, update: 2 },
        { new: 1, update: 0 },
      ],
    );
    await importInto(ctx, moved, 'x.geojson');
    const [after] = await db.select().from(odps).where(eq(odps.id, odp!.id));
    assert.deepEqual(
      [after!.name, after!.latitude, after!.splitterRatio, after!.odcId, after!.notes, after!.totalPorts],
      ['Depan masjid (pindah)', -6.92, '1:16', odp!.odcId, 'Tiang PLN', 16],
    );
    const [a2] = await db
      .select()
      .from(odps)
      .where(and(eq(odps.organizationId, o.id), eq(odps.code, 'ODP-A2')));
    assert.deepEqual([a2!.name, a2!.totalPorts], ['Gang buntu', 4]);

    // Port 12 is in use: the file may not shrink this ODP to 8 ports.
    const shrink = JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [107.62, -6.92] },
      properties: { code: 'ODP-A1', totalPorts: 8 },
    });
    const refused = await executeOperation(previewNetworkImportOp, ctx, { file: file(shrink, 'y.geojson') });
    assert.ok(refused.ok);
    assert.match(refused.data.rows[0]!.error!, /sudah memakai 12 port/);
  });

  test('files that are not map data are refused with a clear message', async () => {
    const { ctx } = await org('bad');
    const refuse = async (body: string, name: string) => {
      const r = await executeOperation(previewNetworkImportOp, ctx, { file: file(body, name) });
      assert.ok(!r.ok && r.code === 'validation');
      return r.fieldErrors?.file;
    };
    assert.equal(await refuse('', 'kosong.kml'), 'File kosong.');
    assert.equal(
      await refuse('kode;nama\nODP-1;Tiang', 'data.csv'),
      'File tidak dikenali: unggah GeoJSON, KML, atau KMZ.',
    );
    assert.equal(await refuse('<kml><Document>', 'rusak.kml'), 'File bukan XML/KML yang valid.');
    assert.equal(
      await refuse('{"type":"FeatureCollection","features":[', 'rusak.geojson'),
      'File bukan JSON yang valid.',
    );
    // One MultiPoint of 20,001 points is 20,001 rows: over the per-file limit like 20,001 features.
    const swarm = {
      type: 'Feature',
      geometry: { type: 'MultiPoint', coordinates: Array.from({ length: 20_001 }, (_, i) => [107.6 + i / 1e6, -6.9]) },
      properties: { code: 'T' },
    };
    assert.equal(
      await refuse(JSON.stringify(swarm), 'tiang.geojson'),
      'Terlalu banyak fitur (maksimal 20.000 per file).',
    );
    const none = await executeOperation(importNetworkOp, ctx, {
      file: file(
        JSON.stringify({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [0, 0] },
          properties: { name: 'X' },
        }),
        'x.json',
      ),
    });
    assert.ok(!none.ok && none.fieldErrors?.file?.startsWith('Tidak ada fitur'));
  });

  test('only odps.manage may import; odps.view may export', async () => {
    const { ctx } = await org('perm');
    const body = JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [107.6, -6.9] },
      properties: { code: 'ODP-P' },
    });
    const sales = { ...ctx, role: 'sales' as const };
    assert.equal((await executeOperation(importNetworkOp, sales, { file: file(body, 'p.geojson') })).ok, false);
    assert.ok((await executeOperation(exportNetworkOp, sales, { format: 'kml' })).ok);
    const pdf = await executeOperation(exportNetworkOp, ctx, { format: 'pdf' });
    assert.equal(!pdf.ok && pdf.fieldErrors?.format, 'Format ekspor hanya geojson atau kml.');
    const finance = await executeOperation(exportNetworkOp, { ...ctx, role: 'finance' }, { format: 'geojson' });
    assert.equal(!finance.ok && finance.code, 'forbidden');
  });
});
