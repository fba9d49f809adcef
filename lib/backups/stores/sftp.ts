import { createHash } from 'node:crypto';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { type BackupStore, BackupStoreError, type SftpStoreConfig } from '../types';
import {
  asStoreError,
  assertPlainName,
  codeForSystemError,
  isBackupName,
  parseSidecar,
  sidecarName,
  sidecarText,
} from './common';

/** OpenSSH's spelling of a host key fingerprint: base64 of its SHA-256, no padding, no `SHA256:`. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

const normaliseFingerprint = (text: string) =>
  text
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '');

export type SftpStoreOptions = {
  readyTimeoutMs?: number;
  /**
   * Trust on first use: with no host key in the config, called with the key the server
   * presented once a connection has logged in (the caller saves it on the target) and gives
   * back the key the target expects now: another one, saved meanwhile, refuses this server
   * before anything is sent. Later connections of this store then expect that key.
   */
  onFirstHostKey?: (sha256: string) => Promise<string | null | undefined>;
};

/**
 * A folder on an SSH server, through SFTP (`ssh2-sftp-client` over `ssh2`), with key
 * authentication only. When the config has the host key's SHA-256 the server must present that
 * key, else the connection stops before anything is sent. Uploads go to `<name>.part` and are
 * renamed (OpenSSH's atomic posix-rename) when complete; one connection per call.
 */
export function sftpStore(config: SftpStoreConfig, options: SftpStoreOptions = {}): BackupStore {
  const dir = config.path.replace(/\/+$/, '') || '/';
  let trusted = config.hostKeySha256 ? normaliseFingerprint(config.hostKeySha256) : null;
  const label = `sftp://${config.username}@${config.host}:${config.port}${dir.startsWith('/') ? '' : '/'}${dir}`;
  const at = (name: string) => {
    assertPlainName(name);
    return path.posix.join(dir, name);
  };

  const hostKeyMismatch = (presented: string, expected: string) =>
    new BackupStoreError(
      'host_key_mismatch',
      `${label}: the server's host key is SHA256:${presented}, not the SHA256:${expected} this target expects. Check with the server's administrator that the server was reinstalled or its key changed; if so, clear the saved host key on the target to trust the new one`,
    );

  async function withClient<T>(what: string, run: (client: SftpClient) => Promise<T>): Promise<T> {
    // The library's default listeners print every connection end to the console; a failure that
    // matters reaches the call in progress and is thrown from there.
    const quiet = () => {};
    const client = new SftpClient('jaring-backup', { error: quiet, end: quiet, close: quiet });
    let hostKeyRejected: string | null = null;
    let presented: string | null = null;
    const expected = trusted;
    try {
      await client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        privateKey: config.privateKey,
        readyTimeout: options.readyTimeoutMs ?? 20_000,
        hostVerifier: (key: Buffer) => {
          presented = hostKeyFingerprint(key);
          if (!expected || presented === expected) return true;
          hostKeyRejected = presented;
          return false;
        },
      });
    } catch (error) {
      if (hostKeyRejected) throw hostKeyMismatch(hostKeyRejected, expected!);
      await client.end().catch(() => {});
      throw sftpError(error, `${label}: could not connect`);
    }
    // Logged in to a server whose key nobody gave: this key is the one from now on, unless
    // another was saved on the target meanwhile (a connection at the same time, or typed in).
    if (!expected && presented) {
      try {
        const saved = await options.onFirstHostKey?.(presented);
        const now = saved ? normaliseFingerprint(saved) : presented;
        if (now !== presented) throw hostKeyMismatch(presented, now);
        trusted = now;
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
    }
    try {
      return await run(client);
    } catch (error) {
      throw sftpError(error, `${label}: ${what}`);
    } finally {
      await client.end().catch(() => {});
    }
  }

  return {
    kind: 'sftp',
    label,
    locationOf: (name) => `${label}/${name}`,
    put: async (localFile, name, sha256) => {
      const target = at(name);
      return withClient(`could not upload ${name}`, async (client) => {
        await client.mkdir(dir, true);
        await client.put(Buffer.from(sidecarText(name, sha256)), at(sidecarName(name)));
        await client.fastPut(localFile, `${target}.part`);
        await client.posixRename(`${target}.part`, target);
        return { location: `${label}/${name}` };
      });
    },
    list: () =>
      withClient('could not list the backups', async (client) => {
        if (!(await client.exists(dir))) return [];
        const entries = await client.list(dir);
        return entries
          .filter((e) => e.type === '-' && isBackupName(e.name))
          .map((e) => ({ name: e.name, sizeBytes: e.size, modifiedAt: new Date(e.modifyTime) }))
          .sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name));
      }),
    get: async (name, localFile) => {
      const source = at(name);
      return withClient(`could not download ${name}`, async (client) => {
        await client.fastGet(source, localFile);
        const sidecar = await client.get(at(sidecarName(name))).catch(() => null);
        return { sha256: Buffer.isBuffer(sidecar) ? parseSidecar(sidecar.toString('utf8')) : null };
      });
    },
    remove: async (name) => {
      const file = at(name);
      return withClient(`could not delete ${name}`, async (client) => {
        await client.delete(file, true);
        await client.delete(at(sidecarName(name)), true);
      });
    },
    check: () =>
      withClient('cannot write into the folder', async (client) => {
        const probe = path.posix.join(dir, `.jaring-probe-${process.pid}-${Date.now()}`);
        await client.mkdir(dir, true);
        await client.put(Buffer.from('jaring backup probe\n'), probe);
        await client.delete(probe);
      }),
  };
}

/** SFTP status codes (draft-ietf-secsh-filexfer-02) and ssh2's connection errors, as store codes. */
function sftpError(error: unknown, where: string): BackupStoreError {
  if (error instanceof BackupStoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  if (/authentication methods failed|ERR_BAD_AUTH/i.test(message))
    return new BackupStoreError('auth_failed', `${where}: the server refused the key (${message})`);
  if (/timed out|handshake|ECONNREFUSED|refused connection|address lookup/i.test(message))
    return new BackupStoreError('unreachable', `${where}: ${message}`);
  if (code === 2 || code === 'ENOENT' || /no such file/i.test(message))
    return new BackupStoreError('not_found', `${where}: ${message}`);
  if (code === 3 || code === 'EACCES') return new BackupStoreError('permission_denied', `${where}: ${message}`);
  if (/no space|quota/i.test(message)) return new BackupStoreError('no_space', `${where}: ${message}`);
  return asStoreError(error, where, codeForSystemError(error));
}
