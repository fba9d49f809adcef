import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/server/errors';
import { type PlannedTable, plannedTable } from './graph';
import { FORMAT_VERSION, isNewer, type Manifest, manifestSchema, migrationLevel } from './manifest';
import type { Row } from './plan';
import { deriveKey, kdfWithinLimits, passphraseMatches } from './secrets';
import { ZipFormatError, ZipReader } from './zip';

/** An opened export: its manifest, checked for format and version. */
export async function openExport(file: string): Promise<{ zip: ZipReader; manifest: Manifest }> {
  let zip: ZipReader | undefined;
  try {
    zip = await ZipReader.open(file);
    const parsed = manifestSchema.safeParse(JSON.parse(await zip.text('manifest.json', 64 * 1024 * 1024)));
    if (!parsed.success || parsed.data.formatVersion > FORMAT_VERSION) throw new ZipFormatError('manifest');
    if (parsed.data.kdf && !kdfWithinLimits(parsed.data.kdf)) throw new AppError('import_kdf_limits');
    return { zip, manifest: parsed.data };
  } catch (error) {
    zip?.close();
    if (error instanceof AppError) throw error;
    throw new AppError('import_invalid');
  }
}

/** The passphrase's key for this export, or null; a wrong one is refused (a field error). */
export async function keyFor(manifest: Manifest, passphrase: string | null | undefined): Promise<Buffer | null> {
  if (!passphrase || manifest.secrets !== 'passphrase' || !manifest.kdf) return null;
  // Whatever scrypt still refuses (the settings come from the file) is the file's fault, not a 500.
  const key = await deriveKey(passphrase, manifest.kdf).catch(() => {
    throw new AppError('import_kdf_limits');
  });
  if (!passphraseMatches(key, manifest.check))
    throw new AppError('passphrase_wrong', {}, { passphrase: 'errors.passphrase_wrong' });
  return key;
}

/** The rows of one table of the export, parsed (the checksum is verified at the end). */
export async function* exportRows(zip: ZipReader, manifest: Manifest, table: string): AsyncGenerator<Row> {
  const name = `data/${table}.jsonl`;
  const sum = manifest.entries[name];
  if (!sum) throw new AppError('import_invalid');
  try {
    for await (const line of zip.lines(name, sum)) yield JSON.parse(line) as Row;
  } catch (error) {
    if (error instanceof ZipFormatError || error instanceof SyntaxError) throw new AppError('import_invalid');
    throw error;
  }
}

export type Inspection = {
  organization: Manifest['organization'];
  exportedAt: string;
  tables: { name: string; rows: number }[];
  rows: number;
  users: number;
  files: Manifest['files'];
  secrets: Manifest['secrets'];
  /** What the passphrase typed does: nothing to open, opens the secrets, or none was typed. */
  passphrase: 'not_needed' | 'ok' | 'not_given';
  newer: boolean;
  organizationExists: boolean;
  slugTaken: boolean;
  /** Records already on this install (importing back into the same install). */
  clashes: { table: string; rows: number }[];
  /** Emails with an account here already: their membership joins that account. */
  linkedUsers: string[];
  newUsers: number;
  canImport: boolean;
};

const single = (t: PlannedTable | undefined) =>
  t && t.key.length === 1 && t.columns.find((c) => c.name === t.key[0])?.sqlType === 'uuid' ? t.key[0]! : null;

/** How many of these ids a table already has. */
async function existing(db: Db, table: string, column: string, ids: string[]) {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The dry run: reads the whole ZIP (every checksum), and says what it holds and what would
 * clash here, without writing anything.
 */
export async function inspectExport(db: Db, p: { file: string; passphrase?: string | null }): Promise<Inspection> {
  const { zip, manifest } = await openExport(p.file);
  try {
    const key = await keyFor(manifest, p.passphrase);
    const org = manifest.organization;
    const [found] = await db.execute<{ id: boolean; slug: boolean }>(sql`
      select exists (select 1 from organizations where id = ${org.id}::uuid) as id,
             exists (select 1 from organizations where slug = ${org.slug}) as slug`);
    const clashes: Inspection['clashes'] = [];
    for (const { name } of manifest.tables) {
      const column = single(plannedTable(name));
      let ids: string[] = [];
      let clashing = 0;
      for await (const row of exportRows(zip, manifest, name)) {
        if (!column) continue;
        ids.push(String(row[column]));
        if (ids.length === 1000) [clashing, ids] = [clashing + (await existing(db, name, column, ids)), []];
      }
      if (column && ids.length) clashing += await existing(db, name, column, ids);
      if (clashing > 0) clashes.push({ table: name, rows: clashing });
    }
    const emails: string[] = [];
    for await (const user of exportRows(zip, manifest, 'users')) emails.push(String(user.email).toLowerCase());
    const linked = await db.execute<{ email: string }>(
      sql`select email from users where email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb)) order by email`,
    );
    for (const [name, sum] of Object.entries(manifest.entries))
      if (name.startsWith('files/'))
        await zip.check(name, sum).catch(() => Promise.reject(new AppError('import_invalid')));
    const newer = isNewer(manifest.migrations, await migrationLevel(db));
    return {
      organization: org,
      exportedAt: manifest.exportedAt,
      tables: manifest.tables.filter((t) => t.rows > 0),
      rows: manifest.tables.reduce((a, t) => a + t.rows, 0),
      users: manifest.users,
      files: manifest.files,
      secrets: manifest.secrets,
      passphrase: manifest.secrets === 'absent' ? 'not_needed' : key ? 'ok' : 'not_given',
      newer,
      organizationExists: Boolean(found?.id),
      slugTaken: Boolean(found?.slug),
      clashes,
      linkedUsers: [...linked].map((r) => r.email),
      newUsers: emails.length - linked.length,
      canImport: !newer && !found?.id && clashes.length === 0,
    };
  } finally {
    zip.close();
  }
}
