import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { APIRequestContext, Page } from 'playwright-core';
import { invoices, organizations } from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { testDb } from '../helpers';
import { BAD_STRINGS } from '../support/malformed';
import { APP_URL, newPage, settled, signIn } from './browser';

/**
 * Safe to put on the internet: every response carries the security headers, pages run under a
 * nonce-based CSP without breaking, and no route handler or server action answers a
 * malformed request with a 500. The route and action lists are discovered from the source and
 * the build, so a new one is covered without touching this file.
 */

async function signedIn(email: string): Promise<Page> {
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await signIn(page, email);
  await page.getByTestId('org-name').waitFor();
  return page;
}

/** Counts the browser's CSP reports (console errors) on a page. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text()))
      seen.push(`${page.url()}: ${m.text().slice(0, 200)}`);
  });
  return seen;
}

describe('security headers', () => {
  test('pages get a nonce CSP (frame-ancestors self), nosniff and a referrer policy; no HSTS on http', async () => {
    const res = await fetch(`${APP_URL}/login`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(res.headers.get('strict-transport-security'), null, 'APP_URL is http here');
    // Next.js puts the request's nonce on every script it renders.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    // A fresh nonce per request.
    const again = (await fetch(`${APP_URL}/login`)).headers.get('content-security-policy');
    assert.notEqual(/'nonce-([^']+)'/.exec(again ?? '')?.[1], nonce);

    for (const url of ['/api/jobs', '/i/x/status']) {
      const r = await fetch(`${APP_URL}${url}`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
      assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, url);
    }
  });

  test('sign-in, the dashboard, the map, customers, vouchers and the public invoice page work under the policy', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    const violations = cspViolations(page);
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    for (const url of ['/', '/map', '/customers', '/vouchers', '/settings/organization']) {
      const res = await page.goto(url);
      assert.ok(res && res.status() < 400, `${url}: ${res?.status()}`);
      await settled(page);
    }
    // The map is drawn by Leaflet (scripts and inline styles both allowed).
    await page.goto('/map');
    await page.locator('.leaflet-container').waitFor();
    // The public invoice page (no login) and its client script (the payment choices).
    const [invoice] = await testDb()
      .select({ id: invoices.id })
      .from(invoices)
      .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
      .where(eq(organizations.slug, 'demo'))
      .limit(1);
    const visitor = await newPage({ viewport: { width: 390, height: 844 } });
    const visitorViolations = cspViolations(visitor);
    const res = await visitor.goto(`/i/${invoiceLinkToken(invoice!.id)}`);
    assert.equal(res?.status(), 200);
    await visitor.getByTestId('public-invoice-number').waitFor();
    await settled(visitor);
    assert.deepEqual([...violations, ...visitorViolations], []);
  });
});

// ---- Every route handler, with malformed ids, queries and bodies --------------------------

function routeFiles(dir = 'app', out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) routeFiles(full, out);
    else if (entry === 'route.ts') out.push(full);
  }
  return out;
}

/** `app/(group)/api/jobs/[id]/route.ts` → `/api/jobs/{value}` with every segment set. */
function urlFor(file: string, value: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (/^\[.*\]$/.test(s) ? encodeURIComponent(value) : s)).join('/')}`;
}

const methodsOf = (file: string) => {
  const source = readFileSync(file, 'utf8');
  const found = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) =>
    new RegExp(`export (async function|const) ${m}\\b|as ${m}\\b`).test(source),
  );
  return found.length ? found : ['GET'];
};

const queryKeys = (file: string) => [
  ...new Set(
    [...readFileSync(file, 'utf8').matchAll(/\.get\('([^']+)'\)/g)]
      .map((m) => m[1]!)
      .concat([
        'cursor',
        'q',
        'bbox',
        'zoom',
        'layers',
        'from',
        'to',
        'format',
        'lat',
        'lng',
        'status',
        'kind',
        'limit',
        'part',
        'perPage',
        'qr',
      ]),
  ),
];

// URLs cannot carry 100 KB (the server answers 431 before any handler runs): 4 KB instead.
const URL_VALUES = BAD_STRINGS.map((v) => (v.length > 4000 ? v.slice(0, 4000) : v)).concat([
  '..%2F..%2Fetc%2Fpasswd',
  randomUUID(),
]);
const BODIES: { type: string; body: string | Buffer }[] = [
  { type: 'application/json', body: '' },
  { type: 'application/json', body: '{' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '[1,2,3]' },
  {
    type: 'application/json',
    body: JSON.stringify({ a: '\u0000', order_id: 'x'.repeat(1000), event: ['x'], data: null }),
  },
  { type: 'application/x-www-form-urlencoded', body: 'a=%00&b=%E0%A4%A' },
  { type: 'application/octet-stream', body: Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]) },
  { type: 'text/plain', body: 'x'.repeat(100_000) },
];

/**
 * `full`: every bad value in the path, the query and the body. The super admin reaches the same
 * handlers as the organization's admin (no route is the platform's alone), so it gets a short
 * walk: a few values each, enough to catch a handler that branches on the platform flag.
 */
async function walkRoutes(request: APIRequestContext, full: boolean): Promise<string[]> {
  const problems: string[] = [];
  const urlValues = full ? URL_VALUES : [URL_VALUES[0]!, URL_VALUES.at(-2)!, URL_VALUES.at(-1)!];
  const bodies = full ? BODIES : BODIES.slice(0, 3);
  const calls: { method: string; url: string; body?: { type: string; body: string | Buffer } }[] = [];
  for (const file of routeFiles()) {
    for (const method of methodsOf(file)) {
      for (const value of urlValues) calls.push({ method, url: urlFor(file, value) });
      const base = urlFor(file, randomUUID());
      for (const value of urlValues) {
        const qs = queryKeys(file)
          .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(value)}`)
          .join('&');
        calls.push({ method, url: `${base}?${qs}` });
      }
      calls.push({ method, url: `${base}?cursor=%ZZ&from=%E0%A4%A` });
      if (method !== 'GET') for (const body of bodies) calls.push({ method, url: base, body });
    }
  }
  // Four at a time: most of a call is the server waiting on the database.
  let next = 0;
  const worker = async () => {
    for (let call = calls[next++]; call; call = calls[next++]) {
      const { method, url, body } = call;
      const res = await request.fetch(url, {
        method,
        headers: body ? { 'content-type': body.type } : {},
        data: body?.body,
        maxRedirects: 0,
        failOnStatusCode: false,
        timeout: 30_000,
      });
      if (res.status() >= 500)
        problems.push(
          `${method} ${url.slice(0, 120)}${body ? ` [${body.type} ${String(body.body).slice(0, 30)}]` : ''} -> ${res.status()}`,
        );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return problems;
}

describe('malformed requests are a 4xx, never a 500', () => {
  test('the walk finds every route handler', () => {
    const files = routeFiles();
    assert.ok(files.length >= 16, String(files.length));
    assert.ok(files.some((f) => f.includes('[token]')) && files.some((f) => f.includes('[kind]')));
  });

  for (const who of ['anonymous', 'admin@demo.jaring.id', 'superadmin@demo.jaring.id']) {
    test(`every route handler, ${who}`, async () => {
      const page = who === 'anonymous' ? await newPage() : await signedIn(who);
      const problems = await walkRoutes(page.request, who !== 'superadmin@demo.jaring.id');
      assert.deepEqual(problems.slice(0, 30), [], `${problems.length} requests answered 5xx`);
    });
  }

  test('every server action, signed in as admin', async () => {
    const manifestFile = path.join('.next', 'server', 'server-reference-manifest.json');
    assert.ok(existsSync(manifestFile), 'the app was built');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      node: Record<string, { workers: Record<string, unknown> }>;
    };
    const actions = Object.entries(manifest.node);
    assert.ok(actions.length >= 30, String(actions.length));
    const page = await signedIn('admin@demo.jaring.id');
    const problems: string[] = [];
    const reached = new Set<string>();
    for (const [id, entry] of actions) {
      // Post to a page that has the action: its worker is `app/<path>/page`.
      const worker = Object.keys(entry.workers).find((w) => w.endsWith('/page')) ?? 'app/page';
      const pagePath =
        '/' +
        worker
          .split('/')
          .slice(1, -1)
          .filter((s) => !/^\(.*\)$/.test(s))
          .map((s) => (/^\[.*\]$/.test(s) ? randomUUID() : s))
          .join('/');
      for (const args of [
        [],
        [null],
        ['x'.repeat(100_000)],
        [42],
        [['a']],
        [{ id: 'not-a-uuid', cursor: '!!!', q: '\u0000' }],
        ['$undefined'],
        [{}, {}, {}],
      ]) {
        const res = await page.request.fetch(pagePath, {
          method: 'POST',
          headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
          data: JSON.stringify(args),
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        if (res.status() >= 500)
          problems.push(`${worker} ${id.slice(0, 10)} ${JSON.stringify(args).slice(0, 60)} -> ${res.status()}`);
        // A found action answers 200 with its result (an unknown id would be a 404).
        if (res.status() === 200 && (res.headers()['content-type'] ?? '').includes('text/x-component')) reached.add(id);
      }
    }
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} action calls answered 5xx`);
    assert.ok(reached.size >= actions.length * 0.9, `only ${reached.size} of ${actions.length} actions were reached`);
  });
});
