import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { oltPonPorts, olts, onus } from '@/db/schema';
import { oltCheck, oltScan, onuOptics, onuReboot, onuRegister, onuRemove } from '@/lib/fibre/olt/jobs';
import {
  checkOltOp,
  previewRegistrationOp,
  rebootOnuOp,
  refreshOnuOp,
  registerOnuOp,
  removeOnuOp,
  scanOltOp,
  unconfiguredOnusOp,
  updateOltTemplateOp,
} from '@/lib/fibre/olt/operations';
import { translate } from '@/lib/i18n/translate';
import { describeJobError } from '@/lib/jobs/error-text';
import { getJob } from '@/lib/jobs/queries';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { closeOltPool } from '@/workers/olt-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, testDb, waitFor } from '../helpers';
import { makeStandInOlt, type OltCliServer, startOltCliServer } from '../support/olt-cli';

/** The operations as the screens use them, with the worker running the jobs against the stand-ins. */
const db = testDb();
let runner: Runner;
const servers: OltCliServer[] = [];

before(async () => {
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
    log: false,
    schedule: false,
    networkSchedule: false,
    // This file's OLT jobs only: integration files run two at a time over one database.
    only: [oltCheck, oltScan, onuRegister, onuRemove, onuReboot, onuOptics].map((c) => c.name),
  });
});
after(async () => {
  await runner.stop();
  await closeOltPool();
  await Promise.all(servers.map((s) => s.close()));
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${r.message}`);
  return r.data;
}

async function finished(ctx: Ctx, jobId: string) {
  return waitFor(async () => {
    const job = await getJob(db, { orgId: ctx.orgId, jobId });
    return job && (job.state === 'done' || job.state === 'failed') ? job : null;
  }, 20_000);
}

for (const vendor of ['zte', 'huawei'] as const) {
  describe(`${vendor}: check, scan, preview, register, refresh, reboot, remove through the worker`, () => {
    test('the preview is exactly what the OLT receives; the page lists what the scan found', async () => {
      const { org, admin } = await makeOrg(db, `olt-ops-${vendor}`);
      const ctx = ctxFor(db, org.id, admin.user.id, 'admin', 'en');
      const server = await startOltCliServer({ vendor, transport: vendor === 'zte' ? 'ssh' : 'telnet' });
      servers.push(server);
      const olt = await makeStandInOlt(db, org.id, server);
      const serial = vendor === 'zte' ? 'ZTEGC8A1B2C3' : 'HWTCA1B2C3D4';
      const at = vendor === 'zte' ? { frame: 1, slot: 2, port: 3 } : { frame: 0, slot: 1, port: 3 };
      server.olt.plugIn({ ...at, serial, model: 'F670L' });

      // The check reads model and firmware and creates the PON ports.
      const check = await finished(ctx, (await ok(executeOperation(checkOltOp, ctx, { oltId: olt.id }))).jobId);
      assert.equal(check.state, 'done', check.error ?? '');
      const ports = await db.select().from(oltPonPorts).where(eq(oltPonPorts.oltId, olt.id));
      assert.equal(ports.length, vendor === 'zte' ? 24 : 16);
      const [checked] = await db.select().from(olts).where(eq(olts.id, olt.id));
      assert.equal(checked?.status, 'online');
      assert.match(checked?.firmware ?? '', vendor === 'zte' ? /V2\.1/ : /V800R018/);

      // Nothing scanned yet, then the scan's result is the list.
      assert.equal((await ok(executeOperation(unconfiguredOnusOp, ctx, { oltId: olt.id }))).scannedAt, null);
      const scan = await finished(ctx, (await ok(executeOperation(scanOltOp, ctx, { oltId: olt.id }))).jobId);
      assert.equal(scan.state, 'done', scan.error ?? '');
      const waiting = await ok(executeOperation(unconfiguredOnusOp, ctx, { oltId: olt.id }));
      assert.ok(waiting.scannedAt);
      assert.equal(waiting.onus.length, 1);
      const found = waiting.onus[0]!;
      assert.equal(found.serial, serial);
      assert.ok(found.ponPortId);

      const input = { oltId: olt.id, ponPortId: found.ponPortId, serial, name: 'Rumah Budi', values: { vlan: '321' } };
      const preview = await ok(executeOperation(previewRegistrationOp, ctx, input));
      assert.ok(preview.commands.some((c) => c.includes('321')));
      assert.ok(preview.commands.some((c) => c.includes('Rumah_Budi')));
      const mark = server.olt.received.length;
      const queued = await ok(executeOperation(registerOnuOp, ctx, input));
      const reg = await finished(ctx, queued.jobId);
      assert.equal(reg.state, 'done', reg.error ?? '');
      assert.deepEqual(server.olt.since(mark).slice(-preview.commands.length), preview.commands);
      const [onu] = await db
        .select()
        .from(onus)
        .where(and(eq(onus.organizationId, org.id), eq(onus.serial, serial)));
      assert.ok(onu);
      // Registered: no longer waiting after the next scan.
      await finished(ctx, (await ok(executeOperation(scanOltOp, ctx, { oltId: olt.id }))).jobId);
      assert.equal((await ok(executeOperation(unconfiguredOnusOp, ctx, { oltId: olt.id }))).onus.length, 0);

      server.olt.setOnu(serial, { rxPowerDbm: -27.4 });
      const read = await finished(ctx, (await ok(executeOperation(refreshOnuOp, ctx, { onuId: onu.id }))).jobId);
      assert.equal(read.state, 'done', read.error ?? '');
      const [measured] = await db.select().from(onus).where(eq(onus.id, onu.id));
      assert.equal(measured?.level, 'critical');

      const reboot = await finished(ctx, (await ok(executeOperation(rebootOnuOp, ctx, { onuId: onu.id }))).jobId);
      assert.equal(reboot.state, 'done', reboot.error ?? '');
      assert.equal(server.olt.findBySerial(serial)?.reboots, 1);

      const unconfirmed = await executeOperation(removeOnuOp, ctx, { onuId: onu.id });
      assert.equal(unconfirmed.ok, false);
      const removal = await finished(
        ctx,
        (await ok(executeOperation(removeOnuOp, ctx, { onuId: onu.id, confirm: true }))).jobId,
      );
      assert.equal(removal.state, 'done', removal.error ?? '');
      assert.equal(server.olt.findBySerial(serial), undefined);
    });

    test("the OLT's refusal fails the job at once and reads as a clear message, the OLT's words below", async () => {
      const { org, admin } = await makeOrg(db, `olt-ops-err-${vendor}`);
      const ctx = ctxFor(db, org.id, admin.user.id, 'admin', 'en');
      const server = await startOltCliServer({ vendor, transport: 'telnet' });
      servers.push(server);
      const olt = await makeStandInOlt(db, org.id, server);
      await finished(ctx, (await ok(executeOperation(checkOltOp, ctx, { oltId: olt.id }))).jobId);
      const [port] = await db.select().from(oltPonPorts).where(eq(oltPonPorts.oltId, olt.id)).limit(1);
      const values = vendor === 'zte' ? { vlan: '4095' } : { lineProfile: '77' };
      const queued = await ok(
        executeOperation(registerOnuOp, ctx, { oltId: olt.id, ponPortId: port!.id, serial: 'ZTEG0000ABCD', values }),
      );
      const job = await finished(ctx, queued.jobId);
      assert.equal(job.state, 'failed');
      assert.equal(job.attempts, 1, 'a refusal is not retried');
      const { key, detail } = describeJobError(job.error ?? '');
      assert.equal(key, 'errors.olt_command');
      assert.match(translate('en', key!), /The OLT refused a command/);
      assert.match(
        detail,
        vendor === 'zte' ? /%Error 20200: Invalid VLAN ID/ : /Failure: The line profile does not exist/,
      );
      assert.equal((await db.select().from(onus).where(eq(onus.organizationId, org.id))).length, 0);
    });
  });
}

describe('template', () => {
  test('an unknown placeholder is refused next to the commands; a good template is used by the next preview', async () => {
    const { org, admin } = await makeOrg(db, 'olt-template');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin', 'en');
    const olt = await makeStandInOlt(db, org.id, {
      vendor: 'zte',
      transport: 'telnet',
      host: '10.255.0.9',
      port: 23,
      username: 'a',
      password: 'b',
    });
    const bad = await executeOperation(updateOltTemplateOp, ctx, {
      oltId: olt.id,
      template: { commands: 'onu {onuIndex} type {onuTipe} sn {serial}', values: { onuType: 'ALL' } },
    });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.code === 'olt_template_invalid');
    assert.ok(!bad.ok && bad.message.includes('{onuTipe}'));
    assert.ok(!bad.ok && bad.fieldErrors?.commands);
    const spaced = await executeOperation(updateOltTemplateOp, ctx, {
      oltId: olt.id,
      template: { commands: 'onu {onuIndex} type {onuType} sn {serial}', values: { onuType: 'ALL; reboot' } },
    });
    assert.ok(!spaced.ok && spaced.fieldErrors?.['values.onuType']);
    await ok(
      executeOperation(updateOltTemplateOp, ctx, {
        oltId: olt.id,
        template: {
          commands: 'interface gpon-olt_{frame}/{slot}/{port}\nonu {onuIndex} type {onuType} sn {serial}',
          values: { onuType: 'ALL' },
        },
      }),
    );
    const [port] = await db
      .insert(oltPonPorts)
      .values({ organizationId: org.id, oltId: olt.id, frame: 1, slot: 1, port: 4, name: 'gpon-olt_1/1/4' })
      .returning();
    const preview = await ok(
      executeOperation(previewRegistrationOp, ctx, { oltId: olt.id, ponPortId: port!.id, serial: 'zteg-00001234' }),
    );
    assert.deepEqual(preview.commands, [
      'configure terminal',
      'interface gpon-olt_1/1/4',
      'onu 1 type ALL sn ZTEG00001234',
      'end',
    ]);
  });
});
