import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * The passphrase's key, encrypted with this install's key (lib/crypto.ts), for the one job
 * that needs it: the passphrase itself is never stored, and the handler wipes even this when
 * it ends (lib/org-transfer/exports.ts forgetJobKey). One attempt: a retry would have no key.
 */
const keyEnc = z.string().max(200).nullable().default(null);

/** Writes the organization's export ZIP (lib/org-transfer/export.ts) into its files folder. */
export const orgExport = defineJob({
  name: 'org-export',
  payload: z.object({
    keyEnc,
    kdf: z
      .object({ name: z.literal('scrypt'), salt: z.string(), N: z.number(), r: z.number(), p: z.number() })
      .nullable()
      .default(null),
  }),
  maxAttempts: 1,
});

/** Imports an uploaded export as a new organization (lib/org-transfer/import.ts). */
export const orgImport = defineJob({
  name: 'org-import',
  payload: z.object({
    uploadId: z.string().uuid(),
    slug: z.string().max(40).nullable().default(null),
    keyEnc,
    /** A passphrase was given: without its key (a retry) the job refuses rather than import without it. */
    sealed: z.boolean().default(false),
    actorUserId: z.string().uuid().nullable().default(null),
  }),
  maxAttempts: 1,
});
