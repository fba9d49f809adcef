import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { StoreUrlOptions } from '@/lib/backups/stores';
import { prepareRuntimeEnv } from './runtime-env';

/** What `npm run backup` and `npm run restore` share: the database, storage flags, sizes. */

export const STORE_FLAGS = {
  identity: { type: 'string' },
  'host-key': { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
} as const;

/**
 * What a storage URL cannot carry, from the flags and the environment: the SFTP key file
 * (`--identity`, BACKUP_SFTP_KEY_FILE), the host key (`--host-key`, BACKUP_SFTP_HOST_KEY), the S3
 * endpoint (`--endpoint`, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) and the AWS_* keys.
 */
export function storeOptions(flags: {
  identity?: string;
  'host-key'?: string;
  endpoint?: string;
  region?: string;
}): StoreUrlOptions {
  const home = (file: string) => (file.startsWith('~/') ? path.join(os.homedir(), file.slice(2)) : file);
  const identity = flags.identity ?? process.env.BACKUP_SFTP_KEY_FILE;
  return {
    identityFile: identity ? home(identity) : undefined,
    hostKeySha256: flags['host-key'] ?? process.env.BACKUP_SFTP_HOST_KEY,
    endpoint: flags.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL,
    region: flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  };
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * DATABASE_URL, or the embedded database in .data/pg: the one `npm start` is running if it is
 * (a second server on the same folder would not start), else started here and stopped by `stop`.
 */
export async function cliDatabase(tag: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const url = `postgres://postgres:postgres@127.0.0.1:${port}/jaring`;
    if (await answers(url)) {
      console.log(`[${tag}] using the embedded PostgreSQL already running on port ${port}`);
      process.env.DATABASE_URL = url;
    }
  }
  const { embedded } = await prepareRuntimeEnv();
  return { url: process.env.DATABASE_URL!, stop: async () => embedded?.stop() };
}

/** 1.5 MB, 230 kB: sizes for people. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Where a URL or path goes, without secrets (a URL's password, if one was typed, is masked). */
export function displayTarget(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = '••••';
    return url.toString();
  } catch {
    return target;
  }
}
