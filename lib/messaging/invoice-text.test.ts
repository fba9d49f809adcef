import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invoiceMessageText } from './invoice-text';

const values = {
  'customer.name': 'Budi',
  'invoice.total': 'Rp 200.000',
  'invoice.outstanding': 'Rp 150.000',
  'invoice.link': 'https://isp.example/i/abc',
};
const body = 'Halo {{customer.name}}, tagihan Anda {{invoice.total}}.\nBayar: {{invoice.link}}\nTerima kasih';

test('a partly paid invoice says what is still to pay, right under the total', () => {
  const text = invoiceMessageText({ body, values, invoice: { total: 200_000, paidAmount: 50_000 }, locale: 'id' });
  assert.equal(
    text,
    'Halo Budi, tagihan Anda Rp 200.000.\nSisa yang harus dibayar: Rp 150.000\nBayar: https://isp.example/i/abc\nTerima kasih',
  );
});

test('an unpaid invoice is sent as the template says; a template without the link gets it added', () => {
  assert.equal(
    invoiceMessageText({ body, values, invoice: { total: 200_000, paidAmount: 0 }, locale: 'en' }),
    'Halo Budi, tagihan Anda Rp 200.000.\nBayar: https://isp.example/i/abc\nTerima kasih',
  );
  assert.equal(
    invoiceMessageText({
      body: 'Still to pay {{invoice.outstanding}}',
      values,
      invoice: { total: 200_000, paidAmount: 50_000 },
      locale: 'en',
    }),
    'Still to pay Rp 150.000\nhttps://isp.example/i/abc',
  );
});
