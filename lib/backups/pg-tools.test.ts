import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { BackupError } from './errors';
import { findPgTool, libpqEnv, parseToolVersion } from './pg-tools';

const root = mkdtempSync(path.join(os.tmpdir(), 'jaring-pgtools-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A script that answers `--version` like the real tool. */
function fakeTool(dir: string, name: string, version: string) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} (PostgreSQL) ${version}"\n`);
  chmodSync(file, 0o755);
  return file;
}

test('versions are read from the tools themselves', () => {
  assert.deepEqual(parseToolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)'), {
    version: '15.20',
    major: 15,
  });
  assert.deepEqual(parseToolVersion('pg_restore (PostgreSQL) 18.1'), { version: '18.1', major: 18 });
  assert.equal(parseToolVersion('something else'), null);
});

test("the server's major first, then a newer one, then PATH if new enough; PG_BIN_DIR overrides", () => {
  const debianRoot = path.join(root, 'postgresql');
  fakeTool(path.join(debianRoot, '15', 'bin'), 'pg_dump', '15.20');
  fakeTool(path.join(debianRoot, '17', 'bin'), 'pg_dump', '17.6');
  const pathDir = path.join(root, 'usr-bin');
  fakeTool(pathDir, 'pg_dump', '14.9');
  const find = (minMajor: number, over: { binDir?: string | null; preferMajor?: number } = {}) =>
    findPgTool('pg_dump', { minMajor, debianRoot, searchPath: pathDir, binDir: null, ...over });
  assert.equal(find(15).version, '15.20');
  assert.equal(find(16).version, '17.6', 'no 16: the newer 17 dumps a 16 server');
  assert.equal(find(14).version, '15.20', 'an older server: the oldest installed that is new enough');
  assert.equal(find(15, { preferMajor: 17 }).version, '17.6', 'pg_restore prefers the target server');
  assert.throws(
    () => find(18),
    (e: BackupError) =>
      e.code === 'pg_tools_missing' &&
      /apt-get install postgresql-client-18/.test(e.message) &&
      /on PATH is version 14\.9/.test(e.message),
  );
  const own = path.join(root, 'own');
  fakeTool(own, 'pg_dump', '16.4');
  assert.equal(find(15, { binDir: own }).version, '16.4');
  assert.throws(() => find(17, { binDir: own }), /16\.4; 17 or newer is needed/);
  assert.throws(() => find(15, { binDir: path.join(root, 'nothing') }), /holds no working pg_dump/);
});

test("the password goes to libpq's environment, never to the command line", () => {
  assert.deepEqual(libpqEnv('postgres://jaring:s%40cret@db.example:6543/jaring_prod?sslmode=require&max=10'), {
    PGHOST: 'db.example',
    PGPORT: '6543',
    PGUSER: 'jaring',
    PGPASSWORD: 's@cret',
    PGDATABASE: 'jaring_prod',
    PGSSLMODE: 'require',
    PGCONNECT_TIMEOUT: '15',
    PGAPPNAME: 'jaring-backup',
  });
  const local = libpqEnv('postgres://postgres@127.0.0.1/test');
  assert.equal(local.PGPORT, '5432');
  assert.equal(local.PGPASSWORD, undefined);
});
