import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/server/errors';
import { tablePlan } from './graph';
import { isNewer, type Manifest, migrationLevel } from './manifest';
import type { RowMapping } from './plan';
import { scopeOf } from './rows';

/** Refused before anything is written: a newer export, the organization or its records already here. */
export async function refuseClashes(db: Db, manifest: Manifest, slug: string) {
  if (isNewer(manifest.migrations, await migrationLevel(db))) throw new AppError('import_newer');
  const [found] = await db.execute<{ id: boolean; slug: boolean }>(sql`
    select exists (select 1 from organizations where id = ${manifest.organization.id}::uuid) as id,
           exists (select 1 from organizations where slug = ${slug}) as slug`);
  if (found?.id) throw new AppError('import_exists');
  if (found?.slug) throw new AppError('slug_taken', {}, { slug: 'errors.slug_taken' });
}

/** A user the export carried: a row naming anyone else was edited (it would reach into this install's people). */
export function knownUser(m: RowMapping, id: string) {
  const user = m.user(id);
  if (!user) throw new AppError('import_invalid');
  return user;
}

/**
 * Every reference of the imported rows stays inside the new organization: the composite keys
 * hold that in the database; plain keys (a payment's customer) and the rows that belong
 * through a parent are checked here, so an edited ZIP cannot point into another tenant.
 */
export async function checkReferences(db: Db, manifest: Manifest, orgId: string) {
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
