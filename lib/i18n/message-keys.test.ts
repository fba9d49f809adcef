import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import en from '@/messages/en.json';
import id from '@/messages/id.json';

/**
 * Every message key the code names must exist in both languages: a missing one reaches the
 * screen as its raw key (next-intl and lib/i18n/translate both fall back to the key).
 */
const ROOT = process.cwd();
const DIRS = ['app', 'components', 'lib', 'workers'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

type Use = { file: string; key: string; prefix: boolean };

/** The keys a file names: t('…') through its (namespaced) translator, translate(locale, '…'), validation and error codes. */
export function keysUsed(file: string, text: string): Use[] {
  const uses: Use[] = [];
  const rel = path.relative(ROOT, file);
  // const t = useTranslations('ns') / await getTranslations() / getTranslations({ namespace: 'ns' }).
  // A file may declare `t` once per component with different namespaces: each call belongs
  // to the nearest declaration of its name above it.
  const declarations: { name: string; ns: string; at: number }[] = [];
  for (const m of text.matchAll(
    /(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:'([\w.]+)'|\{[^}]*namespace:\s*'([\w.]+)'[^}]*\})?\s*\)/g,
  )) {
    declarations.push({ name: m[1]!, ns: m[2] ?? m[3] ?? '', at: m.index! });
  }
  for (const name of new Set(declarations.map((d) => d.name))) {
    const call = new RegExp(
      `(?<![\\w.])${name}(?:\\.rich|\\.markup)?\\(\\s*(?:'([^'\\n]+)'|\`([^\`$\\n]*)(\\$\\{)?)`,
      'g',
    );
    for (const m of text.matchAll(call)) {
      const literal = m[1] ?? m[2];
      if (literal === undefined) continue;
      const decl = declarations.filter((d) => d.name === name && d.at < m.index!).at(-1);
      if (!decl) continue;
      const dynamic = Boolean(m[3]);
      // A template such as `jobs.types.${type}`: its fixed part must at least be a group.
      const key = dynamic ? literal.replace(/\.$/, '') : literal;
      if (!key) continue;
      uses.push({ file: rel, key: decl.ns ? `${decl.ns}.${key}` : key, prefix: dynamic });
    }
  }
  for (const m of text.matchAll(/translate\(\s*[\w.!]+\s*,\s*'([^']+)'/g))
    uses.push({ file: rel, key: m[1]!, prefix: false });
  for (const m of text.matchAll(/'(validation\.[A-Za-z_]+)'/g)) uses.push({ file: rel, key: m[1]!, prefix: false });
  for (const m of text.matchAll(/new AppError\(\s*'([a-z_]+)'/g))
    uses.push({ file: rel, key: `errors.${m[1]}`, prefix: false });
  return uses;
}

test('every message key used in the code exists in Indonesian and in English', () => {
  const uses = DIRS.flatMap((d) => sources(path.join(ROOT, d))).flatMap((f) => keysUsed(f, readFileSync(f, 'utf8')));
  assert.ok(uses.length > 1500, `only ${uses.length} uses found: the scan is broken`);
  const missing: string[] = [];
  for (const u of uses) {
    for (const [lang, tree] of [
      ['id', id],
      ['en', en],
    ] as const) {
      const node = lookup(tree, u.key);
      const ok = u.prefix ? node !== undefined && typeof node === 'object' : typeof node === 'string';
      if (!ok) missing.push(`${lang}: ${u.key}${u.prefix ? '.*' : ''} (${u.file})`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('the scan sees namespaced translators, templates and translate()', () => {
  const text = `const t = useTranslations('roles');\nconst tc = await getTranslations();\nt('title'); tc('nav.jobs'); t(\`names.\${r}\`); translate(locale, 'errors.forbidden'); z.string().min(1, 'validation.required'); throw new AppError('not_found');`;
  assert.deepEqual(
    keysUsed(path.join(ROOT, 'x.tsx'), text).map((u) => `${u.key}${u.prefix ? '.*' : ''}`),
    ['roles.title', 'roles.names.*', 'nav.jobs', 'errors.forbidden', 'validation.required', 'errors.not_found'],
  );
});

test('keys built from code lists exist for every member: permissions, roles, statuses, job types', async () => {
  const { PERMISSION_NAMES, ROLES } = await import('@/lib/auth/permissions');
  const { SUBSCRIPTION_STATUSES, HISTORY_REASONS } = await import('@/lib/customers/constants');
  const { ROUTER_ERROR_KINDS } = await import('@/lib/network/constants');
  const { ACS_ERROR_KINDS } = await import('@/lib/fibre/acs/errors');
  const keys = [
    // app/(dashboard)/settings/roles/page.tsx: t(`permissions.${p.replace('.', '_')}`)
    ...PERMISSION_NAMES.map((p) => `roles.permissions.${p.replace('.', '_')}`),
    ...ROLES.map((r) => `roles.names.${r}`),
    ...SUBSCRIPTION_STATUSES.map((s) => `statuses.${s}`),
    ...HISTORY_REASONS.map((r) => `historyReasons.${r}`),
    ...ROUTER_ERROR_KINDS.map((k) => `routers.errors.${k}`),
    ...ACS_ERROR_KINDS.map((k) => `acs.errors.${k}`),
  ];
  const missing = keys.flatMap((k) =>
    (['id', 'en'] as const).filter((l) => typeof lookup(l === 'id' ? id : en, k) !== 'string').map((l) => `${l}: ${k}`),
  );
  assert.deepEqual(missing, []);
});
