import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database, Db } from '@/db/client';
import { recordAudit } from '@/lib/audit/record';
import { encryptSecret } from '@/lib/crypto';
import type { JobProgress } from '@/lib/jobs/contract';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { type PlannedTable, tablePlan } from './graph';
import { checkReferences, knownUser, refuseClashes } from './import-checks';
import { BATCH, insertRows, placeFiles, rebuildRadius, setDeferred, stageFiles } from './import-rows';
import { exportRows, openExport } from './inspect';
import type { Manifest } from './manifest';
import type { Row, RowMapping } from './plan';
import { openRowSecrets } from './secrets';
import { importUsers, issueImportLinks } from './users';
import type { ZipReader } from './zip';

export type ImportOptions = {
  file: string;
  filesDir: string;
  /** The passphrase's key (keyFor); null: the secrets are left out as the plan says. */
  key: Buffer | null;
  /** Import under this slug instead of the exported one (it is taken here). */
  slug?: string | null;
  actorUserId?: string | null;
  ip?: string | null;
  appUrl: string;
  progress?: JobProgress;
  /** This install's encryption (lib/crypto.ts). */
  seal?: (plain: string) => string;
};

export type ImportResult = {
  organizationId: string;
  name: string;
  slug: string;
  rows: number;
  files: number;
  linkedUsers: number;
  newUsers: number;
  /** Reset links of the users created without a password (shown once to whoever imported). */
  links: { email: string; url: string }[];
};

/**
 * The export as a new organization on this install, in one transaction: all of it or
 * nothing. Ids are kept (so every reference holds); users are matched by email; serial keys
 * (audit log, stock moves, …) are numbered here; secrets are re-encrypted with this install's
 * key when the passphrase opened them. Files land in FILES_DIR/<organization>/ after the commit.
 */
export async function importOrganization(db: Database, p: ImportOptions): Promise<ImportResult> {
  const { zip, manifest } = await openExport(p.file);
  const staging = path.join(p.filesDir, `.org-import-${randomUUID()}`);
  try {
    const org = manifest.organization;
    const slug = p.slug?.trim() || org.slug;
    const total = manifest.tables.reduce((a, t) => a + t.rows, 0) + manifest.users + manifest.files.count;
    let done = 0;
    const step = async (n: number) => {
      done += n;
      await p.progress?.(done, total);
    };
    // Refused before the files are unpacked, and again inside the transaction (a race).
    await refuseClashes(db, manifest, slug);
    const files = await stageFiles(zip, manifest, staging, step);
    const result = await db
      .transaction(async (tx) => {
        await refuseClashes(tx, manifest, slug);
        const [orgRow] = await collect(exportRows(zip, manifest, 'organizations'));
        if (!orgRow || orgRow.id !== org.id) throw new AppError('import_invalid');
        await insertRows(tx, 'organizations', null, [{ ...orgRow, slug }]);
        const seal = p.seal ?? encryptSecret;
        const users = await importUsers(tx, await collect(exportRows(zip, manifest, 'users')), { key: p.key, seal });
        await step(manifest.users);
        const mapping: RowMapping = { user: (id) => users.map.get(id), fromSlug: org.slug, toSlug: slug };
        const rows = await importTables(tx, zip, manifest, { ...p, mapping, seal, step });
        await checkReferences(tx, manifest, org.id);
        await rebuildRadius(tx, org.id);
        const links = await issueImportLinks(tx, {
          orgId: org.id,
          actorUserId: p.actorUserId ?? null,
          appUrl: p.appUrl,
          created: users.created,
        });
        const summary = { rows, files, linkedUsers: users.linked.length, newUsers: users.created.length };
        await recordAudit(tx, {
          orgId: org.id,
          actorUserId: p.actorUserId ?? null,
          action: 'org_transfer.imported',
          entityType: 'organization',
          entityId: org.id,
          ip: p.ip ?? null,
          data: {
            fromSlug: org.slug,
            exportedAt: manifest.exportedAt,
            secrets: p.key ? 'carried' : 'absent',
            ...summary,
          },
        });
        return { organizationId: org.id, name: org.name, slug, ...summary, links };
      })
      .catch((error) => {
        const constraint = uniqueViolation(error);
        if (constraint !== null) throw new AppError('import_clash', { constraint: constraint || '?' });
        throw error;
      });
    await placeFiles(staging, path.join(p.filesDir, org.id));
    return result;
  } finally {
    zip.close();
    await rm(staging, { recursive: true, force: true });
  }
}

type Importing = {
  key: Buffer | null;
  mapping: RowMapping;
  seal: (plain: string) => string;
  step: (n: number) => Promise<void>;
};

/**
 * Every table of the export, in the plan's order (parents first), 500 rows at a time; keys
 * that close a cycle are set once all rows are in. Returns the rows imported.
 */
async function importTables(db: Db, zip: ZipReader, manifest: Manifest, p: Importing) {
  const orgId = manifest.organization.id;
  const tools = { seal: p.seal, now: new Date().toISOString() };
  const deferred: { t: PlannedTable; rows: Row[] }[] = [];
  let rows = 0;
  for (const t of tablePlan()) {
    const listed = manifest.tables.find((x) => x.name === t.name);
    if (!listed || (t.passphraseOnly && !p.key)) continue;
    const own = t.columns.some((c) => c.name === 'organization_id');
    const later: Row[] = [];
    let batch: Row[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await insertRows(db, t.name, t, batch);
      await p.step(batch.length);
      rows += batch.length;
      batch = [];
    };
    for await (const row of exportRows(zip, manifest, t.name)) {
      // Every row is the new organization's, whatever an edited ZIP says.
      if (own) row.organization_id = orgId;
      openRowSecrets(row, t, p.key, tools);
      for (const column of t.users)
        if (typeof row[column] === 'string') row[column] = knownUser(p.mapping, row[column]);
      if (t.remap && !t.remap(row, p.mapping)) continue;
      for (const column of t.defer ?? []) {
        if (row[column] === null || row[column] === undefined) continue;
        later.push({ ...Object.fromEntries(t.key.map((k) => [k, row[k]])), [column]: row[column] });
        row[column] = null;
      }
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    await flush();
    if (later.length) deferred.push({ t, rows: later });
  }
  for (const d of deferred) await setDeferred(db, d.t, d.rows);
  return rows;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
