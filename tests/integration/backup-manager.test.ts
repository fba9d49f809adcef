import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { JobHelpers } from 'graphile-worker';
import { copyFailureWords } from '@/app/(dashboard)/admin/backups/_components/words';
import {
  auditLogs,
  backupCopies,
  backupRuns,
  backupSettings,
  backupTargets,
  jobs,
  messages,
  whatsappSessions,
} from '@/db/schema';
import { alertStaleBackup, backupHealth } from '@/lib/backups/alerts';
import { checkTarget } from '@/lib/backups/check';
import { backupErrorKey } from '@/lib/backups/error-codes';
import { firstHostKeyOptions, trustFirstHostKey } from '@/lib/backups/host-keys';
import { realFolder } from '@/lib/backups/local-path';
import { pruneTarget } from '@/lib/backups/prune';
import { planRetention } from '@/lib/backups/retention';
import { runPlatformBackup } from '@/lib/backups/run-backup';
import { claimScheduledRun, queueBackupRun, requestBackupRun } from '@/lib/backups/runs';
import { saveTargetSchema } from '@/lib/backups/schemas';
import { openStore } from '@/lib/backups/stores';
import { removeTarget, requestTargetCheck, saveTarget, shownTarget, storeConfigOf } from '@/lib/backups/targets';
import { BackupStoreError } from '@/lib/backups/types';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { toTask } from '@/lib/jobs/runtime';
import { AppError } from '@/lib/server/errors';
import { backupRunHandler } from '@/workers/jobs/backup-run';
import { makeMember, makeOrg, testDb } from '../helpers';
import { type Sshd, sshdMissing, startSshd } from '../support/sshd';

/**
 * The backup manager against the real pipeline: pg_dump of the test database, the local store
 * and OpenSSH's SFTP. One target is a folder, the other an SFTP server that is down (a closed
 * port) and later comes back. Runs go through the job's own runtime (`toTask`), one attempt
 * per call, so the retry is the job's and no other file's backup job is taken.
 */
process.env.BACKUP_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
// Registered before testDb() registers its own (which closes the pool): hooks run in order.
after(async () => {
  // Nothing of this file is left for the workers of later files (or the browser tests) to run.
  for (const id of made.jobs) await db.execute(sql`select graphile_worker.remove_job(${id})`);
  if (made.runs.length) await db.delete(backupRuns).where(inArray(backupRuns.id, made.runs));
  await db.delete(backupTargets).where(inArray(backupTargets.id, [localId, sftpId].filter(Boolean)));
  await sshd?.stop();
  rmSync(tmp, { recursive: true, force: true });
});
const db = testDb();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jaring-backup-manager-'));
const localDir = path.join(tmp, 'local');
const sftpDir = path.join(tmp, 'sftp');
let sshd: Sshd | undefined;
let actor: { orgId: string; actorUserId: string; ip: null };
let localId: string;
let sftpId: string;
const made = { runs: [] as string[], jobs: [] as string[] };

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

before(async () => {
  const missing = sshdMissing();
  if (missing) throw new Error(missing);
  sshd = await startSshd();
  const { org } = await makeOrg(db, 'backups');
  const root = await makeMember(db, org.id, 'admin', { superAdmin: true });
  actor = { orgId: org.id, actorUserId: root.user.id, ip: null };
  localId = (
    await saveTarget(db, { ...actor, input: { kind: 'local', name: `Folder ${tmp}`, enabled: true, path: localDir } })
  ).targetId;
  sftpId = (
    await saveTarget(db, {
      ...actor,
      input: {
        kind: 'sftp',
        name: `NAS ${tmp}`,
        enabled: true,
        host: '127.0.0.1',
        port: await closedPort(),
        username: sshd.username,
        path: sftpDir,
        privateKey: sshd.privateKey,
        hostKeySha256: sshd.hostKeySha256,
      },
    })
  ).targetId;
});

/** One attempt of the run's job, through the same task wrapper the worker uses. */
async function attempt(jobId: string, n: number) {
  const task = toTask(backupRunHandler, { db, bookkeeping: db });
  const helpers = {
    job: { attempts: n, max_attempts: 3 },
    logger: { error: () => {}, info: () => {}, warn: () => {}, debug: () => {} },
  } as unknown as JobHelpers;
  try {
    await task({ jobId }, helpers);
    return null;
  } catch (error) {
    return error as Error;
  }
}

/** Older good backups on a target: one a day for `days` days before today, with their files when local. */
async function olderCopies(targetId: string, days: number, dir?: string) {
  const runs = await db
    .insert(backupRuns)
    .values(
      Array.from({ length: days }, (_, i) => ({
        trigger: 'schedule' as const,
        status: 'succeeded' as const,
        fileName: `jaring-old-${targetId.slice(0, 4)}-${i}.jbk`,
        archivedAt: new Date(Date.now() - (i + 1) * 86_400_000),
      })),
    )
    .returning();
  made.runs.push(...runs.map((r) => r.id));
  await db.insert(backupCopies).values(
    runs.map((r) => ({
      runId: r.id,
      targetId,
      targetName: 'older',
      status: 'stored' as const,
      fileName: r.fileName!,
      uploadedAt: r.archivedAt,
    })),
  );
  if (dir) for (const r of runs) writeFileSync(path.join(dir, r.fileName!), 'old');
  return runs;
}

const copiesOf = (runId: string) => db.select().from(backupCopies).where(eq(backupCopies.runId, runId));
const copyOn = async (runId: string, targetId: string) => (await copiesOf(runId)).find((c) => c.targetId === targetId)!;
const runRow = async (runId: string) => (await db.select().from(backupRuns).where(eq(backupRuns.id, runId)))[0]!;
const jobRow = async (jobId: string) => (await db.select().from(jobs).where(eq(jobs.id, jobId)))[0]!;

/**
 * A run whose earlier attempt left its archive in the work folder: the next attempt only sends
 * it (no pg_dump), so a test about sending is quick. Returns the run and its work folder.
 */
async function keptRun(opts: { workDir?: string; runId?: string } = {}) {
  const data = randomBytes(4096);
  const fileName = `jaring-kept-${randomBytes(4).toString('hex')}.jbk`;
  const values = {
    status: 'retrying' as const,
    attempt: 1,
    fileName,
    sizeBytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    archivedAt: new Date(),
  };
  const [run] = opts.runId
    ? await db.update(backupRuns).set(values).where(eq(backupRuns.id, opts.runId)).returning()
    : await db
        .insert(backupRuns)
        .values({ trigger: 'manual', ...values })
        .returning();
  if (!opts.runId) made.runs.push(run!.id);
  const workDir = opts.workDir ?? path.join(tmp, 'kept-work');
  mkdirSync(path.join(workDir, run!.id), { recursive: true });
  writeFileSync(path.join(workDir, run!.id, fileName), data);
  return { run: run!, workDir };
}

async function until(condition: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A value as a regular expression's literal text. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const targetRow = async (id: string) => (await db.select().from(backupTargets).where(eq(backupTargets.id, id)))[0]!;

describe('platform backup runs', () => {
  test('a target that is down: the run is retried by its job and succeeds once the target is back; the archive is made once', async () => {
    const queued = await db.transaction((tx) =>
      queueBackupRun(tx, { orgId: actor.orgId, requestedBy: actor.actorUserId }),
    );
    made.runs.push(queued.runId);
    made.jobs.push(queued.jobId);

    const first = await attempt(queued.jobId, 1);
    assert.ok(first, 'the first attempt throws so graphile-worker tries again');
    assert.equal((await jobRow(queued.jobId)).state, 'retrying');
    let run = await runRow(queued.runId);
    assert.equal(run.status, 'retrying');
    assert.equal(run.errorCode, 'targets_failed');
    assert.match(run.sha256!, /^[0-9a-f]{64}$/);
    assert.ok(run.sizeBytes! > 0 && run.manifest);
    const local = await copyOn(run.id, localId);
    const remote = await copyOn(run.id, sftpId);
    assert.equal(local.status, 'stored');
    assert.ok(existsSync(path.join(localDir, run.fileName!)));
    assert.equal(remote.status, 'failed');
    assert.equal(remote.errorCode, 'unreachable');
    assert.match(translate('id', backupErrorKey(remote.errorCode)), /tidak bisa dihubungi.*Uji/);
    // The archive waits for the next attempt in the run's work folder.
    assert.ok(existsSync(path.join(process.env.BACKUP_DIR ?? '', '.work', run.id, run.fileName!)));

    // The storage comes back.
    await saveTarget(db, {
      ...actor,
      input: {
        targetId: sftpId,
        kind: 'sftp',
        name: `NAS ${tmp}`,
        enabled: true,
        host: '127.0.0.1',
        port: sshd!.port,
        username: sshd!.username,
        path: sftpDir,
        hostKeySha256: sshd!.hostKeySha256,
        // Blank: the stored key stays.
        privateKey: undefined,
      },
    });
    assert.equal(await attempt(queued.jobId, 2), null);
    assert.equal((await jobRow(queued.jobId)).state, 'done');
    const retried = await runRow(queued.runId);
    assert.equal(retried.status, 'succeeded');
    assert.equal(retried.attempt, 2);
    assert.equal(retried.sha256, run.sha256, 'the same archive, not a second dump');
    assert.equal(retried.errorCode, null);
    assert.ok(retried.durationMs !== null && retried.finishedAt);
    assert.equal((await copyOn(run.id, localId)).attempts, 1, 'the folder already had it: not sent again');
    const stored = await copyOn(run.id, sftpId);
    assert.equal(stored.status, 'stored');
    assert.equal(stored.attempts, 2);
    assert.ok(
      existsSync(path.join(sftpDir, run.fileName!)) && existsSync(path.join(sftpDir, `${run.fileName}.sha256`)),
    );
    assert.ok(!existsSync(path.join(process.env.BACKUP_DIR ?? '', '.work', run.id)), 'the work folder is removed');
    run = retried;
  });

  test('on the last attempt a target still down makes the run partial; it never costs the older good backups there', async () => {
    await db
      .update(backupTargets)
      .set({ config: sql`config || '{"port": 9}'::jsonb` })
      .where(eq(backupTargets.id, sftpId));
    const olderRemote = await olderCopies(sftpId, 12);
    await olderCopies(localId, 12, localDir);
    const queued = await db.transaction((tx) => queueBackupRun(tx, { orgId: actor.orgId }));
    made.runs.push(queued.runId);
    made.jobs.push(queued.jobId);

    // Failed for good (no retry left), with the outcome's code; the words are on the page.
    assert.equal(await attempt(queued.jobId, 3), null);
    const job = await jobRow(queued.jobId);
    assert.equal(job.state, 'failed');
    assert.equal(job.error, '[error.backup_partial]');
    assert.match(translate('id', 'errors.backup_partial'), /sebagian tujuan/);
    const run = await runRow(queued.runId);
    assert.equal(run.status, 'partial');
    assert.ok(run.finishedAt && run.sizeBytes! > 0);
    const remote = await copyOn(run.id, sftpId);
    assert.equal(remote.status, 'failed');
    assert.equal(remote.errorCode, 'unreachable');

    // The SFTP target's older copies are all there: nothing is removed where the upload failed.
    const remoteNow = await db
      .select()
      .from(backupCopies)
      .where(
        inArray(
          backupCopies.runId,
          olderRemote.map((r) => r.id),
        ),
      );
    assert.ok(remoteNow.filter((c) => c.targetId === sftpId).every((c) => c.removedAt === null));
    // The folder got the file, so its retention ran: exactly what the plan says went.
    const settings = (await db.select().from(backupSettings))[0]!;
    const onLocal = await db
      .select({
        id: backupCopies.id,
        fileName: backupCopies.fileName,
        takenAt: backupRuns.archivedAt,
        removedAt: backupCopies.removedAt,
      })
      .from(backupCopies)
      .innerJoin(backupRuns, eq(backupRuns.id, backupCopies.runId))
      .where(and(eq(backupCopies.targetId, localId), eq(backupCopies.status, 'stored')));
    const plan = planRetention(
      onLocal.map((c) => ({ ...c, takenAt: c.takenAt! })),
      settings,
    );
    const removed = onLocal.filter((c) => c.removedAt !== null).map((c) => c.fileName);
    assert.deepEqual(removed.sort(), plan.remove.map((c) => c.fileName).sort());
    assert.ok(removed.length > 0, 'twelve daily backups and two new ones: some older daily ones go');
    const files = readdirSync(localDir);
    for (const name of removed) assert.ok(!files.includes(name), `${name} removed from the folder`);
    for (const c of plan.keep) assert.ok(files.includes(c.fileName), `${c.fileName} kept in the folder`);
  });
});

describe('the rest of the manager', () => {
  test('retention removes only what the plan says, and only stored copies count', async () => {
    const dir = path.join(tmp, 'prune');
    const [target] = await db
      .insert(backupTargets)
      .values({ name: `Prune ${tmp}`, kind: 'local', config: { path: dir }, enabled: false })
      .returning();
    try {
      mkdirSync(dir, { recursive: true });
      const older = await olderCopies(target!.id, 10, dir);
      // A failed copy of a newer run: it is no backup, so it neither counts nor is removed.
      const [failedRun] = await db
        .insert(backupRuns)
        .values({ trigger: 'manual', status: 'failed', fileName: 'jaring-failed.jbk', archivedAt: new Date() })
        .returning();
      made.runs.push(failedRun!.id);
      await db.insert(backupCopies).values({
        runId: failedRun!.id,
        targetId: target!.id,
        targetName: 'x',
        status: 'failed',
        fileName: 'jaring-failed.jbk',
      });
      const policy = { keepDaily: 3, keepWeekly: 1, keepMonthly: 0, timeZone: 'Asia/Jakarta' };
      const removed = await pruneTarget(db, target!, policy, () => {});
      const plan = planRetention(
        older.map((r) => ({ id: r.id, fileName: r.fileName!, takenAt: r.archivedAt! })),
        policy,
      );
      assert.equal(removed, plan.remove.length);
      const rows = await db.select().from(backupCopies).where(eq(backupCopies.targetId, target!.id));
      const gone = rows.filter((c) => c.removedAt).map((c) => c.fileName);
      assert.deepEqual(gone.sort(), plan.remove.map((c) => c.fileName).sort());
      assert.equal(rows.find((c) => c.status === 'failed')!.removedAt, null);
      assert.deepEqual(readdirSync(dir).sort(), plan.keep.map((c) => c.fileName).sort());
    } finally {
      await db.delete(backupTargets).where(eq(backupTargets.id, target!.id));
    }
  });

  test('retention on a target that was moved leaves the files at its new place alone', async () => {
    // Its copies were written to `before`; it now points at `shared`, where another target
    // keeps files of the same names. Those are not its copies and must stay.
    const before = path.join(tmp, 'moved-before');
    const shared = path.join(tmp, 'moved-shared');
    mkdirSync(shared, { recursive: true });
    const [target] = await db
      .insert(backupTargets)
      .values({ name: `Moved ${tmp}`, kind: 'local', config: { path: shared }, enabled: false })
      .returning();
    try {
      const older = await olderCopies(target!.id, 10, shared);
      for (const r of older)
        await db
          .update(backupCopies)
          .set({ location: path.join(before, r.fileName!) })
          .where(and(eq(backupCopies.runId, r.id), eq(backupCopies.targetId, target!.id)));
      const policy = { keepDaily: 1, keepWeekly: 0, keepMonthly: 0, timeZone: 'Asia/Jakarta' };
      assert.equal(await pruneTarget(db, target!, policy, () => {}), 0);
      assert.equal(readdirSync(shared).length, 10);
    } finally {
      await db.delete(backupTargets).where(eq(backupTargets.id, target!.id));
    }
  });

  test('an SFTP target saved without a host key trusts the first one its server shows, then refuses another', async () => {
    const input = {
      kind: 'sftp' as const,
      name: `TOFU ${tmp}`,
      enabled: false,
      host: '127.0.0.1',
      port: sshd!.port,
      username: sshd!.username,
      path: path.join(tmp, 'tofu'),
      privateKey: sshd!.privateKey,
      // Left empty on the form: trusted on first use.
      hostKeySha256: undefined,
    };
    const { targetId } = await saveTarget(db, { ...actor, input });
    const other = await startSshd();
    try {
      const uji = async () => {
        const { jobId } = await requestTargetCheck(db, { ...actor, targetId });
        // No worker takes it: the test runs the check itself.
        await db.execute(sql`select graphile_worker.remove_job(${jobId}::text)`);
        return checkTarget(db, { targetId, jobId });
      };
      assert.deepEqual(await uji(), { ok: true });
      assert.equal((await targetRow(targetId)).config.hostKeySha256, sshd!.hostKeySha256);
      const trusted = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, targetId), eq(auditLogs.action, 'backup.target_host_key_trusted')));
      assert.equal(trusted.length, 1);
      assert.equal(trusted[0]!.organizationId, actor.orgId);
      assert.equal(trusted[0]!.actorUserId, actor.actorUserId);
      assert.equal((trusted[0]!.data as { fingerprint: string }).fingerprint, `SHA256:${sshd!.hostKeySha256}`);
      assert.ok(shownTarget(await targetRow(targetId)).config.hostKeySha256, 'the card shows the saved key');

      // The same address now answers with another host key (another server, or a reinstalled one).
      await db
        .update(backupTargets)
        .set({ config: sql`config || jsonb_build_object('port', ${other.port}::int)` })
        .where(eq(backupTargets.id, targetId));
      assert.deepEqual(await uji(), { ok: false, code: 'host_key_mismatch' });
      const refused = await targetRow(targetId);
      assert.equal(refused.config.hostKeySha256, sshd!.hostKeySha256, 'the saved key stays');
      assert.match(
        refused.checkMessage!,
        new RegExp(`SHA256:${literal(other.hostKeySha256)}.*clear the saved host key`),
      );
      assert.match(translate('id', backupErrorKey(refused.checkError)), /pengelola server.*kosongkan host key/);
      assert.match(translate('en', backupErrorKey(refused.checkError)), /clear the saved host key/);

      // Cleared on the form (after checking with the server's administrator): the next run trusts the new key.
      await saveTarget(db, {
        ...actor,
        input: { ...input, targetId, enabled: true, port: other.port, privateKey: other.privateKey },
      });
      const queued = await db.transaction((tx) => queueBackupRun(tx, { orgId: actor.orgId }));
      made.runs.push(queued.runId);
      made.jobs.push(queued.jobId);
      await keptRun({ runId: queued.runId, workDir: path.join(path.resolve(env().BACKUP_DIR), '.work') });
      await attempt(queued.jobId, 3);
      assert.equal((await copyOn(queued.runId, targetId)).status, 'stored');
      assert.equal((await targetRow(targetId)).config.hostKeySha256, other.hostKeySha256);
      const audits = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, targetId), eq(auditLogs.action, 'backup.target_host_key_trusted')));
      assert.equal(audits.length, 2);
    } finally {
      await db.delete(backupTargets).where(eq(backupTargets.id, targetId));
      await other.stop();
    }
  });

  test('a host key saved on the target while a connection learns its first one: that server is refused', async () => {
    const { targetId } = await saveTarget(db, {
      ...actor,
      input: {
        kind: 'sftp',
        name: `TOFU race ${tmp}`,
        enabled: false,
        host: '127.0.0.1',
        port: sshd!.port,
        username: sshd!.username,
        path: path.join(tmp, 'tofu-race'),
        privateKey: sshd!.privateKey,
        hostKeySha256: undefined,
      },
    });
    const other = await startSshd();
    try {
      // Opened while the target had no key; before it logs in, another key is typed in on the form.
      const loaded = await targetRow(targetId);
      const store = openStore(
        storeConfigOf(loaded),
        firstHostKeyOptions(db, loaded, { orgId: actor.orgId, actorUserId: actor.actorUserId, jobId: 'test' }),
      );
      await db
        .update(backupTargets)
        .set({ config: sql`config || jsonb_build_object('hostKeySha256', ${other.hostKeySha256}::text)` })
        .where(eq(backupTargets.id, targetId));
      await assert.rejects(
        store.check(),
        (e) =>
          e instanceof BackupStoreError &&
          e.code === 'host_key_mismatch' &&
          e.message.includes(`SHA256:${sshd!.hostKeySha256}, not the SHA256:${other.hostKeySha256}`),
      );
      assert.equal((await targetRow(targetId)).config.hostKeySha256, other.hostKeySha256, 'the typed key stays');
      assert.ok(!existsSync(path.join(tmp, 'tofu-race')), 'nothing was written to that server');
    } finally {
      await db.delete(backupTargets).where(eq(backupTargets.id, targetId));
      await other.stop();
    }
  });

  test('an edit form opened before the host key was learned keeps it on save; clearing the field clears it, audited', async () => {
    const form = (fields: Record<string, string>) =>
      saveTargetSchema.parse({
        kind: 'sftp',
        name: `Edited ${tmp}`,
        enabled: 'on',
        host: '127.0.0.1',
        port: '22',
        username: 'cadangan',
        path: '/srv/cadangan',
        privateKey: '',
        ...fields,
      });
    const { targetId } = await saveTarget(db, {
      ...actor,
      input: form({ hostKeySha256: '', privateKey: sshd!.privateKey }),
    });
    const learned = 'B'.repeat(43);
    try {
      // The edit form is opened with no key; a Uji then learns one; the form is saved untouched.
      const opened = { hostKeySha256: '', hostKeyLoaded: '' };
      await trustFirstHostKey(db, { orgId: actor.orgId, actorUserId: null, jobId: 'test', targetId, sha256: learned });
      await saveTarget(db, { ...actor, input: { ...form(opened), targetId } });
      assert.equal((await targetRow(targetId)).config.hostKeySha256, learned, 'the learned key stays');
      // Opened again (now showing the key), the field cleared on purpose: cleared, and the audit says so.
      await saveTarget(db, { ...actor, input: { ...form({ hostKeySha256: '', hostKeyLoaded: learned }), targetId } });
      assert.equal((await targetRow(targetId)).config.hostKeySha256, null);
      const updates = await db
        .select({ data: auditLogs.data })
        .from(auditLogs)
        .where(and(eq(auditLogs.entityId, targetId), eq(auditLogs.action, 'backup.target_updated')))
        .orderBy(auditLogs.createdAt);
      assert.deepEqual(
        updates.map((u) => [
          (u.data as { hostKeyChanged: boolean }).hostKeyChanged,
          (u.data as { hostKey?: string }).hostKey,
        ]),
        [
          [false, undefined],
          [true, 'cleared'],
        ],
      );
    } finally {
      await db.delete(backupTargets).where(eq(backupTargets.id, targetId));
    }
  });

  test('a target removed while the run sends it the backup: its copy fails as removed and the run finishes', async () => {
    const { run, workDir } = await keptRun();
    const dir = path.join(tmp, 'removed-target');
    mkdirSync(dir, { recursive: true });
    // The checksum file is written first; a named pipe in its place holds the upload there
    // until the test reads it, so the target is removed while its copy is under way.
    const pipe = path.join(dir, `${run.fileName}.sha256`);
    assert.equal(spawnSync('mkfifo', [pipe]).status, 0);
    const { targetId } = await saveTarget(db, {
      ...actor,
      input: { kind: 'local', name: `Removed ${tmp}`, enabled: true, path: dir },
    });
    const running = runPlatformBackup(db, { runId: run.id, workDir, finalAttempt: true });
    await until(async () => (await copiesOf(run.id)).some((c) => c.targetId === targetId), 'the upload to start');
    await removeTarget(db, { ...actor, targetId });
    await readFile(pipe);
    const outcome = await running;

    const finished = await runRow(run.id);
    assert.notEqual(finished.status, 'running');
    assert.ok(finished.finishedAt, 'the run finished');
    assert.equal(outcome.status, finished.status);
    const copy = (await copiesOf(run.id)).find((c) => c.targetName === `Removed ${tmp}`)!;
    assert.equal(copy.targetId, null);
    assert.equal(copy.status, 'failed');
    assert.equal(copy.errorCode, 'target_removed');
    assert.match(copy.errorMessage!, new RegExp(`removed while this backup was being sent.*${literal(dir)}`));
    // The page says where the file may still be, in the operator's language, and not when nothing got there.
    const words = (locale: 'id' | 'en', c: typeof copy) =>
      copyFailureWords((key, values) => translate(locale, key, values), c);
    assert.ok(copy.location?.startsWith(dir));
    assert.match(words('id', copy), new RegExp(`dihapus saat cadangan sedang dikirim.*${literal(copy.location!)}`));
    assert.match(words('en', copy), new RegExp(`may still be at ${literal(copy.location!)}`));
    assert.match(words('en', { ...copy, location: null }), /removed before the backup was stored on it/);
    assert.doesNotMatch(words('id', { ...copy, location: null }), /mungkin masih ada/);
    // The run's outcome counts only the targets that are still there.
    const others = (await copiesOf(run.id)).filter((c) => c.id !== copy.id);
    const expected = others.every((c) => c.status === 'stored') ? 'succeeded' : 'partial';
    assert.equal(finished.status, expected);
  });

  test('a local folder that is the files folder, inside it or linked into it is refused on save', async () => {
    const files = realFolder(env().FILES_DIR);
    mkdirSync(files, { recursive: true });
    const link = path.join(tmp, 'into-files');
    symlinkSync(files, link);
    for (const where of [files, path.join(files, 'backups'), path.join(link, 'nightly')]) {
      await assert.rejects(
        saveTarget(db, { ...actor, input: { kind: 'local', name: `Inside ${where}`, enabled: false, path: where } }),
        (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.deepEqual(error.fieldErrors, { path: 'validation.backupInsideFiles' });
          return true;
        },
        where,
      );
    }
    const beside = await saveTarget(db, {
      ...actor,
      input: { kind: 'local', name: `Beside ${tmp}`, enabled: false, path: path.join(tmp, 'beside') },
    });
    await db.delete(backupTargets).where(eq(backupTargets.id, beside.targetId));
  });

  test('"Back up now" while a run waits for its next attempt gives that run; once its job is lost, a new one', async () => {
    const waiting = await queueBackupRun(db, { orgId: actor.orgId, requestedBy: actor.actorUserId });
    made.runs.push(waiting.runId);
    made.jobs.push(waiting.jobId);
    await db.update(backupRuns).set({ status: 'retrying', attempt: 1 }).where(eq(backupRuns.id, waiting.runId));
    try {
      const asked = await requestBackupRun(db, actor);
      if (!asked.alreadyRunning) made.runs.push(asked.runId);
      assert.deepEqual(asked, { runId: waiting.runId, alreadyRunning: true });
      // Its job failed for good without the run hearing of it (removed by hand, a database
      // restored without it): nothing is under way any more, so the button makes a new run.
      await db.execute(
        sql`select graphile_worker.permanently_fail_jobs(array(select id from graphile_worker.jobs where key = ${waiting.jobId}), 'lost')`,
      );
      const again = await requestBackupRun(db, actor);
      made.runs.push(again.runId);
      const [run] = await db.select({ jobId: backupRuns.jobId }).from(backupRuns).where(eq(backupRuns.id, again.runId));
      made.jobs.push(run!.jobId!);
      assert.equal(again.alreadyRunning, false);
      assert.notEqual(again.runId, waiting.runId);
    } finally {
      await db
        .update(backupRuns)
        .set({ status: 'failed' })
        .where(inArray(backupRuns.id, made.runs.slice(-2)));
    }
  });

  test('a run on a fresh install (no settings row yet) goes to the default target', async () => {
    const rollback = new Error('rollback');
    const outcome = await db
      .transaction(async (tx) => {
        await tx.delete(backupTargets);
        await tx.delete(backupSettings);
        // A database nobody listens on: the run gets past the targets and stops at the dump, fast.
        const r = await runPlatformBackup(tx, {
          databaseUrl: `postgres://nobody@127.0.0.1:${await closedPort()}/none`,
          workDir: path.join(tmp, 'fresh-work'),
        });
        const targets = await tx.select().from(backupTargets);
        throw Object.assign(rollback, { r, targets });
      })
      .catch((error) => {
        if (error !== rollback) throw error;
        return error as Error & { r: { errorCode: string | null }; targets: { isDefault: boolean }[] };
      });
    assert.notEqual(outcome.r.errorCode, 'no_targets');
    assert.deepEqual(
      outcome.targets.map((t) => t.isDefault),
      [true],
    );
  });

  test('the "no recent backup" WhatsApp goes to the super admin once a day', async () => {
    const { org } = await makeOrg(db, 'backup-alert');
    const root = await makeMember(db, org.id, 'admin', { superAdmin: true });
    await db.execute(sql`update users set phone = '081234500099' where id = ${root.user.id}`);
    await db.insert(whatsappSessions).values({ organizationId: org.id, name: 'HP kantor', status: 'connected' });
    await db.update(backupSettings).set({ staleAlertedOn: null });
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    assert.equal((await backupHealth(db, { now: inThreeDays })).stale, true);
    assert.equal((await backupHealth(db)).stale, false, 'a good backup was made just now');

    const first = await alertStaleBackup(db, { now: inThreeDays });
    assert.equal(first.alerted, true);
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, `backup_stale:%:${root.user.id}`)));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.toPhone, '6281234500099');
    assert.match(sent[0]!.body, /cadangan Jaring terakhir yang berhasil dibuat .*lebih dari sehari.*\/admin\/backups/);
    // Again the same day: nothing; the next day: once more.
    assert.equal((await alertStaleBackup(db, { now: new Date(inThreeDays.getTime() + 3_600_000) })).alerted, false);
    assert.equal((await alertStaleBackup(db, { now: new Date(inThreeDays.getTime() + 86_400_000) })).alerted, true);
    const all = await db.select().from(messages).where(eq(messages.organizationId, org.id));
    assert.equal(all.length, 2);
  });

  test('the schedule claims a day once, however many workers tick', async () => {
    const day = '2099-12-31';
    const claims = await Promise.all([1, 2, 3].map(() => claimScheduledRun(db, { day, orgId: actor.orgId })));
    const won = claims.filter(Boolean);
    assert.equal(won.length, 1);
    made.runs.push(won[0]!.runId);
    made.jobs.push(won[0]!.jobId);
    assert.equal(await claimScheduledRun(db, { day, orgId: actor.orgId }), null);
    const rows = await db.select().from(backupRuns).where(eq(backupRuns.scheduledFor, day));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'queued');
    assert.equal(rows[0]!.jobId, won[0]!.jobId);
  });
});
