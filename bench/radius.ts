/**
 * npm run bench:radius — Access-Requests per second through a real FreeRADIUS (Debian's
 * package, stock config + the sql module on the bench database) for an ISP of 100,000
 * customers and, in the same run, for one of 10: the app's data must not slow authentication
 * as the ISP grows (goal: ratio >= 0.9). Also accounting Interim-Updates per second.
 * Both organizations are provisioned through the app (provisionRouterRadius), timed.
 * radclient sends BENCH_PACKETS distinct packets (random customers) BENCH_PARALLEL at a time;
 * the rounds alternate big / small and each side's median counts (2 cores: radclient itself
 * takes one).
 * Last line: {"bench":"radius","customers":100000,"auth_per_s":…,"auth_per_s_small":…,"ratio":…,"acct_interim_per_s":…}
 */

import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Database } from '@/db/client';
import { organizations, plans, routers } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { type FreeRadius, type RadiusAttributes, radclient, startFreeRadius } from '../tests/support/freeradius';
import { benchDatabase, round2 } from './db';

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const SMALL = 10;
const PACKETS = Number(process.env.BENCH_PACKETS ?? 5000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** An ISP on one RADIUS-mode router: n customers, 5 plans; every 20th isolated, every 100th suspended. */
async function seedIsp(db: Database, n: number, label: string, nasAddress: string) {
  const [org] = await db
    .insert(organizations)
    .values({ name: `Bench RADIUS ${label}`, slug: `bench-${label}-${Date.now()}` })
    .returning();
  const planRows = await db
    .insert(plans)
    .values(
      [5, 10, 20, 30, 50].map((mbps) => ({
        organizationId: org!.id,
        name: `Paket ${mbps} Mbps`,
        downloadKbps: mbps * 1024,
        uploadKbps: (mbps * 1024) / 2,
        priceRupiah: mbps * 7_500,
      })),
    )
    .returning();
  const [router] = await db
    .insert(routers)
    .values({
      organizationId: org!.id,
      name: `RB-${label}`,
      host: nasAddress,
      port: 8728,
      username: 'admin',
      passwordEnc: encryptSecret('secret'),
      mode: 'radius',
      radiusSecretEnc: encryptSecret(`nas-${label}`),
      nasAddress,
    })
    .returning();
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, status, plan_id)
    select ${org!.id}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g,
      case when g % 20 = 0 then 'isolated' when g % 100 = 1 then 'suspended' else 'active' end,
      (${JSON.stringify(planRows.map((p) => p.id))}::jsonb ->> (g % 5))::uuid
    from generate_series(1, ${n}) g`);
  // Each subscription has its own password, encrypted like any other.
  const passwords = Array.from({ length: n }, (_, i) => encryptSecret(`pw-${i + 1}`));
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at, router_id)
    select ${org!.id}, c.id, c.plan_id, 'postpaid', 'u' || c.number, (${JSON.stringify(passwords)}::jsonb ->> (c.number - 1)), c.status, '2026-03-01 03:00+00', ${router!.id}
    from customers c where c.organization_id = ${org!.id}`);
  return { org: org!, router: router!, n };
}

type Isp = Awaited<ReturnType<typeof seedIsp>>;

/** A customer who should be accepted (active or isolated), as radclient's packet. */
function randomLogin(isp: Isp): RadiusAttributes {
  let i: number;
  do i = randomInt(1, isp.n + 1);
  while (i % 100 === 1);
  return {
    'User-Name': `u${i}@${isp.org.slug}`,
    'User-Password': `pw-${i}`,
    'NAS-IP-Address': isp.router.nasAddress!,
    'NAS-Port-Type': 'Ethernet',
    'Service-Type': 'Framed-User',
  };
}

async function authRound(fr: FreeRadius, isp: Isp) {
  const attributes = Array.from({ length: PACKETS }, () => randomLogin(isp));
  const r = await radclient({
    port: fr.authPort,
    secret: fr.secret,
    kind: 'auth',
    attributes,
    parallel: PARALLEL,
    summaryOnly: true,
    timeout: 5,
  });
  if (r.summary?.accepted !== PACKETS)
    throw new Error(
      `expected ${PACKETS} Access-Accepts, got ${JSON.stringify(r.summary)}\n${r.raw}\n${fr.log().slice(-3000)}`,
    );
  return PACKETS / r.seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function acctInterimRate(fr: FreeRadius, isp: Isp) {
  const sessions = Array.from({ length: 1000 }, (_, k) => {
    const login = randomLogin(isp);
    return {
      'Acct-Session-Id': `b${k.toString(16).padStart(7, '0')}`,
      'User-Name': login['User-Name']!,
      'NAS-IP-Address': isp.router.nasAddress!,
      'Framed-IP-Address': `10.${64 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}`,
      'NAS-Port-Type': 'Ethernet',
    };
  });
  const acct = (attributes: RadiusAttributes[]) =>
    radclient({
      port: fr.acctPort,
      secret: fr.secret,
      kind: 'acct',
      attributes,
      parallel: PARALLEL,
      summaryOnly: true,
      timeout: 5,
    });
  const started = await acct(sessions.map((s) => ({ 'Acct-Status-Type': 'Start', ...s })));
  if (started.summary?.accepted !== sessions.length)
    throw new Error(`Accounting Start: ${JSON.stringify(started.summary)}`);
  const interims = Array.from({ length: PACKETS }, (_, k) => ({
    'Acct-Status-Type': 'Interim-Update',
    ...sessions[k % sessions.length]!,
    'Acct-Session-Time': 300 * (1 + Math.floor(k / sessions.length)),
    'Acct-Input-Octets': 1_000_000 + k * 1000,
    'Acct-Output-Octets': 20_000_000 + k * 5000,
  }));
  const r = await acct(interims);
  if (r.summary?.accepted !== PACKETS) throw new Error(`Interim-Update: ${JSON.stringify(r.summary)}\n${r.raw}`);
  return PACKETS / r.seconds;
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) {
    // A server's bench database outlives the run: start from an empty one each time.
    const admin = postgres(process.env.BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe('drop database if exists jaring_bench_radius with (force)');
    await admin.end();
  }
  const { url, stop } = await benchDatabase('jaring_bench_radius');
  const { db, client } = createDb(url, { max: 8 });
  let fr: FreeRadius | undefined;
  try {
    let t = performance.now();
    const big = await seedIsp(db, N, 'big', '10.20.0.1');
    const small = await seedIsp(db, SMALL, 'small', '10.30.0.1');
    console.log(
      `seeded ${N.toLocaleString('en')} + ${SMALL} customers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    t = performance.now();
    const provisioned = await provisionRouterRadius(db, { orgId: big.org.id, routerId: big.router.id });
    const provisionSeconds = (performance.now() - t) / 1000;
    await provisionRouterRadius(db, { orgId: small.org.id, routerId: small.router.id });
    const [counts] = await db.execute<{ radcheck: number; radusergroup: number }>(sql`
      select (select count(*)::int from radcheck) as radcheck, (select count(*)::int from radusergroup) as radusergroup`);
    console.log(
      `provisionRouterRadius (app function) for ${provisioned.subscriptions.toLocaleString('en')} subscriptions: ${provisionSeconds.toFixed(1)} s -> ${counts!.radcheck.toLocaleString('en')} radcheck, ${counts!.radusergroup.toLocaleString('en')} radusergroup rows`,
    );
    await db.execute(sql`vacuum analyze`);

    t = performance.now();
    fr = await startFreeRadius({ databaseUrl: url });
    console.log(
      `FreeRADIUS ready in ${((performance.now() - t) / 1000).toFixed(2)} s (auth ${fr.authPort}, acct ${fr.acctPort})`,
    );
    await authRound(fr, small); // warm-up: connection pool, page cache
    await authRound(fr, big);

    const bigRates: number[] = [];
    const smallRates: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      bigRates.push(await authRound(fr, big));
      smallRates.push(await authRound(fr, small));
      console.log(
        `round ${round}: ${Math.round(bigRates.at(-1)!)} auth/s (${N.toLocaleString('en')} customers), ${Math.round(smallRates.at(-1)!)} auth/s (${SMALL} customers)`,
      );
    }
    const authPerS = median(bigRates);
    const authPerSSmall = median(smallRates);
    const ratio = authPerS / authPerSSmall;
    const acctPerS = await acctInterimRate(fr, big);
    console.log(
      `Access-Request -> Access-Accept, ${PACKETS} packets x ${ROUNDS} rounds, ${PARALLEL} in flight (median):`,
    );
    console.log(
      `  ${N.toLocaleString('en')} customers: ${Math.round(authPerS)}/s; ${SMALL} customers: ${Math.round(authPerSSmall)}/s; ratio ${ratio.toFixed(2)} (goal >= 0.9: ${ratio >= 0.9 ? 'met' : 'NOT met'})`,
    );
    console.log(`Accounting Interim-Update -> radacct: ${Math.round(acctPerS)}/s`);
    console.log(
      JSON.stringify({
        bench: 'radius',
        customers: N,
        auth_per_s: round2(authPerS),
        auth_per_s_small: round2(authPerSSmall),
        ratio: round2(ratio),
        acct_interim_per_s: round2(acctPerS),
      }),
    );
  } finally {
    await fr?.stop();
    await client.end();
    await stop();
  }
}

void main();
