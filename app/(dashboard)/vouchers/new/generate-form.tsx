'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { generateVoucherBatchAction } from '@/app/_actions/vouchers';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatIDR } from '@/lib/format';
import { CODE_LENGTH_MAX, CODE_LENGTH_MIN, PASSWORD_MODES, VOUCHER_CHARSETS } from '@/lib/vouchers/constants';

type Props = {
  profiles: { id: string; name: string; priceRupiah: number }[];
  routers: { id: string; name: string; mode: 'api' | 'radius' }[];
  resellers: { id: string; name: string; email: string }[];
  defaultProfileId?: string;
};

/**
 * The router decides the delivery: an API-mode router gets hotspot users, a RADIUS-mode one
 * RADIUS rows; "RADIUS" alone serves every RADIUS router of the organization.
 */
export function GenerateForm({ profiles, routers, resellers, defaultProfileId }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [target, setTarget] = useState(routers[0]?.id ?? 'radius');
  const chosen = routers.find((r) => r.id === target);
  const delivery = chosen?.mode === 'api' ? 'router' : 'radius';
  const form = useActionForm(generateVoucherBatchAction, (batch) => router.push(`/vouchers/batches/${batch.id}`));
  const f = form.fieldError;
  const g = (key: string) => t(`vouchers.generate.${key}`);
  return (
    <Card>
      <form
        onSubmit={form.onSubmit}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
        noValidate
        data-testid="voucher-generate-form"
      >
        <div className="sm:col-span-2 lg:col-span-3">{form.error && <Alert>{form.error}</Alert>}</div>
        <SelectField
          label={g('profile')}
          name="profileId"
          defaultValue={defaultProfileId ?? profiles[0]?.id}
          options={profiles.map((p) => ({ value: p.id, label: `${p.name} — ${formatIDR(p.priceRupiah)}` }))}
          error={f('profileId')}
        />
        <TextField
          label={g('count')}
          name="count"
          inputMode="numeric"
          defaultValue="100"
          hint={g('countHint')}
          error={f('count')}
          required
        />
        <TextField
          label={g('codeLength')}
          name="codeLength"
          inputMode="numeric"
          defaultValue="6"
          min={CODE_LENGTH_MIN}
          max={CODE_LENGTH_MAX}
          error={f('codeLength')}
          required
        />
        <SelectField
          label={g('charset')}
          name="charset"
          defaultValue="lower_numeric"
          options={VOUCHER_CHARSETS.map((c) => ({ value: c, label: t(`vouchers.charsets.${c}`) }))}
          hint={g('charsetHint')}
          error={f('charset')}
        />
        <TextField label={g('prefix')} name="prefix" maxLength={8} hint={g('prefixHint')} error={f('prefix')} />
        <SelectField
          label={g('passwordMode')}
          name="passwordMode"
          defaultValue="same"
          options={PASSWORD_MODES.map((m) => ({ value: m, label: t(`vouchers.passwordModes.${m}`) }))}
          error={f('passwordMode')}
        />
        <div className="space-y-1">
          <label htmlFor="target" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {g('delivery')}
          </label>
          <select
            id="target"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            className={inputClass}
            data-testid="voucher-target"
          >
            {routers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.mode === 'api' ? 'API' : 'RADIUS'})
              </option>
            ))}
            <option value="radius">{g('radiusOnly')}</option>
          </select>
          <p className="text-xs text-slate-500">{routers.length === 0 ? g('noRouters') : g('routerHint')}</p>
          {(f('routerId') || f('delivery')) && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {f('routerId') ?? f('delivery')}
            </p>
          )}
        </div>
        <input type="hidden" name="delivery" value={delivery} />
        <input type="hidden" name="routerId" value={chosen ? chosen.id : ''} />
        <SelectField
          label={g('owner')}
          name="resellerUserId"
          defaultValue=""
          options={[
            { value: '', label: g('ownerOrg') },
            ...resellers.map((r) => ({ value: r.id, label: `${r.name} (${r.email})` })),
          ]}
          hint={g('ownerHint')}
          error={f('resellerUserId')}
        />
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={form.pending} data-testid="voucher-generate-submit">
            {form.pending ? t('common.saving') : g('submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
