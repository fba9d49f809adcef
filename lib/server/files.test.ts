import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniffFileType, uploadedFileHeaders } from './files';

const text = (s: string) => new TextEncoder().encode(s);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

test('an uploaded file is typed by its bytes, not its name or declared type', () => {
  assert.equal(sniffFileType(PNG), 'image/png');
  assert.equal(sniffFileType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(sniffFileType(text('RIFF\x10\x00\x00\x00WEBPVP8 ')), 'image/webp');
  assert.equal(sniffFileType(text('%PDF-1.7\n')), 'application/pdf');
  assert.equal(sniffFileType(text('<html><script>alert(1)</script>')), null);
  assert.equal(sniffFileType(new Uint8Array()), null);
});

test('an image is shown inline; a PDF or anything else downloads as an attachment, never sniffed', () => {
  const image = uploadedFileHeaders(PNG, 'bukti-1234');
  assert.deepEqual(image, {
    'content-type': 'image/png',
    'content-disposition': 'inline; filename="bukti-1234.png"',
    'x-content-type-options': 'nosniff',
  });
  const pdf = uploadedFileHeaders(text('%PDF-1.4 slip'), 'bukti-1234');
  assert.equal(pdf['content-type'], 'application/pdf');
  assert.equal(pdf['content-disposition'], 'attachment; filename="bukti-1234.pdf"');
  // A page stored before uploads were checked (its row says image/png) still never renders.
  const html = uploadedFileHeaders(text('<html><script>alert(1)</script>'), 'x"; y');
  assert.deepEqual(html, {
    'content-type': 'application/octet-stream',
    'content-disposition': 'attachment; filename="x-y.bin"',
    'x-content-type-options': 'nosniff',
  });
});
