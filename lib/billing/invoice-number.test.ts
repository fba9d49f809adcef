import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isValidInvoiceNumberFormat } from './invoice-number';
import { billingSettingsSchema } from './settings';

describe('invoice number format', () => {
  test('formats with year, month and sequence once each are accepted', () => {
    for (const f of [
      '{prefix}/{yyyy}{mm}/{seq}',
      '{yyyy}{mm}{seq}',
      'INV-{seq}-{mm}.{yyyy}',
      '{prefix}{prefix}_{yyyy}_{mm}_{seq}',
    ]) {
      assert.equal(isValidInvoiceNumberFormat(f), true, f);
    }
  });

  test('formats whose numbers could come back another month are refused', () => {
    for (const f of [
      '{prefix}/{seq}', // no period: the counter restarts every month
      '{prefix}/{yyyy}/{seq}', // no month: February repeats January
      '{prefix}/{mm}/{seq}', // no year: next January repeats this one
      '{prefix}/{yy}{mm}/{seq}', // {yy} is not a token: it would print as "{yy}"
      '{yyyy}{mm}{seq}{seq}', // two sequences
      '{yyyy}{yyyy}{mm}{seq}',
      '{yyyy}{mm}{seq}}', // a stray brace
      '{yyyy{mm}}{seq}',
      '{yyyy} {mm} {seq}', // spaces
      '',
      `{yyyy}{mm}{seq}${'x'.repeat(50)}`,
    ]) {
      assert.equal(isValidInvoiceNumberFormat(f), false, f);
    }
  });

  test('the settings form refuses such a format with the translated field error', () => {
    const base = {
      invoiceDay: 1,
      dueDay: 20,
      graceDays: 0,
      isolationTime: '00:01',
      taxPercent: 11,
      invoicePrefix: 'INV',
    };
    const bad = billingSettingsSchema.safeParse({ ...base, invoiceNumberFormat: '{prefix}/{yyyy}{mm}/{seq}-{seq}' });
    assert.equal(bad.success, false);
    assert.deepEqual(
      bad.error!.issues.map((i) => [i.path.join('.'), i.message]),
      [['invoiceNumberFormat', 'validation.numberFormat']],
    );
    assert.equal(
      billingSettingsSchema.safeParse({ ...base, invoiceNumberFormat: '{prefix}-{yyyy}{mm}-{seq}' }).success,
      true,
    );
  });
});
