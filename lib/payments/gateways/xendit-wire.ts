/**
 * Xendit Invoice API wire format: the invoice we create for one chosen method, and how Xendit
 * writes invoice statuses, amounts and times.
 */
import { normalizePhone } from '@/lib/core/phone';
import type { CreatePaymentInput, GatewayMethod, GatewayStatus } from '@/lib/payments/types';

/** Xendit's own channel codes, as `payment_methods` takes them. */
export const XENDIT_METHODS: readonly GatewayMethod[] = [
  { code: 'QRIS', kind: 'qris', label: 'QRIS' },
  { code: 'BCA', kind: 'va', label: 'BCA Virtual Account' },
  { code: 'BNI', kind: 'va', label: 'BNI Virtual Account' },
  { code: 'BRI', kind: 'va', label: 'BRI Virtual Account' },
  { code: 'MANDIRI', kind: 'va', label: 'Mandiri Virtual Account' },
  { code: 'PERMATA', kind: 'va', label: 'Permata Virtual Account' },
  { code: 'OVO', kind: 'ewallet', label: 'OVO' },
  { code: 'DANA', kind: 'ewallet', label: 'DANA' },
  { code: 'SHOPEEPAY', kind: 'ewallet', label: 'ShopeePay' },
  { code: 'LINKAJA', kind: 'ewallet', label: 'LinkAja' },
  { code: 'ALFAMART', kind: 'retail', label: 'Alfamart' },
  { code: 'INDOMARET', kind: 'retail', label: 'Indomaret' },
];

/** The POST /v2/invoices body: Xendit's checkout restricted to the one method the customer chose. */
export function invoiceBody(input: CreatePaymentInput, now: Date): Record<string, unknown> {
  const { name, email, phone } = input.customer;
  // Xendit validates mobile_number as E.164 and refuses the invoice for a local 08… form.
  const mobile = phone ? normalizePhone(phone) : null;
  return {
    external_id: input.orderId,
    amount: input.amount,
    description: input.description,
    // Seconds from now; at least a minute so a late call still makes a payable invoice.
    invoice_duration: Math.max(60, Math.floor((input.expiresAt.getTime() - now.getTime()) / 1000)),
    currency: 'IDR',
    customer: { given_names: name, ...(email ? { email } : {}), ...(mobile ? { mobile_number: `+${mobile}` } : {}) },
    items: input.items.map((item) => ({ name: item.name, quantity: item.quantity, price: item.price })),
    payment_methods: [input.method],
    success_redirect_url: input.returnUrl,
    failure_redirect_url: input.returnUrl,
  };
}

/** Invoice status in our terms. SETTLED is PAID with the money already in the balance. */
export function statusOf(status: unknown): GatewayStatus | null {
  switch (status) {
    case 'PENDING':
    case 'COMPLETING': // paid at the channel, Xendit still confirming
      return 'pending';
    case 'PAID':
    case 'SETTLED':
      return 'paid';
    case 'EXPIRED':
      return 'expired';
    default:
      return null;
  }
}

/** IDR amounts are whole rupiah: a fraction (or anything not a number) is not an amount. */
export function amountOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/** Xendit times are ISO 8601 with a zone ("2020-01-14T02:32:50.912Z"). */
export function isoDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value))
    return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
