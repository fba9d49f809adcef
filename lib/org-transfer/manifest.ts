import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';

/** The ZIP's layout; an import refuses a format it does not know. */
export const FORMAT = 'jaring-organization-export';
export const FORMAT_VERSION = 1;

/** How far the database's schema is: drizzle's applied migrations (count, and the last one's time). */
export const migrationLevelSchema = z.object({ count: z.number().int(), last: z.number() });
export type MigrationLevel = z.infer<typeof migrationLevelSchema>;

const entrySchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

export const kdfSchema = z.object({
  name: z.literal('scrypt'),
  salt: z.string().min(16),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
});
export type KdfParams = z.infer<typeof kdfSchema>;

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int(),
  exportedAt: z.string(),
  migrations: migrationLevelSchema,
  organization: z.object({ id: z.string().uuid(), name: z.string(), slug: z.string() }),
  /** `absent`: left out; `passphrase`: sealed with a key from the admin's passphrase (kdf). */
  secrets: z.enum(['absent', 'passphrase']),
  kdf: kdfSchema.nullable(),
  /** A known text sealed with the passphrase's key: a wrong passphrase is told before anything is read. */
  check: z.string().nullable(),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
  users: z.number().int().nonnegative(),
  files: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  entries: z.record(z.string(), entrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The migrations applied to this database (drizzle's own table). */
export async function migrationLevel(db: Db): Promise<MigrationLevel> {
  const [row] = await db.execute<{ count: number; last: string | null }>(
    sql`select count(*)::int as count, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  return { count: Number(row?.count ?? 0), last: Number(row?.last ?? 0) };
}

/** An export made by a newer Jaring than this install has columns this one does not know. */
export function isNewer(source: MigrationLevel, target: MigrationLevel): boolean {
  return source.last > target.last;
}
