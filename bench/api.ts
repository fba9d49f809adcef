/**
 * npm run bench:api — the REST API under load, over real HTTP: an organization of 100,000
 * customers (each with a subscription and this month's invoice, seeded set-based), an API
 * key, the built app (`next start`, built first if the sources changed), then autocannon with
 * 100 connections on a mix of the calls an integration makes: the customer list
 * (`GET /api/v1/customers?limit=25`), a customer by id (random ids), the invoice list. Two
 * runs of 30 s: the 100 clients sending 6,000 requests a minute together (the goal's load:
 * `p95_ms`), then flat out (`requests_per_min`, the most served; `p95_ms_flat_out`).
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder.
 * `BENCH_CPU_PROF=<folder>` profiles the app. Last line:
 * {"bench":"api","clients":100,"requests_per_min":…,"p95_ms":…,"p95_ms_flat_out":…}
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import { memberships, organizations, plans, users } from '@/db/schema';
import { insertApiKey } from '@/lib/api/keys';
import { scopePreset } from '@/lib/api/keys-scopes';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const TZ = 'Asia/Jakarta';

async function seed(db: Database) {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench API Net', slug: `bench-api-${Date.now()}` })
    .returning();
  const orgId = org!.id;
  const [user] = await db
    .insert(users)
    .values({ name: 'Admin API', email: `api-${Date.now()}@bench.test`, passwordHash: 'x' })
    .returning();
  await db.insert(memberships).values({ organizationId: orgId, userId: user!.id, role: 'admin' });
  const planRows = await db
    .insert(plans)
    .values(
      [10, 20, 30, 50].map((m, i) => ({
        organizationId: orgId,
        name: `Paket ${m} Mbps`,
        downloadKbps: m * 1024,
        uploadKbps: m * 1024,
        priceRupiah: 100_000 + i * 50_000,
      })),
    )
    .returning();
  const planIds = `{${planRows.map((p) => p.id).join(',')}}`;
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, area, status, plan_id, search_text, created_at)
    select ${orgId}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g,
      'RW ' || lpad((g % 40 + 1)::text, 2, '0'),
      case when g % 25 = 0 then 'isolated' when g % 33 = 0 then 'terminated' else 'active' end,
      (${planIds}::uuid[])[g % 4 + 1], 'pelanggan ' || g || ' 62812' || lpad(g::text, 7, '0'),
      now() - (${N} - g) * interval '1 minute'
    from generate_series(1, ${N}) g`);
  await db.execute(sql`insert into customer_counters (organization_id, last_number) values (${orgId}, ${N})`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at)
    select ${orgId}, c.id, c.plan_id, 'postpaid', 'u' || c.number, 'x', c.status, c.created_at
    from customers c where c.organization_id = ${orgId}`);
  // This month's invoice for every subscription; two in five already paid.
  await db.execute(sql`
    with m as (select date_trunc('month', now() at time zone ${TZ})::date as period)
    insert into invoices (organization_id, number, customer_id, subscription_id, period, issue_date, due_date, billing_type,
      subtotal, tax, total, paid_amount, status, paid_at, created_at)
    select ${orgId}, 'INV/' || to_char(m.period, 'YYYYMM') || '/' || c.number, c.id, s.id, m.period, m.period, m.period + 19,
      'postpaid', p.price_rupiah, 0, p.price_rupiah,
      case when c.number % 5 < 2 then p.price_rupiah else 0 end,
      case when c.number % 5 < 2 then 'paid' else 'unpaid' end,
      case when c.number % 5 < 2 then now() - (c.number % 10) * interval '1 hour' end,
      now() - (${N} - c.number) * interval '1 second'
    from subscriptions s join customers c on c.id = s.customer_id join plans p on p.id = s.plan_id cross join m
    where s.organization_id = ${orgId}`);
  await db.execute(sql`vacuum analyze customers, subscriptions, invoices`);
  // Every read the admin holds, and a limit the bench cannot reach.
  const { token } = await insertApiKey(db, {
    orgId,
    name: 'Bench',
    scopes: scopePreset('admin', 'read'),
    createdBy: user!.id,
    makerRole: 'admin',
    rateLimitPerMinute: 1_000_000,
  });
  const ids = await db.execute<{ id: string }>(sql`select id from customers where organization_id = ${orgId}`);
  return { token, customerIds: ids.map((r) => r.id) };
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = (s.address() as net.AddressInfo) ?? { port: 0 };
      s.close(() => resolve(port));
    });
  });
}

/** The built app as `npm start` runs it (socket addresses stamped), on a free port. */
async function startApp(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  buildIfNeeded();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<folder>: the app writes a V8 CPU profile there when it stops (open it in
      // Chrome's DevTools) — where the time per request goes.
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      require.resolve('next/dist/bin/next'),
      'start',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        APP_URL: url,
        NEXTAUTH_URL: url,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(path.join(process.cwd(), 'scripts', 'socket-address.cjs'))}`.trim(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/login`);
      if (r.status < 500) break;
    } catch {}
    if (Date.now() > until || child.exitCode !== null) {
      console.log(log);
      throw new Error('the app did not start');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, child };
}

const GOAL_PER_MIN = 6_000;

type Load = { perMin: number; p50: number; p95: number; p99: number; max: number; summary: string };

/**
 * Requests that arrive on their own clock, `perSecond` on average at random moments (a Poisson
 * stream, as many independent clients make), over at most CLIENTS kept-alive connections.
 * Latency counts from the moment a request was due, so a request that waited for a free
 * connection counts its wait too. (autocannon's fixed rate sends each second's requests
 * together at the second's start: a burst of 100 every second, which no set of clients makes.)
 */
async function openLoad(url: string, headers: Record<string, string>, path: () => string, perSecond: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const get = (p: string) =>
    new Promise<number>((resolve) => {
      const req = http.get(`${url}${p}`, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
    });
  const started = performance.now();
  const end = started + SECONDS * 1000;
  const inFlight: Promise<void>[] = [];
  for (let due = started; ; ) {
    due += -Math.log(1 - Math.random()) * (1000 / perSecond);
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const at = due;
    inFlight.push(
      get(path()).then((status) => {
        latencies.push(performance.now() - at);
        if (status === 0) errors++;
        else statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  const answers = [...statuses].map(([s, c]) => `${s}: ${c}`).join(', ');
  return {
    perMin: Math.round((ok / seconds) * 60),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    p99: round(pct(latencies, 99)),
    max: round(Math.max(...latencies)),
    summary: `up to ${CLIENTS} connections, ${seconds.toFixed(2)} s: ${latencies.length.toLocaleString('en')} answers (${answers}), ${errors} errors`,
  };
}

/** CLIENTS connections for SECONDS on the mix, each sending its next request once answered. */
async function load(url: string, headers: Record<string, string>, path: () => string): Promise<Load> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url,
    connections: CLIENTS,
    duration: SECONDS,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  return {
    perMin: Math.round((ok / result.duration) * 60),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    p99: round(pct(latencies, 99)),
    max: round(Math.max(...latencies)),
    summary: `${CLIENTS} clients, ${result.duration} s: ${latencies.length.toLocaleString('en')} answers (${[
      ...statuses,
    ]
      .map(([s, c]) => `${s}: ${c}`)
      .join(', ')}), ${result.errors} errors, ${result.timeouts} timeouts`,
  };
}

function report(label: string, l: Load) {
  console.log(`${label}: ${l.summary}`);
  console.log(
    `  ${l.perMin.toLocaleString('en')} requests/min; latency median ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`,
  );
}

async function main() {
  const { url: databaseUrl, stop } = await benchDatabase('jaring_bench_api');
  const { db, client } = createDb(databaseUrl, { max: 4 });
  let app: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    const { token, customerIds } = await seed(db);
    console.log(
      `seeded ${N.toLocaleString('en')} customers, subscriptions and invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const started = await startApp(databaseUrl);
    app = started.child;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const randomCustomer = () => customerIds[Math.floor(Math.random() * customerIds.length)]!;
    const MIX = [
      () => '/api/v1/customers?limit=25',
      () => `/api/v1/customers/${randomCustomer()}`,
      () => '/api/v1/invoices?limit=25',
    ];
    // Each path once, warm and checked: a list answers {data, next_cursor}.
    for (const make of [...MIX, ...MIX]) {
      const r = await fetch(`${started.url}${make()}`, { headers });
      const body = (await r.json().catch(() => null)) as { data?: unknown; next_cursor?: unknown } | null;
      const shape = body && 'data' in body ? `data${'next_cursor' in body ? ' + next_cursor' : ''}` : 'unexpected body';
      if (r.status !== 200) console.log(`warning: ${make().split('?')[0]} answered ${r.status} (${shape})`);
    }
    const mix = () => MIX[Math.floor(Math.random() * MIX.length)]!();
    // The goal's load: 6,000 requests a minute from 100 clients (each about one a second, at
    // moments of its own), as integrations send them; then 100 clients flat out, each sending its
    // next request as soon as the last is answered, for the most the app serves. Flat out, 100
    // clients always wait on something, so latency there is 100 / throughput (Little's law).
    const atGoal = await openLoad(started.url, headers, mix, GOAL_PER_MIN / 60);
    report(`at ${GOAL_PER_MIN.toLocaleString('en')} requests/min offered`, atGoal);
    const flatOut = await load(started.url, headers, mix);
    report('flat out', flatOut);
    const met = atGoal.perMin >= GOAL_PER_MIN * 0.98 && atGoal.p95 < 200 && flatOut.perMin >= GOAL_PER_MIN;
    console.log(
      `goal: ≥ ${GOAL_PER_MIN.toLocaleString('en')} requests/min (2xx) with p95 < 200 ms at that load -> ${met ? 'met' : 'NOT met'}`,
    );
    console.log(
      JSON.stringify({
        bench: 'api',
        clients: CLIENTS,
        requests_per_min: flatOut.perMin,
        p95_ms: atGoal.p95,
        p95_ms_flat_out: flatOut.p95,
      }),
    );
  } finally {
    if (app?.pid && app.exitCode === null) {
      try {
        process.kill(-app.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => setTimeout(r, 1000));
    }
    await client.end();
    await stop();
  }
}

void main();
