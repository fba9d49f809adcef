import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { jobs, olts, subscriptions } from '@/db/schema';
import * as oltCliOps from '@/lib/fibre/olt/operations';
import type { Result } from '@/lib/server/operation';
import { makeOltRecords } from './records';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** Inputs that succeed for the OLT command-line operations (permission matrix). */
export async function oltCliMatrixInputs(db: Database, orgId: string): Promise<Record<string, unknown>> {
  const w = await makeOltRecords(db, orgId, 'ZTEM');
  const reg = { oltId: w.olt.id, ponPortId: w.port.id, serial: 'ZTEGAAAA0001', name: 'Budi', values: { vlan: '300' } };
  return {
    'olts.unconfigured': { oltId: w.olt.id },
    'olts.scan': { oltId: w.olt.id },
    'olts.check': { oltId: w.olt.id },
    'olts.template': { oltId: w.olt.id },
    'olts.updateTemplate': {
      oltId: w.olt.id,
      template: {
        commands: 'interface gpon-olt_{frame}/{slot}/{port}\nonu {onuIndex} type {onuType} sn {serial}',
        values: { onuType: 'ALL' },
      },
    },
    'onus.previewRegistration': reg,
    'onus.register': reg,
    'onus.remove': { onuId: w.onu.id, confirm: true },
    'onus.reboot': { onuId: w.onu.id },
    'onus.refresh': { onuId: w.onu.id },
    'onus.subscriptionChoices': { q: 'Pelanggan' },
  };
}

/** Organization A's member, with every permission, names B's OLT and ONU: nothing is read, queued or changed. */
export function oltCliIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeOltRecords> | undefined;
  const b = () => (world ??= makeOltRecords(sides().db, sides().b.orgId, 'ZTEB'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = async (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
    const queued = await sides().db.select().from(jobs).where(eq(jobs.organizationId, sides().a.orgId));
    assert.ok(!queued.some((j) => j.type.startsWith('olt-') || j.type.startsWith('onu-')), 'no OLT job queued for A');
  };
  const regOf = async () => {
    const w = await b();
    return { oltId: w.olt.id, ponPortId: w.port.id, serial: 'ZTEGAAAA0009' };
  };
  return {
    'olts.unconfigured': async () => notFound(await run(oltCliOps.unconfiguredOnusOp, { oltId: (await b()).olt.id })),
    'olts.scan': async () => notFound(await run(oltCliOps.scanOltOp, { oltId: (await b()).olt.id })),
    'olts.check': async () => notFound(await run(oltCliOps.checkOltOp, { oltId: (await b()).olt.id })),
    'olts.template': async () => notFound(await run(oltCliOps.oltTemplateOp, { oltId: (await b()).olt.id })),
    'olts.updateTemplate': async () => {
      const w = await b();
      await notFound(
        await run(oltCliOps.updateOltTemplateOp, {
          oltId: w.olt.id,
          template: { commands: 'no onu {onuIndex}', values: {} },
        }),
      );
      const [row] = await sides().db.select().from(olts).where(eq(olts.id, w.olt.id));
      assert.notEqual(row!.template.commands, 'no onu {onuIndex}');
    },
    'onus.previewRegistration': async () => notFound(await run(oltCliOps.previewRegistrationOp, await regOf())),
    'onus.register': async () => notFound(await run(oltCliOps.registerOnuOp, await regOf())),
    'onus.remove': async () => notFound(await run(oltCliOps.removeOnuOp, { onuId: (await b()).onu.id, confirm: true })),
    'onus.reboot': async () => notFound(await run(oltCliOps.rebootOnuOp, { onuId: (await b()).onu.id })),
    'onus.refresh': async () => notFound(await run(oltCliOps.refreshOnuOp, { onuId: (await b()).onu.id })),
    'onus.subscriptionChoices': async () => {
      const r = await run(oltCliOps.onuSubscriptionChoicesOp, { q: 'Pelanggan' });
      assert.ok(r.ok, JSON.stringify(r));
      const [bSub] = await sides()
        .db.select({ id: subscriptions.id })
        .from(subscriptions)
        .where(eq(subscriptions.organizationId, sides().b.orgId));
      if (bSub) assert.ok(!JSON.stringify(r.data).includes(bSub.id));
    },
  };
}
