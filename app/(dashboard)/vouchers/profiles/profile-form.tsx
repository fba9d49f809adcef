'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveVoucherProfileAction } from '@/app/_actions/vouchers';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { VoucherProfile } from '@/db/schema';
import { splitMinutes, VALIDITY_UNITS } from '@/lib/vouchers/format';

// The common durations of an RT/RW Net's price list.
const PRESETS = [
  { amount: 3, unit: 'hours' },
  { amount: 1, unit: 'days' },
  { amount: 7, unit: 'days' },
  { amount: 30, unit: 'days' },
] as const;

type Unit = (typeof VALIDITY_UNITS)[number]['key'];

export function ProfileForm({ profile }: { profile?: VoucherProfile }) {
  const t = useTranslations();
  const router = useRouter();
  const start = profile ? splitMinutes(profile.validityMinutes) : { amount: 1, unit: 'days' as Unit };
  const [amount, setAmount] = useState(String(start.amount));
  const [unit, setUnit] = useState<Unit>(start.unit);
  const minutes = (Number(amount) || 0) * VALIDITY_UNITS.find((u) => u.key === unit)!.minutes;
  const form = useActionForm(saveVoucherProfileAction, () => router.push('/vouchers/profiles'));
  const f = form.fieldError;
  const p = (key: string) => t(`vouchers.profiles.${key}`);
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{profile ? `${p('edit')}: ${profile.name}` : p('new')}</h2>
      <form
        onSubmit={form.onSubmit}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
        noValidate
        data-testid="voucher-profile-form"
      >
        <div className="sm:col-span-2 lg:col-span-4">
          {form.error && <Alert>{form.error}</Alert>}
          {form.result?.ok && <Alert kind="success">{p('saved')}</Alert>}
        </div>
        {profile && <input type="hidden" name="profileId" value={profile.id} />}
        <TextField label={p('name')} name="name" defaultValue={profile?.name} error={f('name')} required />
        <TextField
          label={p('price')}
          name="priceRupiah"
          inputMode="numeric"
          defaultValue={profile?.priceRupiah}
          error={f('priceRupiah')}
          required
        />
        <TextField
          label={p('cost')}
          name="costRupiah"
          inputMode="numeric"
          defaultValue={profile?.costRupiah}
          hint={p('costHint')}
          error={f('costRupiah')}
          required
        />
        <fieldset className="space-y-1">
          <legend className="block text-sm font-medium text-slate-700 dark:text-slate-300">{p('validity')}</legend>
          <div className="flex gap-2">
            <input
              aria-label={p('validityAmount')}
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              className={inputClass}
            />
            <select
              aria-label={p('validityUnit')}
              value={unit}
              onChange={(e) => setUnit(e.target.value as Unit)}
              className={inputClass}
            >
              {VALIDITY_UNITS.map((u) => (
                <option key={u.key} value={u.key}>
                  {t(`vouchers.profiles.units.${u.key}`)}
                </option>
              ))}
            </select>
          </div>
          <input type="hidden" name="validityMinutes" value={minutes || ''} />
          {/* biome-ignore lint/a11y/useSemanticElements: preset buttons that fill the fields above, not fields (no <fieldset>) */}
          <div className="flex flex-wrap gap-2" role="group" aria-label={p('presets')}>
            {PRESETS.map((x) => (
              <button
                key={`${x.amount}${x.unit}`}
                type="button"
                className="inline-flex min-h-11 items-center rounded-full border border-slate-300 px-3 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                onClick={() => {
                  setAmount(String(x.amount));
                  setUnit(x.unit);
                }}
              >
                {x.amount} {t(`vouchers.profiles.units.${x.unit}`)}
              </button>
            ))}
          </div>
          {f('validityMinutes') ? (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {f('validityMinutes')}
            </p>
          ) : (
            <p className="text-xs text-slate-500">{p('validityHint')}</p>
          )}
        </fieldset>
        <TextField
          label={p('timeQuota')}
          name="timeQuotaMinutes"
          inputMode="numeric"
          defaultValue={profile?.timeQuotaMinutes ?? ''}
          hint={p('timeQuotaHint')}
          error={f('timeQuotaMinutes')}
        />
        <TextField
          label={p('dataQuota')}
          name="dataQuotaMb"
          inputMode="decimal"
          defaultValue={
            profile?.dataQuotaBytes ? String(Math.round((profile.dataQuotaBytes / 1024 / 1024) * 100) / 100) : ''
          }
          hint={p('dataQuotaHint')}
          error={f('dataQuotaMb')}
        />
        <TextField
          label={p('rateLimit')}
          name="rateLimit"
          defaultValue={profile?.rateLimit ?? ''}
          hint={p('rateLimitHint')}
          error={f('rateLimit')}
        />
        <TextField
          label={p('sharedUsers')}
          name="sharedUsers"
          inputMode="numeric"
          defaultValue={profile?.sharedUsers ?? 1}
          hint={p('sharedUsersHint')}
          error={f('sharedUsers')}
        />
        <TextField
          label={p('routerProfile')}
          name="routerProfile"
          defaultValue={profile?.routerProfile ?? ''}
          hint={p('routerProfileHint')}
          error={f('routerProfile')}
        />
        <TextField
          label={p('radiusGroup')}
          name="radiusGroup"
          defaultValue={profile?.radiusGroup ?? ''}
          hint={p('radiusGroupHint')}
          error={f('radiusGroup')}
        />
        <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
          <Button type="submit" disabled={form.pending} data-testid="voucher-profile-save">
            {form.pending ? t('common.saving') : t('common.save')}
          </Button>
          {profile && (
            <a href="/vouchers/profiles" className={buttonClass('secondary')}>
              {t('common.cancel')}
            </a>
          )}
        </div>
      </form>
    </Card>
  );
}
