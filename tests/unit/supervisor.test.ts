import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { supervise } from '@/scripts/supervisor';
import { waitFor } from '../helpers';

/** A node child running `code`; it keeps running until killed unless the code exits. */
const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const STAY = 'setInterval(() => {}, 1000)';
const alive = (pid: number | undefined) => {
  try {
    process.kill(pid!, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start supervisor', () => {
  test('a crashing web process is started again with a growing pause; the worker keeps running; stop ends both', async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    let webStarts = 0;
    const s = supervise(
      [
        // The web app crashes on its first two starts, then stays up.
        { name: 'web', spawn: () => (++webStarts <= 2 ? node('process.exit(3)')() : node(STAY)()) },
        { name: 'worker', spawn: node(STAY) },
      ],
      {
        backoffMs: (n) => {
          waits.push(n);
          return 50 * n;
        },
        log: (l) => lines.push(l),
      },
    );
    const worker = s.child('worker')!;
    await waitFor(async () => webStarts === 3 && s.child('web')?.pid !== undefined, 10_000, 20);
    assert.deepEqual(waits, [1, 2], 'the second restart in a row waits longer');
    assert.ok(lines.some((l) => l.includes('web stopped (exit code 3)')));
    assert.equal(s.child('worker'), worker, 'the worker was not restarted');
    assert.ok(alive(worker.pid), 'the worker kept running');
    const web = s.child('web')!;
    await s.stop();
    assert.ok(!alive(worker.pid) && !alive(web.pid), 'stop ends every child');
    assert.equal(webStarts, 3, 'nothing is restarted after stop');
  });

  test('a child killed by a signal is restarted too; stop during the pause starts nothing', async () => {
    let starts = 0;
    const s = supervise(
      [
        {
          name: 'web',
          spawn: () => {
            starts++;
            return node(STAY)();
          },
        },
      ],
      { backoffMs: () => 300, log: () => {} },
    );
    s.child('web')!.kill('SIGKILL');
    await waitFor(async () => s.restarts('web') === 1, 5000, 20);
    await s.stop();
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(starts, 1);
  });
});
