import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastWithWhite, readableBrandColor } from '@/components/portal/brand-color';

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

test('a dark enough brand colour is kept as the ISP chose it', () => {
  assert.equal(readableBrandColor('#047857'), '#047857');
  assert.equal(readableBrandColor('#1d4ed8'), '#1d4ed8');
});

test('a light brand colour (yellow, pastel) is darkened until white text on it is readable (AA)', () => {
  for (const light of ['#facc15', '#ffd500', '#a5f3fc', '#ffffff', '#22c55e']) {
    const out = readableBrandColor(light);
    assert.notEqual(out, light);
    assert.ok(contrastWithWhite(rgb(out)) >= 4.5, `${light} → ${out}`);
  }
});
