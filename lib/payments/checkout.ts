import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  type GatewayTransaction,
  gatewayTransactionEvents,
  gatewayTransactions,
  invoices,
  paymentGateways,
} from '@/db/schema';
import { verifyInvoiceLinkToken } from '@/lib/billing/links';
import { env } from '@/lib/env';
import { emitRows, gatewayPaymentRows } from '@/lib/events/rows';
import { AppError } from '@/lib/server/errors';
import { configOf } from './config';
import { gatewayFailure } from './errors';
import { methodFee } from './fees';
import { GATEWAY_MODULES } from './gateways';
import { changeStatus } from './settle';
import type { GatewayMethod, GatewayName, PaymentInstructions } from './types';

const PAYMENT_VALIDITY_HOURS = 24;
/** A pending payment this close to expiry is not offered again; a new one is made. */
const REUSE_MARGIN_MINUTES = 30;
/** Anyone holding the link can start payments: this many per invoice per hour at most. */
const MAX_STARTS_PER_HOUR = 10;

/** `sandbox`: the account is in test mode; such a payment never pays the invoice (settle.ts). */
export type CheckoutMethod = GatewayMethod & {
  gateway: GatewayName;
  gatewayLabel: string;
  fee: number;
  charged: number;
  feeBearer: string;
  sandbox: boolean;
};

/** The methods the customer can choose on the public invoice page, with what each costs. */
export async function checkoutMethods(db: Db, p: { orgId: string; amount: number }): Promise<CheckoutMethod[]> {
  const accounts = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.organizationId, p.orgId), eq(paymentGateways.enabled, true)));
  return accounts.flatMap((account) => {
    const module = GATEWAY_MODULES[account.gateway];
    return account.methods
      .filter((m) => m.enabled)
      .flatMap((m) => {
        const info = module.methods.find((x) => x.code === m.code);
        if (!info) return [];
        const { fee, charged, feeBearer } = methodFee(p.amount, m);
        return [
          {
            ...info,
            gateway: account.gateway,
            gatewayLabel: module.label,
            fee,
            charged,
            feeBearer,
            sandbox: account.mode === 'sandbox',
          },
        ];
      });
  });
}

/** Globally unique and unguessable; gateways allow [A-Z0-9-] and at least 40 characters. */
export function newOrderId(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `JRG-${[...randomBytes(14)].map((b) => alphabet[b % 32]).join('')}`;
}

/**
 * The customer picked a method on the invoice page: reuse their pending payment for it if
 * it is still good, else create one. The row is committed before the gateway is called, so
 * a callback that beats the gateway's answer still finds its order.
 */
export async function startInvoicePayment(
  db: Db,
  p: { token: string; gateway: GatewayName; method: string; ip: string | null },
) {
  const invoiceId = verifyInvoiceLinkToken(p.token);
  if (!invoiceId) throw new AppError('not_found');
  const [row] = await db
    .select({ invoice: invoices, customer: customers })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, invoiceId));
  if (!row) throw new AppError('not_found');
  const { invoice, customer } = row;
  const outstanding = invoice.total - invoice.paidAmount;
  if (!['unpaid', 'partial'].includes(invoice.status) || outstanding <= 0) throw new AppError('invoice_not_payable');

  const method = (await checkoutMethods(db, { orgId: invoice.organizationId, amount: outstanding })).find(
    (m) => m.gateway === p.gateway && m.code === p.method,
  );
  if (!method) throw new AppError('method_unavailable');
  const [account] = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.organizationId, invoice.organizationId), eq(paymentGateways.gateway, p.gateway)));
  const expiresAt = new Date(Date.now() + PAYMENT_VALIDITY_HOURS * 3600_000);
  // Reuse, rate check and insert under the invoice's row lock: a double tap or twenty tabs
  // make one gateway bill, and the limit per hour holds.
  const claimed = await db.transaction(async (tx) => {
    await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId)).for('update');
    const existing = await pendingPaymentFor(tx, {
      invoiceId,
      gateway: p.gateway,
      method: p.method,
      amount: outstanding,
      mode: account!.mode,
    });
    if (existing) return { existing };
    await checkStartRate(tx, invoiceId);
    const [created] = await tx
      .insert(gatewayTransactions)
      .values({
        organizationId: invoice.organizationId,
        gateway: p.gateway,
        mode: account!.mode,
        orderId: newOrderId(),
        purpose: 'invoice',
        customerId: customer.id,
        invoiceId,
        method: p.method,
        amount: outstanding,
        fee: method.fee,
        feeBearer: method.feeBearer,
        chargedAmount: method.charged,
        expiresAt,
      })
      .returning();
    await emitRows(tx, {
      orgId: invoice.organizationId,
      type: 'payment.created',
      rows: gatewayPaymentRows({ orgId: invoice.organizationId, transactionId: created!.id }),
    });
    return { created: created! };
  });
  if (claimed.existing) return claimed.existing.reference ? claimed.existing : waitForCreation(db, claimed.existing.id);
  return createAtGateway(db, {
    transaction: claimed.created!,
    account: account!,
    description: `Invoice ${invoice.number}`,
    itemName: `Invoice ${invoice.number}`,
    customer: { name: customer.name, email: customer.email, phone: customer.phone },
    returnUrl: `${env().APP_URL}/i/${p.token}`,
    expiresAt,
    ip: p.ip,
  });
}

/**
 * Asks the gateway to bill a transaction row already committed (pending, no reference yet)
 * and stores its answer; a refusal marks the row failed. Shared by invoice payments and
 * wallet top-ups (lib/wallet/gateway-topup.ts): one way to talk to every gateway.
 */
export async function createAtGateway(
  db: Db,
  p: {
    transaction: GatewayTransaction;
    account: typeof paymentGateways.$inferSelect;
    description: string;
    itemName: string;
    customer: { name: string; email: string | null; phone: string | null };
    returnUrl: string;
    expiresAt: Date;
    ip: string | null;
  },
) {
  const t = p.transaction;
  const { expiresAt } = p;
  const items = [{ name: p.itemName, price: t.amount, quantity: 1 }];
  if (t.chargedAmount > t.amount) items.push({ name: 'Biaya layanan', price: t.chargedAmount - t.amount, quantity: 1 });
  try {
    const result = await GATEWAY_MODULES[t.gateway].createPayment(configOf(p.account), {
      orderId: t.orderId,
      amount: t.chargedAmount,
      method: t.method,
      description: p.description,
      customer: { name: p.customer.name, email: p.customer.email || fallbackEmail(), phone: p.customer.phone },
      items,
      callbackUrl: `${env().APP_URL}/api/payments/${t.gateway}/callback`,
      returnUrl: p.returnUrl,
      expiresAt,
    });
    return await db.transaction(async (tx) => {
      const [done] = await tx
        .update(gatewayTransactions)
        .set({
          reference: result.reference,
          instructions: safeInstructions(result.instructions),
          expiresAt: result.expiresAt ?? expiresAt,
          createResponse: result.raw,
          updatedAt: sql`now()`,
        })
        .where(eq(gatewayTransactions.id, t.id))
        .returning();
      await tx.insert(gatewayTransactionEvents).values({
        transactionId: t.id,
        organizationId: t.organizationId,
        fromStatus: null,
        toStatus: done!.status,
        source: 'create',
        gatewayStatus: result.status,
        note: p.ip ? `IP ${p.ip.replace(/^::ffff:/, '')}` : null,
      });
      return done!;
    });
  } catch (error) {
    const failure = gatewayFailure(error);
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(gatewayTransactions)
        .where(eq(gatewayTransactions.id, t.id))
        .for('update');
      // Only a payment still waiting fails here; one a callback already settled stays settled.
      if (locked?.status === 'pending') {
        await changeStatus(tx, {
          transaction: locked,
          to: 'failed',
          set: {},
          source: 'create',
          actorUserId: null,
          ip: p.ip,
          note: failure.code + (failure.params.detail ? `: ${failure.params.detail}` : ''),
        });
        // An invoice payment the gateway would not create (a top-up emits nothing).
        await emitRows(tx, {
          orgId: t.organizationId,
          type: 'payment.failed',
          rows: gatewayPaymentRows({ orgId: t.organizationId, transactionId: t.id, reason: 'refused' }),
        });
      }
    });
    console.warn(
      `[payments] ${t.gateway} create failed for ${t.orderId}: ${failure.code} ${failure.params.detail ?? ''}`,
    );
    throw failure;
  }
}

/**
 * Tripay and DuitKu refuse a payment without a customer email, and many customers have
 * none: a no-reply address on the app's own domain stands in (gateways only check its form).
 */
function fallbackEmail() {
  const host = new URL(env().APP_URL).hostname;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(host) ? `no-reply@${host}` : 'no-reply@example.com';
}

const APP_SCHEMES = ['gojek:', 'shopeeid:', 'dana:', 'ovo:', 'linkaja:'];

/**
 * Links from a gateway's answer go into the customer's browser: only https (http on this
 * machine, for stand-ins), and for app links the e-wallets' own schemes. Anything else is
 * dropped rather than followed.
 */
function safeInstructions(i: PaymentInstructions): PaymentInstructions {
  const web = (u?: string) => {
    if (!u) return undefined;
    try {
      const url = new URL(u);
      return url.protocol === 'https:' ||
        (url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname))
        ? u
        : undefined;
    } catch {
      return undefined;
    }
  };
  const app = (u?: string) => (u && APP_SCHEMES.some((s) => u.toLowerCase().startsWith(s)) ? u : web(u));
  return Object.fromEntries(
    Object.entries({
      ...i,
      redirectUrl: web(i.redirectUrl),
      qrImageUrl: web(i.qrImageUrl),
      deeplinkUrl: app(i.deeplinkUrl),
    }).filter(([, v]) => v !== undefined),
  ) as PaymentInstructions;
}

/** Another request is creating this payment at the gateway: wait for its answer. */
export async function waitForCreation(db: Db, transactionId: string) {
  for (let i = 0; i < 60; i++) {
    const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, transactionId));
    if (t && (t.reference || t.status !== 'pending')) {
      if (t.status === 'failed') throw new AppError('payment_unavailable');
      return t;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new AppError('payment_unavailable');
}

/** A good pending payment for the same method, or one being created right now (no reference yet). */
async function pendingPaymentFor(
  db: Db,
  p: { invoiceId: string; gateway: GatewayName; method: string; amount: number; mode: 'sandbox' | 'production' },
) {
  const [found] = await db
    .select()
    .from(gatewayTransactions)
    .where(
      and(
        eq(gatewayTransactions.invoiceId, p.invoiceId),
        eq(gatewayTransactions.gateway, p.gateway),
        eq(gatewayTransactions.method, p.method),
        eq(gatewayTransactions.status, 'pending'),
        eq(gatewayTransactions.amount, p.amount),
        // A payment made before the account switched mode is not offered again.
        eq(gatewayTransactions.mode, p.mode),
        gt(gatewayTransactions.expiresAt, sql`now() + make_interval(mins => ${REUSE_MARGIN_MINUTES})`),
        sql`(${gatewayTransactions.reference} is not null or ${gatewayTransactions.createdAt} > now() - interval '1 minute')`,
      ),
    )
    .orderBy(desc(gatewayTransactions.createdAt))
    .limit(1);
  return found ?? null;
}

async function checkStartRate(db: Db, invoiceId: string) {
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(gatewayTransactions)
    .where(
      and(
        eq(gatewayTransactions.invoiceId, invoiceId),
        gt(gatewayTransactions.createdAt, sql`now() - interval '1 hour'`),
      ),
    )) as [{ n: number }];
  if (n >= MAX_STARTS_PER_HOUR) throw new AppError('too_many_attempts');
}

/** What the invoice page polls: the invoice's state and its latest gateway payment. */
export async function invoicePaymentState(db: Db, token: string) {
  const invoiceId = verifyInvoiceLinkToken(token);
  if (!invoiceId) return null;
  const [invoice] = await db
    .select({ status: invoices.status, total: invoices.total, paidAmount: invoices.paidAmount })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!invoice) return null;
  const latest = await latestPaymentFor(db, invoiceId);
  return {
    invoiceStatus: invoice.status,
    outstanding: Math.max(0, invoice.total - invoice.paidAmount),
    payment: latest ? publicView(latest) : null,
  };
}

export async function latestPaymentFor(db: Db, invoiceId: string) {
  const [t] = await db
    .select()
    .from(gatewayTransactions)
    .where(eq(gatewayTransactions.invoiceId, invoiceId))
    .orderBy(desc(gatewayTransactions.createdAt))
    .limit(1);
  return t ?? null;
}

/** Only what the customer needs: never the raw gateway answers. */
export function publicView(t: GatewayTransaction) {
  return {
    id: t.id,
    gateway: t.gateway,
    method: t.method,
    status: t.status,
    amount: t.amount,
    fee: t.feeBearer === 'customer' ? t.fee : 0,
    charged: t.chargedAmount,
    instructions: t.instructions,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    orderId: t.orderId,
    sandbox: t.mode === 'sandbox',
  };
}
export type PublicPayment = ReturnType<typeof publicView>;
