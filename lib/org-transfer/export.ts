import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { decryptSecret } from '@/lib/crypto';
import type { JobProgress } from '@/lib/jobs/contract';
import { AppError } from '@/lib/server/errors';
import { type PlannedTable, tablePlan } from './graph';
import { FORMAT, FORMAT_VERSION, type KdfParams, type Manifest, migrationLevel } from './manifest';
import type { Row } from './plan';
import { countRows, csvHeader, csvLine, parentsFirst, rowsOf, type Scope } from './rows';
import { passphraseCheck, sealRowSecrets } from './secrets';
import { exportedUserIds, sealUser } from './users';
import { type EntrySum, ZipWriter } from './zip';

/** Folders under the organization's files that are not its data: the exports themselves. */
export const SKIPPED_FOLDERS = ['exports'];

export type ExportOptions = {
  orgId: string;
  filesDir: string;
  outFile: string;
  /** The passphrase's key and how it was derived; null: secrets stay on this install. */
  passphrase: { key: Buffer; kdf: KdfParams } | null;
  progress?: JobProgress;
  /** This install's decryption (lib/crypto.ts). */
  decrypt?: (stored: string) => string;
  now?: Date;
};

/** A secret this install could not decrypt, left out of the export: which record, which field. */
/** A secret left out: where, and the record's name when it has one (shown instead of its id). */
export type LeftOutSecret = { table: string; id: string; field: string; name?: string | null };

/** The columns that name a record to its operator, in order of preference. */
const NAME_COLUMNS = ['name', 'email', 'service_username', 'code', 'gateway', 'plugin_id'];
const recordName = (row: Row) =>
  NAME_COLUMNS.map((c) => row[c]).find((v) => typeof v === 'string' && v !== '') as string | undefined;

export type ExportResult = EntrySum & {
  manifest: Manifest;
  /** Every secret left out because it could not be decrypted (empty when all opened). */
  leftOut: LeftOutSecret[];
};

/** The organization's files (FILES_DIR/<organization>/…), relative to its folder. */
export async function organizationFiles(filesDir: string, orgId: string) {
  const root = path.join(filesDir, orgId);
  const out: { relative: string; bytes: number }[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const relative = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!(dir === '' && SKIPPED_FOLDERS.includes(e.name))) await walk(relative);
      } else if (e.isFile()) out.push({ relative, bytes: (await stat(path.join(root, relative))).size });
    }
  };
  await walk('');
  return out.sort((a, b) => a.relative.localeCompare(b.relative));
}

/** What the export reads before it writes: the organization, its tables' counts, its people, its files. */
async function survey(tx: Db, p: ExportOptions, key: Buffer | null) {
  const [org] = await tx.execute<{ j: string; slug: string; name: string }>(
    sql`select row_to_json(o)::text as j, o.slug, o.name from organizations o where o.id = ${p.orgId}`,
  );
  if (!org) throw new AppError('not_found');
  const scope: Scope = { orgId: p.orgId, slug: org.slug };
  const tables = tablePlan().filter((t) => !t.passphraseOnly || key);
  const counts = new Map<string, number>();
  for (const t of tables) counts.set(t.name, await countRows(tx, t, scope));
  const people = await tx.execute<{ j: Row; member: 'active' | 'inactive' | null }>(
    sql`select row_to_json(u) as j,
        (select case when m.active then 'active' else 'inactive' end from memberships m
          where m.user_id = u.id and m.organization_id = ${p.orgId}) as member
      from users u where u.id in (
        select m.user_id from memberships m where m.organization_id = ${p.orgId}
        union ${exportedUserIds(tables, scope, Boolean(key))}) order by u.id`,
  );
  const files = await organizationFiles(p.filesDir, p.orgId);
  return { org, scope, tables, counts, people: [...people], files, level: await migrationLevel(tx) };
}

/**
 * One organization as a ZIP: data/<table>.jsonl per table of the plan (rows as the database
 * has them, parents first), csv/ for the main tables, data/users.jsonl, files/ and the
 * manifest (counts, checksums, migration level). Read in one REPEATABLE READ snapshot, so
 * the ZIP is the organization at one moment even while people keep working.
 */
export async function exportOrganization(db: Database, p: ExportOptions): Promise<ExportResult> {
  const decrypt = p.decrypt ?? decryptSecret;
  const key = p.passphrase?.key ?? null;
  return db.transaction(
    async (tx) => {
      const s = await survey(tx, p, key);
      const total = [...s.counts.values()].reduce((a, b) => a + b, 0) + s.people.length + s.files.length;
      let done = 0;
      const step = async (n: number) => {
        done += n;
        await p.progress?.(done, total);
      };
      const leftOut: LeftOutSecret[] = [];
      const zip = new ZipWriter(p.outFile);
      try {
        await zip.entry('data/organizations.jsonl', (write) => write(`${s.org.j}\n`));
        await zip.entry('data/users.jsonl', async (write) => {
          for (const u of s.people) {
            const left = (field: string) =>
              leftOut.push({ table: 'users', id: String(u.j.id), field, name: String(u.j.email) });
            await write(`${JSON.stringify(sealUser(u.j, u.member, key, decrypt, left))}\n`);
          }
        });
        await step(s.people.length);
        for (const t of s.tables) {
          const w = { key, decrypt, write: async () => {}, step, leftOut };
          const written = { rows: 0 };
          await zip.entry(`data/${t.name}.jsonl`, (write) => writeTable(tx, t, s.scope, { ...w, write }, written));
          s.counts.set(t.name, written.rows);
          if (t.csv) await zip.entry(`csv/${t.name}.csv`, (write) => writeCsv(tx, t, s.scope, write));
        }
        for (const f of s.files) zip.file(path.join(p.filesDir, p.orgId, f.relative), `files/${f.relative}`);
        let manifest: Manifest | undefined;
        // Built when the ZIP reaches it: every entry before it is written and summed.
        zip.last('manifest.json', () => {
          manifest = {
            format: FORMAT,
            formatVersion: FORMAT_VERSION,
            exportedAt: (p.now ?? new Date()).toISOString(),
            migrations: s.level,
            organization: { id: p.orgId, name: s.org.name, slug: s.org.slug },
            secrets: key ? 'passphrase' : 'absent',
            kdf: p.passphrase?.kdf ?? null,
            check: key ? passphraseCheck(key) : null,
            tables: s.tables.map((t) => ({ name: t.name, rows: s.counts.get(t.name) ?? 0 })),
            users: s.people.length,
            files: { count: s.files.length, bytes: s.files.reduce((a, f) => a + f.bytes, 0) },
            entries: { ...zip.entries },
          };
          return JSON.stringify(manifest, null, 2);
        });
        const sum = await zip.finish();
        await step(s.files.length);
        return { ...sum, manifest: manifest!, leftOut };
      } catch (error) {
        zip.abort(error as Error);
        throw error;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

type Writing = {
  key: Buffer | null;
  decrypt: (stored: string) => string;
  write: (chunk: string) => Promise<void>;
  step: (n: number) => Promise<void>;
  leftOut: LeftOutSecret[];
};

/**
 * A table's rows as JSON lines; rows are parsed only when a secret or a reset must change.
 * A row of a table that is nothing but its secret (passphraseOnly) goes without it entirely
 * when that secret could not be decrypted. Counts the rows written into `written`.
 */
async function writeTable(db: Db, t: PlannedTable, scope: Scope, w: Writing, written: { rows: number }) {
  const transforms = Boolean(Object.keys(t.secretColumns).length || t.jsonSecrets?.length || t.reset);
  const line = (text: string) => {
    written.rows++;
    if (!transforms) return `${text}\n`;
    const row = JSON.parse(text) as Row;
    const id = t.key.map((k) => String(row[k])).join('/');
    let left = false;
    sealRowSecrets(row, t, w.key, w.decrypt, (field) => {
      left = true;
      w.leftOut.push({ table: t.name, id, field, name: recordName(row) ?? null });
    });
    if (left && t.passphraseOnly) {
      written.rows--;
      return '';
    }
    return `${JSON.stringify(row)}\n`;
  };
  if (t.selfRefs.length > 0) {
    const all: Row[] = [];
    for await (const batch of rowsOf(db, t, scope)) for (const text of batch) all.push(JSON.parse(text));
    for (const row of parentsFirst(all, t.selfRefs)) await w.write(line(JSON.stringify(row)));
    await w.step(all.length);
    return;
  }
  for await (const batch of rowsOf(db, t, scope)) {
    await w.write(batch.map(line).join(''));
    await w.step(batch.length);
  }
}

async function writeCsv(db: Db, t: PlannedTable, scope: Scope, write: (chunk: string) => Promise<void>) {
  const { columns, line } = csvHeader(t);
  await write(line);
  for await (const batch of rowsOf(db, t, scope))
    await write(batch.map((text) => csvLine(JSON.parse(text) as Row, columns)).join(''));
}
