import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paymentMethodWord } from './payment-words';

test('the payment method in a customer message is a word of their language, not a code', () => {
  assert.equal(paymentMethodWord('id', 'cash', null), 'tunai');
  assert.equal(paymentMethodWord('en', 'cash', null), 'cash');
  assert.equal(paymentMethodWord('id', 'transfer', null), 'transfer bank');
  assert.equal(paymentMethodWord('en', 'transfer', null), 'bank transfer');
  assert.equal(paymentMethodWord('id', 'gateway', 'midtrans qris JRG-1'), 'QRIS');
  assert.equal(paymentMethodWord('id', 'gateway', null), 'pembayaran online');
});
