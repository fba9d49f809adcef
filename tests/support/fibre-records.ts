import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import type { OnuState, SignalLevel } from '@/db/enums';
import { infraSites, odps, olts, onus } from '@/db/schema';
import { createOlt, createPonPort } from '@/lib/fibre/olts';
import * as fibreOps from '@/lib/fibre/record-operations';
import type { Result } from '@/lib/server/operation';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Side = { orgId: string; userId: string; subscriptionId?: string };
type Sides = { db: Database; run: Run; a: Side; b: Side };

/** An ONU row as a registration leaves it (tests only: the command line module registers real ones). */
export async function makeOnu(
  db: Database,
  p: {
    orgId: string;
    oltId: string;
    ponPortId: string;
    onuIndex: number;
    serial: string;
    name?: string;
    subscriptionId?: string | null;
    state?: OnuState;
    level?: SignalLevel | null;
    rxPowerDbm?: number | null;
  },
) {
  const [row] = await db
    .insert(onus)
    .values({
      organizationId: p.orgId,
      oltId: p.oltId,
      ponPortId: p.ponPortId,
      onuIndex: p.onuIndex,
      serial: p.serial,
      name: p.name ?? null,
      subscriptionId: p.subscriptionId ?? null,
      state: p.state ?? 'working',
      level: p.level === undefined ? 'ok' : p.level,
      rxPowerDbm: p.rxPowerDbm === undefined ? -20.5 : p.rxPowerDbm,
      lastPolledAt: new Date(),
    })
    .returning();
  return row!;
}

/**
 * An organization's fibre: an OLT with two PON ports, an ODC and an ODP (unlinked), and two
 * ONUs on the first port (one working, one LOS), the first given to `subscriptionId`.
 */
export async function makeFibreWorld(db: Database, s: Side, tag: string) {
  const olt = await createOlt(db, {
    orgId: s.orgId,
    actorUserId: s.userId,
    name: `${tag} OLT rahasia`,
    vendor: 'zte',
    model: 'C320',
    host: '192.0.2.50',
    username: 'admin',
    password: `${tag}-olt-password`,
    snmpCommunity: `${tag}-community`,
  });
  const port1 = await createPonPort(db, { orgId: s.orgId, oltId: olt.id, frame: 1, slot: 1, port: 1 });
  const port2 = await createPonPort(db, { orgId: s.orgId, oltId: olt.id, frame: 1, slot: 1, port: 2 });
  const [odc] = await db
    .insert(infraSites)
    .values({
      organizationId: s.orgId,
      kind: 'odc',
      code: `${tag}-ODC-RAHASIA`,
      name: `${tag} ODC`,
      latitude: -6.9,
      longitude: 107.6,
    })
    .returning();
  const [odp] = await db
    .insert(odps)
    .values({
      organizationId: s.orgId,
      code: `${tag}-ODP-RAHASIA`,
      name: `${tag} ODP`,
      latitude: -6.9,
      longitude: 107.6,
    })
    .returning();
  const onu1 = await makeOnu(db, {
    orgId: s.orgId,
    oltId: olt.id,
    ponPortId: port1.id,
    onuIndex: 1,
    serial: `ZTEG${tag}000001`.slice(0, 12),
    subscriptionId: s.subscriptionId ?? null,
  });
  const onu2 = await makeOnu(db, {
    orgId: s.orgId,
    oltId: olt.id,
    ponPortId: port1.id,
    onuIndex: 2,
    serial: `ZTEG${tag}000002`.slice(0, 12),
    state: 'los',
    level: null,
    rxPowerDbm: null,
  });
  return { olt, port1, port2, odc: odc!, odp: odp!, onu1, onu2 };
}

/** A's admin reads, changes and links none of B's OLTs, ports or ONUs, even given their ids. */
export function fibreRecordIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bw: ReturnType<typeof makeFibreWorld> | undefined;
  let aw: ReturnType<typeof makeFibreWorld> | undefined;
  const bWorld = () => (bw ??= makeFibreWorld(sides().db, sides().b, 'FB'));
  const aWorld = () => (aw ??= makeFibreWorld(sides().db, sides().a, 'FA'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const refused = (r: Result<unknown>) => assert.equal(r.ok, false, JSON.stringify(r));
  const readsNothingOfB = async (r: Result<unknown>) => {
    const b = await bWorld();
    assert.ok(r.ok, JSON.stringify(r));
    const text = JSON.stringify(r.data);
    for (const secret of ['FB OLT', 'FB-ODC', 'FB-ODP', 'ZTEGFB', b.olt.id, b.port1.id, b.onu1.id])
      assert.ok(!text.includes(secret), secret);
  };
  const oltName = async (id: string) =>
    (await sides().db.select({ n: olts.name }).from(olts).where(eq(olts.id, id)))[0]?.n;
  return {
    'olts.list': async () => {
      await aWorld();
      await readsNothingOfB(await run(fibreOps.listOltsOp, {}));
      await readsNothingOfB(await run(fibreOps.listOltsOp, { q: 'FB' }));
    },
    'olts.get': async () => notFound(await run(fibreOps.getOltOp, { oltId: (await bWorld()).olt.id })),
    'olts.form': async () => notFound(await run(fibreOps.oltFormOp, { oltId: (await bWorld()).olt.id })),
    'olts.save': async () => {
      const b = await bWorld();
      const input = { name: 'Dibajak', vendor: 'zte', host: '192.0.2.60', username: 'x', password: 'y' };
      notFound(await run(fibreOps.saveOltOp, { ...input, oltId: b.olt.id }));
      assert.equal(await oltName(b.olt.id), 'FB OLT rahasia');
    },
    'olts.delete': async () => {
      const b = await bWorld();
      notFound(await run(fibreOps.deleteOltOp, { oltId: b.olt.id }));
      assert.equal(await oltName(b.olt.id), 'FB OLT rahasia');
    },
    'olts.choices': async () => readsNothingOfB(await run(fibreOps.oltChoicesOp, {})),
    'ponPorts.save': async () => {
      const b = await bWorld();
      notFound(await run(fibreOps.savePonPortOp, { oltId: b.olt.id, frame: 1, slot: 9, port: 9 }));
      notFound(
        await run(fibreOps.savePonPortOp, { oltId: b.olt.id, ponPortId: b.port1.id, slot: 1, port: 1, name: 'x' }),
      );
    },
    'ponPorts.delete': async () =>
      notFound(await run(fibreOps.deletePonPortOp, { ponPortId: (await bWorld()).port2.id })),
    'ponPorts.setFeed': async () => {
      const [a, b] = await Promise.all([aWorld(), bWorld()]);
      // A's ODP onto B's port, B's ODP onto A's port, B's ODC unlinked: all refused.
      notFound(await run(fibreOps.setPonFeedOp, { kind: 'odp', targetId: a.odp.id, ponPortId: b.port1.id }));
      notFound(await run(fibreOps.setPonFeedOp, { kind: 'odp', targetId: b.odp.id, ponPortId: a.port1.id }));
      notFound(await run(fibreOps.setPonFeedOp, { kind: 'odc', targetId: b.odc.id, ponPortId: null }));
    },
    'ponPorts.feedTargets': async () => {
      const b = await bWorld();
      await readsNothingOfB(await run(fibreOps.ponFeedTargetsOp, { ponPortId: b.port1.id, q: 'FB' }));
    },
    'ponPorts.choices': async () => readsNothingOfB(await run(fibreOps.ponPortChoicesOp, {})),
    'onus.list': async () => {
      const b = await bWorld();
      await readsNothingOfB(await run(fibreOps.listOnusOp, {}));
      await readsNothingOfB(await run(fibreOps.listOnusOp, { oltId: b.olt.id, q: 'ZTEGFB' }));
      await readsNothingOfB(await run(fibreOps.listOnusOp, { ponPortId: b.port1.id, state: 'los' }));
    },
    'onus.export': async () => {
      const b = await bWorld();
      await readsNothingOfB(await run(fibreOps.exportOnusOp, { oltId: b.olt.id }));
    },
    'onus.get': async () => notFound(await run(fibreOps.getOnuOp, { onuId: (await bWorld()).onu1.id })),
    'onus.assignSubscription': async () => {
      const [a, b] = await Promise.all([aWorld(), bWorld()]);
      notFound(await run(fibreOps.assignOnuSubscriptionOp, { onuId: b.onu2.id, subscriptionId: null }));
      if (sides().b.subscriptionId)
        refused(
          await run(fibreOps.assignOnuSubscriptionOp, { onuId: a.onu2.id, subscriptionId: sides().b.subscriptionId }),
        );
      const [still] = await sides().db.select().from(onus).where(eq(onus.id, a.onu2.id));
      assert.equal(still!.subscriptionId, null);
    },
  };
}

/**
 * The permission matrix's inputs for the OLT, PON port and ONU operations, in one
 * organization (each role gets a fresh scenario).
 */
export async function fibreRecordMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
  subscriptionId: string,
): Promise<Record<string, unknown>> {
  const w = await makeFibreWorld(db, { orgId, userId }, 'MX');
  // A second OLT with no ONUs, to delete.
  const spare = await createOlt(db, {
    orgId,
    actorUserId: userId,
    name: 'OLT cadangan',
    vendor: 'huawei',
    host: '192.0.2.70',
    username: 'root',
    password: 'admin',
  });
  return {
    'olts.list': {},
    'olts.get': { oltId: w.olt.id },
    'olts.form': { oltId: w.olt.id },
    'olts.save': { oltId: w.olt.id, name: 'OLT diganti', vendor: 'zte', host: '192.0.2.51', username: 'admin' },
    'olts.delete': { oltId: spare.id },
    'olts.choices': {},
    'ponPorts.save': { oltId: w.olt.id, frame: '1', slot: '2', port: '1', description: 'Arah utara' },
    'ponPorts.delete': { ponPortId: w.port2.id },
    'ponPorts.setFeed': { kind: 'odp', targetId: w.odp.id, ponPortId: w.port1.id },
    'ponPorts.feedTargets': { ponPortId: w.port1.id, q: 'MX' },
    'ponPorts.choices': {},
    'onus.list': { state: 'los', level: '' },
    'onus.export': { level: 'ok' },
    'onus.get': { onuId: w.onu1.id },
    'onus.assignSubscription': { onuId: w.onu2.id, subscriptionId },
  };
}
