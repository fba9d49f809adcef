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

export type ExportResult = EntrySum & { manifest: Manifest };

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
      const [org] = await tx.execute<{ j: string; slug: string; name: string }>(
        sql`select row_to_json(o)::text as j, o.slug, o.name from organizations o where o.id = ${p.orgId}`,
      );
      if (!org) throw new AppError('not_found');
      const scope: Scope = { orgId: p.orgId, slug: org.slug };
      const tables = tablePlan().filter((t) => !t.passphraseOnly || key);
      const counts = new Map<string, number>();
      for (const t of tables) counts.set(t.name, await countRows(tx, t, scope));
      const userRows = await tx.execute<{ j: Row }>(
        sql`select row_to_json(u) as j from users u where u.id in (
          select m.user_id from memberships m where m.organization_id = ${p.orgId}
          union ${exportedUserIds(tables, scope, Boolean(key))}) order by u.id`,
      );
      const files = await organizationFiles(p.filesDir, p.orgId);
      const total = [...counts.values()].reduce((a, b) => a + b, 0) + userRows.length + files.length;
      let done = 0;
      const step = async (n: number) => {
        done += n;
        await p.progress?.(done, total);
      };

      const zip = new ZipWriter(p.outFile);
      await zip.entry('data/organizations.jsonl', (write) => write(`${org.j}\n`));
      await zip.entry('data/users.jsonl', async (write) => {
        for (const u of userRows) await write(`${JSON.stringify(sealUser(u.j, key, decrypt))}\n`);
      });
      await step(userRows.length);
      for (const t of tables) {
        await zip.entry(`data/${t.name}.jsonl`, (write) => writeTable(tx, t, scope, { key, decrypt, write, step }));
        if (t.csv) await zip.entry(`csv/${t.name}.csv`, (write) => writeCsv(tx, t, scope, write));
      }
      for (const f of files) zip.file(path.join(p.filesDir, p.orgId, f.relative), `files/${f.relative}`);

      const level = await migrationLevel(tx);
      let manifest: Manifest | undefined;
      zip.last('manifest.json', () => {
        manifest = {
          format: FORMAT,
          formatVersion: FORMAT_VERSION,
          exportedAt: (p.now ?? new Date()).toISOString(),
          migrations: level,
          organization: { id: p.orgId, name: org.name, slug: org.slug },
          secrets: key ? 'passphrase' : 'absent',
          kdf: p.passphrase?.kdf ?? null,
          check: key ? passphraseCheck(key) : null,
          tables: tables.map((t) => ({ name: t.name, rows: counts.get(t.name) ?? 0 })),
          users: userRows.length,
          files: { count: files.length, bytes: files.reduce((a, f) => a + f.bytes, 0) },
          entries: { ...zip.entries },
        };
        return JSON.stringify(manifest, null, 2);
      });
      const sum = await zip.finish();
      await step(files.length);
      return { ...sum, manifest: manifest! };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

type Writing = {
  key: Buffer | null;
  decrypt: (stored: string) => string;
  write: (chunk: string) => Promise<void>;
  step: (n: number) => Promise<void>;
};

/** A table's rows as JSON lines; rows are parsed only when a secret or a reset must change. */
async function writeTable(db: Db, t: PlannedTable, scope: Scope, w: Writing) {
  const transforms = Boolean(Object.keys(t.secretColumns).length || t.jsonSecrets?.length || t.reset);
  const line = (text: string) => {
    if (!transforms) return `${text}\n`;
    const row = JSON.parse(text) as Row;
    sealRowSecrets(row, t, w.key, w.decrypt);
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
