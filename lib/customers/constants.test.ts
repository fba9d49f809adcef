import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translate } from '@/lib/i18n/translate';
import { HISTORY_REASONS, historyReasonKey } from './constants';

test('system history reasons are codes shown in the reader’s language; staff text stays as typed', () => {
  for (const code of HISTORY_REASONS) {
    const key = historyReasonKey(code)!;
    assert.notEqual(translate('id', key), key, code);
    assert.notEqual(translate('en', key), key, code);
  }
  assert.equal(translate('id', historyReasonKey('lead_verified')!), 'calon pelanggan diverifikasi');
  // Rows written in English before the codes existed are translated too.
  assert.equal(translate('id', historyReasonKey('lead verified')!), 'calon pelanggan diverifikasi');
  assert.equal(translate('id', historyReasonKey('imported from router RB-1')!), 'diimpor dari router');
  assert.equal(historyReasonKey('pelanggan minta berhenti'), null);
  assert.equal(historyReasonKey(null), null);
});
