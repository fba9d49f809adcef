'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveGatewaySettingsAction, testGatewayAction } from '@/app/_actions/payments';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { inputClass, SelectField, TextField } from '@/components/ui/field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { listGatewaySettings } from '@/lib/payments/settings';
import { useGatewayTest } from './use-gateway-test';

export type GatewaySettings = Awaited<ReturnType<typeof listGatewaySettings>>[number];

/** One gateway account: on/off, mode, keys, the methods offered with their fees, and a key test. */
export function GatewayCard({
  gateway: g,
  callbackUrl,
  locale,
  timeZone,
}: {
  gateway: GatewaySettings;
  callbackUrl: string;
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(saveGatewaySettingsAction, () => router.refresh());
  const test = useGatewayTest(
    () => testGatewayAction({ gateway: g.gateway }),
    () => router.refresh(),
  );
  const f = form.fieldError;
  const account = g.account;
  const id = (name: string) => `${g.gateway}-${name}`;
  // After a save the page re-renders with the stored values: a new key gives the form fresh
  // defaults (empty secret fields showing the new masked hints).
  const version = JSON.stringify([account, g.methods]);
  return (
    <Card className="space-y-3">
      <div data-testid={`gateway-${g.gateway}`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">{g.label}</h2>
          <div className="flex gap-2">
            {account ? (
              <Badge color={account.enabled ? 'green' : 'slate'}>
                {t(account.enabled ? 'payments.enabled' : 'payments.disabled')}
              </Badge>
            ) : (
              <Badge>{t('payments.notConfigured')}</Badge>
            )}
            {account && (
              <Badge color={account.mode === 'production' ? 'blue' : 'amber'}>
                {t(`payments.modes.${account.mode}`)}
              </Badge>
            )}
          </div>
        </div>
        <details className="mt-2" open={Boolean(account?.enabled) || form.result !== null}>
          <summary
            className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 dark:text-brand-500"
            data-testid={`gateway-${g.gateway}-open`}
          >
            {t('payments.configure', { gateway: g.label })}
          </summary>
          <form key={version} onSubmit={form.onSubmit} className="mt-2 space-y-4" noValidate>
            <input type="hidden" name="gateway" value={g.gateway} />
            {form.error && <Alert>{form.error}</Alert>}
            {form.result?.ok && <Alert kind="success">{t('payments.saved', { gateway: g.label })}</Alert>}
            <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
              <input type="checkbox" name="enabled" defaultChecked={account?.enabled ?? false} className="h-5 w-5" />
              {t('payments.enable', { gateway: g.label })}
            </label>
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                label={t('payments.mode')}
                name="mode"
                id={id('mode')}
                defaultValue={account?.mode ?? 'sandbox'}
                options={(['sandbox', 'production'] as const).map((m) => ({
                  value: m,
                  label: t(`payments.modes.${m}`),
                }))}
                error={f('mode')}
              />
              {g.credentialFields.map((c) => {
                const hint = account?.hints[c.key] ?? '';
                return (
                  <TextField
                    key={c.key}
                    label={t(`payments.credentials.${c.labelKey}`)}
                    name={`cred_${c.key}`}
                    id={id(`cred_${c.key}`)}
                    type={c.secret ? 'password' : 'text'}
                    // Never the password manager's sign-in password, never the stored key.
                    autoComplete={c.secret ? 'new-password' : 'off'}
                    defaultValue={c.secret ? '' : hint}
                    placeholder={c.secret && hint ? t('payments.stored', { hint }) : undefined}
                    hint={c.secret && hint ? t('payments.secretHint') : undefined}
                    error={f(`cred_${c.key}`)}
                  />
                );
              })}
            </div>
            <MethodTable gateway={g} fieldError={f} />
            <div className="space-y-1">
              <p className="text-sm font-medium">{t('payments.callbackUrl')}</p>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
                <code
                  className="block min-w-0 flex-1 break-all rounded-lg bg-slate-100 px-3 py-2 text-xs dark:bg-slate-800"
                  data-testid={`callback-url-${g.gateway}`}
                >
                  {callbackUrl}
                </code>
                <CopyButton text={callbackUrl} />
              </div>
              <p className="text-xs text-slate-500">{t('payments.callbackHint', { gateway: g.label })}</p>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={form.pending} data-testid={`save-${g.gateway}`}>
                {form.pending ? t('common.saving') : t('common.save')}
              </Button>
              <Button
                variant="secondary"
                onClick={test.run}
                disabled={test.pending || !account}
                data-testid={`test-${g.gateway}`}
              >
                {test.pending ? t('payments.testing') : t('payments.test')}
              </Button>
            </div>
          </form>
          <TestOutcome
            result={
              test.result ??
              (account?.lastTestAt ? { ok: account.lastTestOk ?? false, message: account.lastTestMessage ?? '' } : null)
            }
            error={test.error}
            at={account?.lastTestAt ? formatDateTime(account.lastTestAt, locale, timeZone) : null}
            gateway={g.label}
            testId={`test-result-${g.gateway}`}
          />
        </details>
      </div>
    </Card>
  );
}

function MethodTable({
  gateway: g,
  fieldError,
}: {
  gateway: GatewaySettings;
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations('payments');
  return (
    <div>
      <p className="mb-2 text-sm font-medium">{t('methods')}</p>
      <StackedTable
        variant="inset"
        head={[t('method'), t('feeType'), t('fee'), t('feeBearer')]}
        testId={`methods-${g.gateway}`}
      >
        {g.methods.map((m) => {
          const name = (part: string) => `m_${m.code}_${part}`;
          const error = fieldError(name('fee'));
          return (
            <tr key={m.code} className={STACKED_ROW.inset} data-testid={`method-${m.code}`}>
              <StackedCell className="col-span-2">
                <label className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    name={name('on')}
                    defaultChecked={m.enabled}
                    className="h-5 w-5"
                    aria-label={t('methodOn', { method: m.label })}
                  />
                  <span>
                    <span className="font-medium">{m.label}</span>
                    <span className="block text-xs text-slate-500">{t(`kinds.${m.kind}`)}</span>
                  </span>
                </label>
              </StackedCell>
              <StackedCell label={t('feeType')}>
                <select
                  name={name('type')}
                  defaultValue={m.feeType}
                  aria-label={`${t('feeType')} ${m.label}`}
                  className={inputClass}
                >
                  {(['flat', 'percent'] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`feeTypes.${v}`)}
                    </option>
                  ))}
                </select>
              </StackedCell>
              <StackedCell label={t('fee')}>
                <input
                  name={name('fee')}
                  defaultValue={m.feeText}
                  inputMode="decimal"
                  placeholder="0"
                  aria-label={`${t('fee')} ${m.label}`}
                  aria-invalid={Boolean(error)}
                  className={`${inputClass} md:w-28`}
                />
                {error && (
                  <span role="alert" className="mt-1 block text-sm text-red-600 dark:text-red-400">
                    {error}
                  </span>
                )}
              </StackedCell>
              <StackedCell label={t('feeBearer')}>
                <select
                  name={name('bearer')}
                  defaultValue={m.feeBearer}
                  aria-label={`${t('feeBearer')} ${m.label}`}
                  className={inputClass}
                >
                  {(['customer', 'isp'] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`feeBearers.${v}`)}
                    </option>
                  ))}
                </select>
              </StackedCell>
            </tr>
          );
        })}
      </StackedTable>
    </div>
  );
}

/**
 * The outcome of the last key test. The server stores a failed call as an error code
 * (`gateway_unauthorized: …`): it is shown as the operator's own-language message.
 */
function TestOutcome({
  result,
  error,
  at,
  gateway,
  testId,
}: {
  result: { ok: boolean; message: string } | null;
  error: string | null;
  at: string | null;
  gateway: string;
  testId: string;
}) {
  const t = useTranslations();
  if (error)
    return (
      <div className="mt-3" data-testid={testId}>
        <Alert>{error}</Alert>
      </div>
    );
  if (!result)
    return (
      <p className="mt-3 text-sm text-slate-500" data-testid={testId}>
        {t('payments.neverTested')} {t('payments.testHint')}
      </p>
    );
  const coded = /^(gateway_[a-z_]+)(?::\s*(.*))?$/s.exec(result.message);
  const message = coded ? t(`errors.${coded[1]}`, { detail: coded[2] ?? '', gateway }) : result.message;
  return (
    <div className="mt-3 space-y-1 text-sm" data-testid={testId}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge color={result.ok ? 'green' : 'red'}>{t(result.ok ? 'payments.testOk' : 'payments.testFailed')}</Badge>
        {at && <span className="text-slate-500">{t('payments.lastTest', { time: at })}</span>}
      </div>
      {message && (
        <p className="break-words text-slate-700 dark:text-slate-300">
          {coded ? message : t('payments.gatewayAnswer', { message })}
        </p>
      )}
    </div>
  );
}
