import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { renderInvoicePdf } from '@/lib/billing/pdf';
import { publicInvoice } from '@/lib/billing/public-invoice';
import { formatIDR } from '@/lib/format';
import { makeCustomerWorld, makeOrg, testDb } from '../helpers';

const db = testDb();

/** The text a PDF shows, read back from its (Flate-compressed) content streams. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    try {
      const body = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      // Text operators: (literal) Tj and [(a) -20 (b)] TJ, and <hex> strings.
      for (const t of body.matchAll(/\[(.*?)\]\s*TJ|\((.*?)\)\s*Tj|<([0-9a-fA-F]+)>\s*Tj/g)) {
        if (t[1]) out.push([...t[1].matchAll(/\((.*?)\)|<([0-9a-fA-F]+)>/g)].map((x) => x[1] ?? Buffer.from(x[2]!, 'hex').toString('latin1')).join(''));
        else if (t[2]) out.push(t[2]);
        else if (t[3]) out.push(Buffer.from(t[3], 'hex').toString('latin1'));
      }
    } catch {
      // not a compressed content stream (fonts, images)
    }
  }
  return out.join(' ');
}

test('the public link finds its invoice and nothing else', async () => {
  const { org, admin } = await makeOrg(db, 'pub');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const found = await publicInvoice(db, w.invoice.publicToken);
  assert.equal(found?.invoice.number, w.invoice.number);
  assert.equal(found?.organization.id, org.id);
  assert.equal(await publicInvoice(db, 'f'.repeat(64)), null);
  assert.equal(await publicInvoice(db, w.invoice.id), null, 'the invoice id is not a key');
  assert.equal(await publicInvoice(db, `${w.invoice.publicToken.slice(0, 63)}x`), null);
});

test('the invoice PDF renders with its number, total and status stamp', async () => {
  const { org, admin } = await makeOrg(db, 'pdf');
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const data = await publicInvoice(db, w.invoice.publicToken);
  const pdf = await renderInvoicePdf(data!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(pdf);
  assert.ok(text.includes(w.invoice.number), `number in: ${text.slice(0, 300)}`);
  const total = formatIDR(w.invoice.total).replace(/\s/g, '');
  assert.equal(total, 'Rp150.000');
  assert.ok(text.replace(/\s/g, '').includes(`Total${total}`), `total in: ${text.slice(0, 400)}`);
  assert.ok(text.includes('BAYAR SEBAGIAN'), 'a partly paid invoice is stamped so');
});
