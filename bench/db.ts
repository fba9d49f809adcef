import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { migrateDatabase } from '../scripts/migrate-lib';

/** A migrated throw-away database: BENCH_DATABASE_URL's server, else embedded PostgreSQL. */
export async function benchDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  process.env.NEXTAUTH_SECRET ??= 'bench-secret-bench-secret';
  process.env.APP_ENCRYPTION_KEY ??= 'YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMzI';
  // The benches' RouterOS stand-in listens on loopback, which a router address may only be
  // with this set (lib/network/router-address.ts); without it the router jobs never connect.
  process.env.ROUTER_ALLOW_LOOPBACK ??= 'true';
  let url = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (url) {
    await ensureDatabase(url, name);
    url = Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-bench-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: await freePort(), database: name });
    url = pg.url;
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  return { url, stop };
}

async function freePort() {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
export const round2 = (x: number) => Math.round(x * 100) / 100;
