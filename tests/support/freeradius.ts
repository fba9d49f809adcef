/**
 * A real FreeRADIUS 3 (Debian's `freeradius`, `freeradius-postgresql`, `freeradius-utils`) for
 * integration tests and benchmarks: a private copy of /etc/freeradius/3.0 whose stock `sql`
 * module points at the test database (the app's radcheck / radusergroup / radacct / nas
 * tables), listening on two free loopback UDP ports. `radclient` drives it.
 *
 * Routers (NAS clients) come from the `nas` table (read_clients = yes), which FreeRADIUS reads
 * only at start: write the nas rows first, then start the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RADCLIENT_BIN } from './radclient';

export const FREERADIUS_BIN = process.env.FREERADIUS_PATH ?? '/usr/sbin/freeradius';
const STOCK_RADDB = '/etc/freeradius/3.0';
const PG_DRIVER = '/usr/lib/freeradius/rlm_sql_postgresql.so';
export const FREERADIUS_MISSING =
  'FreeRADIUS is not installed (apt-get install freeradius freeradius-postgresql freeradius-utils)';

/** Why FreeRADIUS cannot run here, or undefined when it can. */
export function freeRadiusMissing(): string | undefined {
  for (const file of [FREERADIUS_BIN, RADCLIENT_BIN, PG_DRIVER])
    if (!existsSync(file)) return `${FREERADIUS_MISSING}: ${file} not found`;
  try {
    accessSync(path.join(STOCK_RADDB, 'radiusd.conf'), constants.R_OK);
  } catch {
    return `${STOCK_RADDB} is not readable by this user (run the tests as root)`;
  }
  return undefined;
}

/**
 * A reason to skip FreeRADIUS tests, or undefined to run them. Only a machine that lacks
 * FreeRADIUS and cannot install it skips: as root `npm test` installs it, so a missing binary
 * there is a failure, not a skip.
 */
export function skipReason(): string | undefined {
  const missing = freeRadiusMissing();
  return missing && process.getuid?.() !== 0 ? missing : undefined;
}

export type FreeRadius = {
  authPort: number;
  acctPort: number;
  /** The shared secret of the `localhost` client (radclient on 127.0.0.1); '' if left out. */
  secret: string;
  dir: string;
  stop(): Promise<void>;
  log(): string;
};

export type StartOptions = {
  databaseUrl: string;
  /**
   * Add `client localhost` (127.0.0.1) to clients.conf with this secret (default: a random one).
   * false leaves it out, so that a `nas` row for 127.0.0.1 is the client radclient talks as.
   */
  localClient?: string | false;
  /** Start with -X (full debug log; much slower). Also FREERADIUS_DEBUG=1. */
  debug?: boolean;
  timeoutMs?: number;
};

export async function startFreeRadius(options: StartOptions): Promise<FreeRadius> {
  const missing = freeRadiusMissing();
  if (missing) throw new Error(missing);
  const secret = options.localClient === false ? '' : (options.localClient ?? randomBytes(12).toString('hex'));
  // The ports are free when chosen, but anything (another server, a radclient's source port)
  // may take one before FreeRADIUS binds it: then try again with new ones.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, secret);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(options: StartOptions, secret: string): Promise<FreeRadius> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-freeradius-'));
  const raddb = path.join(dir, 'raddb');
  const [authPort, acctPort] = await freeUdpPorts(2);
  try {
    writeConfig(raddb, dir, { databaseUrl: options.databaseUrl, authPort: authPort!, acctPort: acctPort!, secret });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const debug = options.debug ?? process.env.FREERADIUS_DEBUG === '1';
  const child = spawn(FREERADIUS_BIN, [debug ? '-X' : '-f', '-l', 'stdout', '-d', raddb], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // A test process that dies without calling stop() must not leave a server behind.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    await kill(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, () => output, options.timeoutMs ?? 20_000);
  } catch (error) {
    await stop();
    throw new Error(`FreeRADIUS did not start: ${(error as Error).message}\n--- freeradius log ---\n${output}`);
  }
  return { authPort: authPort!, acctPort: acctPort!, secret, dir, stop, log: () => output };
}

async function waitUntilReady(child: ChildProcess, output: () => string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!output().includes('Ready to process requests')) {
    if (child.exitCode !== null || child.signalCode)
      throw new Error(`freeradius exited (${child.exitCode ?? child.signalCode})`);
    if (Date.now() > until) throw new Error(`no "Ready to process requests" within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kill(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Free UDP ports on 127.0.0.1 (held together while choosing, so they differ). */
async function freeUdpPorts(n: number): Promise<number[]> {
  const sockets = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<dgram.Socket>((resolve, reject) => {
          const s = dgram.createSocket('udp4');
          s.once('error', reject);
          s.bind(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = sockets.map((s) => s.address().port);
  await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

// ---------------------------------------------------------------------------------------------
// Configuration: the stock Debian tree, with as few edits as a real installation needs.

type ConfigInput = { databaseUrl: string; authPort: number; acctPort: number; secret: string };

function writeConfig(raddb: string, dir: string, c: ConfigInput) {
  // Keep the relative links of mods-enabled/ and sites-enabled/ pointing inside the copy.
  cpSync(STOCK_RADDB, raddb, { recursive: true, verbatimSymlinks: true });
  mkdirSync(path.join(dir, 'log', 'radacct'), { recursive: true });
  mkdirSync(path.join(dir, 'run'), { recursive: true });
  edit(path.join(raddb, 'radiusd.conf'), (text) =>
    text
      // Run as the invoking user: a copy in a private temp folder is not readable by freerad.
      .replace(/^\s*(user|group)\s*=.*$/gm, '')
      .replace(/^(\s*)reject_delay\s*=.*$/m, '$1reject_delay = 0')
      .replace(/^(\s*)proxy_requests\s*=.*$/m, '$1proxy_requests = no')
      .replace(/^logdir\s*=.*$/m, `logdir = ${path.join(dir, 'log')}`)
      .replace(/^run_dir\s*=.*$/m, `run_dir = ${path.join(dir, 'run')}`),
  );
  writeFileSync(path.join(raddb, 'mods-available', 'sql'), sqlModule(c.databaseUrl));
  const enabled = path.join(raddb, 'mods-enabled', 'sql');
  if (existsSync(enabled)) unlinkSync(enabled);
  symlinkSync('../mods-available/sql', enabled);
  // radclient on 127.0.0.1 is the operator testing from the server itself: it may ask for
  // every organization (deploy/freeradius/jaring); the routers' own rows come from `nas`.
  writeFileSync(
    path.join(raddb, 'clients.conf'),
    c.secret
      ? `client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = "${c.secret}"\n\tshortname = radclient\n\tjaring_any_realm = yes\n}\n`
      : '',
  );
  installRealmPolicy(raddb);
  // The app's usernames carry a dot-less realm (`budi@<org-slug>`), which the stock
  // filter_username policy rejects ("Realm does not have at least one dot separator").
  const noFilterUsername = (text: string) =>
    text.replace(/^(\s*)filter_username\s*$/m, '$1# filter_username: the app uses dot-less realms');
  edit(path.join(raddb, 'sites-enabled', 'default'), (text) => {
    const listen = (type: string, port: number) =>
      `\tlisten {\n\t\ttype = ${type}\n\t\tipaddr = 127.0.0.1\n\t\tport = ${port}\n\t}\n`;
    return noFilterUsername(removeBlocks(text, 'listen')).replace(
      /^server default \{\n/m,
      (m) => m + listen('auth', c.authPort) + listen('acct', c.acctPort),
    );
  });
  // The inner tunnel (EAP) keeps its sql lines but not its fixed test port 18120, which two
  // servers on one machine would fight over.
  edit(path.join(raddb, 'sites-enabled', 'inner-tunnel'), (text) => noFilterUsername(removeBlocks(text, 'listen')));
}

/**
 * The realm policy installed as docs/features/radius.md describes, done the same way: the
 * repository's deploy/freeradius/jaring copied into policy.d/, called first in authorize
 * and preacct of the default site and in authorize of the inner tunnel.
 */
export const REALM_POLICY = path.join(__dirname, '..', '..', 'deploy', 'freeradius', 'jaring');

function installRealmPolicy(raddb: string) {
  cpSync(REALM_POLICY, path.join(raddb, 'policy.d', 'jaring'));
  const firstIn = (section: string, call: string) => (text: string) => {
    const opener = new RegExp(`^${section} \\{\n`, 'm');
    if (!opener.test(text)) throw new Error(`no "${section} {" section to install ${call} in`);
    return text.replace(opener, (m) => `${m}\t${call}\n`);
  };
  edit(path.join(raddb, 'sites-enabled', 'default'), (text) =>
    firstIn('preacct', 'jaring_realm_accounting')(firstIn('authorize', 'jaring_realm')(text)),
  );
  edit(path.join(raddb, 'sites-enabled', 'inner-tunnel'), firstIn('authorize', 'jaring_realm'));
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Removes every `name { … }` section (brace-balanced, comments ignored). */
function removeBlocks(text: string, name: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const opener = new RegExp(`^\\s*${name}\\s*\\{`);
  for (let i = 0; i < lines.length; i++) {
    if (!opener.test(lines[i]!)) {
      out.push(lines[i]!);
      continue;
    }
    let depth = 0;
    for (; i < lines.length; i++) {
      const code = lines[i]!.replace(/#.*$/, '');
      depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
      if (depth <= 0) break;
    }
  }
  return out.join('\n');
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** mods-available/sql: the stock module, postgresql dialect, default queries, nas clients. */
export function sqlModule(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `# Written by tests/support/freeradius.ts: the stock rlm_sql with the postgresql dialect.
sql {
	dialect = "postgresql"
	driver = "rlm_sql_\${dialect}"
	postgresql {
		send_application_name = yes
	}
	server = ${quote(url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1')}
	port = ${url.port || 5432}
	login = ${quote(decodeURIComponent(url.username || 'postgres'))}
	password = ${quote(decodeURIComponent(url.password))}
	radius_db = ${quote(decodeURIComponent(url.pathname.slice(1)))}
	acct_table1 = "radacct"
	acct_table2 = "radacct"
	postauth_table = "radpostauth"
	authcheck_table = "radcheck"
	groupcheck_table = "radgroupcheck"
	authreply_table = "radreply"
	groupreply_table = "radgroupreply"
	usergroup_table = "radusergroup"
	delete_stale_sessions = yes
	pool {
		start = \${thread[pool].start_servers}
		min = \${thread[pool].min_spare_servers}
		max = \${thread[pool].max_servers}
		spare = \${thread[pool].max_spare_servers}
		uses = 0
		retry_delay = 30
		lifetime = 0
		idle_timeout = 60
	}
	read_clients = yes
	client_table = "nas"
	group_attribute = "SQL-Group"
	$INCLUDE \${modconfdir}/\${.:name}/main/\${dialect}/queries.conf
}
`;
}

export {
  accessRequestFrom,
  accountingRequestFrom,
  formatPacket,
  type RadclientArgs,
  type RadclientResult,
  type RadiusAttributes,
  radclient,
} from './radclient';
