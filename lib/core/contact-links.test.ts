import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapsUrl, telUrl, whatsappChatUrl, whatsappShareUrl } from './contact-links';

test('call, WhatsApp and maps links from a number typed any way', () => {
  assert.equal(telUrl('0812-3456-7890'), 'tel:+6281234567890');
  assert.equal(telUrl('(022) 123 456'), 'tel:022123456');
  assert.equal(whatsappChatUrl('0812 3456 7890'), 'https://wa.me/6281234567890');
  assert.equal(
    whatsappChatUrl('+62 812-3456-7890', 'Halo Budi & tagihan: https://x.id/i/a.b'),
    'https://wa.me/6281234567890?text=Halo%20Budi%20%26%20tagihan%3A%20https%3A%2F%2Fx.id%2Fi%2Fa.b',
  );
  assert.equal(whatsappChatUrl('022 123 456', 'x'), null, 'a landline has no WhatsApp');
  assert.equal(whatsappShareUrl('a\nb'), 'https://wa.me/?text=a%0Ab');
  assert.equal(mapsUrl(-6.9147, 107.6098), 'https://www.google.com/maps/dir/?api=1&destination=-6.9147,107.6098');
});
