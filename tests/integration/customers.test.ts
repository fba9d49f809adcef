import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { customers, jobs, subscriptionHistory, subscriptions } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import {
  checkCoverageOp,
  convertLeadOp,
  createLeadOp,
  importCustomersOp,
  listCustomersOp,
  listLeadsOp,
  previewImportOp,
  transitionSubscriptionOp,
} from '@/lib/customers/operations';
import { listCustomers } from '@/lib/customers/queries';
import { customerListSchema } from '@/lib/customers/schemas';
import { subscriptionApply } from '@/lib/network/jobs';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOdp, makeOrg, makePlan, testDb } from '../helpers';

const db = testDb();
// ODP at a pole in Bandung; offsets of 0.001° latitude are about 111 m.
const POLE = { latitude: -6.9147, longitude: 107.6098 };
const north = (metres: number) => ({ latitude: POLE.latitude + metres / 111_320, longitude: POLE.longitude });

async function setup() {
  const { org, admin } = await makeOrg(db, 'cust');
  const plan = await makePlan(db, org.id, { name: 'Paket 20 Mbps', billingType: 'postpaid' });
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  return { org, admin, plan, ctx };
}

async function lead(ctx: Ctx, planId: string, over: Record<string, unknown> = {}) {
  const r = await executeOperation(createLeadOp, ctx, {
    name: 'Budi Santoso',
    phone: '0812-3456-7890',
    address: 'Jl. Melati No. 5, RT 02/RW 05',
    area: 'RW 05',
    ...north(100),
    planId,
    billingType: 'postpaid',
    ...over,
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

describe('coverage check', () => {
  test('inside the radius with a free port: names the ODP and its distance', async () => {
    const { org, ctx } = await setup();
    await makeOdp(db, org.id, { code: 'ODP-MLT-01', ...POLE });
    const r = await executeOperation(checkCoverageOp, ctx, north(120));
    assert.ok(r.ok);
    assert.deepEqual(
      { ...r.data, odpId: undefined },
      { ok: true, odpId: undefined, code: 'ODP-MLT-01', distanceM: 120, freePorts: 8, radiusM: 250 },
    );
  });

  test('outside the radius: says how far the nearest ODP is', async () => {
    const { org, ctx } = await setup();
    await makeOdp(db, org.id, { code: 'ODP-JAUH', ...POLE });
    const r = await executeOperation(checkCoverageOp, ctx, north(400));
    assert.ok(r.ok);
    assert.deepEqual(r.data, { ok: false, reason: 'out_of_range', code: 'ODP-JAUH', distanceM: 400, radiusM: 250 });
  });

  test('every ODP in range is full: says which one', async () => {
    const { org, plan, ctx } = await setup();
    const odp = await makeOdp(db, org.id, { code: 'ODP-PENUH', totalPorts: 2, ...POLE });
    for (let i = 0; i < 2; i++) {
      const l = await lead(ctx, plan.id, { name: `Tetangga ${i}` });
      assert.equal(l.coverage.ok, true);
      const c = await executeOperation(convertLeadOp, ctx, {
        leadId: l.lead.id,
        serviceUsername: `tetangga${i}`,
        servicePassword: 'rahasia1',
      });
      assert.ok(c.ok);
    }
    const r = await executeOperation(checkCoverageOp, ctx, north(50));
    assert.ok(r.ok);
    assert.deepEqual(r.data, {
      ok: false,
      reason: 'odp_full',
      code: 'ODP-PENUH',
      distanceM: 50,
      totalPorts: 2,
      radiusM: 250,
    });
    const [s] = await db.select().from(subscriptions).where(eq(subscriptions.odpId, odp.id)).limit(1);
    assert.ok(s);
  });

  test('an organization without ODPs is told so', async () => {
    const { ctx } = await setup();
    const r = await executeOperation(checkCoverageOp, ctx, POLE);
    assert.ok(r.ok);
    assert.deepEqual(r.data, { ok: false, reason: 'no_odp', radiusM: 250 });
  });
});

describe('lead -> customer -> subscription', () => {
  test('verifying a lead creates C-000001 with a pending subscription and its history', async () => {
    const { org, plan, ctx } = await setup();
    await makeOdp(db, org.id, POLE);
    const { lead: l } = await lead(ctx, plan.id);
    assert.equal(l.phone, '6281234567890');
    const r = await executeOperation(convertLeadOp, ctx, {
      leadId: l.id,
      serviceUsername: 'Budi01',
      servicePassword: 'kabel123',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.data.number, 1);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.customerId, r.data.customerId));
    assert.equal(sub!.status, 'pending');
    assert.equal(sub!.serviceUsername, 'budi01');
    assert.equal(decryptSecret(sub!.servicePasswordEnc), 'kabel123');
    const history = await db.select().from(subscriptionHistory).where(eq(subscriptionHistory.subscriptionId, sub!.id));
    assert.deepEqual(
      history.map((h) => [h.fromStatus, h.toStatus]),
      [[null, 'pending']],
    );

    const again = await executeOperation(convertLeadOp, ctx, {
      leadId: l.id,
      serviceUsername: 'budi02',
      servicePassword: 'kabel123',
    });
    assert.deepEqual(again, { ok: false, code: 'lead_not_open', message: 'Calon pelanggan ini sudah diproses.' });

    const { lead: second } = await lead(ctx, plan.id, { name: 'Siti' });
    const dup = await executeOperation(convertLeadOp, ctx, {
      leadId: second.id,
      serviceUsername: 'budi01',
      servicePassword: 'kabel123',
    });
    assert.equal(!dup.ok && dup.code, 'username_taken');
    const next = await executeOperation(convertLeadOp, ctx, {
      leadId: second.id,
      serviceUsername: 'siti01',
      servicePassword: 'kabel123',
    });
    assert.ok(next.ok);
    assert.equal(next.data.number, 2);
  });

  test('a lead without coverage cannot be converted, and says why', async () => {
    const { plan, ctx } = await setup();
    const { lead: l, coverage } = await lead(ctx, plan.id);
    assert.deepEqual(coverage, { ok: false, reason: 'no_odp', radiusM: 250 });
    const r = await executeOperation(convertLeadOp, ctx, {
      leadId: l.id,
      serviceUsername: 'budi01',
      servicePassword: 'kabel123',
    });
    assert.equal(!r.ok && r.code, 'no_coverage');
  });

  test("a reseller's leads and customers are theirs alone", async () => {
    const { org, plan, ctx } = await setup();
    await makeOdp(db, org.id, POLE);
    const reseller = await makeMember(db, org.id, 'reseller');
    const other = await makeMember(db, org.id, 'reseller');
    const rctx = ctxFor(db, org.id, reseller.user.id, 'reseller');
    const { lead: mine } = await lead(rctx, plan.id, { name: 'Pelanggan Reseller' });
    await lead(ctx, plan.id, { name: 'Pelanggan Kantor' });
    assert.ok(
      (
        await executeOperation(convertLeadOp, ctx, {
          leadId: mine.id,
          serviceUsername: 'resel01',
          servicePassword: 'kabel123',
        })
      ).ok,
    );

    const leadsSeen = await executeOperation(listLeadsOp, rctx, {});
    assert.ok(leadsSeen.ok);
    assert.deepEqual(
      leadsSeen.data.items.map((l) => l.name),
      ['Pelanggan Reseller'],
    );
    const customersSeen = await executeOperation(listCustomersOp, rctx, {});
    assert.ok(customersSeen.ok);
    assert.deepEqual(
      customersSeen.data.items.map((c) => c.name),
      ['Pelanggan Reseller'],
    );
    const otherSees = await executeOperation(listCustomersOp, ctxFor(db, org.id, other.user.id, 'reseller'), {});
    assert.ok(otherSees.ok);
    assert.equal(otherSees.data.items.length, 0);
    // The admin can filter by reseller.
    const filtered = await executeOperation(listCustomersOp, ctx, { resellerUserId: reseller.user.id });
    assert.ok(filtered.ok);
    assert.equal(filtered.data.items.length, 1);
  });

  test('bad lead input is refused per field and nothing is saved', async () => {
    const { plan, ctx } = await setup();
    const r = await executeOperation(createLeadOp, ctx, {
      name: 'B',
      phone: '021-555',
      address: 'x',
      latitude: 52.5,
      longitude: 13.4,
      planId: plan.id,
      billingType: 'postpaid',
    });
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.fieldErrors!).sort(), ['address', 'latitude', 'longitude', 'name', 'phone']);
    assert.equal(r.fieldErrors!.phone, 'Masukkan nomor HP Indonesia, mis. 0812-3456-7890.');
  });
});

describe('subscription lifecycle', () => {
  async function pendingSubscription() {
    const s = await setup();
    await makeOdp(db, s.org.id, POLE);
    const { lead: l } = await lead(s.ctx, s.plan.id);
    const c = await executeOperation(convertLeadOp, s.ctx, {
      leadId: l.id,
      serviceUsername: 'budi01',
      servicePassword: 'kabel123',
    });
    assert.ok(c.ok);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.customerId, c.data.customerId));
    return { ...s, sub: sub!, customerId: c.data.customerId };
  }

  test('each network-affecting change is recorded and queues a job for the worker', async () => {
    const { ctx, sub, customerId } = await pendingSubscription();
    for (const to of ['active', 'isolated', 'active', 'suspended', 'terminated'] as const) {
      const r = await executeOperation(transitionSubscriptionOp, ctx, { subscriptionId: sub.id, to, reason: 'uji' });
      assert.ok(r.ok, `${to}: ${JSON.stringify(r)}`);
      const [job] = await db.select().from(jobs).where(eq(jobs.id, r.data.jobId));
      assert.equal(job!.type, subscriptionApply.name);
      assert.deepEqual(job!.payload, { subscriptionId: sub.id, status: to });
      const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
      assert.equal(customer!.status, to);
    }
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(eq(subscriptionHistory.subscriptionId, sub.id))
      .orderBy(subscriptionHistory.createdAt);
    assert.deepEqual(
      history.map((h) => `${h.fromStatus}->${h.toStatus}`),
      [
        'null->pending',
        'pending->active',
        'active->isolated',
        'isolated->active',
        'active->suspended',
        'suspended->terminated',
      ],
    );
  });

  test('invalid transitions are refused with a clear message and change nothing', async () => {
    const { ctx, sub } = await pendingSubscription();
    const r = await executeOperation(transitionSubscriptionOp, ctx, { subscriptionId: sub.id, to: 'isolated' });
    assert.deepEqual(r, {
      ok: false,
      code: 'invalid_transition',
      message: 'Status tidak bisa diubah dari Menunggu instalasi ke Isolir.',
    });
    const en = await executeOperation(
      transitionSubscriptionOp,
      { ...ctx, locale: 'en' },
      { subscriptionId: sub.id, to: 'suspended' },
    );
    assert.equal(!en.ok && en.message, 'The status cannot change from Pending installation to Suspended.');
    await executeOperation(transitionSubscriptionOp, ctx, { subscriptionId: sub.id, to: 'terminated' });
    const revive = await executeOperation(transitionSubscriptionOp, ctx, { subscriptionId: sub.id, to: 'active' });
    assert.equal(!revive.ok && revive.code, 'invalid_transition');
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, ctx.orgId), eq(jobs.type, subscriptionApply.name)));
    assert.equal(queued.length, 1, 'only the valid change queued a job');
  });
});

const HEADER =
  'name,phone,address,area,latitude,longitude,plan,billing_type,service_username,service_password,status,email';

describe('CSV import', () => {
  test('a good file imports every row with sequential numbers, searchable at once', async () => {
    const { ctx } = await setup();
    const csv = [
      HEADER,
      'Budi Santoso,0812-3456-7890,"Jl. Melati No. 5, RT 02",RW 05,-6.9147,107.6098,Paket 20 Mbps,postpaid,budi01,rahasia01,active,budi@example.com',
      'Siti Aminah,+62 813 1111 2222,Gg. Mawar 12,RW 05,,,paket 20 mbps,prepaid,siti02,rahasia02,isolated,',
      'Joko,81299998888,Perum Griya Asri B3,,,,Paket 20 Mbps,,joko03,rahasia03,,',
    ].join('\n');
    const preview = await executeOperation(previewImportOp, ctx, { csv });
    assert.ok(preview.ok);
    assert.deepEqual([preview.data.total, preview.data.valid, preview.data.errors], [3, 3, []]);
    assert.equal(
      (await db.select().from(customers).where(eq(customers.organizationId, ctx.orgId))).length,
      0,
      'dry run writes nothing',
    );

    const r = await executeOperation(importCustomersOp, ctx, { csv });
    assert.ok(r.ok);
    assert.equal(r.data.imported, 3);
    const rows = await db
      .select()
      .from(customers)
      .where(eq(customers.organizationId, ctx.orgId))
      .orderBy(customers.number);
    assert.deepEqual(
      rows.map((c) => [c.number, c.name, c.phone, c.status]),
      [
        [1, 'Budi Santoso', '6281234567890', 'active'],
        [2, 'Siti Aminah', '6281311112222', 'isolated'],
        [3, 'Joko', '6281299998888', 'active'],
      ],
    );
    for (const q of ['siti02', '0813-1111-2222', 'C-000003', 'santoso']) {
      const found = await executeOperation(listCustomersOp, ctx, { q });
      assert.ok(found.ok);
      assert.equal(found.data.items.length, 1, q);
    }
  });

  test('a file with bad rows imports nothing and lists every error by line', async () => {
    const { org, plan, ctx } = await setup();
    await makeOdp(db, org.id, POLE);
    const { lead: l } = await lead(ctx, plan.id);
    await executeOperation(convertLeadOp, ctx, {
      leadId: l.id,
      serviceUsername: 'sudahada',
      servicePassword: 'rahasia01',
    });
    const csv = [
      HEADER,
      'Baik Sekali,0812-1111-1111,Jl. Baik No. 1,,,,Paket 20 Mbps,,baik01,rahasia01,,',
      'Nomor Salah,021-555-1234,Jl. Salah No. 2,,,,Paket 20 Mbps,,salah02,rahasia02,,',
      'Paket Hilang,0812-2222-2222,Jl. Hilang No. 3,,,,Paket 1 Gbps,,hilang03,rahasia03,,',
      'Kembar,0812-3333-3333,Jl. Kembar No. 4,,,,Paket 20 Mbps,,baik01,rahasia04,,',
      'Sudah Ada,0812-4444-4444,Jl. Ada No. 5,,,,Paket 20 Mbps,,sudahada,rahasia05,,',
      'Status Aneh,0812-5555-5555,Jl. Aneh No. 6,,,,Paket 20 Mbps,,aneh06,rahasia06,lunas,',
    ].join('\n');
    const before = (await db.select().from(customers).where(eq(customers.organizationId, org.id))).length;
    const r = await executeOperation(importCustomersOp, ctx, { csv });
    assert.ok(r.ok);
    assert.equal(r.data.imported, 0);
    assert.deepEqual(
      r.data.preview.errors.map((e) => [e.line, e.column]),
      [
        [3, 'phone'],
        [4, 'plan'],
        [5, 'service_username'],
        [6, 'service_username'],
        [7, 'status'],
      ],
    );
    assert.equal(
      r.data.preview.errors[1]!.message,
      'Paket "Paket 1 Gbps" tidak ada. Buat paketnya dulu atau perbaiki namanya.',
    );
    assert.equal(r.data.preview.errors[2]!.message, 'Username sama dengan baris 2.');
    assert.equal((await db.select().from(customers).where(eq(customers.organizationId, org.id))).length, before);
  });

  test('a file without the required columns is refused before any row', async () => {
    const { ctx } = await setup();
    const r = await executeOperation(previewImportOp, ctx, { csv: 'nama,hp\nBudi,0812' });
    assert.ok(r.ok);
    assert.equal(
      r.data.errors[0]!.message,
      'Kolom wajib tidak ada: name, phone, address, plan, service_username, service_password.',
    );
  });
});

describe('customer list paging', () => {
  test('every sort pages through all customers once, in order', async () => {
    const { ctx } = await setup();
    const lines = Array.from(
      { length: 23 },
      (_, i) =>
        `Pelanggan ${String.fromCharCode(90 - i)},0812-0000-${String(1000 + i)},Jl. Uji No. ${i + 1},RW 0${i % 3},,,Paket 20 Mbps,,uji${i},rahasia${i},,`,
    );
    const r = await executeOperation(importCustomersOp, ctx, { csv: [HEADER, ...lines].join('\n') });
    assert.ok(r.ok && r.data.imported === 23);
    for (const sort of ['newest', 'oldest', 'number', 'name'] as const) {
      const seen: { name: string; number: number }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listCustomers(
          db,
          { orgId: ctx.orgId },
          { ...customerListSchema.parse({ sort, cursor }), limit: 5 },
        );
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      assert.equal(pages, 5, `${sort}: 23 rows in pages of 5`);
      assert.equal(new Set(seen.map((s) => s.number)).size, 23, sort);
      if (sort === 'number')
        assert.deepEqual(
          seen.map((s) => s.number),
          Array.from({ length: 23 }, (_, i) => i + 1),
        );
      if (sort === 'name')
        assert.deepEqual(
          seen.map((s) => s.name),
          [...seen.map((s) => s.name)].sort(),
        );
    }
    const filtered = await executeOperation(listCustomersOp, ctx, { area: 'RW 01', status: 'active' });
    assert.ok(filtered.ok);
    assert.equal(filtered.data.items.length, 8);
  });
});
