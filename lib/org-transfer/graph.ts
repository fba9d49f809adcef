import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { EXPORTED, type ExportedTable, type SecretKind, tableName } from './plan';

export type PlannedColumn = {
  name: string;
  sqlType: string;
  notNull: boolean;
  /** serial / bigserial / identity: the target gives it a new value. */
  serial: boolean;
};

/** One exported table as the export and the import use it: sorted, with what its keys say. */
export type PlannedTable = ExportedTable & {
  name: string;
  columns: PlannedColumn[];
  /** Primary key columns (the export's order; the clash check). */
  key: string[];
  /** Columns the target numbers itself (not inserted). */
  serial: string[];
  /** Columns holding a user id (remapped to the target's user of the same email). */
  users: string[];
  /** Self-references (a shelf's warehouse, a site's parent): rows are written parents first. */
  selfRefs: { column: string; parent: string }[];
  /** The parent of `through` rows: table and referenced column. */
  parent?: { table: string; column: string };
  secretColumns: Record<string, SecretKind>;
};

const USERS = 'users';
const ORGANIZATIONS = 'organizations';

function isSerial(column: PgColumn): boolean {
  const c = column as PgColumn & { generatedIdentity?: unknown };
  return /Serial/.test(column.columnType) || Boolean(c.generatedIdentity);
}

type Fk = { from: string[]; table: string; to: string[] };

function foreignKeys(table: PgTable): Fk[] {
  return getTableConfig(table).foreignKeys.map((fk) => {
    const r = fk.reference();
    return {
      from: r.columns.map((c) => c.name),
      table: tableName(r.foreignTable),
      to: r.foreignColumns.map((c) => c.name),
    };
  });
}

/**
 * Which columns hold a user id: those with a key to users, and those with a key to a column
 * that does (a wallet's reseller through the membership), until nothing changes.
 */
function userColumns(entries: ExportedTable[]): Map<string, Set<string>> {
  const found = new Map(entries.map((e) => [tableName(e.table), new Set(e.userColumns ?? [])]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const e of entries) {
      const own = found.get(tableName(e.table))!;
      for (const fk of foreignKeys(e.table)) {
        fk.from.forEach((column, i) => {
          const target = fk.to[i]!;
          const isUser = fk.table === USERS ? target === 'id' : found.get(fk.table)?.has(target);
          if (isUser && !own.has(column)) {
            own.add(column);
            changed = true;
          }
        });
      }
    }
  }
  return found;
}

/**
 * The order tables are written and imported in: every table after the tables its foreign keys
 * point to (parents first), except keys a table defers (inserted empty, set at the end) and
 * keys to itself (its rows are sorted instead). A cycle left over is a plan error.
 */
export function sortByKeys(entries: ExportedTable[]): ExportedTable[] {
  const names = new Set(entries.map((e) => tableName(e.table)));
  const needs = new Map(
    entries.map((e) => {
      const name = tableName(e.table);
      const deps = foreignKeys(e.table)
        .filter((fk) => fk.table !== name && names.has(fk.table))
        .filter((fk) => !fk.from.filter((c) => c !== 'organization_id').every((c) => e.defer?.includes(c)))
        .map((fk) => fk.table);
      return [name, new Set(deps)];
    }),
  );
  const sorted: ExportedTable[] = [];
  const done = new Set<string>();
  let rest = [...entries];
  while (rest.length > 0) {
    const ready = rest.filter((e) => [...needs.get(tableName(e.table))!].every((d) => done.has(d)));
    if (ready.length === 0)
      throw new Error(`the table plan has a cycle: ${rest.map((e) => tableName(e.table)).join(', ')}`);
    for (const e of ready) {
      sorted.push(e);
      done.add(tableName(e.table));
    }
    rest = rest.filter((e) => !ready.includes(e));
  }
  return sorted;
}

function plan(entry: ExportedTable, users: Set<string>): PlannedTable {
  const config = getTableConfig(entry.table);
  const name = config.name;
  const columns = config.columns.map((c) => ({
    name: c.name,
    sqlType: c.getSQLType(),
    notNull: c.notNull,
    serial: isSerial(c),
  }));
  const key = [
    ...config.columns.filter((c) => c.primary).map((c) => c.name),
    ...config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)),
  ];
  const fks = foreignKeys(entry.table);
  const selfRefs = fks
    .filter((fk) => fk.table === name)
    .map((fk) => {
      const i = fk.from.findIndex((c) => c !== 'organization_id');
      return { column: fk.from[i]!, parent: fk.to[i]! };
    });
  const throughKey = entry.through ? fks.find((fk) => fk.from.length === 1 && fk.from[0] === entry.through) : undefined;
  if (entry.through && !throughKey) throw new Error(`${name}.${entry.through} has no foreign key to follow`);
  return {
    ...entry,
    name,
    columns,
    key,
    serial: columns.filter((c) => c.serial).map((c) => c.name),
    users: [...users],
    selfRefs,
    parent: throughKey ? { table: throughKey.table, column: throughKey.to[0]! } : undefined,
    secretColumns: entry.secrets ?? {},
  };
}

let planned: PlannedTable[] | undefined;

/** The export's tables in dependency order, with what the schema says about each. */
export function tablePlan(): PlannedTable[] {
  if (!planned) {
    const users = userColumns(EXPORTED);
    planned = sortByKeys(EXPORTED).map((e) => plan(e, users.get(tableName(e.table))!));
  }
  return planned;
}

export function plannedTable(name: string): PlannedTable | undefined {
  return tablePlan().find((t) => t.name === name);
}

export { ORGANIZATIONS, USERS };
