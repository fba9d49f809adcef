import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { outages, pendingCharges, plans } from '@/db/schema';
import * as infraOps from '@/lib/infrastructure/operations';
import { createOutage, markOutageDown, resolveOutage } from '@/lib/outages/mutations';
import * as outageOps from '@/lib/outages/operations';
import type { Result } from '@/lib/server/operation';
import { idOf, seedTopology } from './outage-world';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * B's network (a small tree), one open outage, one proposal and one resolved outage not yet
 * credited: A's admin can read none of it, confirm, dismiss, resolve or credit none of it,
 * and cannot mark B's elements down.
 */
export function outageIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: Promise<Awaited<ReturnType<typeof makeWorld>>> | undefined;
  const bWorld = () => (world ??= makeWorld(sides()));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const statusOf = async (id: string) =>
    (await sides().db.select({ s: outages.status }).from(outages).where(eq(outages.id, id)))[0]!.s;
  const readsNothingOfB = async (r: Result<unknown>) => {
    const b = await bWorld();
    assert.ok(r.ok);
    const text = JSON.stringify(r.data);
    for (const secret of [b.open, b.proposed, b.resolved, b.odc, 'B-ODP', 'B-ODC', 'B-OLT'])
      assert.ok(!text.includes(secret), secret);
  };
  return {
    'outages.list': async () => readsNothingOfB(await run(outageOps.listOutagesOp, {})),
    'outages.counts': async () => {
      await bWorld();
      assert.deepEqual(await run(outageOps.countOutagesOp, {}), { ok: true, data: { proposed: 0, open: 0 } });
    },
    'outages.get': async () => notFound(await run(outageOps.getOutageOp, { outageId: (await bWorld()).open })),
    'outages.affected': async () => {
      const r = await run(outageOps.listAffectedOp, { outageId: (await bWorld()).open });
      assert.deepEqual(r, { ok: true, data: { items: [], nextCursor: null } });
    },
    'outages.preview': async () =>
      notFound(await run(outageOps.previewOutageOp, { elementType: 'odc', elementId: (await bWorld()).odc })),
    'outages.elements': async () => {
      await bWorld();
      for (const type of ['odp', 'odc', 'olt', 'pop', 'cable', 'router'])
        await readsNothingOfB(await run(outageOps.searchElementsOp, { type, q: 'B-' }));
    },
    'outages.markDown': async () => {
      const b = await bWorld();
      notFound(await run(outageOps.markDownOp, { elementType: 'odc', elementId: b.odc }));
      const rows = await sides()
        .db.select()
        .from(outages)
        .where(and(eq(outages.organizationId, sides().a.orgId)));
      assert.deepEqual(rows, []);
    },
    'outages.confirm': async () => {
      const b = await bWorld();
      notFound(await run(outageOps.confirmOutageOp, { outageId: b.proposed }));
      assert.equal(await statusOf(b.proposed), 'proposed');
    },
    'outages.dismiss': async () => {
      const b = await bWorld();
      notFound(await run(outageOps.dismissOutageOp, { outageId: b.proposed }));
      assert.equal(await statusOf(b.proposed), 'proposed');
    },
    'outages.resolve': async () => {
      const b = await bWorld();
      notFound(await run(outageOps.resolveOutageOp, { outageId: b.open }));
      assert.equal(await statusOf(b.open), 'open');
    },
    'outages.credit': async () => {
      const b = await bWorld();
      notFound(await run(outageOps.creditOutageOp, { outageId: b.resolved }));
      const charges = await sides()
        .db.select()
        .from(pendingCharges)
        .where(inArray(pendingCharges.organizationId, [sides().a.orgId, sides().b.orgId]));
      assert.deepEqual(
        charges.filter((c) => c.description.includes('gangguan')),
        [],
      );
    },
    'outages.creditPreview': async () =>
      notFound(await run(outageOps.previewCreditOp, { outageId: (await bWorld()).resolved })),
    'sites.topologyChoices': async () => readsNothingOfB(await run(infraOps.siteTopologyChoicesOp, {})),
  };
}

async function makeWorld(s: Sides) {
  const db = s.db;
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: s.b.orgId,
      name: 'Paket B gangguan',
      downloadKbps: 1024,
      uploadKbps: 1024,
      priceRupiah: 100_000,
    })
    .returning();
  await seedTopology(db, {
    orgId: s.b.orgId,
    planId: plan!.id,
    olts: 1,
    odcsPerOlt: 2,
    odpsPerOdc: 2,
    subsPerOdp: 2,
    prefix: 'B-',
    firstNumber: 700_000,
  });
  const actor = { orgId: s.b.orgId, actorUserId: s.b.userId, ip: null };
  const odc = await idOf(db, s.b.orgId, 'B-ODC-1-1');
  const open = await markOutageDown(db, { ...actor, input: { elementType: 'odc', elementId: odc } });
  const done = await markOutageDown(db, {
    ...actor,
    input: { elementType: 'odp', elementId: await idOf(db, s.b.orgId, 'B-ODP-1-2-1') },
  });
  await resolveOutage(db, { ...actor, outageId: done.outage.id });
  const proposed = await createOutage(db, {
    orgId: s.b.orgId,
    actorUserId: null,
    element: { type: 'odp', id: await idOf(db, s.b.orgId, 'B-ODP-1-2-2') },
    source: 'detected',
    evidence: { signal: 'radius', offline: 2, total: 2 },
  });
  return { odc, open: open.outage.id, resolved: done.outage.id, proposed: proposed.id };
}

/**
 * The permission matrix's inputs for the outage operations, in one organization: an open
 * outage to resolve, a resolved one to credit, two proposals (one to confirm, one to
 * dismiss) and an ODP still up to mark down. Each role gets a fresh scenario.
 */
export async function outageMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: orgId,
      name: 'Paket matriks gangguan',
      downloadKbps: 1024,
      uploadKbps: 1024,
      priceRupiah: 100_000,
    })
    .returning();
  await seedTopology(db, {
    orgId,
    planId: plan!.id,
    olts: 1,
    odcsPerOlt: 1,
    odpsPerOdc: 5,
    subsPerOdp: 1,
    prefix: 'M-',
    firstNumber: 800_000,
  });
  const actor = { orgId, actorUserId: userId, ip: null };
  const odp = (n: number) => idOf(db, orgId, `M-ODP-1-1-${n}`);
  const open = await markOutageDown(db, { ...actor, input: { elementType: 'odp', elementId: await odp(1) } });
  const done = await markOutageDown(db, { ...actor, input: { elementType: 'odp', elementId: await odp(2) } });
  await resolveOutage(db, { ...actor, outageId: done.outage.id });
  const propose = async (n: number) =>
    (
      await createOutage(db, {
        orgId,
        actorUserId: null,
        element: { type: 'odp', id: await odp(n) },
        source: 'detected',
        evidence: { signal: 'radius', offline: 1, total: 1 },
      })
    ).id;
  const [toConfirm, toDismiss] = [await propose(3), await propose(4)];
  return {
    'outages.list': {},
    'outages.counts': {},
    'outages.get': { outageId: open.outage.id },
    'outages.affected': { outageId: open.outage.id },
    'outages.preview': { elementType: 'odp', elementId: await odp(5) },
    'outages.elements': { type: 'odp', q: 'M-ODP' },
    'outages.markDown': { elementType: 'odp', elementId: await odp(5) },
    'outages.confirm': { outageId: toConfirm },
    'outages.dismiss': { outageId: toDismiss },
    'outages.resolve': { outageId: open.outage.id },
    'outages.credit': { outageId: done.outage.id },
    'outages.creditPreview': { outageId: done.outage.id },
    'sites.topologyChoices': {},
  };
}
