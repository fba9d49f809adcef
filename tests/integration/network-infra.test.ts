import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, infraSites, odps, subscriptions } from '@/db/schema';
import { transitionSubscriptionOp } from '@/lib/customers/operations';
import { env } from '@/lib/env';
import * as ops from '@/lib/infrastructure/operations';
import { type Ctx, executeOperation, type Result } from '@/lib/server/operation';
import { ctxFor, makeOdp, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();
const POLE = { latitude: '-6.9147', longitude: '107.6098' };

async function setup(locale: 'id' | 'en' = 'id') {
  const { org, admin } = await makeOrg(db, 'infra');
  return { org, admin, ctx: ctxFor(db, org.id, admin.user.id, 'admin', locale) };
}

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

function failed(r: Result<unknown>, code: string) {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.ok(!r.ok);
  assert.equal(r.code, code, JSON.stringify(r));
  return r;
}

const site = (ctx: Ctx, over: Record<string, unknown> = {}) =>
  executeOperation(ops.saveSiteOp, ctx, {
    kind: 'odc',
    code: 'ODC-01',
    name: 'Kabinet Jl. Melati',
    ...POLE,
    capacity: '16',
    area: 'RW 05',
    ...over,
  });

describe('sites: POP, OLT, ODC, pole', () => {
  test('a site is created and edited; codes are unique per kind; bad input is explained per field', async () => {
    const { org, ctx } = await setup();
    const odc = ok(await site(ctx));
    assert.deepEqual([odc.kind, odc.code, odc.capacity, odc.latitude], ['odc', 'ODC-01', 16, -6.9147]);
    const edited = ok(
      await site(ctx, { siteId: odc.id, name: 'Kabinet Melati', capacity: '', notes: 'Kunci di pos RW' }),
    );
    assert.deepEqual([edited.name, edited.capacity, edited.notes], ['Kabinet Melati', null, 'Kunci di pos RW']);

    const dup = failed(await site(ctx, { name: 'Lain' }), 'infra_code_taken');
    assert.equal(dup.message, 'Kode ODC-01 sudah dipakai.');
    assert.equal(dup.fieldErrors?.code, 'Kode ini sudah dipakai.');
    ok(await site(ctx, { kind: 'pole', name: 'Tiang dengan kode sama' }));

    const bad = failed(
      await site(ctx, { code: 'ODC-02', latitude: '107.6', longitude: '-6.9', kind: 'tower', capacity: '-1' }),
      'validation',
    );
    assert.equal(bad.fieldErrors?.latitude, 'Lintang tidak valid untuk Indonesia (−11,5 s.d. 6,5).');
    assert.ok(bad.fieldErrors?.longitude && bad.fieldErrors.kind && bad.fieldErrors.capacity);
    const count = await db.select().from(infraSites).where(eq(infraSites.organizationId, org.id));
    assert.equal(count.length, 2);
  });

  test('an ODC feeding ODPs is neither deleted nor turned into a pole; a pole is deleted', async () => {
    const { org, ctx } = await setup('en');
    const odc = ok(await site(ctx));
    for (const code of ['ODP-01', 'ODP-02'])
      ok(await executeOperation(ops.saveOdpOp, ctx, { code, name: code, ...POLE, totalPorts: '8', odcId: odc.id }));
    const refused = failed(await executeOperation(ops.deleteSiteOp, ctx, { siteId: odc.id }), 'odc_in_use');
    assert.equal(refused.message, 'This ODC still feeds 2 ODP(s). Move those ODPs to another ODC first.');
    failed(await site(ctx, { siteId: odc.id, kind: 'pole' }), 'odc_in_use');
    assert.equal((await db.select().from(infraSites).where(eq(infraSites.id, odc.id)))[0]?.kind, 'odc');

    const pole = ok(await site(ctx, { kind: 'pole', code: 'TG-01' }));
    ok(await executeOperation(ops.deleteSiteOp, ctx, { siteId: pole.id }));
    assert.equal((await db.select().from(infraSites).where(eq(infraSites.id, pole.id))).length, 0);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'site.deleted')));
    assert.equal((audit!.data as { code: string }).code, 'TG-01');
  });

  test('moving a site or an ODP keeps the old and the new position in the audit trail', async () => {
    const { org, ctx } = await setup();
    const odc = ok(await site(ctx));
    const odp = await makeOdp(db, org.id, { latitude: -6.9, longitude: 107.6 });
    const moved = ok(
      await executeOperation(ops.moveInfraOp, ctx, {
        kind: 'site',
        id: odc.id,
        latitude: '-6.9150',
        longitude: '107.6101',
      }),
    );
    assert.deepEqual([moved.latitude, moved.longitude], [-6.915, 107.6101]);
    ok(await executeOperation(ops.moveInfraOp, ctx, { kind: 'odp', id: odp.id, latitude: -6.901, longitude: 107.601 }));
    failed(
      await executeOperation(ops.moveInfraOp, ctx, { kind: 'odp', id: odp.id, latitude: 52.37, longitude: 4.89 }),
      'validation',
    );
    const trail = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'odp.moved')));
    assert.deepEqual(
      trail.map((a) => a.data),
      [{ code: odp.code, from: { latitude: -6.9, longitude: 107.6 }, to: { latitude: -6.901, longitude: 107.601 } }],
    );
  });
});

describe('cables', () => {
  const cable = (ctx: Ctx, over: Record<string, unknown> = {}) =>
    executeOperation(ops.saveCableOp, ctx, {
      code: 'FDR-01',
      name: 'Feeder Jl. Melati',
      cableType: 'feeder',
      coreCount: '24',
      path: '-6.9000, 107.6000\n-6.9010, 107.6000\n-6.9010, 107.6010',
      ...over,
    });

  test('length and bounding box come from the route on every save', async () => {
    const { ctx } = await setup();
    const c = ok(await cable(ctx));
    // 0.001° of latitude ≈ 111.2 m, 0.001° of longitude at 6.9° S ≈ 110.4 m.
    assert.equal(c.lengthM, 222);
    assert.deepEqual([c.minLat, c.maxLat, c.minLng, c.maxLng], [-6.901, -6.9, 107.6, 107.601]);
    assert.deepEqual(c.path, [
      [-6.9, 107.6],
      [-6.901, 107.6],
      [-6.901, 107.601],
    ]);
    const longer = ok(
      await cable(ctx, {
        cableId: c.id,
        path: [
          [-6.9, 107.6],
          [-6.91, 107.6],
        ],
      }),
    );
    assert.deepEqual([longer.lengthM, longer.minLat, longer.maxLng], [1112, -6.91, 107.6]);
    const fromJson = ok(
      await cable(ctx, {
        code: 'DRP-01',
        cableType: 'drop',
        coreCount: 1,
        path: JSON.stringify([
          [-6.9, 107.6],
          [-6.9, 107.6005],
        ]),
      }),
    );
    assert.equal(fromJson.lengthM, 55);
  });

  test('a route needs two points in Indonesia; codes are unique; cores 1 to 288', async () => {
    const { ctx } = await setup();
    const one = failed(await cable(ctx, { path: '-6.9, 107.6' }), 'validation');
    assert.equal(one.fieldErrors?.path, 'Rute butuh 2 sampai 500 titik, satu "lintang, bujur" per baris.');
    const swapped = failed(await cable(ctx, { path: '107.6, -6.9\n107.61, -6.9' }), 'validation');
    assert.match(swapped.fieldErrors!.path!, /di Indonesia/);
    failed(await cable(ctx, { path: '' }), 'validation');
    const cores = failed(await cable(ctx, { coreCount: '0', cableType: 'fiber' }), 'validation');
    assert.ok(cores.fieldErrors?.coreCount && cores.fieldErrors.cableType);
    const first = ok(await cable(ctx));
    const dup = failed(await cable(ctx, { name: 'Lain' }), 'infra_code_taken');
    assert.ok(dup.fieldErrors?.code);
    ok(await executeOperation(ops.deleteCableOp, ctx, { cableId: first.id }));
    ok(await cable(ctx, { name: 'Kode dipakai lagi setelah dihapus' }));
  });
});

describe('ODPs', () => {
  test('splitter ratio, ODC and notes are kept; an ODC must be a cabinet of this organization', async () => {
    const { ctx } = await setup();
    const odc = ok(await site(ctx));
    const pole = ok(await site(ctx, { kind: 'pole', code: 'TG-01' }));
    const odp = ok(
      await executeOperation(ops.saveOdpOp, ctx, {
        code: 'ODP-01',
        name: 'Tiang 1',
        ...POLE,
        totalPorts: '16',
        splitterRatio: '1:16',
        odcId: odc.id,
        notes: 'Box hitam',
      }),
    );
    assert.deepEqual([odp.splitterRatio, odp.odcId, odp.notes], ['1:16', odc.id, 'Box hitam']);
    const notOdc = failed(
      await executeOperation(ops.saveOdpOp, ctx, {
        odpId: odp.id,
        code: 'ODP-01',
        name: 'Tiang 1',
        ...POLE,
        totalPorts: '16',
        odcId: pole.id,
      }),
      'not_found',
    );
    assert.equal(notOdc.fieldErrors?.odcId, 'Pilih ODC yang ada di daftar.');
    failed(
      await executeOperation(ops.saveOdpOp, ctx, {
        code: 'ODP-02',
        name: 'x',
        ...POLE,
        totalPorts: '8',
        splitterRatio: '1:3',
      }),
      'validation',
    );
    const cleared = ok(
      await executeOperation(ops.saveOdpOp, ctx, {
        odpId: odp.id,
        code: 'ODP-01',
        name: 'Tiang 1',
        ...POLE,
        totalPorts: '16',
        splitterRatio: '',
        odcId: '',
      }),
    );
    assert.deepEqual([cleared.splitterRatio, cleared.odcId, cleared.notes], [null, null, null]);
  });

  test('an ODP with live customers is not deleted; once they are terminated it is', async () => {
    const { org, admin, ctx } = await setup();
    const plan = await makePlan(db, org.id);
    const odp = await makeOdp(db, org.id);
    const subs = [];
    for (let i = 0; i < 2; i++) {
      const { subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
      await db.update(subscriptions).set({ odpId: odp.id }).where(eq(subscriptions.id, subscription.id));
      subs.push(subscription);
    }
    const refused = failed(await executeOperation(ops.deleteOdpOp, ctx, { odpId: odp.id }), 'odp_in_use');
    assert.equal(refused.message, 'ODP ini masih dipakai 2 pelanggan. Pindahkan mereka ke ODP lain dulu.');
    const noc = ctxFor(db, org.id, admin.user.id, 'noc');
    for (const s of subs)
      ok(await executeOperation(transitionSubscriptionOp, noc, { subscriptionId: s.id, to: 'terminated' }));
    ok(await executeOperation(ops.deleteOdpOp, ctx, { odpId: odp.id }));
    assert.equal((await db.select().from(odps).where(eq(odps.id, odp.id))).length, 0);
    const [after] = await db.select().from(subscriptions).where(eq(subscriptions.id, subs[0]!.id));
    assert.equal(after!.odpId, null);
  });
});

describe('photos', () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

  test('a photo is stored, replaced and removed; only real images are accepted', async () => {
    const { org, ctx } = await setup();
    const odp = await makeOdp(db, org.id);
    const upload = (bytes: BlobPart, name: string, type: string) =>
      executeOperation(ops.uploadInfraPhotoOp, ctx, {
        kind: 'odp',
        id: odp.id,
        photo: new File([bytes], name, { type }),
      });
    const fake = failed(await upload('<?php system($_GET[1]); ?>', 'odp.png', 'image/png'), 'validation');
    assert.equal(fake.fieldErrors?.photo, 'Foto harus JPG, PNG, atau WEBP.');
    const pdf = failed(await upload('%PDF-1.4', 'odp.pdf', 'application/pdf'), 'validation');
    assert.equal(pdf.fieldErrors?.photo, 'Foto harus JPG, PNG, atau WEBP.');
    failed(await upload(new Uint8Array(5 * 1024 * 1024 + 1), 'big.png', 'image/png'), 'validation');
    failed(await upload('', 'empty.png', 'image/png'), 'validation');

    const first = ok(await upload(PNG, 'odp.png', 'image/png'));
    assert.match(first.photoPath, new RegExp(`^${org.id}/network/odp-${odp.id}-[0-9a-f]{8}\\.png$`));
    const file = (rel: string) => path.join(env().FILES_DIR, rel);
    assert.ok(existsSync(file(first.photoPath)));
    // The declared type is ignored: the bytes say JPEG.
    const second = ok(await upload(JPEG, 'foto.png', 'image/png'));
    assert.match(second.photoPath, /\.jpg$/);
    assert.ok(!existsSync(file(first.photoPath)), 'the replaced photo is deleted');
    assert.deepEqual(ok(await executeOperation(ops.infraPhotoOp, ctx, { kind: 'odp', id: odp.id })), {
      path: second.photoPath,
      type: 'image/jpeg',
    });

    assert.deepEqual(ok(await executeOperation(ops.removeInfraPhotoOp, ctx, { kind: 'odp', id: odp.id })), {
      removed: true,
    });
    assert.ok(!existsSync(file(second.photoPath)));
    failed(await executeOperation(ops.infraPhotoOp, ctx, { kind: 'odp', id: odp.id }), 'not_found');
    failed(await executeOperation(ops.infraPhotoOp, ctx, { kind: 'router', id: odp.id }), 'validation');
  });

  test('roles that only view the network can see photos but not change them', async () => {
    const { org, admin } = await setup();
    const odp = await makeOdp(db, org.id);
    const technician = ctxFor(db, org.id, admin.user.id, 'technician');
    failed(
      await executeOperation(ops.uploadInfraPhotoOp, technician, {
        kind: 'odp',
        id: odp.id,
        photo: new File([PNG], 'x.png', { type: 'image/png' }),
      }),
      'forbidden',
    );
    failed(await executeOperation(ops.infraPhotoOp, technician, { kind: 'odp', id: odp.id }), 'not_found');
  });
});
