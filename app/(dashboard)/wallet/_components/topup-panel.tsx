'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import {
  latestGatewayTopupAction,
  requestTopupAction,
  startGatewayTopupAction,
  topupMethodsAction,
} from '@/app/_actions/wallet';
import { PaymentInstructions } from '@/components/payments/payment-instructions';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatIDR } from '@/lib/format';
import type { CheckoutMethod, PublicPayment } from '@/lib/payments/checkout';
import type { MethodKind } from '@/lib/payments/types';

const KINDS: MethodKind[] = ['qris', 'va', 'ewallet', 'retail'];
const POLL_MS = 4000;

/**
 * Top up: online through the organization's payment gateways, or a manual request to finance
 * with the transfer slip. Without any gateway method the manual transfer is the way, so it
 * opens first, with the organization's bank accounts beside it.
 */
export function TopupPanel({ online, bankAccounts }: { online: boolean; bankAccounts: string | null }) {
  const t = useTranslations('wallet.topup');
  const [tab, setTab] = useState<'online' | 'manual'>(online ? 'online' : 'manual');
  return (
    <Card>
      <section className="space-y-3" aria-labelledby="topup-title" data-testid="topup-panel">
        <h2 id="topup-title" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <div role="tablist" className="grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
          {(['online', 'manual'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              data-testid={`topup-tab-${k}`}
              onClick={() => setTab(k)}
              className={`min-h-11 rounded-md text-sm font-medium ${tab === k ? 'bg-white shadow dark:bg-slate-900' : 'text-slate-600 dark:text-slate-300'}`}
            >
              {t(`tabs.${k}`)}
            </button>
          ))}
        </div>
        {tab === 'online' ? <OnlineTopup /> : <ManualTopup bankAccounts={bankAccounts} />}
      </section>
    </Card>
  );
}

function ManualTopup({ bankAccounts }: { bankAccounts: string | null }) {
  const t = useTranslations('wallet.topup');
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const form = useActionForm(requestTopupAction, () => {
    setSent(true);
    router.refresh();
  });
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" data-testid="manual-topup">
      <p className="text-sm text-slate-500">{t('manualHint')}</p>
      <div className="rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-800" data-testid="bank-accounts">
        <p className="font-medium">{t('bankAccounts')}</p>
        {bankAccounts ? (
          <p className="mt-1 whitespace-pre-line break-words font-mono text-[13px]">{bankAccounts}</p>
        ) : (
          <p className="mt-1 text-slate-500">{t('noBankAccounts')}</p>
        )}
      </div>
      {sent && form.result?.ok && <Alert kind="success">{t('requested')}</Alert>}
      {form.error && <Alert>{form.error}</Alert>}
      <TextField
        label={t('amount')}
        name="amount"
        id="manual-amount"
        inputMode="numeric"
        placeholder="100.000"
        required
        error={form.fieldError('amount')}
      />
      <TextField
        label={t('note')}
        name="note"
        id="manual-note"
        hint={t('noteHint')}
        maxLength={500}
        error={form.fieldError('note')}
      />
      <div className="space-y-1">
        <label htmlFor="manual-proof" className="block text-sm font-medium">
          {t('proof')}
        </label>
        <input
          id="manual-proof"
          name="proof"
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          aria-describedby="manual-proof-hint"
          className="block min-h-11 w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:text-sm dark:file:bg-slate-800"
        />
        {form.fieldError('proof') ? (
          <p className="text-sm text-red-700 dark:text-red-400">{form.fieldError('proof')}</p>
        ) : (
          <p id="manual-proof-hint" className="text-xs text-slate-500">
            {t('proofHint')}
          </p>
        )}
      </div>
      <Button type="submit" disabled={form.pending} data-testid="manual-topup-submit">
        {form.pending ? t('sending') : t('request')}
      </Button>
    </form>
  );
}

function OnlineTopup() {
  const t = useTranslations('wallet.topup');
  const pay = useTranslations('payments');
  const locale = useLocale();
  const router = useRouter();
  const [amount, setAmount] = useState('');
  const [methods, setMethods] = useState<CheckoutMethod[] | null>(null);
  const [payment, setPayment] = useState<PublicPayment | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // While a payment waits, ask every few seconds whether it was paid (the callback credits it).
  useEffect(() => {
    if (!payment) return;
    const timer = setInterval(async () => {
      const r = await latestGatewayTopupAction();
      if (!r.ok || !r.data || r.data.id !== payment.id) return;
      if (r.data.status === 'paid') {
        setPayment(null);
        setMethods(null);
        setNotice({ kind: 'success', text: t('paid') });
        router.refresh();
      } else if (r.data.status === 'expired' || r.data.status === 'failed') {
        setPayment(null);
        setNotice({ kind: 'error', text: pay(`public.${r.data.status}`) });
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [payment, router, t, pay]);

  const chooseMethods = async () => {
    setBusy(true);
    setNotice(null);
    const r = await topupMethodsAction({ amount: amount.replace(/[^\d]/g, '') });
    setBusy(false);
    if (!r.ok) return setNotice({ kind: 'error', text: t('amountInvalid') });
    setMethods(r.data);
  };
  const start = async (m: CheckoutMethod) => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await startGatewayTopupAction({ amount, gateway: m.gateway, method: m.code });
      if (!r.ok) return setNotice({ kind: 'error', text: r.message });
      setPayment(r.data);
      const i = r.data.instructions;
      // An e-wallet with nothing to show here is paid on the gateway's own page.
      if (i.redirectUrl && !i.vaNumber && !i.qrString && !i.qrImageUrl && !i.payCode)
        window.location.assign(i.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (payment) {
    const label =
      methods?.find((m) => m.gateway === payment.gateway && m.code === payment.method)?.label ?? payment.method;
    return (
      <PaymentInstructions
        payment={payment}
        methodLabel={label}
        locale={locale}
        onChangeMethod={() => setPayment(null)}
      />
    );
  }
  return (
    <div className="space-y-3" data-testid="online-topup">
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <TextField
            label={t('amount')}
            name="amount"
            id="online-amount"
            inputMode="numeric"
            placeholder="100.000"
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setMethods(null);
            }}
          />
        </div>
        <Button
          variant="secondary"
          onClick={chooseMethods}
          disabled={busy || amount.trim() === ''}
          data-testid="topup-methods"
        >
          {t('chooseMethod')}
        </Button>
      </div>
      {methods && methods.length === 0 && <Alert kind="warning">{t('noMethods')}</Alert>}
      {methods?.some((m) => m.sandbox) && <Alert kind="warning">{t('sandbox')}</Alert>}
      {methods &&
        KINDS.map((kind) => {
          const group = methods.filter((m) => m.kind === kind);
          if (group.length === 0) return null;
          return (
            <div key={kind} className="space-y-2">
              <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">{pay(`kinds.${kind}`)}</h3>
              <ul className="space-y-2">
                {group.map((m) => (
                  <li key={`${m.gateway}:${m.code}`}>
                    <button
                      type="button"
                      onClick={() => start(m)}
                      disabled={busy}
                      data-testid={`topup-${m.gateway}-${m.code}`}
                      className="flex min-h-14 w-full items-center justify-between gap-3 rounded-lg border border-slate-300 px-3 py-2 text-left hover:border-brand-500 hover:bg-brand-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
                    >
                      <span className="min-w-0">
                        <span className="block font-medium">{m.label}</span>
                        <span className="block text-xs text-slate-500">
                          {m.fee > 0 ? `${pay('public.fee')} ${formatIDR(m.fee)}` : pay('public.noFee')}
                        </span>
                      </span>
                      <span className="shrink-0 text-right font-semibold">{formatIDR(m.charged)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
    </div>
  );
}
