import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { folderWithin } from './local-path';

const root = mkdtempSync(path.join(os.tmpdir(), 'jaring-local-path-'));
after(() => rmSync(root, { recursive: true, force: true }));
const files = path.join(root, 'files');
mkdirSync(files);

test('a folder equal to or under the files folder is within it, one beside it is not', () => {
  assert.equal(folderWithin(files, files), true);
  assert.equal(folderWithin(`${files}/`, files), true);
  assert.equal(folderWithin(path.join(files, 'backups', 'not-made-yet'), files), true);
  assert.equal(folderWithin(path.join(root, 'files-backups'), files), false);
  assert.equal(folderWithin(root, files), false);
});

test('a symbolic link into the files folder is found by its real path', () => {
  const link = path.join(root, 'looks-elsewhere');
  symlinkSync(files, link);
  assert.equal(folderWithin(path.join(link, 'backups'), files), true);
  // And the files folder reached through a link is the same folder.
  assert.equal(folderWithin(path.join(files, 'x'), link), true);
});
