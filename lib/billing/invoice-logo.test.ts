import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invoiceLogoPath } from './public-invoice';

test("the invoice's own logo first, else the organization's when the PDF can draw it", () => {
  assert.equal(invoiceLogoPath('o/branding/logo.png', 'o/branding/org-logo-1.webp'), 'o/branding/logo.png');
  assert.equal(invoiceLogoPath(null, 'o/branding/org-logo-1.jpg'), 'o/branding/org-logo-1.jpg');
  assert.equal(invoiceLogoPath(null, 'o/branding/org-logo-1.PNG'), 'o/branding/org-logo-1.PNG');
  assert.equal(invoiceLogoPath(null, 'o/branding/org-logo-1.webp'), null);
  assert.equal(invoiceLogoPath(null, null), null);
});
