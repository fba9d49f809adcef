import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';

/**
 * A stand-in MikroTik SSH service on loopback: an `ssh2` Server with a generated host key,
 * password (or keyboard-interactive) login, answering `exec` the way RouterOS does — `/export`
 * with its date line, `# software id` and the menus, sensitive values shown or hidden as
 * each version does (6: shown unless `hide-sensitive`; 7: hidden unless `show-sensitive`,
 * and `hide-sensitive` refused as an unknown argument), `:put [/system resource get
 * version]`, and `bad command name …` for anything else. The configuration can be changed
 * between runs; the host key can be replaced (a reinstalled router, or someone in between).
 */
export type RouterOsSshOptions = {
  version?: string;
  username?: string;
  password?: string;
  /** How the router asks for the password. */
  auth?: 'password' | 'keyboard-interactive';
  /** The configuration as `/export show-sensitive` prints it, without the header lines. */
  config?: string;
};

export type RouterOsSsh = {
  host: string;
  port: number;
  username: string;
  password: string;
  version: string;
  /** Every command received by exec, in order. */
  received: string[];
  logins: number;
  /** The next export stops halfway and the router drops the connection (a reboot, a link flap). */
  cutNextExport(): void;
  setConfig(body: string): void;
  config(): string;
  /** The export as RouterOS would print it for this command (null when it refuses it). */
  exportFor(command: string): string | null;
  /** A new host key, on the same port (the router was reinstalled). */
  replaceHostKey(): Promise<void>;
  close(): Promise<void>;
};

export const SAMPLE_CONFIG = [
  '# model = RB750Gr3',
  '# serial number = HCQ08A1B2C3',
  '/interface bridge',
  'add admin-mac=48:8F:5A:11:22:33 auto-mac=no comment="LAN pelanggan" name=bridge-lan',
  '/interface ethernet',
  'set [ find default-name=ether1 ] comment="Uplink ISP"',
  '/ip pool',
  'add name=pool-pppoe ranges=10.10.0.2-10.10.3.254',
  '/ppp profile',
  'add local-address=10.10.0.1 name="Paket 20 Mbps" rate-limit=10M/20M remote-address=pool-pppoe',
  'add address-list=isolir local-address=10.10.0.1 name=isolir rate-limit=256k/256k remote-address=pool-pppoe',
  '/interface pppoe-server server',
  'add default-profile="Paket 20 Mbps" disabled=no interface=bridge-lan one-session-per-host=yes service-name=jaring',
  '/ip address',
  'add address=192.168.88.1/24 comment=defconf interface=bridge-lan network=192.168.88.0',
  'add address=103.28.12.34/29 interface=ether1 network=103.28.12.32',
  '/ip dns',
  'set allow-remote-requests=yes servers=1.1.1.1,8.8.8.8',
  '/ip firewall nat',
  'add action=masquerade chain=srcnat comment="NAT pelanggan" out-interface=ether1 src-address=10.10.0.0/22',
  'add action=dst-nat chain=dstnat comment="Redirect isolir" dst-port=80 protocol=tcp src-address-list=isolir \\',
  '    to-addresses=103.28.12.35 to-ports=80',
  '/ppp secret',
  'add name=budi01 password=rahasia-budi profile="Paket 20 Mbps" service=pppoe',
  'add name=siti02 password=rahasia-siti profile=isolir service=pppoe',
  '/radius',
  'add address=103.28.12.40 secret=radius-rahasia service=ppp',
  '/system clock',
  'set time-zone-name=Asia/Jakarta',
  '/system identity',
  'set name=RB-Cibaduyut',
].join('\n');

// What RouterOS leaves out of an export unless asked for sensitive values.
const SENSITIVE = / (password|secret|wpa-pre-shared-key|wpa2-pre-shared-key|passphrase|private-key)=("[^"]*"|\S+)/g;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function header(version: string, at: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  // RouterOS writes ISO dates since 7.10; before that mmm/dd/yyyy.
  const [major, minor] = version.split('.').map(Number);
  const date =
    major! > 7 || (major === 7 && minor! >= 10)
      ? `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
      : `${MONTHS[at.getMonth()]}/${pad(at.getDate())}/${at.getFullYear()}`;
  return `# ${date} ${time} by RouterOS ${version}\n# software id = 8K2N-XQ1A\n#\n`;
}

/** RouterOS's answer to a word it does not know at that column. */
const unknownArgument = (command: string, word: string) =>
  `expected end of command (line 1 column ${command.indexOf(word) + 1})`;

export async function startRouterOsSsh(options: RouterOsSshOptions = {}): Promise<RouterOsSsh> {
  const version = options.version ?? '7.16.2';
  const username = options.username ?? 'jaring-api';
  const password = options.password ?? 'api-rahasia';
  let body = options.config ?? SAMPLE_CONFIG;
  const received: string[] = [];
  const state = { logins: 0, cut: false };
  const v7 = Number(version.split('.')[0]) >= 7;

  const exportFor = (command: string): string | null => {
    const words = command.trim().split(/\s+/);
    const extra = words.slice(1);
    const shows = v7 ? extra.includes('show-sensitive') : !extra.includes('hide-sensitive');
    const known = v7 ? ['show-sensitive', 'terse', 'verbose'] : ['hide-sensitive', 'terse', 'verbose'];
    if (extra.some((w) => !known.includes(w))) return null;
    const text = shows ? body : body.replace(SENSITIVE, '');
    return `${header(version, new Date())}${text}\n`.replace(/\n/g, '\r\n');
  };

  const answer = (command: string): string => {
    const trimmed = command.trim();
    if (trimmed.split(/\s+/)[0] === '/export') {
      const out = exportFor(trimmed);
      if (out !== null) return out;
      const bad = trimmed
        .split(/\s+/)
        .slice(1)
        .find((w) => !['terse', 'verbose'].includes(w))!;
      return `${unknownArgument(trimmed, bad)}\r\n`;
    }
    if (trimmed === ':put [/system resource get version]') return `${version} (${v7 ? 'stable' : 'long-term'})\r\n`;
    return `bad command name ${trimmed.replace(/^\//, '').split(/\s+/)[0]} (line 1 column 2)\r\n`;
  };

  const newServer = () =>
    new ssh2.Server({ hostKeys: [ssh2.utils.generateKeyPairSync('ed25519').private] }, (client) => {
      client.on('error', () => undefined);
      // ssh2's server connection has it; its type declarations do not.
      (client as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
      client.on('authentication', (ctx) => {
        const ok = (given: string) => ctx.username === username && given === password;
        if (options.auth === 'keyboard-interactive') {
          if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
          return ctx.prompt([{ prompt: 'password: ', echo: false }], (answers) =>
            ok(answers[0] ?? '') ? ctx.accept() : ctx.reject(['keyboard-interactive']),
          );
        }
        if (ctx.method === 'password' && ok(ctx.password)) return ctx.accept();
        ctx.reject(['password']);
      });
      client.on('ready', () => {
        state.logins += 1;
        client.on('session', (accept) => {
          const session = accept();
          session.on('exec', (acceptExec, _reject, info) => {
            const stream = acceptExec();
            received.push(info.command);
            const out = answer(info.command);
            if (state.cut && info.command.startsWith('/export')) {
              state.cut = false;
              stream.write(out.slice(0, Math.floor(out.length / 2)));
              // A real drop: the socket goes, no channel close, no disconnect message.
              (client as unknown as { _sock: { destroy(): void } })._sock.destroy();
              return;
            }
            stream.write(out);
            stream.exit(0);
            stream.end();
          });
        });
      });
    });

  let server = newServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closeServer = (s: ssh2.Server) => new Promise<void>((resolve) => s.close(() => resolve()));

  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    version,
    received,
    get logins() {
      return state.logins;
    },
    cutNextExport: () => {
      state.cut = true;
    },
    setConfig: (next) => {
      body = next;
    },
    config: () => body,
    exportFor,
    replaceHostKey: async () => {
      await closeServer(server);
      server = newServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => closeServer(server),
  };
}
