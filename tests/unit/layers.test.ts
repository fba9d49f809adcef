import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * The layers' import rules (docs/architecture.md): the schema sits below lib, lib/core below
 * the domains, and the network (routers, RADIUS) and infrastructure (ODPs, cables, map)
 * modules below customers, which uses both. A cycle here is how a refactor starts to hurt.
 */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Every module a file imports, as a repo path (`lib/customers/constants`). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.flatMap((s) =>
    s.startsWith('@/') ? [s.slice(2)] : s.startsWith('.') ? [path.normalize(path.join(path.dirname(file), s))] : [],
  );
}

function offenders(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap((file) =>
    importsOf(file)
      .filter((m) => forbidden.test(m))
      .map((m) => `${file} imports ${m}`),
  );
}

test('db/ imports nothing from lib/', () => {
  assert.deepEqual(offenders('db', /^lib\//), []);
});

test('lib/core imports no domain module', () => {
  assert.deepEqual(offenders('lib/core', /^lib\/(?!core\/|server\/)/), []);
});

test('lib/ imports nothing from app/ or workers/ (they call lib, never the other way)', () => {
  assert.deepEqual(offenders('lib', /^(app|workers)\//), []);
});

test('lib/network and lib/infrastructure import nothing from lib/customers or lib/vouchers', () => {
  assert.deepEqual(
    [
      ...offenders('lib/network', /^lib\/(customers|vouchers)\//),
      ...offenders('lib/infrastructure', /^lib\/(customers|vouchers)\//),
    ],
    [],
  );
});

test('lib/infrastructure (outside plant) does not reach into router enforcement, nor routers into it', () => {
  // The map reads RADIUS accounting to tell who is offline; that read is the one allowed edge.
  const infraToNetwork = offenders('lib/infrastructure', /^lib\/network\//).filter(
    (l) => !l.endsWith('lib/network/radius/accounting'),
  );
  assert.deepEqual([...infraToNetwork, ...offenders('lib/network', /^lib\/infrastructure\//)], []);
});

/**
 * Pages, layouts and their components read through operations (`read(op, input)`, see
 * lib/server/read.ts), so a page checks the same permission, schema and tenant filter as the
 * server actions and route handlers: nothing under app/ writes a query or hands `db` around.
 */
test('app/ never queries the database itself', () => {
  const problems = sources('app').flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const found: [boolean, string][] = [
      [/from\s+['"]drizzle-orm/.test(source), 'imports drizzle-orm'],
      [/\bctx\.db\b/.test(source), 'uses ctx.db'],
      [/\bdb=\{/.test(source), 'passes a db prop'],
      [/\bdb\s*:\s*Db\b/.test(source), 'takes a db prop'],
    ];
    return found.filter(([hit]) => hit).map(([, what]) => `${file} ${what}`);
  });
  assert.deepEqual(problems, []);
});

// Pages a visitor opens without a member (a token in the link, sign-in, first setup) have no
// operation to run; they read through lib themselves.
const PUBLIC_PAGES = [
  'app/(auth)/login/page.tsx',
  'app/(auth)/reset/[token]/page.tsx',
  'app/i/[token]/page.tsx',
  'app/invite/[token]/page.tsx',
  'app/r/[token]/page.tsx',
  'app/setup/page.tsx',
];

test('only the public pages open a database handle (route handlers and actions run operations, tested in tenant-isolation)', () => {
  const components = sources('app').filter(
    (f) =>
      !f.endsWith('route.ts') && !/^app\/_actions\//.test(f) && !/^['"]use server['"]/m.test(readFileSync(f, 'utf8')),
  );
  const opening = components.filter((f) => /['"]@\/db\/client['"]/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(opening.sort(), [...PUBLIC_PAGES].sort());
});

/** A file's value imports (not `import type`), as repo paths with extension, and `node:` modules. */
function valueImportsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(
    /^(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)';|^import\s+'([^']+)';/gms,
  )) {
    if (m[1]) continue;
    const names = (m[2] ?? '').trim();
    if (
      names.startsWith('{') &&
      names
        .slice(1, -1)
        .split(',')
        .every((n) => !n.trim() || n.trim().startsWith('type '))
    )
      continue;
    const spec = (m[3] ?? m[4])!;
    if (spec.startsWith('node:')) out.push(spec);
    const base = spec.startsWith('@/')
      ? spec.slice(2)
      : spec.startsWith('.')
        ? path.join(path.dirname(file), spec)
        : null;
    if (!base) continue;
    const found = ['.ts', '.tsx', '/index.ts', '/index.tsx']
      .map((e) => path.normalize(base + e))
      .find((f) => {
        try {
          return statSync(f).isFile();
        } catch {
          return false;
        }
      });
    if (found) out.push(found);
  }
  return out;
}

const directive = (file: string, what: 'client' | 'server') =>
  new RegExp(`^\\s*['"]use ${what}['"]`).test(readFileSync(file, 'utf8'));

test('client components never reach a Node built-in (the browser bundle cannot hold one)', () => {
  const found: string[] = [];
  for (const file of [...sources('app'), ...sources('components')].filter((f) => directive(f, 'client'))) {
    // Server actions ('use server') are references in the browser, not code: the walk stops there.
    const from = new Map<string, string | null>([[file, null]]);
    const stack = [file];
    while (stack.length) {
      const at = stack.pop()!;
      if (at.startsWith('node:') || (at !== file && directive(at, 'server'))) continue;
      for (const next of valueImportsOf(at)) {
        if (from.has(next)) continue;
        from.set(next, at);
        stack.push(next);
      }
    }
    const builtin = [...from.keys()].find((m) => m.startsWith('node:'));
    if (!builtin) continue;
    const chain = [builtin];
    for (let at = from.get(builtin); at; at = from.get(at) ?? null) chain.push(at);
    found.push(chain.join(' <- '));
  }
  assert.deepEqual(found, []);
});
