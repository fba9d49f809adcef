import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { auditActionLabel } from './labels';

/** Every literal audit action written anywhere in lib/, as `action: 'x.y'`. */
function actionsInCode(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return actionsInCode(file);
    if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts')) return [];
    const text = readFileSync(file, 'utf8');
    return [
      ...text.matchAll(/action: (?:[^,]*\? )?'([A-Za-z_]+(?:\.[A-Za-z_]+)+)'(?: : '([A-Za-z_]+(?:\.[A-Za-z_]+)+)')?/g),
    ].flatMap((m) => [m[1]!, m[2]].filter(Boolean) as string[]);
  });
}

test('audit actions read as words in both languages, never as codes', () => {
  assert.equal(auditActionLabel('id', 'router.imported'), 'Pelanggan router diimpor');
  assert.equal(auditActionLabel('en', 'billing.isolation_run'), 'Isolation pass run by hand');
  assert.equal(auditActionLabel('en', 'something.new'), 'Other change');
  // Actions built from a template, which the scan above cannot read.
  const templated = [
    'exports.customers',
    'exports.invoices',
    'exports.payments',
    'exports.report',
    ...['transfer', 'return', 'faulty', 'write_off'].map((k) => `stockMove.${k}`),
  ];
  const actions = [...new Set([...actionsInCode(path.join(process.cwd(), 'lib')), ...templated])];
  assert.ok(actions.length > 40, `found ${actions.length}`);
  for (const a of actions) {
    for (const locale of ['id', 'en'] as const) {
      assert.notEqual(
        auditActionLabel(locale, a),
        auditActionLabel(locale, 'something.new'),
        `${a} has no ${locale} text`,
      );
    }
  }
});
