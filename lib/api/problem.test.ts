import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { API_ERROR_CODES, apiProblem, localeFromAcceptLanguage, statusOfCode } from './problem';

test('Accept-Language picks the first language Jaring speaks, by weight; Indonesian otherwise', () => {
  assert.equal(localeFromAcceptLanguage(null), 'id');
  assert.equal(localeFromAcceptLanguage('en-US,en;q=0.9'), 'en');
  assert.equal(localeFromAcceptLanguage('fr-FR, id;q=0.4, en;q=0.8'), 'en');
  assert.equal(localeFromAcceptLanguage('en;q=0, id'), 'id');
  assert.equal(localeFromAcceptLanguage('de'), 'id');
  assert.equal(localeFromAcceptLanguage('*'), 'id');
});

test('every API refusal has its title and detail in both languages', () => {
  for (const code of API_ERROR_CODES) {
    for (const locale of ['id', 'en'] as const) {
      const p = apiProblem(locale, code, { max: 64 });
      assert.ok(!p.title.startsWith('restApi.') && !p.detail.startsWith('restApi.'), `${locale} ${code}`);
      assert.ok(!p.detail.includes('{'), `${locale} ${code} fills its parameters`);
    }
  }
  assert.deepEqual(Object.keys(id.restApi.errors).sort(), [...API_ERROR_CODES].sort());
  assert.deepEqual(Object.keys(en.restApi.errors).sort(), [...API_ERROR_CODES].sort());
});

test('an operation’s codes map to the HTTP statuses a client expects', () => {
  assert.equal(statusOfCode('forbidden'), 403);
  assert.equal(statusOfCode('not_found'), 404);
  assert.equal(statusOfCode('validation'), 422);
  assert.equal(statusOfCode('invalid_transition'), 409);
  assert.equal(statusOfCode('email_taken'), 409);
});
