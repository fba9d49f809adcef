import path from 'node:path';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type BackupTarget, backupTargets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret, maskSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { backupCheck } from './jobs';
import { folderWithin } from './local-path';
import type { SaveTargetInput } from './schemas';
import { ensureBackupRows } from './settings';
import type { BackupStoreConfig } from './types';

type Config = Record<string, string | number | boolean | null>;
/** What each kind keeps secret: the one field never stored in `config` nor sent back. */
const SECRET_FIELD = { local: null, sftp: 'privateKey', s3: 'secretAccessKey' } as const;

/** Where a target writes, for screens and logs, without its secret. */
export function targetLabel(t: Pick<BackupTarget, 'kind' | 'config'>): string {
  const c = t.config as Config;
  if (t.kind === 'local') return path.resolve(String(c.path || env().BACKUP_DIR));
  if (t.kind === 'sftp') return `sftp://${c.username}@${c.host}:${c.port}/${String(c.path).replace(/^\//, '')}`;
  const prefix = c.prefix ? `/${c.prefix}` : '';
  return `s3://${c.bucket}${prefix}${c.endpoint ? ` (${c.endpoint})` : ''}`;
}

/** A target as the page shows it: its settings, never the secret itself (only a masked hint). */
export function shownTarget(t: BackupTarget) {
  const field = SECRET_FIELD[t.kind];
  const secret = field && t.secretEnc ? (JSON.parse(decryptSecret(t.secretEnc)) as Record<string, string>)[field] : '';
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    config: t.config as Config,
    label: targetLabel(t),
    enabled: t.enabled,
    isDefault: t.isDefault,
    // A private key's first and last characters say nothing; "stored" is all the page needs.
    secretHint: field === 'privateKey' ? (secret ? '••••' : '') : maskSecret(secret),
    checkRequestedAt: t.checkRequestedAt,
    checkedAt: t.checkedAt,
    checkError: t.checkError,
    checkMessage: t.checkMessage,
    // A check asked for and not answered yet.
    checking: t.checkRequestedAt !== null && (t.checkedAt === null || t.checkedAt < t.checkRequestedAt),
  };
}
export type ShownTarget = ReturnType<typeof shownTarget>;

export async function listTargets(db: Db) {
  await ensureBackupRows(db);
  const rows = await db.select().from(backupTargets).orderBy(asc(backupTargets.createdAt), asc(backupTargets.id));
  return rows.map(shownTarget);
}

export async function getTarget(db: Db, targetId: string): Promise<BackupTarget> {
  const [row] = await db.select().from(backupTargets).where(eq(backupTargets.id, targetId));
  if (!row) throw new AppError('not_found');
  return row;
}

/** What the store needs to open the target (lib/backups/stores): its config with the secret decrypted. */
export function storeConfigOf(t: BackupTarget): BackupStoreConfig {
  const c = t.config as Config;
  const secret = t.secretEnc ? (JSON.parse(decryptSecret(t.secretEnc)) as Record<string, string>) : {};
  if (t.kind === 'local') return { kind: 'local', path: path.resolve(String(c.path || env().BACKUP_DIR)) };
  if (t.kind === 'sftp')
    return {
      kind: 'sftp',
      host: String(c.host),
      port: Number(c.port),
      username: String(c.username),
      path: String(c.path),
      privateKey: secret.privateKey ?? '',
      hostKeySha256: (c.hostKeySha256 as string | null) ?? null,
    };
  return {
    kind: 's3',
    endpoint: (c.endpoint as string | null) ?? null,
    region: String(c.region),
    bucket: String(c.bucket),
    prefix: String(c.prefix ?? ''),
    accessKeyId: String(c.accessKeyId),
    secretAccessKey: secret.secretAccessKey ?? '',
    forcePathStyle: Boolean(c.forcePathStyle),
  };
}

const hostKeyOf = (t: Pick<BackupTarget, 'config'> | undefined) =>
  ((t?.config as Config | undefined)?.hostKeySha256 as string | null | undefined) || null;

/**
 * The host key an SFTP target has after a save: the field as sent, except that a form opened
 * before the key was learned on first use, and sent back with the field untouched, keeps the
 * learned key (clearing it is the operator's choice, never a side effect of an older form).
 */
function savedHostKey(input: Extract<SaveTargetInput, { kind: 'sftp' }>, existing: BackupTarget | undefined) {
  const typed = input.hostKeySha256 ?? null;
  const untouched = input.hostKeyLoaded !== undefined && (input.hostKeyLoaded || null) === typed;
  return existing && untouched ? hostKeyOf(existing) : typed;
}

/** The form's fields split into what may be shown (config) and the secret, per kind. */
function splitInput(
  input: SaveTargetInput,
  existing: BackupTarget | undefined,
): { config: Config; secret: string | undefined } {
  if (input.kind === 'local') return { config: { path: input.path ?? null }, secret: undefined };
  if (input.kind === 'sftp') {
    const { host, port, username, path: dir } = input;
    return {
      config: { host, port, username, path: dir, hostKeySha256: savedHostKey(input, existing) },
      secret: input.privateKey,
    };
  }
  const { endpoint, region, bucket, prefix, accessKeyId, forcePathStyle } = input;
  return {
    config: {
      endpoint: endpoint ?? null,
      region,
      bucket,
      prefix: prefix.replace(/^\/+|\/+$/g, ''),
      accessKeyId,
      forcePathStyle,
    },
    secret: input.secretAccessKey,
  };
}

/**
 * Adds a target or changes one. A secret typed in replaces the stored one; left blank it stays
 * (the page never gets it back). A target's kind is fixed once made: its secret belongs to it.
 */
export async function saveTarget(db: Db, p: Actor & { input: SaveTargetInput }) {
  const { input } = p;
  const field = SECRET_FIELD[input.kind];
  return db.transaction(async (tx) => {
    await ensureBackupRows(tx);
    const existing = input.targetId
      ? (await tx.select().from(backupTargets).where(eq(backupTargets.id, input.targetId)).for('update'))[0]
      : undefined;
    if (input.targetId && !existing) throw new AppError('not_found');
    const { config, secret } = splitInput(input, existing);
    if (existing && existing.kind !== input.kind)
      throw new AppError('validation', {}, { kind: 'validation.backupKindFixed' });
    if (field && !secret && !existing?.secretEnc)
      throw new AppError('validation', {}, { [field]: 'validation.required' });
    // Backups of the files folder kept inside it would hold every earlier backup, growing each night.
    if (input.kind === 'local' && folderWithin(input.path ?? env().BACKUP_DIR, env().FILES_DIR))
      throw new AppError('validation', {}, { path: 'validation.backupInsideFiles' });
    const [clash] = await tx
      .select({ id: backupTargets.id })
      .from(backupTargets)
      .where(
        and(
          sql`lower(${backupTargets.name}) = lower(${input.name})`,
          existing ? ne(backupTargets.id, existing.id) : undefined,
        ),
      );
    if (clash) throw new AppError('validation', {}, { name: 'validation.backupTargetName' });
    const values = {
      name: input.name,
      kind: input.kind,
      config,
      enabled: input.enabled,
      ...(field && secret ? { secretEnc: encryptSecret(JSON.stringify({ [field]: secret })) } : {}),
      // A changed target's last check says nothing about it any more.
      checkedAt: null,
      checkError: null,
      checkMessage: null,
      checkRequestedAt: null,
      updatedAt: sql`now()`,
    };
    const [row] = existing
      ? await tx.update(backupTargets).set(values).where(eq(backupTargets.id, existing.id)).returning()
      : await tx.insert(backupTargets).values(values).returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: existing ? 'backup.target_updated' : 'backup.target_added',
      entityType: 'backup_target',
      entityId: row!.id,
      data: {
        name: row!.name,
        kind: row!.kind,
        where: targetLabel(row!),
        enabled: row!.enabled,
        secretChanged: Boolean(secret),
        ...(row!.kind === 'sftp' ? hostKeyAudit(existing, row!) : {}),
      },
    });
    return { targetId: row!.id };
  });
}

/** Whether a save changed the SFTP host key the target expects, and how (cleared: the next connection trusts anew). */
function hostKeyAudit(before: BackupTarget | undefined, after: BackupTarget) {
  const [was, now] = [hostKeyOf(before), hostKeyOf(after)];
  if (was === now) return { hostKeyChanged: false };
  return { hostKeyChanged: true, hostKey: now ? `SHA256:${now}` : 'cleared' };
}

/** Removes a target. Its files stay where they are; the runs keep its name in their history. */
export async function removeTarget(db: Db, p: Actor & { targetId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(backupTargets).where(eq(backupTargets.id, p.targetId)).returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'backup.target_removed',
      entityType: 'backup_target',
      entityId: row.id,
      data: { name: row.name, kind: row.kind, where: targetLabel(row) },
    });
    return { targetId: row.id };
  });
}

/** The outcome of a target check (the backup-check job), shown on its card. */
export async function recordTargetCheck(
  db: Db,
  p: { targetId: string; error: { code: string; message: string } | null },
) {
  await db
    .update(backupTargets)
    .set({ checkedAt: sql`now()`, checkError: p.error?.code ?? null, checkMessage: p.error?.message ?? null })
    .where(eq(backupTargets.id, p.targetId));
}

/**
 * *Uji*: the worker connects to the target and writes and removes a probe file (the web app
 * never talks to a store). The card shows "checking" until the job answers.
 */
export async function requestTargetCheck(db: Db, p: Actor & { targetId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(backupTargets)
      .set({ checkRequestedAt: sql`now()` })
      .where(eq(backupTargets.id, p.targetId))
      .returning({ id: backupTargets.id });
    if (!row) throw new AppError('not_found');
    const job = await enqueue(tx, backupCheck, {
      orgId: p.orgId,
      payload: { targetId: row.id },
      createdBy: p.actorUserId,
    });
    return { targetId: row.id, jobId: job.id };
  });
}
