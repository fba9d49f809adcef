import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Header } from 'tar';
import { extractFilesArchive, tarFiles } from './files-archive';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-files-archive-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { path: string; type: string; linkpath?: string; mode?: number; body?: string };

/** A tar written by hand, as a crafted backup's files.tar could be (node-tar would not write these). */
function craftTar(name: string, entries: Entry[]) {
  const blocks = entries.flatMap((e) => {
    const body = Buffer.from(e.body ?? '');
    const header = Buffer.alloc(512);
    new Header({
      path: e.path,
      type: e.type as never,
      linkpath: e.linkpath,
      size: body.length,
      mode: e.mode ?? 0o644,
      mtime: new Date(),
      uid: 0,
      gid: 0,
    }).encode(header, 0);
    return [header, body, Buffer.alloc((512 - (body.length % 512)) % 512)];
  });
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat([...blocks, Buffer.alloc(1024)]));
  return file;
}

test('the files folder round trip: files and folders back, a link named as not restored', async () => {
  const files = mkdtempSync(path.join(dir, 'files-'));
  mkdirSync(path.join(files, 'slips'));
  writeFileSync(path.join(files, 'slips', 'slip.jpg'), 'jpeg');
  writeFileSync(path.join(files, 'invoice.pdf'), 'pdf!');
  symlinkSync(os.tmpdir(), path.join(files, 'photos'));
  const out = path.join(dir, 'files.tar');
  assert.deepEqual(await tarFiles(files, out), { count: 2, bytes: 8 });
  const restored = mkdtempSync(path.join(dir, 'restored-'));
  assert.deepEqual(await extractFilesArchive(out, restored), { skipped: ['./photos'] });
  assert.equal(readFileSync(path.join(restored, 'slips', 'slip.jpg'), 'utf8'), 'jpeg');
  assert.equal(readFileSync(path.join(restored, 'invoice.pdf'), 'utf8'), 'pdf!');
  assert.ok(!existsSync(path.join(restored, 'photos')));
});

test('a crafted files tar writes only plain files and folders inside the files folder', async () => {
  const secret = path.join(dir, 'secret.txt');
  writeFileSync(secret, 'SECRET');
  const tarFile = craftTar('crafted.tar', [
    { path: 'ln', type: 'SymbolicLink', linkpath: dir },
    { path: 'hard', type: 'Link', linkpath: secret },
    { path: 'pipe', type: 'FIFO' },
    { path: 'docs', type: 'Directory', mode: 0o755 },
    { path: 'docs/suid', type: 'File', mode: 0o6755, body: 'x' },
  ]);
  const target = mkdtempSync(path.join(dir, 'target-'));
  const { skipped } = await extractFilesArchive(tarFile, target);
  assert.deepEqual(skipped, ['ln', 'hard', 'pipe']);
  assert.ok(!existsSync(path.join(target, 'ln')) && !existsSync(path.join(target, 'hard')));
  assert.equal(lstatSync(path.join(target, 'docs', 'suid')).mode & 0o7000, 0, 'no setuid/setgid bit');

  for (const [name, entry] of [
    ['up.tar', { path: '../up.txt', type: 'File', body: 'up' }],
    ['abs.tar', { path: `${dir}/abs.txt`, type: 'File', body: 'abs' }],
  ] as const) {
    await assert.rejects(extractFilesArchive(craftTar(name, [entry]), target));
    assert.ok(!existsSync(path.join(dir, 'up.txt')) && !existsSync(path.join(dir, 'abs.txt')));
  }
});

test('a file that cannot be written fails the restore instead of being left out', async () => {
  const tarFile = craftTar('blocked.tar', [
    { path: 'a.txt', type: 'File', body: 'a' },
    { path: 'b.txt', type: 'File', body: 'b' },
  ]);
  const target = mkdtempSync(path.join(dir, 'blocked-'));
  // A folder (not empty) where the backup has a file: the file cannot be written there.
  mkdirSync(path.join(target, 'a.txt', 'inside'), { recursive: true });
  await assert.rejects(extractFilesArchive(tarFile, target));
});

test('copies that expire by themselves stay out of a backup: export ZIPs, import uploads and staging', async () => {
  const files = mkdtempSync(path.join(dir, 'files-'));
  const org = '0b9c2a8e-5f7a-4d3e-9c1b-2a4f6e8d0c11';
  for (const folder of [`${org}/exports`, `${org}/slips`, 'org-imports', '.org-import-x1/a']) {
    mkdirSync(path.join(files, folder), { recursive: true });
  }
  writeFileSync(path.join(files, org, 'exports', 'export.zip'), 'zip');
  writeFileSync(path.join(files, org, 'slips', 'slip.jpg'), 'jpeg');
  writeFileSync(path.join(files, 'org-imports', 'upload.part'), 'part');
  writeFileSync(path.join(files, '.org-import-x1', 'a', 'logo.png'), 'png');
  const out = path.join(dir, 'files-expiring.tar');
  assert.deepEqual(await tarFiles(files, out), { count: 1, bytes: 4 });
  const restored = mkdtempSync(path.join(dir, 'restored-'));
  await extractFilesArchive(out, restored);
  assert.equal(readFileSync(path.join(restored, org, 'slips', 'slip.jpg'), 'utf8'), 'jpeg');
  assert.ok(!existsSync(path.join(restored, org, 'exports')));
  assert.ok(!existsSync(path.join(restored, 'org-imports')));
});
