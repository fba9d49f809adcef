import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { refusalMessage } from './send';

describe('a refused step, as the technician reads it', () => {
  test('names each field the server refused, not only the summary', () => {
    assert.equal(
      refusalMessage({ code: 'validation', message: 'Periksa isian.', fieldErrors: { mac: 'MAC tidak valid.' } }),
      'Periksa isian. MAC tidak valid.',
    );
    assert.equal(refusalMessage(null), '');
  });
});
