import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOrgPhotoPath, photoTypeOf, sniffImage } from './photo-files';

const bytes = (...values: number[]) => new Uint8Array(values);

test('images are recognised by their first bytes, whatever the file claims', () => {
  assert.equal(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), 'image/jpeg');
  assert.equal(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), 'image/png');
  assert.equal(sniffImage(new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 ')), 'image/webp');
  assert.equal(sniffImage(new TextEncoder().encode('%PDF-1.4 not a photo')), null);
  assert.equal(sniffImage(new TextEncoder().encode('RIFF\x10\x00\x00\x00WAVEfmt ')), null);
  assert.equal(sniffImage(bytes()), null);
});

test('the served type follows the stored extension', () => {
  assert.equal(photoTypeOf('org/network/odp-1.png'), 'image/png');
  assert.equal(photoTypeOf('org/network/odp-1.webp'), 'image/webp');
  assert.equal(photoTypeOf('org/network/odp-1.jpg'), 'image/jpeg');
});

test("the photo route only reads from the organization's own photo folder", () => {
  const org = '2b1c7c1e-1111-4a4a-8a8a-000000000001';
  assert.equal(isOrgPhotoPath(org, `${org}/network/odp-1-ab12cd34.jpg`), true);
  assert.equal(isOrgPhotoPath(org, `${org}/network/../../etc/passwd`), false);
  assert.equal(isOrgPhotoPath(org, `${org}/network/../../other-org/network/x.jpg`), false);
  assert.equal(isOrgPhotoPath(org, '/etc/passwd'), false);
  assert.equal(isOrgPhotoPath(org, `other-org/network/x.jpg`), false);
  assert.equal(isOrgPhotoPath(org, `${org}/payments/slip.jpg`), false);
});
