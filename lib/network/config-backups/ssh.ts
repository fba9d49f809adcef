import { createHash } from 'node:crypto';
import { Client } from 'ssh2';
import { ConfigBackupError, classifySshError } from './errors';
import {
  exportCommand,
  exportVersion,
  looksLikeExport,
  parseVersionAnswer,
  routerOsCommandError,
  routerOsMajor,
} from './export-text';

/**
 * Reads a router's configuration over SSH with `ssh2` (the API has no export): one
 * connection, password login (keyboard-interactive when the router asks that way), the
 * host key checked against the one trusted for this router, then `exec` of the export
 * command, whose output is the configuration. Nothing here touches the database.
 */
export type SshExportOptions = {
  /** The address already checked by routerConnectAddress (the SSRF rules of the API). */
  address: string;
  port: number;
  username: string;
  password: string;
  /** The trusted host key's fingerprint; null: none yet (trust on first use). */
  trustedFingerprint: string | null;
  /** The RouterOS version last read from the router (its snapshot), if any. */
  versionHint: string | null;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** The most a command may print (default MAX_EXPORT_BYTES). */
  maxOutputBytes?: number;
};

export type HostKey = { fingerprint: string; type: string };
export type SshExport = { raw: string; version: string | null; command: string; hostKey: HostKey };

/**
 * A configuration is some kilobytes to a few megabytes (thousands of PPP secrets and queues);
 * anything far larger is not one. Every version is kept, decrypted for the page and compared
 * on the server's one thread (about 0.2 s per MB), so the limit also bounds what one tenant's
 * "router" can make the platform store and compute.
 */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

/** OpenSSH's fingerprint form (`SHA256:…`, unpadded base64) and the key's type. */
export function describeHostKey(key: Buffer): HostKey {
  const fingerprint = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
  const length = key.length >= 4 ? key.readUInt32BE(0) : 0;
  const type = length > 0 && length < 64 ? key.toString('latin1', 4, 4 + length) : 'unknown';
  return { fingerprint, type };
}

type Session = { exec(command: string): Promise<string>; hostKey: HostKey; close(): void };

function openSession(opts: SshExportOptions): Promise<Session> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presented: HostKey | null = null;
    let refusedKey = false;
    let settled = false;
    // After the login, a connection failure ends whichever command is running.
    let running: ((error: ConfigBackupError) => void) | null = null;
    let lost = false;
    const fail = (error: unknown) => {
      lost = true;
      const e =
        refusedKey && presented
          ? new ConfigBackupError(
              'host_key_changed',
              `the router presented host key ${presented.fingerprint}, not the trusted ${opts.trustedFingerprint}`,
              presented,
            )
          : classifySshError(error);
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        client.end();
        reject(e);
      } else running?.(e);
    };
    const timer = setTimeout(
      () => fail(new ConfigBackupError('timeout', `no SSH session within ${opts.connectTimeoutMs} ms`)),
      opts.connectTimeoutMs + 100,
    );
    client.on('error', fail);
    client.on('close', () => fail(new ConfigBackupError('closed', 'the router closed the SSH connection')));
    // RouterOS answers "password" itself; some builds (and RADIUS logins) ask interactively.
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
      finish(prompts.map(() => opts.password)),
    );
    client.on('ready', () => {
      settled = true;
      clearTimeout(timer);
      resolve({
        hostKey: presented!,
        close: () => client.end(),
        exec: (command) =>
          new Promise<string>((done, failed) => {
            const chunks: Buffer[] = [];
            let size = 0;
            const stop = (error: ConfigBackupError) => {
              clearTimeout(deadline);
              running = null;
              failed(error);
            };
            const deadline = setTimeout(() => {
              stop(new ConfigBackupError('timeout', `no end of "${command}" within ${opts.commandTimeoutMs} ms`));
              client.end();
            }, opts.commandTimeoutMs);
            running = stop;
            client.exec(command, (error, stream) => {
              if (error) return stop(classifySshError(error));
              const max = opts.maxOutputBytes ?? MAX_EXPORT_BYTES;
              const take = (chunk: Buffer) => {
                size += chunk.length;
                if (size <= max) chunks.push(chunk);
                else {
                  stop(new ConfigBackupError('too_large', `the output of "${command}" is over ${max} bytes`));
                  client.end();
                }
              };
              stream.on('data', take);
              stream.stderr.on('data', take);
              // A channel also closes when the connection drops mid-export: wait a turn for the
              // connection's own error, so a cut-off export is never taken for a configuration.
              stream.on('close', () =>
                setImmediate(() => {
                  if (lost || running !== stop) return;
                  clearTimeout(deadline);
                  running = null;
                  done(Buffer.concat(chunks).toString('utf8'));
                }),
              );
            });
          }),
      });
    });
    client.connect({
      host: opts.address,
      port: opts.port,
      username: opts.username,
      password: opts.password,
      tryKeyboard: true,
      readyTimeout: opts.connectTimeoutMs,
      hostVerifier: (key: Buffer) => {
        presented = describeHostKey(key);
        refusedKey = opts.trustedFingerprint !== null && presented.fingerprint !== opts.trustedFingerprint;
        return !refusedKey;
      },
      // RouterOS 6 with strong-crypto off speaks only the older SHA-1 key exchanges and CBC.
      algorithms: {
        kex: {
          append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
          prepend: [],
          remove: [],
        },
        cipher: { append: ['aes128-cbc', 'aes256-cbc'], prepend: [], remove: [] },
      },
    });
    // Each login step is a small packet waiting for an answer: without this, Nagle's algorithm
    // and delayed ACKs add ~40 ms to every one of them (a second per run on a LAN).
    client.setNoDelay(true);
  });
}

/**
 * The router's export, without secrets: `/export hide-sensitive` for RouterOS 6 (or an
 * unknown version), `/export` for RouterOS 7. A RouterOS 7 refusing `hide-sensitive` is
 * asked plainly (7 hides secrets by default); a RouterOS 6 that was asked plainly (its
 * snapshot was stale) printed secrets: that answer is dropped and it is asked again.
 */
export async function readExportOverSsh(opts: SshExportOptions): Promise<SshExport> {
  const session = await openSession(opts);
  try {
    let version = opts.versionHint;
    if (!version) version = parseVersionAnswer(await session.exec(':put [/system resource get version]'));
    let command = exportCommand(version);
    let raw = await session.exec(command);
    if (!looksLikeExport(raw) && routerOsCommandError(raw) && command === '/export hide-sensitive') {
      command = '/export';
      raw = await session.exec(command);
    }
    if (looksLikeExport(raw) && command === '/export' && routerOsMajor(exportVersion(raw)) === 6) {
      command = '/export hide-sensitive';
      raw = await session.exec(command);
    }
    if (!looksLikeExport(raw)) {
      const said = routerOsCommandError(raw) ?? raw.trim().split('\n', 1)[0]?.slice(0, 200);
      throw new ConfigBackupError('command', `"${command}" gave no configuration: ${said || 'no output'}`);
    }
    return { raw, version: exportVersion(raw), command, hostKey: session.hostKey };
  } finally {
    session.close();
  }
}
