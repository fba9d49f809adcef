import { z } from 'zod';
import { checkbox } from '@/lib/server/form-input';
import { BACKUP_TIME_ZONES } from './schedule';

/** Inputs of the backup operations, as the Cadangan page's forms send them (text fields). */

const count = (max: number) =>
  z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(0, 'validation.invalid')
    .max(max, 'validation.invalid');

export const backupSettingsSchema = z
  .object({
    enabled: checkbox,
    time: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time'),
    timeZone: z.enum(BACKUP_TIME_ZONES, 'validation.invalid'),
    keepDaily: count(366),
    keepWeekly: count(520),
    keepMonthly: count(240),
  })
  // Keeping nothing at all would still keep the newest backup; say so rather than surprise.
  .refine((v) => v.keepDaily + v.keepWeekly + v.keepMonthly > 0, {
    message: 'validation.backupKeep',
    path: ['keepDaily'],
  });
export type BackupSettingsInput = z.output<typeof backupSettingsSchema>;

const text = (max: number) => z.string('validation.required').trim().max(max, 'validation.tooLong');
const required = (max: number) => text(max).min(1, 'validation.required');
/** Blank means "not given" (a secret left blank keeps the stored one). */
const optionalText = (max: number) =>
  z
    .string()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => v?.trim() || undefined);

const hostSchema = required(253).regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'validation.host');
const portSchema = z.coerce
  .number('validation.port')
  .int('validation.port')
  .min(1, 'validation.port')
  .max(65_535, 'validation.port')
  .default(22);
/**
 * A `..` step in a folder or prefix: the place written to is not the one the card shows
 * (`/srv/backups/../../etc` is /etc; an S3 key with `..` is refused or rewritten by some stores).
 */
const climbsOut = (v: string | undefined) => v?.split(/[\\/]/).includes('..') ?? false;
/** A folder on this server: an absolute path (blank: BACKUP_DIR). */
const localPath = optionalText(500)
  .refine((v) => v === undefined || v.startsWith('/'), 'validation.backupLocalPath')
  .refine((v) => !climbsOut(v), 'validation.backupPathDots');
const privateKey = optionalText(20_000).refine(
  (v) => v === undefined || /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(v),
  'validation.backupPrivateKey',
);
const hostKey = optionalText(100)
  .transform((v) => v?.replace(/^SHA256:/, ''))
  .refine((v) => v === undefined || /^[A-Za-z0-9+/]{43}=?$/.test(v), 'validation.backupHostKey');
const endpoint = optionalText(300).refine(
  (v) => v === undefined || /^https?:\/\/[^\s/]+(\/.*)?$/.test(v),
  'validation.backupEndpoint',
);
const bucket = required(63).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'validation.backupBucket');

const common = {
  targetId: z.string().uuid('validation.invalid').optional(),
  name: required(80),
  enabled: checkbox,
};

export const saveTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...common, kind: z.literal('local'), path: localPath }),
    z.object({
      ...common,
      kind: z.literal('sftp'),
      host: hostSchema,
      port: portSchema,
      username: required(100),
      path: required(500).refine((v) => !climbsOut(v), 'validation.backupPathDots'),
      hostKeySha256: hostKey,
      /**
       * The host key the form was opened with ('' for none), so a key learned on first use
       * after that is not cleared by saving the field untouched. Absent: the field is taken as is.
       */
      hostKeyLoaded: z
        .string()
        .max(100, 'validation.tooLong')
        .transform((v) => v.trim().replace(/^SHA256:/, ''))
        .optional(),
      privateKey,
    }),
    z.object({
      ...common,
      kind: z.literal('s3'),
      endpoint,
      region: required(50).default('us-east-1'),
      bucket,
      prefix: text(200)
        .refine((v) => !climbsOut(v), 'validation.backupPathDots')
        .default(''),
      accessKeyId: required(200),
      secretAccessKey: optionalText(500),
      forcePathStyle: checkbox,
    }),
  ],
  'validation.invalid',
);
export type SaveTargetInput = z.output<typeof saveTargetSchema>;

export const targetIdSchema = z.object({ targetId: z.string().uuid('validation.invalid') });
export const runIdSchema = z.object({ runId: z.string().uuid('validation.invalid') });
export const listRunsSchema = z.object({ cursor: z.string().max(200).optional() });
