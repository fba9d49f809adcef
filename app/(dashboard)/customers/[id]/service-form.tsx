'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState, useTransition } from 'react';
import { updateSubscriptionServiceAction } from '@/app/_actions/customers';
import { syncRouterAction } from '@/app/_actions/network';
import { JobStatus } from '@/components/jobs/job-watch';
import { SyncReportView } from '@/components/network/job-results';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { asInput, type FormFields, useActionForm } from '@/components/ui/use-action-form';
import { type OdpChoice, OdpPortFields } from './odp-port-fields';

type Service = {
  id: string;
  planId: string;
  planName: string;
  routerId: string | null;
  remoteAddress: string | null;
  localAddress: string | null;
  callerId: string | null;
  odpId: string | null;
  odpPort: number | null;
};
type Choice = { id: string; name: string };

// Several subscriptions can be on one page: field names carry the subscription id after "__"
// so ids and labels stay unique; the action gets the plain names.
const save = (fields: FormFields) =>
  updateSubscriptionServiceAction(
    asInput(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.split('__')[0], v]))),
  );

type MoveMessage =
  | 'serviceConfirmPlan'
  | 'serviceConfirmRouter'
  | 'serviceConfirmRouterPlan'
  | 'serviceConfirmRouterAdd'
  | 'serviceConfirmRouterRemove';

/**
 * A new plan or router makes the router job drop the live session (and a new router removes
 * the customer from the old one), so that save is confirmed first. Null: save straight away.
 */
function moveMessage(service: Service, planId: string, routerId: string): MoveMessage | null {
  const oldRouter = service.routerId ?? '';
  const planChanged = planId !== service.planId;
  if (routerId !== oldRouter) {
    if (!routerId) return 'serviceConfirmRouterRemove';
    if (!oldRouter) return 'serviceConfirmRouterAdd';
    return planChanged ? 'serviceConfirmRouterPlan' : 'serviceConfirmRouter';
  }
  return planChanged && routerId ? 'serviceConfirmPlan' : null;
}

/** Plan, router, ODP port, static addresses and MAC lock of one subscription; saving queues the router job. */
export function ServiceForm({
  service,
  plans,
  routers,
  odps,
  canWatchJobs,
}: {
  service: Service;
  plans: Choice[];
  routers: Choice[];
  odps: { choices: OdpChoice[]; free: number[] };
  canWatchJobs: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(save, () => router.refresh());
  const n = (field: string) => `${field}__${service.id}`;
  const f = (field: string) => form.fieldError(field);
  // A plan no longer sold stays selectable for the subscription that still has it.
  const planOptions = plans.some((p) => p.id === service.planId)
    ? plans
    : [{ id: service.planId, name: service.planName }, ...plans];
  const saved = form.result?.ok ? form.result.data : null;
  const formEl = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const [confirmText, setConfirmText] = useState<MoveMessage | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const message = moveMessage(service, String(data.get(n('planId')) ?? ''), String(data.get(n('routerId')) ?? ''));
    if (message && !confirmed.current) {
      event.preventDefault();
      setConfirmText(message);
      dialog.current?.showModal();
      return;
    }
    confirmed.current = false;
    form.onSubmit(event);
  };
  return (
    <form ref={formEl} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="service-form">
      <div className="space-y-2 sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {saved && (
          <Alert kind="success">
            <span data-testid="service-saved">
              {saved.changed.length === 0
                ? t('customers.serviceUnchanged')
                : saved.jobIds.length > 0
                  ? t('customers.serviceSavedQueued')
                  : t('customers.serviceSaved')}
            </span>
          </Alert>
        )}
        {saved && canWatchJobs && saved.jobIds.map((id) => <JobStatus key={id} jobId={id} />)}
      </div>
      <input type="hidden" name={n('subscriptionId')} value={service.id} />
      <SelectField
        label={t('customers.servicePlan')}
        name={n('planId')}
        defaultValue={service.planId}
        error={f('planId')}
        options={planOptions.map((p) => ({ value: p.id, label: p.name }))}
      />
      <SelectField
        label={t('customers.serviceRouter')}
        name={n('routerId')}
        defaultValue={service.routerId ?? ''}
        error={f('routerId')}
        hint={t('customers.serviceRouterHint')}
        options={[
          { value: '', label: t('customers.serviceNone') },
          ...routers.map((r) => ({ value: r.id, label: r.name })),
        ]}
      />
      <OdpPortFields
        subscriptionId={service.id}
        current={{ odpId: service.odpId, odpPort: service.odpPort }}
        choices={odps.choices}
        initialFree={odps.free}
        errors={{ odpId: f('odpId'), odpPort: f('odpPort') }}
      />
      <TextField
        label={t('customers.serviceRemoteAddress')}
        name={n('remoteAddress')}
        defaultValue={service.remoteAddress ?? ''}
        inputMode="decimal"
        placeholder="10.10.0.25"
        error={f('remoteAddress')}
        hint={t('customers.serviceRemoteAddressHint')}
      />
      <TextField
        label={t('customers.serviceLocalAddress')}
        name={n('localAddress')}
        defaultValue={service.localAddress ?? ''}
        inputMode="decimal"
        placeholder="10.10.0.1"
        error={f('localAddress')}
        hint={t('customers.serviceLocalAddressHint')}
      />
      <TextField
        label={t('customers.serviceCallerId')}
        name={n('callerId')}
        defaultValue={service.callerId ?? ''}
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="AA:BB:CC:DD:EE:FF"
        error={f('callerId')}
        hint={t('customers.serviceCallerIdHint')}
      />
      <div className="space-y-1 sm:col-span-2">
        <Button type="submit" disabled={form.pending} data-testid="service-save">
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
        <p className="text-xs text-slate-500">{t('customers.serviceSaveHint')}</p>
      </div>
      {/* Same modal as components/ui/confirm-button.tsx, but it confirms this form's submit. */}
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,92vw)] rounded-xl p-0 backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="space-y-4 p-5">
          <p data-testid="service-save-message">{confirmText && t(`customers.${confirmText}`)}</p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {t('common.cancel')}
            </Button>
            <Button
              data-testid="service-save-confirm"
              onClick={() => {
                dialog.current?.close();
                confirmed.current = true;
                formEl.current?.requestSubmit();
              }}
            >
              {t('common.confirm')}
            </Button>
          </div>
        </div>
      </dialog>
    </form>
  );
}

/** Reconcile just this subscription on its router now (never removes other entries). */
export function SyncSubscriptionButton({
  routerId,
  subscriptionId,
  canWatchJobs,
}: {
  routerId: string;
  subscriptionId: string;
  canWatchJobs: boolean;
}) {
  const t = useTranslations();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        data-testid="subscription-sync"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            setJobId(null);
            const r = await syncRouterAction({ routerId, subscriptionId, removeExtra: false });
            if (r.ok) setJobId(r.data.jobId);
            else setError(r.message);
          })
        }
      >
        {t('customers.serviceSync')}
      </Button>
      {error && <Alert>{error}</Alert>}
      {jobId &&
        (canWatchJobs ? (
          <JobStatus jobId={jobId}>{(j) => <SyncReportView result={j.result} />}</JobStatus>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('customers.serviceSyncQueued')}</p>
        ))}
    </div>
  );
}
