import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { acsServers, auditLogs, events, jobs, pluginInstalls, pluginRuns } from '@/db/schema';
import { dispatchEvents } from '@/lib/events/dispatch';
import { emitEvent } from '@/lib/events/emit';
import { pluginCatalogue } from '@/lib/plugins/catalogue';
import { PluginHosts } from '@/lib/plugins/host';
import { savePluginInstall } from '@/lib/plugins/installs';
import { pluginHook } from '@/lib/plugins/jobs';
import * as pluginOps from '@/lib/plugins/operations';
import { runPluginHook } from '@/lib/plugins/runs';
import { executeOperation } from '@/lib/server/operation';
import { closePluginHosts } from '@/workers/plugin-hosts';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeOrg, testDb, waitFor } from '../helpers';
import { makePluginWorld, SHEET_URL } from '../support/plugin-cases';

/**
 * The plugin manager: the catalogue reads built-ins' health where their subsystems record it;
 * the sample plugin gets invoice.paid from the events pass and a real worker and posts it to a
 * loopback "spreadsheet"; plugins that throw, hang, exit or run out of memory are contained in
 * their host process, recorded, shown failing, and never stop the worker, this process or
 * another organization's plugin.
 */
const db = testDb();
let runner: Runner;
let sheet: http.Server;
let sheetUrl: string;
const rows: { auth: string | undefined; key: string | undefined; body: Record<string, unknown> }[] = [];
// Short budgets for the direct runs; the worker uses the test environment's (1.5 s, 64 MB).
const hosts = new PluginHosts({ timeoutMs: 1000, memoryMb: 64 });

before(async () => {
  sheet = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      // A Google-Apps-Script-style endpoint: JSON in, bearer token checked.
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json') {
        res.writeHead(400).end();
        return;
      }
      rows.push({
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string,
        body: JSON.parse(body),
      });
      res.writeHead(req.headers.authorization === 'Bearer sheet-token' ? 200 : 401).end('{"result":"success"}');
    });
  });
  await new Promise<void>((r) => sheet.listen(0, '127.0.0.1', r));
  sheetUrl = `http://127.0.0.1:${(sheet.address() as AddressInfo).port}/macros/exec`;
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
    only: [pluginHook.name],
    log: false,
    schedule: false,
  });
});
after(async () => {
  hosts.close();
  await runner.stop();
  closePluginHosts();
  sheet.close();
});

async function orgWith(
  label: string,
  pluginId: string,
  eventTypes: ('invoice.paid' | 'customer.created')[],
  config = {},
) {
  const o = await makeOrg(db, label);
  await savePluginInstall(db, {
    orgId: o.org.id,
    actorUserId: o.admin.user.id,
    ip: null,
    input: { pluginId, enabled: true, eventTypes, config },
  });
  return o;
}

const paid = (n: string) => ({
  invoiceId: '00000000-0000-4000-8000-000000000001',
  number: n,
  customerId: '00000000-0000-4000-8000-000000000002',
  customerName: 'Budi Santoso',
  subscriptionId: null,
  amount: 166500,
  paidAt: '2025-05-03T04:05:06.000Z',
});

async function emitted(orgId: string, type: 'invoice.paid' | 'customer.created', data: Record<string, unknown>) {
  await db.transaction((tx) => emitEvent(tx, { orgId, type, data }));
  const [e] = await db
    .select()
    .from(events)
    .where(and(eq(events.organizationId, orgId), eq(events.type, type)))
    .orderBy(desc(events.createdAt))
    .limit(1);
  assert.ok(e, 'the event was recorded (the organization has a plugin that wants it)');
  return e;
}

const install = async (orgId: string, pluginId: string) =>
  (
    await db
      .select()
      .from(pluginInstalls)
      .where(and(eq(pluginInstalls.organizationId, orgId), eq(pluginInstalls.pluginId, pluginId)))
  )[0]!;
const runsOf = (orgId: string) => db.select().from(pluginRuns).where(eq(pluginRuns.organizationId, orgId));

describe('the catalogue', () => {
  test("a built-in's health is its subsystem's: a router that failed its check, GenieACS that could not be reached", async () => {
    const o = await makeOrg(db, 'plug-cat');
    const clean = await makeOrg(db, 'plug-cat-clean');
    await makePluginWorld(db, o.org.id, o.admin.user.id, 'C');
    await db.insert(acsServers).values({
      organizationId: o.org.id,
      nbiUrl: 'http://10.9.9.9:7557',
      lastCheckedAt: new Date(),
      lastError: '[unreachable] connect ECONNREFUSED 10.9.9.9:7557',
    });
    const c = await pluginCatalogue(db, { orgId: o.org.id });
    const item = (id: string) => c.builtins.find((b) => b.id === id)!;
    assert.equal(item('network.routeros').health, 'failing');
    assert.equal(item('network.routeros').count, 1);
    assert.deepEqual(
      { ...item('network.routeros').lastError, at: null },
      { key: 'routers.errorKinds.timeout', detail: 'C-only timed out', subject: 'router-C-only', at: null },
    );
    assert.equal(item('integration.genieacs').health, 'failing');
    assert.equal(item('integration.genieacs').lastError?.key, 'acs.errors.unreachable');
    assert.equal(item('payment.midtrans').health, 'off');
    assert.equal(item('payment.midtrans').href, '/settings/payments');
    // Built-ins carry the app's version; every kind is there.
    assert.ok(c.builtins.every((b) => b.version === c.appVersion));
    assert.deepEqual([...new Set(c.builtins.map((b) => b.kind))], ['payment', 'whatsapp', 'network', 'integration']);
    // Another organization's catalogue: nothing set up, nothing failing.
    const other = await pluginCatalogue(db, { orgId: clean.org.id });
    assert.ok(other.builtins.every((b) => b.health === 'off'));

    // The npm plugins named in JARING_PLUGINS, described by their own host processes.
    const sample = c.plugins.find((p) => p.id === 'sheets-sample')!;
    assert.equal(sample.version, '1.0.0');
    assert.equal(sample.enabled, true);
    assert.deepEqual(sample.plugin?.offered, ['invoice.paid']);
    // The token is masked; the row holds it encrypted.
    assert.deepEqual(sample.plugin?.config.token, { set: true, hint: 't••••y' });
    assert.ok(!JSON.stringify(c).includes('token-C-only'));
    assert.ok(!(await install(o.org.id, 'sheets-sample')).config!.includes('token-C-only'));
    assert.deepEqual(c.plugins.map((p) => p.id).sort(), ['sheets-sample', 'test-exits', 'test-hangs', 'test-throws']);
  });
});

describe('configuring a plugin', () => {
  test('settings are checked, secrets kept when left blank, the audit names no secret', async () => {
    const o = await makeOrg(db, 'plug-conf');
    const ctx = ctxFor(db, o.org.id, o.admin.user.id, 'admin', 'en');
    const save = (over: Record<string, unknown>) =>
      executeOperation(pluginOps.savePluginOp, ctx, {
        pluginId: 'sheets-sample',
        enabled: true,
        eventTypes: ['invoice.paid'],
        config: { url: SHEET_URL, token: 'first-token' },
        ...over,
      });
    // On without its settings: told what to do.
    const off = await executeOperation(pluginOps.setPluginEnabledOp, ctx, { pluginId: 'sheets-sample', enabled: true });
    assert.equal(!off.ok && off.code, 'plugin_not_configured');
    assert.ok(!off.ok && /Configure/.test(off.message));

    const bad = await save({ config: { url: 'ftp://example.com', token: '' } });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.fieldErrors?.['config.url'] && bad.fieldErrors['config.token']);
    const metadata = await save({ config: { url: 'http://169.254.169.254/latest', token: 'x' } });
    assert.match((!metadata.ok && metadata.fieldErrors?.['config.url']) || '', /not allowed/);
    const notOffered = await save({ eventTypes: ['ticket.created'] });
    assert.ok(!notOffered.ok && notOffered.fieldErrors?.eventTypes);
    const unknown = await executeOperation(pluginOps.setPluginEnabledOp, ctx, { pluginId: 'nope', enabled: true });
    assert.equal(!unknown.ok && unknown.code, 'not_found');

    assert.ok((await save({})).ok);
    assert.ok((await save({ config: { url: SHEET_URL, token: '' } })).ok);
    const c = await pluginCatalogue(db, { orgId: o.org.id });
    assert.deepEqual(c.plugins.find((p) => p.id === 'sheets-sample')?.plugin?.config.token, {
      set: true,
      hint: 'f••••n',
    });
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, o.org.id));
    assert.deepEqual(
      audit.map((a) => a.action),
      ['plugins.saved', 'plugins.saved'],
    );
    assert.ok(!JSON.stringify(audit).includes('first-token'));
  });
});

describe('hooks run in their own process', () => {
  test('the sample plugin gets invoice.paid from the events pass and a worker, and posts the row', async () => {
    const o = await orgWith('plug-sheet', 'sheets-sample', ['invoice.paid'], { url: sheetUrl, token: 'sheet-token' });
    const event = await emitted(o.org.id, 'invoice.paid', paid('INV-2505-0001'));
    await dispatchEvents(db, { orgIds: [o.org.id] });
    const job = await waitFor(async () => {
      const [j] = await db
        .select()
        .from(jobs)
        .where(and(eq(jobs.organizationId, o.org.id), eq(jobs.type, pluginHook.name)));
      return j?.state === 'done' ? j : null;
    }, 30_000);
    assert.deepEqual(job.payload, { pluginId: 'sheets-sample', eventId: event.id });
    const row = rows.find((r) => r.key === event.id);
    assert.ok(row, 'the endpoint received the row');
    assert.equal(row.auth, 'Bearer sheet-token');
    assert.deepEqual(row.body, {
      number: 'INV-2505-0001',
      customer: 'Budi Santoso',
      amount: 166500,
      paidAt: '2025-05-03T04:05:06.000Z',
    });
    const [run] = await runsOf(o.org.id);
    assert.equal(run?.outcome, 'ok');
    assert.equal(run?.hook, 'invoice.paid');
    assert.equal((await install(o.org.id, 'sheets-sample')).health, 'ok');
  });

  test('a plugin that throws, hangs, exits or runs out of memory is recorded and shown failing; another organization’s plugin still runs', async () => {
    const throws = await orgWith('plug-throw', 'test-throws', ['invoice.paid']);
    const hangs = await orgWith('plug-hang', 'test-hangs', ['invoice.paid']);
    const exits = await orgWith('plug-exit', 'test-exits', ['invoice.paid', 'customer.created']);
    const fine = await orgWith('plug-fine', 'sheets-sample', ['invoice.paid'], { url: sheetUrl, token: 'sheet-token' });
    const run = async (
      o: typeof throws,
      pluginId: string,
      type: 'invoice.paid' | 'customer.created' = 'invoice.paid',
    ) => {
      const e = await emitted(
        o.org.id,
        type,
        type === 'invoice.paid' ? paid(`INV-${o.org.slug}`) : { customerId: 'x' },
      );
      return runPluginHook(db, hosts, { orgId: o.org.id, pluginId, eventId: e.id }).then(
        () => null,
        (error: Error) => error.message,
      );
    };
    const cases = [
      { o: throws, id: 'test-throws', outcome: 'error', text: /^Spreadsheet quota exceeded$/ },
      { o: hangs, id: 'test-hangs', outcome: 'timeout', text: /no answer within 1000 ms/ },
      { o: exits, id: 'test-exits', outcome: 'crashed', text: /exited with code 3/ },
    ];
    for (const c of cases) {
      const started = Date.now();
      const failure = await run(c.o, c.id);
      assert.ok(failure?.includes(c.id), 'the job fails, to be retried');
      assert.ok(Date.now() - started < 8000, `${c.id} took ${Date.now() - started} ms`);
      const [r] = await runsOf(c.o.org.id);
      assert.equal(r?.outcome, c.outcome);
      assert.match(r?.error ?? '', c.text);
      const i = await install(c.o.org.id, c.id);
      assert.equal(i.health, 'failing');
      assert.match(i.lastError ?? '', new RegExp(`^\\[${c.outcome}\\] `));
    }
    // Out of memory (the user.created hook: customer.created) is a crash of its host, named as such.
    assert.ok(await run(exits, 'test-exits', 'customer.created'));
    const oom = (await runsOf(exits.org.id)).find((r) => r.hook === 'user.created');
    assert.equal(oom?.outcome, 'crashed');
    assert.match(oom?.error ?? '', /ran out of memory \(limit 64 MB\)/);

    // This process is fine, and so are the hosts: the hanging plugin's was killed and starts again.
    assert.equal(await run(fine, 'sheets-sample'), null);
    assert.equal((await install(fine.org.id, 'sheets-sample')).health, 'ok');
    assert.equal(await run(throws, 'test-throws').then((m) => /quota/.test(m ?? '')), true);

    // The page words it in the user's language, the plugin's own text as the plugin's.
    const c = await pluginCatalogue(db, { orgId: hangs.org.id });
    const shown = c.plugins.find((p) => p.id === 'test-hangs')!;
    assert.equal(shown.health, 'failing');
    assert.equal(shown.lastError?.key, 'plugins.outcomes.timeout');
    assert.equal(shown.plugin?.runs[0]?.outcome, 'timeout');
  });

  test('through the worker, a hanging plugin costs its own job a timeout and the worker goes on', async () => {
    const hangs = await orgWith('plug-whang', 'test-hangs', ['invoice.paid']);
    const fine = await orgWith('plug-wfine', 'sheets-sample', ['invoice.paid'], {
      url: sheetUrl,
      token: 'sheet-token',
    });
    await emitted(hangs.org.id, 'invoice.paid', paid('INV-HANG'));
    const good = await emitted(fine.org.id, 'invoice.paid', paid('INV-FINE'));
    await dispatchEvents(db, { orgIds: [hangs.org.id, fine.org.id] });
    const jobOf = async (orgId: string) =>
      (
        await db
          .select()
          .from(jobs)
          .where(and(eq(jobs.organizationId, orgId), eq(jobs.type, pluginHook.name)))
      )[0];
    const retrying = await waitFor(async () => {
      const j = await jobOf(hangs.org.id);
      return j?.state === 'retrying' ? j : null;
    }, 30_000);
    assert.match(retrying.error ?? '', /\[timeout\]/);
    await waitFor(async () => (await jobOf(fine.org.id))?.state === 'done', 30_000);
    assert.ok(rows.some((r) => r.key === good.id));
    assert.equal((await install(hangs.org.id, 'test-hangs')).health, 'failing');
    // Turned off, its retries find nothing to do.
    await executeOperation(pluginOps.setPluginEnabledOp, ctxFor(db, hangs.org.id, hangs.admin.user.id, 'admin'), {
      pluginId: 'test-hangs',
      enabled: false,
    });
  });
});
