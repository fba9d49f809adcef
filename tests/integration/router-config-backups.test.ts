import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, jobs, organizations, routerConfigState, routerConfigVersions, routers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { describeJobError, storedJobError } from '@/lib/jobs/error-text';
import { PermanentJobError } from '@/lib/jobs/errors';
import { backupRouterConfig } from '@/lib/network/config-backups/backup';
import { ConfigBackupError } from '@/lib/network/config-backups/errors';
import {
  acceptRouterHostKeyOp,
  configBackupStatusOp,
  diffConfigVersionsOp,
  getConfigVersionOp,
  listConfigVersionsOp,
  runConfigBackupOp,
  saveConfigBackupSettingsOp,
} from '@/lib/network/config-backups/operations';
import { enqueueDueConfigBackups } from '@/lib/network/config-backups/schedule';
import { routerConfigBackup } from '@/lib/network/jobs';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { routerConfigBackupHandler } from '@/workers/jobs/router-config-backup';
import { ctxFor, makeOrg, makeRouter, testDb } from '../helpers';
import { type RouterOsSsh, SAMPLE_CONFIG, startRouterOsSsh } from '../support/routeros-ssh';

/**
 * RouterOS configuration history against SSH stand-ins (tests/support/routeros-ssh.ts): the
 * page's operations queue the job, the worker's adapter runs it (called here directly, no
 * queue), and what is stored, refused and shown is checked in the database.
 */
const db = testDb();
const servers: RouterOsSsh[] = [];
let v7: RouterOsSsh;
let v6: RouterOsSsh;

before(async () => {
  [v7, v6] = await Promise.all([
    startRouterOsSsh({ version: '7.16.2' }),
    startRouterOsSsh({ version: '6.49.10', auth: 'keyboard-interactive' }),
  ]);
  servers.push(v7, v6);
});
after(() => Promise.all(servers.map((s) => s.close())));

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${r.message}`);
  return r.data;
}

/** An organization whose router's SSH is the given stand-in (its API is never used here). */
async function world(label: string, ssh: RouterOsSsh, password = ssh.password) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const router = await makeRouter(db, org.id, { host: ssh.host, port: 8728 }, { username: ssh.username, password });
  await db.update(routers).set({ sshPort: ssh.port }).where(eq(routers.id, router.id));
  return { org, ctx, router, routerId: router.id };
}

/** "Back up now" on the page, then the worker's adapter runs the queued job. */
async function backUpNow(ctx: Ctx, routerId: string) {
  const { jobId } = await ok(executeOperation(runConfigBackupOp, ctx, { routerId }));
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  assert.equal(job!.type, routerConfigBackup.name);
  await db.update(jobs).set({ state: 'running' }).where(eq(jobs.id, jobId));
  try {
    return await routerConfigBackupHandler.run(job!.payload, { db, orgId: ctx.orgId, jobId, progress: async () => {} });
  } finally {
    await db.update(jobs).set({ state: 'done' }).where(eq(jobs.id, jobId));
  }
}

const versionsOf = (routerId: string) =>
  db.select().from(routerConfigVersions).where(eq(routerConfigVersions.routerId, routerId));
const stateOf = async (routerId: string) =>
  (await db.select().from(routerConfigState).where(eq(routerConfigState.routerId, routerId)))[0]!;

describe('router configuration backups over SSH', () => {
  test('stored once, unchanged runs only seen again, a change is a new version with its diff', async () => {
    v7.setConfig(SAMPLE_CONFIG);
    const w = await world('cfg-v7', v7);
    const first = (await backUpNow(w.ctx, w.routerId)) as { status: string; versionId: string; command: string };
    assert.equal(first.status, 'stored');
    assert.equal(first.command, '/export');
    // No snapshot yet: the version was asked over the same connection, then `/export` (7 hides secrets).
    assert.deepEqual(v7.received.slice(-2), [':put [/system resource get version]', '/export']);
    const [row] = await versionsOf(w.routerId);
    assert.equal(row!.routerosVersion, '7.16.2');
    assert.equal(row!.trigger, 'manual');
    // Encrypted at rest; RouterOS left the secrets out.
    assert.ok(!row!.textEnc.includes('bridge-lan'));
    const text = decryptSecret(row!.textEnc);
    assert.match(text, /^# \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by RouterOS 7\.16\.2\n/);
    assert.ok(text.includes('add name=budi01 profile="Paket 20 Mbps" service=pppoe'));
    assert.ok(!text.includes('rahasia') && !text.includes('\r'));
    const state = await stateOf(w.routerId);
    assert.match(state.hostKeyFingerprint!, /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(state.hostKeyType, 'ssh-ed25519');
    assert.deepEqual([state.lastStatus, state.failures], ['stored', 0]);

    // The same configuration (the date line aside): no new version, last seen moves.
    const again = (await backUpNow(w.ctx, w.routerId)) as { status: string };
    assert.equal(again.status, 'unchanged');
    const [still] = await versionsOf(w.routerId);
    assert.equal((await versionsOf(w.routerId)).length, 1);
    assert.ok(still!.lastSeenAt > row!.lastSeenAt);
    assert.equal((await stateOf(w.routerId)).lastStatus, 'unchanged');

    // Someone changed the router: a new version, and the diff says what.
    v7.setConfig(
      SAMPLE_CONFIG.replace('servers=1.1.1.1,8.8.8.8', 'servers=9.9.9.9').concat(
        '\n/ip service\nset telnet disabled=yes',
      ),
    );
    const changed = (await backUpNow(w.ctx, w.routerId)) as { status: string; added: number; removed: number };
    assert.deepEqual([changed.status, changed.added, changed.removed], ['stored', 3, 1]);
    const list = await ok(executeOperation(listConfigVersionsOp, w.ctx, { routerId: w.routerId }));
    assert.equal(list.items.length, 2);
    const [newest, oldest] = list.items;
    assert.deepEqual([newest!.addedLines, newest!.removedLines, newest!.previousId], [3, 1, oldest!.id]);
    assert.equal(oldest!.addedLines, null);
    const d = await ok(
      executeOperation(diffConfigVersionsOp, w.ctx, { routerId: w.routerId, fromId: newest!.id, toId: oldest!.id }),
    );
    // Older on the left whichever way they were picked.
    assert.equal(d.from.id, oldest!.id);
    const lines = d.diff.hunks.flatMap((h) =>
      h.lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text}`),
    );
    assert.deepEqual(lines, [
      'remove set allow-remote-requests=yes servers=1.1.1.1,8.8.8.8',
      'add set allow-remote-requests=yes servers=9.9.9.9',
      'add /ip service',
      'add set telnet disabled=yes',
    ]);
    assert.ok(d.diff.hunks[0]!.foldedBefore > 0);
    const one = await ok(executeOperation(getConfigVersionOp, w.ctx, { routerId: w.routerId, versionId: newest!.id }));
    assert.ok(one.text.includes('servers=9.9.9.9'));
    // Its download is named on the organization's clock (Asia/Jakarta), not UTC.
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Jakarta',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    const [day, time] = local.format(one.takenAt).split(' ');
    assert.ok(one.fileName.endsWith(`-${day}-${time!.replace(':', '')}.rsc`), one.fileName);

    // A tap while a run waits follows that run instead of queuing another.
    const a = await ok(executeOperation(runConfigBackupOp, w.ctx, { routerId: w.routerId }));
    const b = await ok(executeOperation(runConfigBackupOp, w.ctx, { routerId: w.routerId }));
    assert.deepEqual([a.queued, b.queued, b.jobId], [true, false, a.jobId]);
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'router.config_backup_requested')));
    assert.equal(audits.length, 4);
  });

  test('RouterOS 6 is asked with hide-sensitive (keyboard-interactive login), even when its snapshot says 7', async () => {
    const w = await world('cfg-v6', v6);
    const r = (await backUpNow(w.ctx, w.routerId)) as { command: string; status: string };
    assert.deepEqual([r.status, r.command], ['stored', '/export hide-sensitive']);
    assert.deepEqual(v6.received.slice(-2), [':put [/system resource get version]', '/export hide-sensitive']);
    const [row] = await versionsOf(w.routerId);
    const text = decryptSecret(row!.textEnc);
    assert.match(text, /^# [a-z]{3}\/\d\d\/\d{4} .* by RouterOS 6\.49\.10\n/);
    assert.ok(!text.includes('rahasia'), 'no PPP or RADIUS secret stored');

    // A stale snapshot (7): `/export` printed the secrets; they are dropped and 6 is asked again.
    await db
      .update(routers)
      .set({ lastSnapshot: { version: '7.15 (stable)' } as never })
      .where(eq(routers.id, w.routerId));
    v6.setConfig(`${SAMPLE_CONFIG}\n/ip dns static\nadd address=10.0.0.5 name=olt.lan`);
    const stale = (await backUpNow(w.ctx, w.routerId)) as { command: string };
    assert.equal(stale.command, '/export hide-sensitive');
    assert.deepEqual(v6.received.slice(-2), ['/export', '/export hide-sensitive']);
    for (const v of await versionsOf(w.routerId)) assert.ok(!decryptSecret(v.textEnc).includes('rahasia'));

    // And a RouterOS 7 whose snapshot says 6 refuses hide-sensitive the way 7 does, then is asked plainly.
    const w7 = await world('cfg-v7-stale', v7);
    await db
      .update(routers)
      .set({ lastSnapshot: { version: '6.48.6' } as never })
      .where(eq(routers.id, w7.routerId));
    assert.equal(v7.exportFor('/export hide-sensitive'), null);
    const up = (await backUpNow(w7.ctx, w7.routerId)) as { command: string };
    assert.equal(up.command, '/export');
    assert.deepEqual(v7.received.slice(-2), ['/export hide-sensitive', '/export']);
  });

  test('retention keeps the newest N; the settings are audited', async () => {
    const w = await world('cfg-keep', v7);
    await ok(
      executeOperation(saveConfigBackupSettingsOp, w.ctx, {
        routerId: w.routerId,
        sshPort: String(v7.port),
        keep: '2',
        enabled: 'on',
      }),
    );
    const bad = await executeOperation(saveConfigBackupSettingsOp, w.ctx, {
      routerId: w.routerId,
      sshPort: '70000',
      keep: '0',
    });
    assert.ok(!bad.ok && bad.fieldErrors?.sshPort && bad.fieldErrors.keep);
    for (let i = 1; i <= 4; i++) {
      v7.setConfig(`${SAMPLE_CONFIG}\n/system note\nset note="versi ${i}"`);
      await backUpNow(w.ctx, w.routerId);
    }
    const left = await versionsOf(w.routerId);
    assert.equal(left.length, 2);
    const texts = left.map((v) => decryptSecret(v.textEnc)).join('\n');
    assert.ok(texts.includes('versi 4') && texts.includes('versi 3') && !texts.includes('versi 2'));
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'router.config_settings_updated')));
    assert.deepEqual((audit!.data as { after: unknown }).after, { sshPort: v7.port, keep: 2, enabled: true });
  });

  test('a wrong password, SSH off and a changed host key are recorded in words, nothing stored', async () => {
    const wrong = await world('cfg-auth', v7, 'salah-sandi-123');
    await assert.rejects(backUpNow(wrong.ctx, wrong.routerId), (e: unknown) => {
      assert.ok(e instanceof PermanentJobError);
      const stored = storedJobError(e);
      assert.equal(describeJobError(stored).key, 'routerConfig.errors.auth');
      assert.ok(!stored.includes('salah-sandi-123'));
      return true;
    });
    let state = await stateOf(wrong.routerId);
    assert.deepEqual([state.lastStatus, state.lastErrorKind, state.failures], ['failed', 'auth', 1]);
    assert.equal((await versionsOf(wrong.routerId)).length, 0);
    const shown = await ok(executeOperation(configBackupStatusOp, wrong.ctx, { routerId: wrong.routerId }));
    assert.equal(shown.lastErrorKind, 'auth');

    // SSH off (nothing listens on the port): retryable, so the job backs off and tries again.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const off = await world('cfg-off', v7);
    await db.update(routers).set({ sshPort: closed }).where(eq(routers.id, off.routerId));
    await assert.rejects(
      backUpNow(off.ctx, off.routerId),
      (e: unknown) => e instanceof ConfigBackupError && e.kind === 'refused' && e.retryable,
    );
    state = await stateOf(off.routerId);
    assert.equal(state.lastErrorKind, 'refused');

    // The router drops the connection halfway through the export: nothing half is stored.
    const cut = await world('cfg-cut', v7);
    v7.cutNextExport();
    await assert.rejects(
      backUpNow(cut.ctx, cut.routerId),
      (e: unknown) => e instanceof ConfigBackupError && e.kind === 'closed' && e.retryable,
    );
    assert.equal((await versionsOf(cut.routerId)).length, 0);
    assert.equal((await stateOf(cut.routerId)).lastErrorKind, 'closed');

    // Trusted on first use; a new key is refused until an admin accepts exactly that key.
    const ssh = await startRouterOsSsh({ version: '7.16.2' });
    servers.push(ssh);
    const w = await world('cfg-hostkey', ssh);
    await backUpNow(w.ctx, w.routerId);
    const trusted = (await stateOf(w.routerId)).hostKeyFingerprint;
    const noneWaiting = await executeOperation(acceptRouterHostKeyOp, w.ctx, {
      routerId: w.routerId,
      fingerprint: trusted!,
    });
    assert.ok(!noneWaiting.ok && noneWaiting.code === 'router_host_key_not_waiting');
    await ssh.replaceHostKey();
    ssh.setConfig(`${SAMPLE_CONFIG}\n/ip firewall filter\nadd action=drop chain=input`);
    const exports = ssh.received.length;
    await assert.rejects(backUpNow(w.ctx, w.routerId), (e: unknown) => {
      assert.equal(describeJobError(storedJobError(e)).key, 'routerConfig.errors.host_key_changed');
      return e instanceof PermanentJobError;
    });
    assert.equal(ssh.received.length, exports, 'no command was sent to the other key');
    state = await stateOf(w.routerId);
    assert.equal(state.hostKeyFingerprint, trusted);
    assert.ok(state.pendingHostKeyFingerprint && state.pendingHostKeyFingerprint !== trusted);
    assert.equal((await versionsOf(w.routerId)).length, 1);
    const onPage = state.pendingHostKeyFingerprint!;
    // While the admin compares the key shown, a run meets yet another key (someone on the
    // path): accepting what was shown trusts nothing, and the key now waiting is not trusted.
    await ssh.replaceHostKey();
    await assert.rejects(backUpNow(w.ctx, w.routerId), (e: unknown) => e instanceof PermanentJobError);
    const other = (await stateOf(w.routerId)).pendingHostKeyFingerprint!;
    assert.ok(other !== onPage && other !== trusted);
    const stale = await executeOperation(acceptRouterHostKeyOp, w.ctx, { routerId: w.routerId, fingerprint: onPage });
    assert.ok(!stale.ok && stale.code === 'router_host_key_other');
    assert.deepEqual(
      [(await stateOf(w.routerId)).hostKeyFingerprint, (await stateOf(w.routerId)).pendingHostKeyFingerprint],
      [trusted, other],
    );
    assert.equal(ssh.received.length, exports, 'no command was sent to either other key');
    state = await stateOf(w.routerId);
    const accepted = await ok(
      executeOperation(acceptRouterHostKeyOp, w.ctx, { routerId: w.routerId, fingerprint: other }),
    );
    assert.equal(accepted.fingerprint, other);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'router.host_key_accepted')));
    assert.deepEqual(audit!.data, { before: trusted, after: state.pendingHostKeyFingerprint });
    assert.equal(((await backUpNow(w.ctx, w.routerId)) as { status: string }).status, 'stored');
    assert.equal((await stateOf(w.routerId)).pendingHostKeyFingerprint, null);
  });

  test('an export over the size limit is refused for good, nothing kept', async () => {
    const w = await world('cfg-huge', v7);
    const ref = { orgId: w.org.id, routerId: w.routerId, trigger: 'manual' as const };
    await assert.rejects(backupRouterConfig(db, ref, { maxOutputBytes: 512 }), (e: unknown) => {
      assert.ok(e instanceof PermanentJobError, String(e));
      assert.equal(describeJobError(storedJobError(e)).key, 'routerConfig.errors.too_large');
      return true;
    });
    assert.equal((await versionsOf(w.routerId)).length, 0);
    assert.equal((await stateOf(w.routerId)).lastErrorKind, 'too_large');
  });

  test('another organization reads and runs nothing of it', async () => {
    const w = await world('cfg-own', v7);
    await backUpNow(w.ctx, w.routerId);
    const [v] = await versionsOf(w.routerId);
    const other = await makeOrg(db, 'cfg-other');
    const ctx = ctxFor(db, other.org.id, other.admin.user.id, 'admin');
    const ref = { routerId: w.routerId };
    for (const r of [
      await executeOperation(configBackupStatusOp, ctx, ref),
      await executeOperation(listConfigVersionsOp, ctx, ref),
      await executeOperation(getConfigVersionOp, ctx, { ...ref, versionId: v!.id }),
      await executeOperation(diffConfigVersionsOp, ctx, { ...ref, fromId: v!.id, toId: v!.id }),
      await executeOperation(runConfigBackupOp, ctx, ref),
      await executeOperation(acceptRouterHostKeyOp, ctx, { ...ref, fingerprint: 'SHA256:x' }),
    ])
      assert.equal(!r.ok && r.code, 'not_found');
  });

  test("the daily pass queues each router once, at its minute of the organization's night", async () => {
    const { org } = await makeOrg(db, 'cfg-schedule');
    const a = await makeRouter(db, org.id, { host: '10.255.1.1', port: 8728 });
    const off = await makeRouter(db, org.id, { host: '10.255.1.2', port: 8728 });
    await db.update(routers).set({ configBackupEnabled: false }).where(eq(routers.id, off.id));
    // A zone where it is now just past midnight: every router's minute (01:00–06:00) is still to come.
    const zoneAt = (hour: number) => {
      const offset = (((hour - new Date().getUTCHours()) % 24) + 24) % 24;
      const h = offset > 12 ? offset - 24 : offset;
      return h >= 0 ? `Etc/GMT-${h}` : `Etc/GMT+${-h}`;
    };
    await db
      .update(organizations)
      .set({ timezone: zoneAt(0) })
      .where(eq(organizations.id, org.id));
    assert.equal(await enqueueDueConfigBackups(db, { orgIds: [org.id] }), 0);
    // Noon: tonight's minute has passed for every router.
    await db
      .update(organizations)
      .set({ timezone: zoneAt(12) })
      .where(eq(organizations.id, org.id));
    assert.equal(await enqueueDueConfigBackups(db, { orgIds: [org.id] }), 1);
    assert.equal(await enqueueDueConfigBackups(db, { orgIds: [org.id] }), 0, 'once a day');
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, org.id), eq(jobs.type, routerConfigBackup.name)));
    assert.deepEqual(
      queued.map((j) => j.payload),
      [{ routerId: a.id, trigger: 'schedule' }],
    );
  });
});
