import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEMPLATE_CATEGORIES } from '@/db/schema';
import { DEFAULT_TEMPLATES, renderTemplate, sampleValues, templateProblems } from './templates';

test('variables are filled; a missing value is empty text, never "undefined"', () => {
  assert.equal(
    renderTemplate('Halo {{customer.name}}, total {{ invoice.total }}.', {
      'customer.name': 'Budi',
      'invoice.total': 'Rp 150.000',
    }),
    'Halo Budi, total Rp 150.000.',
  );
  assert.equal(renderTemplate('Halo {{customer.name}}!', {}), 'Halo !');
});

test('an unknown variable or a stray brace is reported for the category', () => {
  assert.deepEqual(templateProblems('Total {{invoice.totl}} untuk {{customer.name}}', 'invoice'), {
    unknown: ['invoice.totl'],
    malformed: false,
  });
  assert.deepEqual(templateProblems('Password {{service.password}}', 'invoice'), {
    unknown: ['service.password'],
    malformed: false,
  });
  assert.equal(templateProblems('Halo {{customer.name}', 'invoice').malformed, true);
  assert.deepEqual(templateProblems('Halo {{customer.name}}', 'broadcast'), { unknown: [], malformed: false });
});

test('every built-in template is valid for its category in both languages and renders fully', () => {
  for (const category of TEMPLATE_CATEGORIES) {
    for (const locale of ['id', 'en'] as const) {
      const body = DEFAULT_TEMPLATES[category][locale];
      assert.deepEqual(templateProblems(body, category), { unknown: [], malformed: false }, `${category}/${locale}`);
      assert.doesNotMatch(renderTemplate(body, sampleValues()), /\{\{|\}\}/);
    }
  }
});
