import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Box, cardLayout, overlaps, textWidth } from './card-layout';

// The A4 grids of lib/vouchers/pdf.tsx: (595.28 - 36) / cols by (841.89 - 36) / rows.
const GRIDS = { 8: [2, 4], 10: [2, 5], 20: [4, 5], 40: [4, 10] } as const;
const cell = (cols: number, rows: number): [number, number] => [(595.28 - 36) / cols, (841.89 - 36) / rows];

const WORST = {
  organization: 'PT Jaringan Internet Nusantara Sejahtera Abadi',
  price: 'Rp\u00a0150.000',
  profile: 'Voucher Bulanan Keluarga Besar · Berlaku 30 hari · Kuota 100 jam / 50 GB',
  // A prefix of 8 and the longest code: 24 characters that may not be cut.
  code: 'User: HOTSPOT-ABCDEFGHJKMNPQRS',
  password: 'Sandi: ABCDEFGHJKMNPQRS',
  url: 'https://login.hotspot-rt05.example.co.id/login?dst=https://example.com',
};

const inside = (b: Box, w: number, h: number) =>
  b.x >= 0 && b.y >= 0 && b.x + b.width <= w + 1e-6 && b.y + b.height <= h + 1e-6;

describe('voucher card layout', () => {
  for (const [perPage, [cols, rows]] of Object.entries(GRIDS)) {
    for (const withPassword of [false, true]) {
      test(`${perPage} cards a page${withPassword ? ', separate password' : ''}: no text under the QR, nothing outside the card`, () => {
        const [w, h] = cell(cols, rows);
        const layout = cardLayout({
          width: w,
          height: h,
          ...WORST,
          password: withPassword ? WORST.password : null,
          qr: true,
          logo: true,
        });
        assert.ok(layout.qr && inside(layout.qr, w, h));
        const keys = layout.lines.map((l) => l.key);
        assert.ok(keys.includes('price') && keys.includes('code'), keys.join());
        if (withPassword) assert.ok(keys.includes('password'));
        for (const line of layout.lines) {
          // The box a line's glyphs actually take: never wider than the room it was given.
          const ink = { x: line.x, y: line.y, width: textWidth(line.text, line.font, line.size), height: line.height };
          assert.ok(ink.width <= line.width + 1e-6, `${line.key} "${line.text}" is ${ink.width} pt in ${line.width}`);
          assert.ok(inside({ ...line }, w, h), `${line.key} leaves the card`);
          assert.ok(!overlaps(line, layout.qr), `${line.key} runs under the QR`);
          if (layout.logo) assert.ok(line.key === 'organization' || !overlaps(line, layout.logo));
        }
        for (const [i, a] of layout.lines.entries())
          for (const b of layout.lines.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.key} and ${b.key} overlap`);
        // The code is printed whole (shrunk, never cut).
        assert.equal(layout.lines.find((l) => l.key === 'code')!.text, WORST.code);
        assert.ok(layout.lines.find((l) => l.key === 'code')!.size >= 4);
      });
    }
  }

  test('a short card keeps its natural sizes and every line', () => {
    const [w, h] = cell(2, 5);
    const layout = cardLayout({
      width: w,
      height: h,
      organization: 'Jaring Demo Net',
      price: 'Rp\u00a05.000',
      profile: 'Voucher Harian · Berlaku 1 hari',
      code: 'JD4K7Q2M',
      password: null,
      url: 'http://hotspot.demo.jaring.id/login',
      qr: true,
      logo: false,
    });
    assert.deepEqual(
      layout.lines.map((l) => [l.key, l.size]),
      [
        ['organization', 8],
        ['price', 11],
        ['profile', 8],
        ['code', 13],
        ['url', 7],
      ],
    );
  });
});
