import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  BACKUP_COPY_STATUSES,
  BACKUP_RUN_STATUSES,
  BACKUP_STEPS,
  BACKUP_TARGET_KINDS,
  BACKUP_TRIGGERS,
} from '../enums';
import { jobs } from './jobs';
import { users } from './organizations';

/*
 * Platform backups: the whole database and files folder, for the super admin (permission
 * `platform.backups`). These tables have no organization key on purpose: they belong to the
 * platform, not to a tenant, and only platform operations read them.
 */

/** The one settings row (id 1): the daily schedule in its zone and how many backups to keep. */
export const backupSettings = pgTable(
  'backup_settings',
  {
    id: integer('id').primaryKey().default(1),
    enabled: boolean('enabled').notNull().default(true),
    // HH:MM, 24-hour, in timeZone.
    time: text('time').notNull().default('03:00'),
    timeZone: text('time_zone').notNull().default('Asia/Jakarta'),
    keepDaily: integer('keep_daily').notNull().default(7),
    keepWeekly: integer('keep_weekly').notNull().default(4),
    keepMonthly: integer('keep_monthly').notNull().default(12),
    // The local day the "no recent backup" WhatsApp went out: at most one a day.
    staleAlertedOn: date('stale_alerted_on'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('backup_settings_one_row', sql`${t.id} = 1`)],
);

/**
 * Where backups go. `config` holds what is not secret (host, bucket, path…); the SFTP private
 * key or S3 secret key is `secretEnc` (lib/crypto.ts), never sent back to a screen. The
 * default target (made with the settings row) is the local BACKUP_DIR: its path is null and
 * read from the environment at run time.
 */
export const backupTargets = pgTable(
  'backup_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: BACKUP_TARGET_KINDS }).notNull(),
    config: jsonb('config').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    secretEnc: text('secret_enc'),
    enabled: boolean('enabled').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    // The last *Uji* (backup-check job): when asked, when answered, and the error code if it failed.
    checkRequestedAt: timestamp('check_requested_at', { withTimezone: true }),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkError: text('check_error'),
    checkMessage: text('check_message'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_targets_name_uq').on(sql`lower(${t.name})`),
    // At most one default target: made once, with the settings row.
    uniqueIndex('backup_targets_default_uq').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

/**
 * One backup: the archive (name, size, checksum, manifest) and its outcome. A scheduled run
 * carries the local day it is for, unique, so the schedule starts at most one a day however
 * many workers tick. A failed attempt keeps the archive for the next one (`retrying`).
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: text('trigger', { enum: BACKUP_TRIGGERS }).notNull(),
    status: text('status', { enum: BACKUP_RUN_STATUSES }).notNull().default('queued'),
    step: text('step', { enum: BACKUP_STEPS }),
    scheduledFor: date('scheduled_for'),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    attempt: integer('attempt').notNull().default(0),
    fileName: text('file_name'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    manifest: jsonb('manifest').$type<Record<string, unknown>>(),
    // When the archive was taken (what retention and "last good backup" count from).
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_runs_scheduled_uq').on(t.scheduledFor).where(sql`${t.trigger} = 'schedule'`),
    // The runs list (newest first) and "the last good backup".
    index('backup_runs_created_idx').on(t.createdAt, t.id),
    index('backup_runs_good_idx').on(t.archivedAt).where(sql`${t.status} in ('succeeded', 'partial')`),
  ],
);

/**
 * A run's file on one target. Retention removes a stored copy by setting `removedAt` (the
 * row stays, so the run's history says where its file was). A removed target keeps its
 * copies' history under `targetName`.
 */
export const backupCopies = pgTable(
  'backup_copies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => backupRuns.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id').references(() => backupTargets.id, { onDelete: 'set null' }),
    targetName: text('target_name').notNull(),
    status: text('status', { enum: BACKUP_COPY_STATUSES }).notNull().default('pending'),
    fileName: text('file_name').notNull(),
    location: text('location'),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_copies_run_target_uq').on(t.runId, t.targetId),
    // Retention reads a target's stored copies.
    index('backup_copies_target_idx').on(t.targetId, t.status),
  ],
);

export type BackupSettings = typeof backupSettings.$inferSelect;
export type BackupTarget = typeof backupTargets.$inferSelect;
export type BackupRun = typeof backupRuns.$inferSelect;
export type BackupCopy = typeof backupCopies.$inferSelect;
