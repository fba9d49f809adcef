import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'messages',
  'i18n',
  'public',
  'next.config.ts',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
  'proxy.ts',
];
const STAMP = path.join('.next', 'jaring-source-hash');

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (entry: string) => {
    if (!existsSync(entry)) return;
    if (statSync(entry).isDirectory()) {
      for (const name of readdirSync(entry).sort()) walk(path.join(entry, name));
    } else {
      hash.update(entry).update(readFileSync(entry));
    }
  };
  SOURCES.forEach(walk);
  return hash.digest('hex');
}

/** Builds the web app unless `.next` was built from exactly these sources. */
export function buildIfNeeded() {
  const hash = sourceHash();
  if (existsSync(path.join('.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return;
  console.log('[start] building the web app (first run or changed sources; about a minute)…');
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed');
  writeFileSync(STAMP, hash);
}

/**
 * The same, without blocking: `npm test` builds while the unit and integration tests run
 * (they wait on the database more than on the processor). The build's output is kept and
 * printed at the end, not interleaved with the tests' report.
 */
export function buildIfNeededInBackground(): Promise<void> {
  const hash = sourceHash();
  if (existsSync(path.join('.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash)
    return Promise.resolve();
  console.log('[test] building the web app for the browser tests, beside the other tests…');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', reject);
    child.on('close', (status) => {
      // The whole log when it failed (the error is rarely at the end), the summary when not.
      console.log(
        `[test] next build finished (exit ${status}):\n${status === 0 ? log.split('\n').slice(-40).join('\n') : log}`,
      );
      if (status !== 0) return reject(new Error('next build failed'));
      writeFileSync(STAMP, hash);
      resolve();
    });
  });
}
