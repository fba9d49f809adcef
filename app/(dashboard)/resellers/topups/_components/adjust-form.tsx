'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { adjustWalletAction } from '@/app/_actions/wallet';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { asInput } from '@/components/ui/use-action-form';
import { formatIDR } from '@/lib/format';
import type { Result } from '@/lib/server/operation';

/** A signed correction to a reseller's wallet with a mandatory note, confirmed first. */
export function AdjustForm({ resellers, selected }: { resellers: { id: string; name: string }[]; selected?: string }) {
  const t = useTranslations('wallet.staff');
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const fieldError = (k: string) => (result && !result.ok ? result.fieldErrors?.[k] : undefined);
  // The confirmation names who and how much ("-Rp 50.000 untuk Demo reseller"), read as typed.
  const [draft, setDraft] = useState({ resellerId: selected ?? resellers[0]?.id ?? '', amount: '' });
  const digits = draft.amount.replace(/[^\d]/g, '');
  const amount = digits ? (draft.amount.trim().startsWith('-') ? -1 : 1) * Number(digits) : null;
  const who = resellers.find((r) => r.id === draft.resellerId)?.name ?? '';
  const confirmMessage = amount
    ? t('adjustConfirmAmount', { amount: `${amount > 0 ? '+' : ''}${formatIDR(amount)}`, reseller: who })
    : t('adjustConfirm');

  const submit = async () => {
    const r = await adjustWalletAction(asInput(Object.fromEntries(new FormData(form.current!).entries())));
    setResult(r);
    if (r.ok) {
      form.current!.reset();
      setDraft({ resellerId: selected ?? resellers[0]?.id ?? '', amount: '' });
      router.refresh();
    }
  };
  return (
    <form
      ref={form}
      className="space-y-3"
      data-testid="adjust-form"
      onSubmit={(e) => e.preventDefault()}
      onChange={() => {
        const data = new FormData(form.current!);
        setDraft({ resellerId: String(data.get('resellerUserId') ?? ''), amount: String(data.get('amount') ?? '') });
      }}
    >
      <h2 className="text-lg font-semibold">{t('adjustTitle')}</h2>
      <p className="text-sm text-slate-500">{t('adjustHint')}</p>
      {result?.ok && <Alert kind="success">{t('adjusted')}</Alert>}
      {result && !result.ok && <Alert>{result.message}</Alert>}
      <SelectField
        label={t('reseller')}
        name="resellerUserId"
        id="adjust-reseller"
        defaultValue={selected ?? resellers[0]?.id}
        options={resellers.map((r) => ({ value: r.id, label: r.name }))}
        error={fieldError('resellerUserId')}
      />
      <TextField
        label={t('adjustAmount')}
        name="amount"
        id="adjust-amount"
        inputMode="numeric"
        placeholder="-50.000"
        hint={t('adjustAmountHint')}
        error={fieldError('amount')}
      />
      <TextField label={t('adjustNote')} name="note" id="adjust-note" maxLength={500} error={fieldError('note')} />
      <ConfirmButton
        label={t('adjustSubmit')}
        variant="primary"
        testId="adjust-submit"
        message={confirmMessage}
        onConfirm={submit}
      />
    </form>
  );
}
