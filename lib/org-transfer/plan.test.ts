import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTableConfig, PgDialect } from 'drizzle-orm/pg-core';
import { AppError } from '@/lib/server/errors';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { tablePlan } from './graph';
import { keyFor } from './inspect';
import type { Manifest } from './manifest';
import { NOT_EXPORTED, SPECIAL_TABLES, schemaTables } from './plan';
import { parentsFirst } from './rows';
import { deriveKey, kdfWithinLimits, newKdf, openWith, passphraseCheck, passphraseMatches, sealWith } from './secrets';

/**
 * The organization export's table plan against drizzle's schema: a new table, a new user
 * column or a new encrypted column fails here until the plan says what the export does with it.
 */
const plan = tablePlan();
const planned = new Map(plan.map((t) => [t.name, t]));

test('every table is exported, or named as not exported with a reason', () => {
  const unplanned = [...schemaTables().keys()].filter(
    (name) => !planned.has(name) && !(name in NOT_EXPORTED) && !(name in SPECIAL_TABLES),
  );
  assert.deepEqual(unplanned, [], 'tables in neither list (lib/org-transfer/plan.ts)');
  const twice = plan.filter((t) => t.name in NOT_EXPORTED || t.name in SPECIAL_TABLES).map((t) => t.name);
  assert.deepEqual(twice, [], 'tables in both lists');
  for (const name of Object.keys(NOT_EXPORTED)) assert.ok(schemaTables().has(name), `${name} is not in db/schema`);
  for (const reason of Object.values(NOT_EXPORTED)) assert.ok(reason.length > 10);
});

test("every exported table says how its rows are the organization's", () => {
  for (const t of plan) {
    const own = t.columns.some((c) => c.name === 'organization_id');
    assert.ok(own || t.parent || t.where, `${t.name}: no organization_id, no parent to follow, no rule`);
    assert.ok(t.key.length > 0, `${t.name} has no primary key`);
  }
});

test('tables come after the tables their keys point to (parents first), except deferred keys', () => {
  const position = new Map(plan.map((t, i) => [t.name, i]));
  for (const t of plan) {
    for (const fk of getTableConfig(t.table).foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      const local = ref.columns.map((c) => c.name).filter((c) => c !== 'organization_id');
      if (target === t.name || local.every((c) => t.defer?.includes(c))) continue;
      if (target === 'users' || target === 'organizations') continue;
      assert.ok(position.has(target), `${t.name} points to ${target}, which is not exported`);
      assert.ok(position.get(target)! < position.get(t.name)!, `${t.name} comes before ${target}`);
    }
  }
});

test('a deferred key is nullable and in no check; no key points at a key the target renumbers', () => {
  for (const t of plan) {
    for (const column of t.defer ?? []) {
      assert.equal(t.columns.find((c) => c.name === column)?.notNull, false, `${t.name}.${column}`);
      const checks = getTableConfig(t.table).checks.map((c) => new PgDialect().sqlToQuery(c.value).sql);
      assert.ok(!checks.some((c) => c.includes(column)), `${t.name}.${column} is in a check`);
    }
    for (const fk of getTableConfig(t.table).foreignKeys) {
      const ref = fk.reference();
      const target = planned.get(getTableConfig(ref.foreignTable).name);
      const renumbered = ref.foreignColumns.some((c) => target?.serial.includes(c.name));
      assert.ok(!renumbered, `${t.name} points at ${target?.name}'s serial key: the import would have to remap it`);
    }
  }
});

test('every column that names a user is remapped to the user of the same email', () => {
  for (const t of plan) {
    const uuidColumns = t.columns.filter((c) => c.sqlType === 'uuid').map((c) => c.name);
    const userish = uuidColumns.filter((c) => /(^|_)user_id$|_by$/.test(c));
    assert.deepEqual(
      userish.filter((c) => !t.users.includes(c)),
      [],
      `${t.name}: user columns the plan does not remap`,
    );
  }
  assert.ok(planned.get('wallet_entries')!.users.includes('reseller_user_id'), 'through the wallet key');
});

test('every encrypted column is a secret of the plan, and a required one has a stand-in', () => {
  for (const t of plan) {
    const encrypted = t.columns.filter((c) => /_enc$/.test(c.name)).map((c) => c.name);
    for (const c of encrypted) assert.ok(c in t.secretColumns, `${t.name}.${c} is not a secret of the plan`);
    for (const [column] of Object.entries(t.secretColumns)) {
      const info = t.columns.find((c) => c.name === column);
      assert.ok(info, `${t.name}.${column} does not exist`);
      if (info.notNull && !t.passphraseOnly)
        assert.ok(t.absent, `${t.name}.${column} is required: give it an absent rule`);
    }
  }
  for (const name of ['webhook_endpoints', 'api_keys', 'plugin_installs', 'payment_gateways'])
    assert.ok(Object.keys(planned.get(name)!.secretColumns).length > 0, name);
});

test('every secret an export may leave out reads as words in both languages (record kind and field)', () => {
  const needed = plan
    .filter((t) => t.jsonSecrets?.length || Object.values(t.secretColumns).includes('encrypted'))
    .map((t) => ({
      table: t.name,
      fields: [
        ...Object.entries(t.secretColumns)
          .filter(([, kind]) => kind === 'encrypted')
          .map(([c]) => c),
        ...(t.jsonSecrets ?? []),
      ],
    }));
  needed.push({ table: 'users', fields: ['totp_secret_enc'] });
  for (const [lang, messages] of [
    ['id', id],
    ['en', en],
  ] as const) {
    const words = messages.orgTransfer as unknown as {
      leftOutKinds: Record<string, string>;
      leftOutFields: Record<string, string>;
    };
    for (const { table, fields } of needed) {
      assert.ok(words.leftOutKinds?.[table], `${lang}: orgTransfer.leftOutKinds.${table}`);
      for (const f of fields) assert.ok(words.leftOutFields?.[f], `${lang}: orgTransfer.leftOutFields.${f}`);
    }
  }
});

test('sealed with a passphrase: the same passphrase opens it, another is refused', async () => {
  const kdf = newKdf();
  const key = await deriveKey('kuda-lumping-terbang', kdf);
  const sealed = sealWith(key, 'router-rahasia');
  assert.match(sealed, /^p1\./);
  assert.equal(openWith(await deriveKey('kuda-lumping-terbang', kdf), sealed), 'router-rahasia');
  const other = await deriveKey('kuda-lumping-terbang!', kdf);
  assert.throws(() => openWith(other, sealed));
  assert.equal(passphraseMatches(key, passphraseCheck(key)), true);
  assert.equal(passphraseMatches(await deriveKey('lain', kdf), passphraseCheck(key)), false);
});

test('scrypt settings an upload may ask for are bounded: ours pass, costlier ones are refused unrun', async () => {
  const ours = newKdf();
  assert.equal(kdfWithinLimits(ours), true);
  for (const huge of [
    { N: 2 ** 30 },
    { N: 2 ** 15 + 1 }, // not a power of two
    { r: 1_000 },
    { p: 1_000_000 },
    { N: 2 ** 17, r: 16 }, // each within its own bound, 256 MB together
  ]) {
    const kdf = { ...ours, ...huge };
    assert.equal(kdfWithinLimits(kdf), false, JSON.stringify(huge));
    const started = Date.now();
    await assert.rejects(deriveKey('kuda-lumping-terbang', kdf), RangeError);
    assert.ok(Date.now() - started < 50, 'refused before any derivation');
  }
});

test("scrypt settings Node itself refuses are refused as the file's fault; cheap odd ones derive a key", async () => {
  const ours = newKdf();
  // N must be below 2^(16·r): with r = 1, 2^16 and 2^17 are invalid however little they cost.
  for (const odd of [
    { N: 2 ** 16, r: 1, p: 1 },
    { N: 2 ** 17, r: 1, p: 1 },
  ]) {
    const kdf = { ...ours, ...odd };
    assert.equal(kdfWithinLimits(kdf), false, JSON.stringify(odd));
    await assert.rejects(
      keyFor({ secrets: 'passphrase', kdf, check: 'p1.AAAA.AAAA.AAAA' } as Manifest, 'kuda-lumping-terbang'),
      (e) => e instanceof AppError && e.code === 'import_kdf_limits',
    );
  }
  // Small N with p = 4: within every limit, and scrypt's memory for B (128·r·p) is allowed for.
  for (const cheap of [
    { N: 2, r: 1, p: 4 },
    { N: 4, r: 1, p: 4 },
    { N: 2 ** 16, r: 2, p: 4 },
  ]) {
    const kdf = { ...ours, ...cheap };
    assert.equal(kdfWithinLimits(kdf), true, JSON.stringify(cheap));
    assert.equal((await deriveKey('kuda-lumping-terbang', kdf)).length, 32);
  }
});

test('rows that point at their own table are written parents first', () => {
  const rows = [
    { id: 'c', parent_id: 'b' },
    { id: 'b', parent_id: 'a' },
    { id: 'a', parent_id: null },
    { id: 'd', parent_id: 'zz' },
  ];
  assert.deepEqual(
    parentsFirst(rows, [{ column: 'parent_id', parent: 'id' }]).map((r) => r.id),
    ['a', 'b', 'c', 'd'],
  );
});
