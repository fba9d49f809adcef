import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Database, Db } from '@/db/client';
import { routers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { encryptSecret } from '@/lib/crypto';
import type { JobProgress } from '@/lib/jobs/contract';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { type PlannedTable, tablePlan } from './graph';
import { exportRows, openExport } from './inspect';
import { isNewer, type Manifest, migrationLevel } from './manifest';
import type { Row, RowMapping } from './plan';
import { scopeOf } from './rows';
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

const BATCH = 500;

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
        const tools = { seal, now: new Date().toISOString() };
        const deferred: { t: PlannedTable; rows: Row[] }[] = [];
        let rows = 0;
        for (const t of tablePlan()) {
          const listed = manifest.tables.find((x) => x.name === t.name);
          if (!listed || (t.passphraseOnly && !p.key)) continue;
          const later: Row[] = [];
          let batch: Row[] = [];
          const flush = async () => {
            if (batch.length === 0) return;
            await insertRows(tx, t.name, t, batch);
            await step(batch.length);
            batch = [];
          };
          const own = t.columns.some((c) => c.name === 'organization_id');
          for await (const row of exportRows(zip, manifest, t.name)) {
            // Every row is the new organization's, whatever an edited ZIP says.
            if (own) row.organization_id = org.id;
            openRowSecrets(row, t, p.key, tools);
            for (const column of t.users)
              if (typeof row[column] === 'string') row[column] = knownUser(mapping, row[column]);
            if (t.remap && !t.remap(row, mapping)) continue;
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
          rows += listed.rows;
        }
        for (const d of deferred) await setDeferred(tx, d.t, d.rows);
        await checkReferences(tx, manifest, org.id);
        await rebuildRadius(tx, org.id);
        const links = await issueImportLinks(tx, {
          orgId: org.id,
          actorUserId: p.actorUserId ?? null,
          appUrl: p.appUrl,
          created: users.created,
        });
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
            rows,
            files,
            secrets: p.key ? 'carried' : 'absent',
            linkedUsers: users.linked.length,
            newUsers: users.created.length,
          },
        });
        return {
          organizationId: org.id,
          name: org.name,
          slug,
          rows,
          files,
          linkedUsers: users.linked.length,
          newUsers: users.created.length,
          links,
        };
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

/** A user the export carried: a row naming anyone else was edited (it would reach into this install's people). */
function knownUser(m: RowMapping, id: string) {
  const user = m.user(id);
  if (!user) throw new AppError('import_invalid');
  return user;
}

/**
 * Every reference of the imported rows stays inside the new organization: the composite keys
 * hold that in the database; plain keys (a payment's customer) and the rows that belong
 * through a parent are checked here, so an edited ZIP cannot point into another tenant.
 */
async function checkReferences(db: Db, manifest: Manifest, orgId: string) {
  const scoped = new Set(
    tablePlan()
      .filter((t) => t.columns.some((c) => c.name === 'organization_id'))
      .map((t) => t.name),
  );
  for (const t of tablePlan()) {
    const listed = manifest.tables.find((x) => x.name === t.name);
    if (!listed) continue;
    if (t.parent && t.through) {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(t.name)} t where ${scopeOf(t, { orgId, slug: '' })}`,
      );
      if (Number(row?.n) !== listed.rows && !(t.passphraseOnly && Number(row?.n) === 0))
        throw new AppError('import_invalid');
    }
    if (!scoped.has(t.name)) continue;
    for (const fk of getTableConfig(t.table).foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (!scoped.has(target) || ref.columns.some((c) => c.name === 'organization_id')) continue;
      const on = sql.join(
        ref.columns.map((c, i) => sql`u.${sql.identifier(ref.foreignColumns[i]!.name)} = t.${sql.identifier(c.name)}`),
        sql` and `,
      );
      const [row] = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from ${sql.identifier(t.name)} t join ${sql.identifier(target)} u on ${on}
        where t.organization_id = ${orgId} and u.organization_id <> ${orgId}`);
      if (Number(row?.n) > 0) throw new AppError('import_invalid');
    }
  }
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Refused before anything is written: a newer export, the organization or its records already here. */
async function refuseClashes(db: Db, manifest: Manifest, slug: string) {
  if (isNewer(manifest.migrations, await migrationLevel(db))) throw new AppError('import_newer');
  const [found] = await db.execute<{ id: boolean; slug: boolean }>(sql`
    select exists (select 1 from organizations where id = ${manifest.organization.id}::uuid) as id,
           exists (select 1 from organizations where slug = ${slug}) as slug`);
  if (found?.id) throw new AppError('import_exists');
  if (found?.slug) throw new AppError('slug_taken', {}, { slug: 'errors.slug_taken' });
}

/**
 * A batch of rows, through json_populate_recordset: PostgreSQL itself turns the JSON back into
 * each column's type (timestamps, dates, inet, arrays, jsonb). Serial keys are left out (the
 * target numbers them); columns the export does not have get their defaults.
 */
async function insertRows(db: Db, name: string, t: PlannedTable | null, rows: Row[]) {
  const known = t ? new Set(t.columns.filter((c) => !c.serial).map((c) => c.name)) : null;
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  const columns = [...present].filter((c) => !known || known.has(c));
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${sql.identifier(name)} (${list}) select ${list} from json_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(rows)}::json)`,
  );
}

/** The references a table deferred (they close a cycle of keys), now that every row is in. */
async function setDeferred(db: Db, t: PlannedTable, rows: Row[]) {
  for (const column of t.defer ?? []) {
    const these = rows.filter((r) => column in r);
    for (let i = 0; i < these.length; i += BATCH) {
      const match = sql.join(
        t.key.map((k) => sql`t.${sql.identifier(k)} = v.${sql.identifier(k)}`),
        sql` and `,
      );
      await db.execute(sql`
        update ${sql.identifier(t.name)} t set ${sql.identifier(column)} = v.${sql.identifier(column)}
        from json_populate_recordset(null::${sql.identifier(t.name)}, ${JSON.stringify(these.slice(i, i + BATCH))}::json) v
        where ${match}`);
    }
  }
}

/** FreeRADIUS's rows are this install's copy of the subscriptions: written again for RADIUS-mode routers. */
async function rebuildRadius(db: Db, orgId: string) {
  const list = await db
    .select({ id: routers.id })
    .from(routers)
    .where(and(eq(routers.organizationId, orgId), eq(routers.mode, 'radius')));
  for (const r of list) await provisionRouterRadius(db, { orgId, routerId: r.id });
}

/** The export's files, verified, into a folder of their own until the rows are committed. */
async function stageFiles(zip: ZipReader, manifest: Manifest, staging: string, step: (n: number) => Promise<void>) {
  let count = 0;
  for (const [name, sum] of Object.entries(manifest.entries)) {
    if (!name.startsWith('files/')) continue;
    const relative = name.slice('files/'.length);
    const target = path.join(staging, relative);
    if (!relative || path.relative(staging, target).startsWith('..')) throw new AppError('import_invalid');
    await mkdir(path.dirname(target), { recursive: true });
    await zip.extract(name, sum, target).catch(() => Promise.reject(new AppError('import_invalid')));
    count += 1;
    await step(1);
  }
  return count;
}

/** Moves the staged files into the organization's folder (merging with anything already there). */
async function placeFiles(from: string, to: string, relative = '') {
  const entries = await readdir(path.join(from, relative), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const inner = path.join(relative, e.name);
    if (e.isDirectory()) await placeFiles(from, to, inner);
    else if (e.isFile()) {
      await mkdir(path.dirname(path.join(to, inner)), { recursive: true });
      await rename(path.join(from, inner), path.join(to, inner));
    }
  }
}
