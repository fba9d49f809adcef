import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markDownSchema } from './schemas';

const base = { elementType: 'odp_port', elementId: '00000000-0000-4000-8000-000000000001' };

test('an ODP port out of range says so in the operator’s words (a message key, not zod’s English)', () => {
  for (const odpPort of ['0', '257', '-3', '2.5', 'abc']) {
    const r = markDownSchema.safeParse({ ...base, odpPort });
    assert.equal(r.success, false, odpPort);
    assert.deepEqual(
      r.error!.issues.map((i) => [i.path.join('.'), i.message]),
      [['odpPort', 'validation.odpPort']],
      odpPort,
    );
  }
  assert.equal(markDownSchema.parse({ ...base, odpPort: '8' }).odpPort, 8);
  assert.equal(markDownSchema.parse({ ...base, odpPort: '' }).odpPort, undefined);
});
