/**
 * The contract between the backup pipeline (archive, stores, restore) and the backup manager
 * (schedules, runs, retention, alerts). Implementations: `lib/backups/archive.ts`,
 * `lib/backups/restore.ts`, `lib/backups/stores/*`.
 */

/** Where backup files are kept. Every store is addressed by a file name, never a path. */
export type BackupStoreKind = 'local' | 'sftp' | 's3';

export type LocalStoreConfig = { kind: 'local'; path: string };
/** Key authentication only; the private key is a secret (encrypted at rest, never shown). */
export type SftpStoreConfig = {
  kind: 'sftp';
  host: string;
  port: number;
  username: string;
  path: string;
  privateKey: string;
  /** SHA-256 of the server's host key (base64, as `ssh-keygen -lf` prints it); checked when set. */
  hostKeySha256?: string | null;
};
/** Any S3-compatible service (AWS, MinIO, Wasabi, IDCloudHost, Biznet Gio…). */
export type S3StoreConfig = {
  kind: 's3';
  endpoint?: string | null;
  region: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};
export type BackupStoreConfig = LocalStoreConfig | SftpStoreConfig | S3StoreConfig;

export type StoredBackup = { name: string; sizeBytes: number; modifiedAt: Date };

export interface BackupStore {
  readonly kind: BackupStoreKind;
  /** Where it writes, for screens and logs: no secret (e.g. `sftp://backup@10.0.0.5:22/srv/jaring`). */
  readonly label: string;
  /** Uploads a local file under `name` (and `name.sha256` beside it); returns where it went. */
  put(localFile: string, name: string, sha256: string): Promise<{ location: string }>;
  /** The `location` a `put` of `name` returns (no I/O): tells a copy made here from one made elsewhere. */
  locationOf(name: string): string;
  /** Backup files held (not their `.sha256` sidecars), newest first. */
  list(): Promise<StoredBackup[]>;
  /** Downloads `name` to a local file; returns the sha256 recorded beside it, if any. */
  get(name: string, localFile: string): Promise<{ sha256: string | null }>;
  /** Deletes `name` and its sidecar; a missing file is not an error. */
  remove(name: string): Promise<void>;
  /** Connects and writes/removes a probe file; throws BackupStoreError with a clear reason. */
  check(): Promise<void>;
}

/** Why a store failed, in words the super admin can act on (the code picks the message). */
export type BackupStoreErrorCode =
  | 'unreachable'
  | 'auth_failed'
  | 'host_key_mismatch'
  | 'not_found'
  | 'no_space'
  | 'permission_denied'
  | 'other';

export class BackupStoreError extends Error {
  constructor(
    readonly code: BackupStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupStoreError';
  }
}

/** What a backup file says about itself (stored inside it, readable with the key). */
export type BackupManifest = {
  format: 'jaring-backup/1';
  createdAt: string;
  database: {
    serverVersion: string;
    pgDumpVersion: string;
    /** The last migration applied when the dump was taken (restore migrates forward from it). */
    migration: string | null;
    /** Row count per table (schema.table). */
    tables: Record<string, number>;
  };
  files: { count: number; bytes: number };
  /** A fingerprint of the key (never the key): restore says which key is needed. */
  keyId: string;
};

export type CreatedBackup = {
  /** A local file (in the work folder) ready to be put into stores. */
  file: string;
  /** `jaring-YYYYMMDD-HHmmss.jbk` in UTC. */
  name: string;
  sizeBytes: number;
  /** SHA-256 (hex) of the whole file as stored. */
  sha256: string;
  manifest: BackupManifest;
  durationMs: number;
};
