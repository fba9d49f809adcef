import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { buildIfNeededInBackground } from './build-if-needed';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { migrateDatabase } from './migrate-lib';

/**
 * `npm test`: one run of node's test runner over unit, integration and end-to-end tests.
 * It brings its own PostgreSQL (embedded, in a temporary folder) unless TEST_DATABASE_URL
 * names a server, builds and starts the app (web + worker) for the browser tests, and
 * installs Debian's chromium (browser tests) and FreeRADIUS (RADIUS integration tests) when
 * they are missing and we are root.
 *
 * A run over every suite (`npm test`, no files named) first lints (`npm run lint`: Biome, the
 * same check `npm run format` fixes) and type-checks, and stops on an error. `npm test -- <files>`
 * and `--only <suite>` skip both: a focused run is about those tests.
 */
const SUITES = ['unit', 'integration', 'e2e'] as const;

/**
 * The longest unit/integration files, started first: two at a time, a long file that starts
 * last leaves one core idle while it finishes alone (the rest follow by size, largest first).
 */
const LONGEST_FIRST = [
  'tests/integration/malformed-input.test.ts',
  'tests/integration/vouchers.test.ts',
  'tests/integration/vouchers-ops.test.ts',
];

/** Longest first (LONGEST_FIRST, then by file size): the two lanes finish close together. */
function longestFirst(list: string[]): string[] {
  const known = (f: string) => LONGEST_FIRST.indexOf(f.split(path.sep).join('/'));
  const size = (f: string) => statSync(f).size;
  return [...list].sort((a, b) => {
    const [ka, kb] = [known(a), known(b)];
    if (ka !== -1 || kb !== -1) return (ka === -1 ? 1e9 : ka) - (kb === -1 ? 1e9 : kb);
    return size(b) - size(a);
  });
}
type Suite = (typeof SUITES)[number];

function findTests(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function filesFor(suite: Suite): string[] {
  if (suite === 'unit') return [...findTests('lib'), ...findTests('tests/unit')];
  return findTests(`tests/${suite}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function ensureChromium() {
  const bin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(bin)) return bin;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('[test] chromium is missing: installing Debian chromium (apt-get install -y chromium)…');
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit' });
    if (r.status === 0 && existsSync(bin)) return bin;
  }
  throw new Error(`Chromium not found at ${bin}. Install Debian's chromium or set CHROMIUM_PATH.`);
}

const FREERADIUS_PACKAGES = ['freeradius', 'freeradius-postgresql', 'freeradius-utils'];
const FREERADIUS_FILES = ['/usr/sbin/freeradius', '/usr/bin/radclient', '/usr/lib/freeradius/rlm_sql_postgresql.so'];

/**
 * The RADIUS integration tests start a real FreeRADIUS (their own copy of its config, on
 * their own ports). Installed from Debian when missing and we are root; otherwise those
 * tests skip and say why.
 */
function ensureFreeRadius() {
  if (FREERADIUS_FILES.every((f) => existsSync(f))) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.log(
      `[test] FreeRADIUS is missing and we are not root: the RADIUS tests will skip (apt-get install ${FREERADIUS_PACKAGES.join(' ')})`,
    );
    return;
  }
  console.log(`[test] FreeRADIUS is missing: installing Debian's ${FREERADIUS_PACKAGES.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-q', ...FREERADIUS_PACKAGES], { stdio: 'inherit', env });
  if (r.status !== 0 || !FREERADIUS_FILES.every((f) => existsSync(f)))
    throw new Error(`apt-get install ${FREERADIUS_PACKAGES.join(' ')} failed`);
  stopFreeRadiusService();
}

/**
 * Debian packages other integration tests need: OpenSSH's server (the SFTP backup store and the
 * router `/export` tests start their own sshd) and PostgreSQL 15's client (pg_dump/pg_restore
 * for the embedded database's backups). Installed when missing and we are root.
 */
function ensureDebianTools() {
  const wanted = [
    { pkg: 'openssh-server', file: '/usr/sbin/sshd' },
    { pkg: 'postgresql-client-15', file: '/usr/lib/postgresql/15/bin/pg_dump' },
  ].filter((w) => !existsSync(w.file));
  if (wanted.length === 0) return;
  const names = wanted.map((w) => w.pkg);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.log(
      `[test] missing ${names.join(', ')} and we are not root: those tests will fail (apt-get install ${names.join(' ')})`,
    );
    return;
  }
  console.log(`[test] installing Debian's ${names.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-q', ...names], { stdio: 'inherit', env });
}

/** Debian's package may start its own service on 1812/1813; the tests do not want it. */
function stopFreeRadiusService() {
  const onRadiusPort = ['/proc/net/udp', '/proc/net/udp6'].some(
    (f) => existsSync(f) && /^\s*\d+: [0-9A-F]+:0714 /m.test(readFileSync(f, 'utf8')),
  );
  if (!onRadiusPort) return;
  console.log('[test] stopping the freeradius service the package started');
  for (const [cmd, ...args] of [
    ['systemctl', 'stop', 'freeradius'],
    ['service', 'freeradius', 'stop'],
  ] as const) {
    if (spawnSync(cmd, args, { stdio: 'inherit' }).status === 0) return;
  }
  console.warn('[test] could not stop the freeradius service; the tests use their own ports anyway');
}

/**
 * The jobs earlier files queued and left (retries of dead stand-ins' devices, mostly): an alone
 * file's worker would take them first and its own jobs would wait behind their timeouts. Their
 * files have finished, so nobody waits for them; they are failed for good (never run), not deleted.
 */
async function dropLeftoverJobs(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select graphile_worker.permanently_fail_jobs(
      array(select id from graphile_worker.jobs where locked_at is null and attempts < max_attempts),
      'left by an earlier test file')`;
  } finally {
    await sql.end();
  }
}

async function waitForHttp(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs / 1000}s`);
}

async function main() {
  const onlyIdx = process.argv.indexOf('--only');
  // `npm test -- path/a.test.ts …` runs just those files (their suites decide what is started).
  const picked = process.argv
    .slice(2)
    .filter((a) => a.endsWith('.test.ts'))
    .map((f) => path.normalize(f));
  const suiteOf = (f: string): Suite =>
    f.startsWith(`tests${path.sep}integration`) ? 'integration' : f.startsWith(`tests${path.sep}e2e`) ? 'e2e' : 'unit';
  const suites: Suite[] =
    picked.length > 0
      ? SUITES.filter((s) => picked.some((f) => suiteOf(f) === s))
      : onlyIdx > 0
        ? [process.argv[onlyIdx + 1] as Suite]
        : [...SUITES];
  const files = picked.length > 0 ? picked : suites.flatMap(filesFor);
  const cleanups: (() => Promise<void> | void)[] = [];
  const children: ChildProcess[] = [];
  let code = 1;
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret',
      APP_ENCRYPTION_KEY: 'dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMzJieXQ',
      NEXT_TELEMETRY_DISABLED: '1',
      TZ: 'UTC',
      // No map tiles in tests: the browser must not reach outside this machine.
      MAP_TILE_URL: '',
      BILLING_SCHEDULE: 'false',
      NETWORK_SCHEDULE: 'false',
      PAYMENTS_SCHEDULE: 'false',
      MESSAGING_SCHEDULE: 'false',
      SUPPORT_SCHEDULE: 'false',
      BACKUP_SCHEDULE: 'false',
      WHATSAPP_ALLOW_HTTP_GATEWAY: 'true',
      // Routers in tests are loopback stand-ins (allowed only with this, self-hosted only):
      // a dead one should be noticed quickly.
      ROUTER_ALLOW_LOOPBACK: 'true',
      // Webhook receivers in tests listen on loopback.
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      ROUTER_CONNECT_TIMEOUT_MS: '2000',
      ROUTER_COMMAND_TIMEOUT_MS: '3000',
      // The sample plugin and the misbehaving ones (tests/support/plugins), as a self-hosted
      // install names its plugins; a hang is cut after 1.5 s.
      JARING_PLUGINS:
        './plugins/sheets-sample,./tests/support/plugins/throws.js,./tests/support/plugins/hangs.js,./tests/support/plugins/exits.js',
      PLUGIN_HOOK_TIMEOUT_MS: '1500',
      PLUGIN_MEMORY_MB: '64',
      FILES_DIR: mkdtempSync(path.join(os.tmpdir(), 'jaring-files-')),
      // The default backup target (lib/backups): a run in a test writes here, not into .data/.
      BACKUP_DIR: mkdtempSync(path.join(os.tmpdir(), 'jaring-backups-')),
      // Unit tests open no database, but env() validates the whole environment; a run with
      // integration or browser tests replaces this with the test database below.
      DATABASE_URL: 'postgres://unit-tests@127.0.0.1:1/no-database',
    };
    if (suites.length === SUITES.length && picked.length === 0) {
      console.log('[test] linting (biome check; `npm run format` fixes formatting and import order)…');
      const lint = spawnSync(
        process.execPath,
        [require.resolve('@biomejs/biome/bin/biome'), 'check', '--error-on-warnings', '.'],
        { stdio: 'inherit' },
      );
      if (lint.status !== 0) throw new Error('lint errors (see above; `npm run format` fixes most of them)');
      console.log('[test] type-checking (tsc --noEmit)…');
      const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit'], {
        stdio: 'inherit',
      });
      if (tsc.status !== 0) throw new Error('type errors (see above)');
    }
    if (suites.some((s) => s !== 'unit')) {
      const dbName = `jaring_test_${process.pid}`;
      let url: string;
      if (process.env.TEST_DATABASE_URL) {
        const admin = process.env.TEST_DATABASE_URL;
        await ensureDatabase(admin, dbName);
        url = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
        cleanups.push(async () => {
          const sql = postgres(admin, { max: 1, onnotice: () => {} });
          await sql.unsafe(`drop database if exists "${dbName}" with (force)`);
          await sql.end();
        });
      } else {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-pg-'));
        chmodSync(dir, 0o755); // the `postgres` system user must be able to enter it
        const pg = await startEmbeddedPostgres({
          dir: path.join(dir, 'data'),
          port: await freePort(),
          database: dbName,
        });
        url = pg.url;
        cleanups.push(async () => {
          await pg.stop();
          rmSync(dir, { recursive: true, force: true });
        });
      }
      await migrateDatabase(url);
      env.DATABASE_URL = url;
      console.log(
        `[test] database ready (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded PostgreSQL'})`,
      );
    }
    if (suites.includes('integration')) {
      ensureFreeRadius();
      ensureDebianTools();
    }
    // Unit and integration first; the browser suite after, with the app (web + worker) started
    // only then: its worker would otherwise take the integration tests' jobs and messages.
    // Asynchronous, not spawnSync: the embedded PostgreSQL's log arrives on this process's
    // event loop, and a loop blocked in spawnSync never drains it — once its buffer is full,
    // every backend that logs an error stops, and the tests hang on their queries.
    const run = (list: string[], concurrency = 2) =>
      list.length === 0
        ? Promise.resolve(0)
        : new Promise<number>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...list],
              { stdio: 'inherit', env },
            );
            child.on('error', () => resolve(1));
            child.on('close', (status) => resolve(status ?? 1));
          });
    const browserFiles = files.filter((f) => f.split(path.sep).join('/').startsWith('tests/e2e/'));
    // `*.alone.test.ts` files run an in-test worker that takes jobs every file queues (router
    // and RADIUS changes) or changes the process environment it runs with (PLATFORM_MODE=hosted):
    // beside another file it would take that file's jobs, so they run one at a time, before the
    // rest. Mostly waiting on their stand-ins, they leave a core to the browser build meanwhile.
    const aloneFiles = files.filter((f) => f.endsWith('.alone.test.ts'));
    // The browser tests' build runs beside the others; a failed build is reported when it is needed.
    const build = browserFiles.length > 0 ? buildIfNeededInBackground() : Promise.resolve();
    build.catch(() => {});
    code = 0;
    for (const file of aloneFiles) {
      await dropLeftoverJobs(env.DATABASE_URL!);
      code = (await run([file], 1)) || code;
    }
    code = (await run(longestFirst(files.filter((f) => !browserFiles.includes(f) && !aloneFiles.includes(f))))) || code;
    if (browserFiles.length > 0) {
      // The app's worker would spend its first minutes on them too.
      if (files.length > browserFiles.length) await dropLeftoverJobs(env.DATABASE_URL!);
      env.CHROMIUM_PATH = ensureChromium();
      await build;
      const port = await freePort();
      env.APP_URL = `http://127.0.0.1:${port}`;
      // The app talks to a Tripay stand-in that the payments browser test starts on this port
      // (tests/support/gateways/tripay.ts); only the app is pointed at it.
      env.E2E_TRIPAY_PORT = String(await freePort());
      const app = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/start.ts'], {
        env: {
          ...env,
          PORT: String(port),
          NEXTAUTH_URL: env.APP_URL,
          // Every browser test signs in from 127.0.0.1 (the stamped socket address), some
          // hundreds of times in one window: the per-address limit would refuse the later ones.
          LOGIN_MAX_PER_IP: '100000',
          TRIPAY_API_URL: `http://127.0.0.1:${env.E2E_TRIPAY_PORT}/api-sandbox`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let appLog = '';
      app.stdout!.on('data', (d) => (appLog += d));
      app.stderr!.on('data', (d) => (appLog += d));
      children.push(app);
      cleanups.push(() => {
        if (process.env.TEST_APP_LOG) console.log(appLog);
      });
      await waitForHttp(`${env.APP_URL}/login`, 120_000).catch((error) => {
        console.log(appLog);
        throw error;
      });
      // In file order: started first, the long browser files overlapped the camera-scanning
      // ones, whose in-page decoder then missed its time on a loaded machine.
      const browserCode = await run(browserFiles);
      code = code || browserCode;
    }
  } catch (error) {
    console.error('[test] setup failed:', error);
    code = 1;
  } finally {
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        await new Promise((r) => setTimeout(r, 1500));
      }
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  process.exit(code);
}

void main();
