import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BackupStore, type BackupStoreConfig, BackupStoreError } from '../types';
import { localStore } from './local';
import { s3Store } from './s3';
import { type SftpStoreOptions, sftpStore } from './sftp';

/** The store for a target's configuration: one file per kind, one line each here. */
export function openStore(
  config: BackupStoreConfig,
  options: Pick<SftpStoreOptions, 'onFirstHostKey'> = {},
): BackupStore {
  switch (config.kind) {
    case 'local':
      return localStore(config);
    case 'sftp':
      return sftpStore(config, options);
    case 's3':
      return s3Store(config);
  }
}

/** What a storage URL cannot carry (secrets, an endpoint), from the CLI's flags and environment. */
export type StoreUrlOptions = {
  /** SFTP: the private key, or the file holding it (`--identity`, BACKUP_SFTP_KEY_FILE). */
  privateKey?: string;
  identityFile?: string;
  /** SFTP: the server's host key SHA-256 (`--host-key`); unchecked when absent. */
  hostKeySha256?: string;
  /** S3: the service's endpoint (`--endpoint`; unset: AWS), region and keys (AWS_* variables). */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
};

/**
 * A store and, when the URL ends in a `.jbk` file, that file's name (restore), else null (a
 * folder or prefix to back up into). `/path`, `./path`, `file:///path`,
 * `sftp://user@host:port/path` (`/~/path`: from the login folder), `s3://bucket/prefix`.
 */
export function storeFromUrl(url: string, options: StoreUrlOptions = {}): { store: BackupStore; name: string | null } {
  const split = (full: string) => {
    const base = full.split('/').filter(Boolean).at(-1) ?? '';
    return base.endsWith('.jbk')
      ? { dir: full.slice(0, full.length - base.length).replace(/\/+$/, '') || '/', name: base }
      : { dir: full, name: null };
  };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('file://')) {
    const full = url.startsWith('file://') ? fileURLToPath(url) : path.resolve(url);
    const { dir, name } = split(full);
    return { store: localStore({ kind: 'local', path: dir }), name };
  }
  const parsed = new URL(url);
  const fullPath = decodeURIComponent(parsed.pathname);
  if (parsed.protocol === 'sftp:') {
    const { dir, name } = split(fullPath.startsWith('/~/') ? fullPath.slice(3) || '.' : fullPath);
    const identity = options.privateKey ?? (options.identityFile ? readFileSync(options.identityFile, 'utf8') : null);
    if (!identity)
      throw new BackupStoreError(
        'auth_failed',
        'An sftp:// URL needs a private key: pass --identity <file> or set BACKUP_SFTP_KEY_FILE',
      );
    if (!parsed.username) throw new BackupStoreError('other', 'An sftp:// URL names its user: sftp://user@host/path');
    const store = sftpStore({
      kind: 'sftp',
      host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(parsed.port || 22),
      username: decodeURIComponent(parsed.username),
      path: dir,
      privateKey: identity,
      hostKeySha256: options.hostKeySha256 ?? null,
    });
    return { store, name };
  }
  if (parsed.protocol === 's3:') {
    const { dir, name } = split(fullPath);
    if (!options.accessKeyId || !options.secretAccessKey)
      throw new BackupStoreError('auth_failed', 'An s3:// URL needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    const store = s3Store({
      kind: 's3',
      endpoint: options.endpoint ?? null,
      region: options.region ?? 'us-east-1',
      bucket: parsed.hostname,
      prefix: dir.replace(/^\/+|\/+$/g, ''),
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      forcePathStyle: Boolean(options.endpoint),
    });
    return { store, name };
  }
  throw new BackupStoreError('other', `${parsed.protocol}// is not a storage this knows (a path, sftp:// or s3://)`);
}
