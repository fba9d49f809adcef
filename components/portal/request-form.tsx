'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState, useTransition } from 'react';
import { portalCreateRequestAction, portalQuoteAction } from '@/app/_actions/requests';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DateField } from '@/components/ui/date-field';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { SERVICE_REQUEST_KINDS, type ServiceRequestKind } from '@/db/enums';
import { formatIDR } from '@/lib/format';
import type { Result } from '@/lib/server/operation';

type Sub = { id: string; serviceUsername: string; planId: string; planName: string; serviceType: string };
type Plan = { id: string; name: string; price: number; serviceType: string };

/**
 * The customer asks for one thing about one of their services. A plan change shows the
 * prorata quote (computed on the server, the same figure staff see) before it is sent.
 */
export function RequestForm({
  slug,
  subscriptions,
  plans,
  today,
  maxDay,
  limits,
}: {
  slug: string;
  subscriptions: Sub[];
  plans: Plan[];
  today: string;
  maxDay: string;
  limits: { min: number; max: number };
}) {
  const t = useTranslations('requests.portal');
  const tk = useTranslations('requests.kinds');
  const router = useRouter();
  const [subscriptionId, setSubscriptionId] = useState(subscriptions[0]?.id ?? '');
  const [kind, setKind] = useState<ServiceRequestKind>('plan_change');
  const [planId, setPlanId] = useState('');
  const [quote, setQuote] = useState<Result<{ quote: number; basis: 'rest' | 'before' }> | null>(null);
  const [result, setResult] = useState<Result<{ id: string }> | null>(null);
  const [sent, setSent] = useState(0);
  const [pending, start] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const [quoting, startQuote] = useTransition();
  const sub = subscriptions.find((s) => s.id === subscriptionId);
  const offered = plans.filter((p) => sub && p.serviceType === sub.serviceType && p.id !== sub.planId);

  useEffect(() => {
    setQuote(null);
    if (kind !== 'plan_change' || !planId || !subscriptionId) return;
    startQuote(async () => setQuote(await portalQuoteAction(slug, { subscriptionId, planId })));
  }, [kind, planId, subscriptionId, slug]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fields = Object.fromEntries(new FormData(e.currentTarget).entries());
    start(async () => {
      const r = await portalCreateRequestAction(slug, { ...fields, kind, subscriptionId } as never);
      setResult(r);
      if (r.ok) {
        setSent((n) => n + 1);
        setPlanId('');
        router.refresh();
      }
    });
  };
  const err = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const q = quote?.ok ? quote.data.quote : null;
  const choose = (k: ServiceRequestKind) => {
    setKind(k);
    setResult(null);
  };

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-4" data-testid="request-form" key={sent}>
      {subscriptions.length > 1 && (
        <SelectField
          label={t('subscription')}
          name="subscriptionPick"
          value={subscriptionId}
          onChange={(e) => setSubscriptionId(e.target.value)}
          options={subscriptions.map((s) => ({ value: s.id, label: `${s.serviceUsername} · ${s.planName}` }))}
        />
      )}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">{t('what')}</legend>
        <div className="grid grid-cols-2 gap-2">
          {SERVICE_REQUEST_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              data-testid={`kind-${k}`}
              onClick={() => choose(k)}
              className={`min-h-11 rounded-lg border px-3 text-sm font-medium ${
                kind === k
                  ? 'border-brand-600 bg-brand-600 text-white'
                  : 'border-slate-300 bg-white text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'
              }`}
            >
              {tk(k)}
            </button>
          ))}
        </div>
      </fieldset>

      {kind === 'plan_change' && (
        <div className="space-y-3">
          <SelectField
            label={t('plan')}
            name="planId"
            value={planId}
            onChange={(e) => setPlanId(e.target.value)}
            error={err('planId')}
            options={[
              { value: '', label: t('choosePlan') },
              ...offered.map((p) => ({
                value: p.id,
                label: `${p.name} · ${t('monthly', { price: formatIDR(p.price) })}`,
              })),
            ]}
          />
          {planId && (
            <div
              className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
              data-testid="plan-quote"
              aria-live="polite"
            >
              <p className="font-medium">{t('quoteTitle')}</p>
              {quoting || !quote ? (
                <p>{t('checking')}</p>
              ) : !quote.ok ? (
                <p className="text-red-600">{quote.message}</p>
              ) : (
                <p data-quote={q ?? 0}>
                  {(q ?? 0) === 0
                    ? t('quoteNone')
                    : t(
                        `${quote.data.basis === 'before' ? 'quoteBefore' : 'quote'}${(q ?? 0) > 0 ? 'Charge' : 'Credit'}`,
                        { amount: formatIDR(Math.abs(q ?? 0)) },
                      )}
                </p>
              )}
            </div>
          )}
        </div>
      )}

      {kind === 'pause' && (
        <div className="space-y-3">
          <TextField
            label={t('days')}
            name="days"
            type="number"
            inputMode="numeric"
            min={limits.min}
            max={limits.max}
            defaultValue={14}
            hint={t('daysHint', limits)}
            error={err('days')}
          />
          <DateField
            label={t('startDate')}
            name="startDate"
            defaultValue={today}
            years={[Number(today.slice(0, 4)), Number(maxDay.slice(0, 4))]}
            error={err('startDate')}
          />
        </div>
      )}

      {kind === 'move' && (
        <div className="space-y-3">
          <TextField label={t('address')} name="address" maxLength={300} error={err('address')} />
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label={t('latitude')}
              name="latitude"
              id="move-latitude"
              inputMode="decimal"
              error={err('latitude')}
            />
            <TextField
              label={t('longitude')}
              name="longitude"
              id="move-longitude"
              inputMode="decimal"
              error={err('longitude')}
            />
          </div>
          <p className="text-xs text-slate-500">{t('pointHint')}</p>
          <div className="space-y-1">
            <label htmlFor="move-note" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              {t('note')}
            </label>
            <textarea id="move-note" name="note" rows={2} maxLength={500} className={`${inputClass} py-2`} />
          </div>
        </div>
      )}

      {kind === 'stop' && (
        <div className="space-y-3">
          <div className="space-y-1">
            <label htmlFor="stop-reason" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              {t('reason')}
            </label>
            <textarea
              id="stop-reason"
              name="reason"
              rows={2}
              maxLength={500}
              aria-invalid={Boolean(err('reason'))}
              className={`${inputClass} py-2`}
            />
            {err('reason') && (
              <p role="alert" className="text-sm text-red-600 dark:text-red-400">
                {err('reason')}
              </p>
            )}
          </div>
          <DateField
            label={t('endDate')}
            name="endDate"
            defaultValue={today}
            years={[Number(today.slice(0, 4)), Number(maxDay.slice(0, 4))]}
            error={err('endDate')}
          />
        </div>
      )}

      {result && !result.ok && Object.keys(result.fieldErrors ?? {}).length === 0 && <Alert>{result.message}</Alert>}
      {sent > 0 && result?.ok && <Alert kind="success">{t('sent')}</Alert>}
      {kind === 'stop' ? (
        // Ending the service is the one request that asks first.
        <div className="[&>button]:w-full">
          <ConfirmButton
            label={pending ? t('sending') : t('send')}
            message={t('stopConfirm')}
            disabled={pending}
            testId="send-request"
            onConfirm={() => form.current?.requestSubmit()}
          />
        </div>
      ) : (
        <Button
          type="submit"
          className="w-full"
          disabled={pending || (kind === 'plan_change' && (!planId || !quote?.ok))}
          data-testid="send-request"
        >
          {pending ? t('sending') : t('send')}
        </Button>
      )}
    </form>
  );
}
