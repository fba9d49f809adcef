import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { JOB_CONTRACTS, JOB_TYPES } from '@/lib/job-contracts';
import { HANDLERS } from '@/workers/jobs';

/**
 * Every job contract (lib/job-contracts.ts) has exactly one handler in the worker, and every
 * handler is for a listed contract: a job that is enqueued but never handled, or a handler
 * nobody can enqueue, fails here rather than on a customer's router.
 */
test('every contract has one handler and every handler a contract', () => {
  const names = JOB_CONTRACTS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, 'job names are unique');
  const unhandled = JOB_CONTRACTS.filter((c) => HANDLERS.filter((h) => h.contract === c).length !== 1).map(
    (c) => c.name,
  );
  assert.deepEqual(unhandled, [], 'contracts without exactly one handler');
  const stray = HANDLERS.filter((h) => !(JOB_CONTRACTS as readonly unknown[]).includes(h.contract)).map(
    (h) => h.contract.name,
  );
  assert.deepEqual(stray, [], 'handlers whose contract is not listed in lib/job-contracts.ts');
});

/** Every jobs.ts under lib/: where contracts are declared. */
function contractFiles(dir = 'lib', out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) contractFiles(full, out);
    else if (name === 'jobs.ts') out.push(full);
  }
  return out;
}

test('every contract declared in lib/**/jobs.ts is listed (an unlisted one would never be handled)', async () => {
  const declared: unknown[] = [];
  for (const file of contractFiles()) {
    const mod = (await import(path.resolve(file))) as Record<string, unknown>;
    declared.push(
      ...Object.values(mod).filter((v) => typeof v === 'object' && v !== null && 'payload' in v && 'queue' in v),
    );
  }
  assert.ok(declared.length >= JOB_CONTRACTS.length);
  const unlisted = declared
    .filter((c) => !(JOB_CONTRACTS as readonly unknown[]).includes(c))
    .map((c) => (c as { name: string }).name);
  assert.deepEqual(unlisted, [], 'contracts missing from lib/job-contracts.ts');
});

test('every job type has a label on the jobs page in both languages', () => {
  for (const locale of ['id', 'en']) {
    const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as {
      jobs: { types: Record<string, string> };
    };
    const missing = JOB_TYPES.filter((type) => !messages.jobs.types[type]);
    assert.deepEqual(missing, [], `messages/${locale}.json jobs.types`);
  }
});

test("the worker's handlers are adapters: no queries of their own (the rules live in lib)", () => {
  const querying = readdirSync('workers/jobs')
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /from '(drizzle-orm|@\/db\/schema)'/.test(readFileSync(`workers/jobs/${f}`, 'utf8')));
  assert.deepEqual(querying, []);
});
