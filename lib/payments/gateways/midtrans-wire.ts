/**
 * Midtrans Core API wire format: which charge each of our methods is, what a charge answer
 * carries for the customer, and how Midtrans writes statuses, amounts and times.
 */
import type { CreatePaymentInput, GatewayMethod, GatewayStatus, PaymentInstructions } from '@/lib/payments/types';
import { type Json, text } from './json';

type MethodSpec = GatewayMethod & { charge: (input: CreatePaymentInput) => Json; maxMinutes?: number };

// Midtrans refuses a custom expiry past 180 days, and past a day for ShopeePay.
const MAX_MINUTES = 180 * 24 * 60;

const cut = (text: string, max: number) => text.slice(0, max);

const bankTransfer = (code: string, bank: string, label: string): MethodSpec => ({
  code,
  kind: 'va',
  label,
  charge: () => ({ payment_type: 'bank_transfer', bank_transfer: { bank } }),
});

const METHOD_SPECS: readonly MethodSpec[] = [
  // QRIS through GoPay's acquirer: any QRIS app can pay the code (airpay shopee is the other acquirer).
  { code: 'qris', kind: 'qris', label: 'QRIS', charge: () => ({ payment_type: 'qris', qris: { acquirer: 'gopay' } }) },
  {
    code: 'gopay',
    kind: 'ewallet',
    label: 'GoPay',
    // enable_callback makes the Gojek app send the customer back to our page after paying.
    charge: (input) => ({ payment_type: 'gopay', gopay: { enable_callback: true, callback_url: input.returnUrl } }),
  },
  {
    code: 'shopeepay',
    kind: 'ewallet',
    label: 'ShopeePay',
    charge: (input) => ({ payment_type: 'shopeepay', shopeepay: { callback_url: input.returnUrl } }),
    maxMinutes: 24 * 60,
  },
  bankTransfer('bca_va', 'bca', 'BCA Virtual Account'),
  bankTransfer('bni_va', 'bni', 'BNI Virtual Account'),
  bankTransfer('bri_va', 'bri', 'BRI Virtual Account'),
  bankTransfer('permata_va', 'permata', 'Permata Virtual Account'),
  bankTransfer('cimb_va', 'cimb', 'CIMB Niaga Virtual Account'),
  {
    code: 'mandiri_bill',
    kind: 'va',
    label: 'Mandiri Bill Payment',
    // Mandiri shows label 1 (10 chars) and value 1 (30 chars) in its app and truncates longer text.
    charge: (input) => ({
      payment_type: 'echannel',
      echannel: { bill_info1: 'Payment:', bill_info2: cut(input.description, 30) },
    }),
  },
  // `message` is the label on Indomaret's POS (20 chars); Alfamart prints free text rows (40 chars).
  {
    code: 'indomaret',
    kind: 'retail',
    label: 'Indomaret',
    charge: (input) => ({
      payment_type: 'cstore',
      cstore: { store: 'indomaret', message: cut(input.description, 20) },
    }),
  },
  {
    code: 'alfamart',
    kind: 'retail',
    label: 'Alfamart',
    charge: (input) => ({
      payment_type: 'cstore',
      cstore: { store: 'alfamart', alfamart_free_text_1: cut(input.description, 40) },
    }),
  },
];

export const MIDTRANS_METHODS: readonly GatewayMethod[] = METHOD_SPECS.map(({ code, kind, label }) => ({
  code,
  kind,
  label,
}));

/** The whole /v2/charge body for one of our methods; undefined for a method Midtrans lacks here. */
export function chargeBody(input: CreatePaymentInput, now: Date): Json | undefined {
  const spec = METHOD_SPECS.find((m) => m.code === input.method);
  if (!spec) return undefined;
  const { name, email, phone } = input.customer;
  return {
    ...spec.charge(input),
    transaction_details: { order_id: input.orderId, gross_amount: input.amount },
    // Midtrans refuses the charge unless price × quantity adds up to gross_amount; names are 50 chars.
    item_details: input.items.map((item, i) => ({
      id: `ITEM${i + 1}`,
      price: item.price,
      quantity: item.quantity,
      name: cut(item.name, 50),
    })),
    customer_details: { first_name: cut(name, 255), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    custom_expiry: {
      order_time: formatWib(now),
      expiry_duration: expiryMinutes(input.expiresAt, now, spec.maxMinutes ?? MAX_MINUTES),
      unit: 'minute',
    },
  };
}

/**
 * Counted from order_time in whole minutes, rounded down so Midtrans never outlives our expiry,
 * and capped at what Midtrans takes (the charge answer's expiry_time then says the real one).
 */
function expiryMinutes(expiresAt: Date, now: Date, max: number): number {
  return Math.min(max, Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 60_000)));
}

function actionUrl(body: Json, name: string): string | undefined {
  if (!Array.isArray(body.actions)) return undefined;
  const action = body.actions.find((a) => typeof a === 'object' && a !== null && (a as Json).name === name) as
    | Json
    | undefined;
  return action ? text(action.url) : undefined;
}

/** What the customer needs from a charge answer (or a status answer, which repeats the numbers). */
export function instructionsOf(body: Json): PaymentInstructions {
  const out: PaymentInstructions = {};
  const va = Array.isArray(body.va_numbers) ? (body.va_numbers[0] as Json | undefined) : undefined;
  if (va && text(va.va_number)) Object.assign(out, { vaNumber: text(va.va_number), bank: text(va.bank) });
  // Permata answers with its own field instead of va_numbers.
  if (text(body.permata_va_number)) Object.assign(out, { vaNumber: text(body.permata_va_number), bank: 'permata' });
  if (text(body.bill_key))
    Object.assign(out, { payCode: text(body.bill_key), billerCode: text(body.biller_code), bank: 'mandiri' });
  if (text(body.payment_code)) out.payCode = text(body.payment_code);
  if (text(body.qr_string)) out.qrString = text(body.qr_string);
  const qrImage = actionUrl(body, 'generate-qr-code');
  if (qrImage && !out.qrString) out.qrImageUrl = qrImage;
  const deeplink = actionUrl(body, 'deeplink-redirect');
  if (deeplink) out.deeplinkUrl = deeplink;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as PaymentInstructions;
}

/**
 * Midtrans transaction_status in our terms. A card `capture` is paid unless the fraud check
 * challenged (still under review) or denied it; chargebacks return money like refunds do.
 */
export function statusOf(transactionStatus: string, fraudStatus?: string): GatewayStatus | null {
  switch (transactionStatus) {
    case 'capture':
      return fraudStatus === 'challenge' ? 'pending' : fraudStatus === 'deny' ? 'failed' : 'paid';
    case 'settlement':
      return 'paid';
    case 'pending':
    case 'authorize':
      return 'pending';
    case 'deny':
    case 'cancel':
    case 'failure':
      return 'failed';
    case 'expire':
      return 'expired';
    case 'refund':
    case 'chargeback':
      return 'refunded';
    case 'partial_refund':
    case 'partial_chargeback':
      return 'partially_refunded';
    default:
      return null;
  }
}

/** gross_amount ("10000.00") as whole rupiah; null for cents or anything not an amount. */
export function amountOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || !/^\d{1,15}(\.0{1,2})?$/.test(value)) return null;
  return Number(value.split('.')[0]);
}

const WIB_MS = 7 * 3600_000;

/** Midtrans times are WIB (UTC+7) written without a zone: "2024-07-05 10:53:53". */
export function parseWib(value: unknown): Date | null {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value) : null;
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** custom_expiry.order_time's form: "2016-12-07 11:54:12 +0700". */
export function formatWib(date: Date): string {
  const iso = new Date(date.getTime() + WIB_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0700`;
}
