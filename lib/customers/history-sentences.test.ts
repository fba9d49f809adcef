import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditSentence, customerTimeline, statusSentence } from './history-sentences';

const at = (m: number) => new Date(Date.UTC(2026, 11, 6, 3, m));
const audit = (action: string, data: unknown, m = 0, actorName: string | null = 'Rina') => ({
  id: `${action}-${m}`,
  createdAt: at(m),
  actorName,
  action,
  data,
});

test('status history reads as a sentence, with the reason in words', () => {
  const row = { id: 'h', createdAt: at(0), jobId: null, actorName: null, fromStatus: 'active', toStatus: 'isolated' };
  assert.equal(
    statusSentence('id', { ...row, reason: 'unpaid_invoice' }),
    'Sistem mengubah status dari Aktif menjadi Isolir. Alasan: faktur belum dibayar.',
  );
  assert.equal(
    statusSentence('en', { ...row, actorName: 'Rina', fromStatus: null, toStatus: 'pending', reason: null }),
    'Rina created the subscription as Pending installation.',
  );
});

test('audit rows read as sentences with money and fields, never JSON', () => {
  assert.equal(
    auditSentence('id', audit('payment.recorded', { paymentId: 'x', amount: 166500, method: 'cash', paid: 1 })),
    'Rina mencatat pembayaran Rp\u00a0166.500 (Tunai (loket)).',
  );
  assert.equal(
    auditSentence(
      'id',
      audit('customer.updated', { phone: { from: '0812', to: '0813' }, address: { from: 'A', to: 'B' } }),
    ),
    'Rina mengubah data pelanggan: No. HP: 0812 → 0813; Alamat: A → B.',
  );
  assert.equal(
    auditSentence('en', audit('subscription.service_changed', { before: { planId: 'p1' }, after: { planId: 'p2' } })),
    'Rina changed the service: Plan.',
  );
  assert.equal(
    auditSentence('id', audit('invoice.sent_whatsapp', { number: 'INV/202612/00001' })),
    'Rina mengirim tagihan INV/202612/00001 ke WhatsApp pelanggan.',
  );
  // A message that was cancelled (opted out, not a WhatsApp number) never reads as sent.
  assert.equal(
    auditSentence('id', audit('invoice.whatsapp_not_sent', { number: 'INV/202612/00001', error: 'opted_out' })),
    'Rina mencoba mengirim tagihan INV/202612/00001 ke WhatsApp, tetapi tidak terkirim: pelanggan memilih tidak menerima pesan WhatsApp.',
  );
  assert.equal(
    auditSentence('en', audit('invoice.sent_whatsapp', { number: 'INV/202612/00001', error: 'invalid_phone' })),
    "Rina tried to send invoice INV/202612/00001 to WhatsApp, but it was not sent: the customer's phone is not a WhatsApp number.",
  );
  assert.equal(
    auditSentence('en', audit('lead.converted', { number: 42 })),
    'Rina verified the lead as customer C-000042.',
  );
  const unknown = auditSentence('id', audit('something.new', { secret: { a: 1 } }, 0, null));
  assert.equal(unknown, 'Sistem: Perubahan lain.');
  for (const s of [unknown]) assert.ok(!/[{}]/.test(s));
});

test('the timeline is newest first and the status-change audit row is not said twice', () => {
  const lines = customerTimeline(
    'id',
    [
      {
        id: 'h',
        createdAt: at(5),
        jobId: 'j',
        actorName: 'Rina',
        fromStatus: 'isolated',
        toStatus: 'active',
        reason: 'paid',
      },
    ],
    [
      audit('subscription.status_changed', { from: 'isolated', to: 'active' }, 5),
      audit('payment.recorded', { amount: 1000, method: 'cash' }, 4),
    ],
  );
  assert.deepEqual(
    lines.map((l) => l.id),
    ['h', 'audit-payment.recorded-4'],
  );
  assert.equal(lines[0]!.jobId, 'j');
});
