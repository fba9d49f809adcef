import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers, routers } from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import { quickSearchOp } from '@/lib/search/operations';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, makeRouter, testDb } from '../helpers';
import { makeVoucherBatch } from '../support/vouchers';

const db = testDb();

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const made = await makeRouter(db, org.id, { host: '10.77.0.1', port: 8728 });
  const [router] = await db.select().from(routers).where(eq(routers.id, made.id));
  const vouchers = await makeVoucherBatch(db, org.id, admin.user.id);
  return { org, admin, w, router: router!, code: vouchers.codes[0]! };
}

async function search(orgId: string, userId: string, role: Role, q: string) {
  const r = await executeOperation(quickSearchOp, ctxFor(db, orgId, userId, role), { q });
  assert.ok(r.ok, JSON.stringify(r));
  return r.data.items;
}

describe('quick search', () => {
  test('finds each kind in the own organization only, by what people type', async () => {
    const a = await world('qsa');
    const b = await world('qsb');
    const id = a.admin.user.id;
    const kinds = async (q: string) => (await search(a.org.id, id, 'admin', q)).map((h) => `${h.kind}:${h.id}`);
    // Customer by name, PPPoE username, phone (any form) and number.
    for (const q of ['joko', a.w.subscription.serviceUsername, '0812-3456-7890']) {
      assert.ok((await kinds(q)).includes(`customers:${a.w.customer.id}`), q);
    }
    const [num] = await db.select({ n: customers.number }).from(customers).where(eq(customers.id, a.w.customer.id));
    assert.ok((await kinds(`C-${num!.n}`)).includes(`customers:${a.w.customer.id}`));
    // Invoice numbers repeat across organizations; only A's comes back.
    const inv = await search(a.org.id, id, 'admin', a.w.invoice.number);
    assert.deepEqual(
      inv.filter((h) => h.kind === 'invoices').map((h) => [h.id, h.href]),
      [[a.w.invoice.id, `/invoices/${a.w.invoice.id}`]],
    );
    // From 4 characters, a number by how it starts (any case); not by a piece from its middle.
    const invoiceHit = `invoices:${a.w.invoice.id}`;
    assert.ok((await kinds(a.w.invoice.number.slice(0, -1).toLowerCase())).includes(invoiceHit));
    assert.ok(!(await kinds(a.w.invoice.number.slice(1))).includes(invoiceHit), a.w.invoice.number);
    assert.ok((await kinds(a.code.slice(0, 4).toLowerCase())).some((k) => k.startsWith('vouchers:')));
    assert.ok((await kinds(a.code)).includes(`vouchers:${(await search(a.org.id, id, 'admin', a.code))[0]!.id}`));
    assert.ok((await kinds(a.w.odp.code)).includes(`odps:${a.w.odp.id}`));
    assert.ok((await kinds(a.router.name)).includes(`routers:${a.router.id}`));
    // Nothing of B's, whatever is typed.
    const bIds = new Set([b.w.customer.id, b.w.invoice.id, b.w.odp.id, b.router.id]);
    for (const q of ['joko', b.w.subscription.serviceUsername, b.w.invoice.number, b.code, b.w.odp.code, '10.77']) {
      const hits = await search(a.org.id, id, 'admin', q);
      assert.ok(!hits.some((h) => bIds.has(h.id)), q);
      assert.ok(!hits.some((h) => h.kind === 'vouchers' && h.title === b.code && b.code !== a.code), q);
    }
  });

  test("each kind follows the member's permissions; a reseller finds only their own customers", async () => {
    const a = await world('qsp');
    const tech = await makeMember(db, a.org.id, 'technician');
    const kindsFor = async (role: Role, userId: string, q: string) =>
      new Set((await search(a.org.id, userId, role, q)).map((h) => h.kind));
    // A technician: customers, ODPs and routers, but no invoices and no vouchers.
    assert.deepEqual([...(await kindsFor('technician', tech.user.id, a.w.invoice.number))], []);
    assert.deepEqual([...(await kindsFor('technician', tech.user.id, a.code))], []);
    assert.ok((await kindsFor('technician', tech.user.id, 'joko')).has('customers'));
    assert.ok((await kindsFor('technician', tech.user.id, a.router.name)).has('routers'));
    // Finance: invoices and vouchers, no routers or ODPs.
    const fin = await makeMember(db, a.org.id, 'finance');
    assert.ok((await kindsFor('finance', fin.user.id, a.code)).has('vouchers'));
    assert.deepEqual([...(await kindsFor('finance', fin.user.id, a.router.name))], []);
    // Warehouse sees none of these lists.
    const wh = await makeMember(db, a.org.id, 'warehouse');
    assert.deepEqual(await search(a.org.id, wh.user.id, 'warehouse', 'joko'), []);
    // A reseller: the world's customer is attributed to the admin who made the lead, not to this reseller.
    const reseller = await makeMember(db, a.org.id, 'reseller');
    assert.deepEqual(await search(a.org.id, reseller.user.id, 'reseller', 'joko'), []);
    assert.equal((await search(a.org.id, a.admin.user.id, 'reseller', 'joko')).length, 1);
  });

  test('one letter searches nothing; a long query is refused as input', async () => {
    const { org, admin } = await makeOrg(db, 'qss');
    assert.deepEqual(await search(org.id, admin.user.id, 'admin', 'j'), []);
    const r = await executeOperation(quickSearchOp, ctxFor(db, org.id, admin.user.id, 'admin'), { q: 'x'.repeat(101) });
    assert.equal(r.ok, false);
  });
});
