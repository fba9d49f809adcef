import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invoiceLinkToken } from '@/lib/billing/links';
import { saveBillingSettingsOp } from '@/lib/billing/operations';
import { renderInvoicePdf } from '@/lib/billing/pdf';
import { publicInvoice } from '@/lib/billing/public-invoice';
import { formatIDR } from '@/lib/format';
import { executeOperation, makeCtx } from '@/lib/server/operation';
import { makeCustomerWorld, makeOrg, testDb } from '../helpers';
import { pdfText } from '../support/pdf-text';

const db = testDb();

test('the public link finds its invoice and nothing else', async () => {
  const { org, admin } = await makeOrg(db, 'pub');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const token = invoiceLinkToken(w.invoice.id);
  const found = await publicInvoice(db, token);
  assert.equal(found?.invoice.number, w.invoice.number);
  assert.equal(found?.organization.id, org.id);
  assert.equal(await publicInvoice(db, 'f'.repeat(64)), null);
  assert.equal(await publicInvoice(db, w.invoice.id), null, 'the invoice id is not a key');
  assert.equal(
    await publicInvoice(db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`),
    null,
    'a changed signature',
  );
  const other = await makeOrg(db, 'pub-other');
  const ow = await makeCustomerWorld(db, other.org.id, other.admin.user.id);
  const forged = `${ow.invoice.id}.${token.split('.')[1]}`;
  assert.equal(await publicInvoice(db, forged), null, "one invoice's signature does not open another");
});

test('the invoice PDF renders with its number, total and status stamp', async () => {
  const { org, admin } = await makeOrg(db, 'pdf');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const data = await publicInvoice(db, invoiceLinkToken(w.invoice.id));
  const pdf = await renderInvoicePdf(data!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  assert.ok(text.includes(w.invoice.number), `number in: ${text.slice(0, 300)}`);
  const total = formatIDR(w.invoice.total).replace(/\s/g, '');
  assert.equal(total, 'Rp150.000');
  assert.ok(text.replace(/\s/g, '').includes(`Total${total}`), `total in: ${text.slice(0, 400)}`);
  assert.ok(text.includes('BAYAR SEBAGIAN'), 'a partly paid invoice is stamped so');
  // The link is printed whole: one line, no hyphen put in where it would have broken.
  assert.ok(text.includes(data!.publicUrl), `link in: ${text}`);
  const long = { ...data!, publicUrl: `${data!.publicUrl.replace('/i/', '/tagihan/pelanggan/i/')}` };
  assert.ok(pdfText(await renderInvoicePdf(long)).includes(long.publicUrl), 'a longer link too');
});

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('an uploaded logo appears on the PDF; a custom number format is used by the next run', async () => {
  const { org, admin } = await makeOrg(db, 'brand');
  const ctx = makeCtx({ db, orgId: org.id, userId: admin.user.id, role: 'admin', ip: null, locale: 'id' });
  const settings = {
    invoiceDay: '1',
    dueDay: '20',
    graceDays: '0',
    isolationTime: '00:01',
    taxPercent: '11',
    invoicePrefix: 'RT',
    prorata: 'on',
  };
  const bad = await executeOperation(saveBillingSettingsOp, ctx, {
    ...settings,
    invoiceNumberFormat: '{prefix}-{yyyy}',
  });
  assert.equal(!bad.ok && bad.fieldErrors?.invoiceNumberFormat?.startsWith('Gunakan {yyyy}, {mm}, dan {seq}'), true);
  const notImage = await executeOperation(saveBillingSettingsOp, ctx, {
    ...settings,
    logo: new File([Buffer.from('x')], 'a.gif', { type: 'image/gif' }),
  });
  assert.equal(!notImage.ok && notImage.fieldErrors?.logo, 'Logo harus PNG atau JPG, maksimal 1 MB.');
  const disguised = await executeOperation(saveBillingSettingsOp, ctx, {
    ...settings,
    logo: new File([Buffer.from('<svg onload=alert(1)>')], 'logo.png', { type: 'image/png' }),
  });
  assert.equal(
    !disguised.ok && disguised.fieldErrors?.logo,
    'Logo harus PNG atau JPG, maksimal 1 MB.',
    'typed by its bytes, not its name',
  );
  const ok = await executeOperation(saveBillingSettingsOp, ctx, {
    ...settings,
    invoiceNumberFormat: '{prefix}-{yyyy}-{mm}-{seq}',
    logo: new File([PNG_1X1], 'logo.png', { type: 'image/png' }),
  });
  assert.ok(ok.ok, JSON.stringify(ok));

  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  assert.equal(w.invoice.number, 'RT-2026-11-00001');
  const data = await publicInvoice(db, invoiceLinkToken(w.invoice.id));
  assert.match(data!.settings.logoDataUrl!, /^data:image\/png;base64,/);
  const images = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length;
  // Image XObjects (a PNG with transparency adds a soft mask): the logo adds to the QR code's.
  const withLogo = images(await renderInvoicePdf(data!));
  const without = images(await renderInvoicePdf({ ...data!, settings: { ...data!.settings, logoDataUrl: null } }));
  assert.ok(without >= 1, 'the QR code is an image');
  assert.ok(withLogo > without, `logo adds an image (${withLogo} vs ${without})`);
});
