/**
 * A real OpenSSH server (Debian's `openssh-server`) for integration tests: its own config, host
 * key and authorized_keys in a temporary folder, on a free loopback port, in the foreground
 * (`sshd -D -e`), logging in as the user running the tests with a key made here. SFTP is
 * OpenSSH's `internal-sftp`. Used by the SFTP backup store tests and reusable by any test that
 * needs a real SSH server.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SSHD_BIN = process.env.SSHD_PATH ?? '/usr/sbin/sshd';

export type Sshd = {
  host: string;
  port: number;
  /** The user to log in as (the one running the tests). */
  username: string;
  /** An OpenSSH private key that the server accepts. */
  privateKey: string;
  /** The host key's SHA-256 as `ssh-keygen -lf` prints it, without `SHA256:`. */
  hostKeySha256: string;
  /** A folder for the test's files (the server sees the whole file system as this user does). */
  dir: string;
  stop: () => Promise<void>;
};

/** Why sshd cannot run here, or undefined when it can. */
export function sshdMissing(): string | undefined {
  return existsSync(SSHD_BIN) ? undefined : `OpenSSH's server is not installed (apt-get install openssh-server)`;
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

function keygen(file: string) {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'jaring-test', '-f', file]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

function fingerprint(publicKeyFile: string): string {
  const r = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], { encoding: 'utf8' });
  const m = /SHA256:(\S+)/.exec(r.stdout);
  if (!m) throw new Error(`ssh-keygen -l failed: ${r.stderr}`);
  return m[1]!;
}

export async function startSshd(options: { extraConfig?: string[] } = {}): Promise<Sshd> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'jaring-sshd-'));
  const hostKey = path.join(root, 'host_ed25519');
  const userKey = path.join(root, 'user_ed25519');
  keygen(hostKey);
  keygen(userKey);
  const authorizedKeys = path.join(root, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${userKey}.pub`));
  // As root sshd wants its privilege-separation folder; as another user it runs unprivileged.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = path.join(root, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(root, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'AuthenticationMethods publickey',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      // The temporary folder is not owned the way StrictModes wants; PAM is not needed for keys.
      'StrictModes no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'LogLevel INFO',
      ...(options.extraConfig ?? []),
    ].join('\n'),
  );
  const dir = path.join(root, 'files');
  mkdirSync(dir);
  // sshd re-executes itself, so it must be started by its absolute path.
  const child: ChildProcess = spawn(SSHD_BIN, ['-D', '-e', '-f', config, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('Server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    host: '127.0.0.1',
    port,
    username: os.userInfo().username,
    privateKey: readFileSync(userKey, 'utf8'),
    hostKeySha256: fingerprint(`${hostKey}.pub`),
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
