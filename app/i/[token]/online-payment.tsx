'use client';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { startInvoicePaymentAction } from '@/app/_actions/payments';
import { PaymentInstructions } from '@/components/payments/payment-instructions';
import { Alert, Card } from '@/components/ui/card';
import { formatIDR } from '@/lib/format';
import type { PublicPayment } from '@/lib/payments/checkout';
import type { GatewayName, MethodKind } from '@/lib/payments/types';

export type PayableMethod = {
  gateway: GatewayName;
  code: string;
  kind: MethodKind;
  label: string;
  fee: number;
  total: number;
  sandbox: boolean;
};
type PaymentState = { invoiceStatus: string; outstanding: number; payment: PublicPayment | null };

const KINDS: MethodKind[] = ['qris', 'va', 'ewallet', 'retail'];
const POLL_MS = 4000;

const showable = (p: PublicPayment | null): p is PublicPayment =>
  Boolean(p && p.status === 'pending' && (!p.expiresAt || new Date(p.expiresAt).getTime() > Date.now()));
const redirectOnly = (p: PublicPayment) =>
  Boolean(
    p.instructions.redirectUrl &&
      !p.instructions.vaNumber &&
      !p.instructions.qrString &&
      !p.instructions.qrImageUrl &&
      !p.instructions.payCode,
  );

/**
 * "Bayar online" on the customer's invoice page: pick a method, see what to pay and how, and
 * watch the page turn paid by itself (it polls the invoice's status while a payment waits).
 */
export function OnlinePayment({
  token,
  invoiceStatus,
  outstanding,
  methods,
  latest,
}: {
  token: string;
  invoiceStatus: string;
  outstanding: number;
  methods: PayableMethod[];
  latest: PublicPayment | null;
}) {
  const t = useTranslations('payments.public');
  const kinds = useTranslations('payments.kinds');
  const locale = useLocale();
  const router = useRouter();
  const [payment, setPayment] = useState<PublicPayment | null>(() => (showable(latest) ? latest : null));
  const [paidNow, setPaidNow] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);

  const state = useQuery({
    queryKey: ['invoice-payment-state', token],
    queryFn: async (): Promise<PaymentState> => {
      const res = await fetch(`/i/${encodeURIComponent(token)}/status`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return res.json();
    },
    enabled: payment !== null && !paidNow,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });

  useEffect(() => {
    const s = state.data;
    if (!s || !payment) return;
    const mine = s.payment?.id === payment.id ? s.payment : null;
    if (s.invoiceStatus === 'paid' || mine?.status === 'paid') {
      setPaidNow(true);
      setPayment(null);
      router.refresh();
    } else if (mine && (mine.status === 'expired' || mine.status === 'failed')) {
      setNotice(t(mine.status));
      setPayment(null);
    }
  }, [state.data, payment, router, t]);

  if (paidNow || (invoiceStatus === 'paid' && latest?.status === 'paid')) {
    return (
      <Card>
        <div data-testid="payment-paid">
          <Alert kind="success">{t('paid')}</Alert>
        </div>
      </Card>
    );
  }
  if (!['unpaid', 'partial'].includes(invoiceStatus) || outstanding <= 0) return null;
  if (payment) {
    const method = methods.find((m) => m.gateway === payment.gateway && m.code === payment.method);
    return (
      <PaymentInstructions
        payment={payment}
        methodLabel={method?.label ?? payment.method}
        locale={locale}
        onChangeMethod={() => setPayment(null)}
      />
    );
  }
  if (methods.length === 0) return null;

  const pick = async (m: PayableMethod) => {
    setStarting(`${m.gateway}:${m.code}`);
    setNotice(null);
    try {
      const r = await startInvoicePaymentAction({ token, gateway: m.gateway, method: m.code });
      if (!r.ok) return setNotice(r.message);
      setPayment(r.data);
      // An e-wallet without a number or code to show is paid on the gateway's own page.
      if (redirectOnly(r.data)) window.location.assign(r.data.instructions.redirectUrl!);
    } catch {
      setNotice(t('failed'));
    } finally {
      setStarting(null);
    }
  };
  const labelCount = new Map<string, number>();
  for (const m of methods) labelCount.set(m.label, (labelCount.get(m.label) ?? 0) + 1);

  return (
    <Card>
      <section data-testid="pay-online" className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">{t('payOnline')}</h2>
          <p className="text-sm text-slate-500">{t('chooseMethod')}</p>
        </div>
        {notice && <Alert>{notice}</Alert>}
        {methods.some((m) => m.sandbox) && <Alert kind="warning">{t('sandbox')}</Alert>}
        {starting && (
          <p className="text-sm text-slate-500" role="status">
            {t('starting')}
          </p>
        )}
        {KINDS.map((kind) => {
          const group = methods.filter((m) => m.kind === kind);
          if (group.length === 0) return null;
          return (
            <div key={kind} className="space-y-2">
              <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">{kinds(kind)}</h3>
              <ul className="space-y-2">
                {group.map((m) => (
                  <li key={`${m.gateway}:${m.code}`}>
                    <button
                      type="button"
                      onClick={() => pick(m)}
                      disabled={starting !== null}
                      data-testid={`pay-${m.gateway}-${m.code}`}
                      className="flex min-h-14 w-full items-center justify-between gap-3 rounded-lg border border-slate-300 px-3 py-2 text-left hover:border-brand-500 hover:bg-brand-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      <span className="min-w-0">
                        <span className="block font-medium">{m.label}</span>
                        <span className="block text-xs text-slate-500">
                          {m.fee > 0 ? `${t('fee')} ${formatIDR(m.fee)}` : t('noFee')}
                          {(labelCount.get(m.label) ?? 0) > 1 && ` · ${m.gateway}`}
                        </span>
                      </span>
                      <span className="shrink-0 text-right">
                        <span className="block text-xs text-slate-500">{t('total')}</span>
                        <span className="block font-semibold">{formatIDR(m.total)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
    </Card>
  );
}
