import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { routers } from '@/db/schema';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';
import type { PlannedTable } from './graph';
import type { Manifest } from './manifest';
import type { Row } from './plan';
import type { ZipReader } from './zip';

export const BATCH = 500;

/**
 * A batch of rows, through json_populate_recordset: PostgreSQL itself turns the JSON back into
 * each column's type (timestamps, dates, inet, arrays, jsonb). Serial keys are left out (the
 * target numbers them); columns the export does not have get their defaults.
 */
export async function insertRows(db: Db, name: string, t: PlannedTable | null, rows: Row[]) {
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
export async function setDeferred(db: Db, t: PlannedTable, rows: Row[]) {
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
export async function rebuildRadius(db: Db, orgId: string) {
  const list = await db
    .select({ id: routers.id })
    .from(routers)
    .where(and(eq(routers.organizationId, orgId), eq(routers.mode, 'radius')));
  for (const r of list) await provisionRouterRadius(db, { orgId, routerId: r.id });
}

/** The export's files, verified, into a folder of their own until the rows are committed. */
export async function stageFiles(
  zip: ZipReader,
  manifest: Manifest,
  staging: string,
  step: (n: number) => Promise<void>,
) {
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
export async function placeFiles(from: string, to: string, relative = '') {
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
