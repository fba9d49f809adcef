import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { removeStaleWork } from '@/lib/backups/archive';
import { removeOnInterrupt } from '@/scripts/backup-cli';

/** A plain dump must not outlive the backup or restore that made it, however that one ended. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-backup-work-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test("a killed backup's plain dump and half-written file are removed by the next backup, a running one's kept", async () => {
  const work = mkdtempSync(path.join(dir, 'work-'));
  const day = 24 * 60 * 60 * 1000;
  const make = (name: string, ageMs: number, folder = false) => {
    const full = path.join(work, name);
    if (folder) {
      mkdirSync(full);
      writeFileSync(path.join(full, 'database.dump'), 'plain');
    } else writeFileSync(full, 'x');
    const at = new Date(Date.now() - ageMs);
    utimesSync(full, at, at);
  };
  make('.jaring-20250101-030000.jbk-Ab12Cd', 2 * day, true);
  make('jaring-20250101-030000.jbk.part', 2 * day);
  make('.jaring-20250103-030000.jbk-Xy34Zw', 60_000, true);
  make('jaring-20250103-030000.jbk.part', 60_000);
  make('jaring-20241231-030000.jbk', 3 * day);
  make('notes.txt', 3 * day);
  const removed = await removeStaleWork(work);
  assert.deepEqual(removed.sort(), ['.jaring-20250101-030000.jbk-Ab12Cd', 'jaring-20250101-030000.jbk.part']);
  for (const kept of [
    '.jaring-20250103-030000.jbk-Xy34Zw',
    'jaring-20250103-030000.jbk.part',
    'jaring-20241231-030000.jbk',
    'notes.txt',
  ])
    assert.ok(existsSync(path.join(work, kept)), kept);
  assert.deepEqual(await removeStaleWork(path.join(dir, 'missing')), []);
});

test('an interrupted backup or restore removes its work files before it exits', () => {
  const work = mkdtempSync(path.join(dir, 'restore-'));
  writeFileSync(path.join(work, 'payload.tar'), 'plain');
  const exits: number[] = [];
  const error = console.error;
  console.error = () => {};
  const interrupt = removeOnInterrupt(
    'restore',
    () => [work],
    (code) => exits.push(code),
  );
  try {
    assert.ok(process.listeners('SIGTERM').includes(interrupt.handler));
    interrupt.handler('SIGINT');
    assert.ok(!existsSync(work));
    assert.deepEqual(exits, [130]);
  } finally {
    console.error = error;
    interrupt.dispose();
  }
  assert.ok(!process.listeners('SIGINT').includes(interrupt.handler));
});
