'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { assignWorkOrderAction, cancelWorkOrderAction, scheduleWorkOrderAction } from '@/app/_actions/workorders';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DateField } from '@/components/ui/date-field';
import { TextField } from '@/components/ui/field';
import { TimeField } from '@/components/ui/time-field';
import { useActionForm } from '@/components/ui/use-action-form';

/** The visit's day and window; saving tells the customer once a technician is on it. */
export function ScheduleForm({
  workOrderId,
  date,
  start,
  end,
}: {
  workOrderId: string;
  date: string | null;
  start: string | null;
  end: string | null;
}) {
  const t = useTranslations('workOrders.schedule');
  const router = useRouter();
  const form = useActionForm(scheduleWorkOrderAction, () => router.refresh());
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="schedule-form">
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{form.result.data.notified ? t('notified') : t('saved')}</Alert>}
      <input type="hidden" name="workOrderId" value={workOrderId} />
      <DateField
        label={t('date')}
        name="scheduledDate"
        defaultValue={date ?? undefined}
        error={form.fieldError('scheduledDate')}
        testId="schedule-date"
      />
      <div className="flex flex-wrap gap-3">
        <TimeField
          label={t('start')}
          name="windowStart"
          defaultValue={start ?? '08:00'}
          error={form.fieldError('windowStart')}
        />
        <TimeField
          label={t('end')}
          name="windowEnd"
          defaultValue={end ?? '12:00'}
          error={form.fieldError('windowEnd')}
        />
      </div>
      <Button type="submit" disabled={form.pending} data-testid="save-schedule">
        {t('submit')}
      </Button>
    </form>
  );
}

/** One or more technicians, as tickable rows big enough for a thumb. */
export function AssignForm({
  workOrderId,
  technicians,
  assigned,
}: {
  workOrderId: string;
  technicians: { id: string; name: string }[];
  assigned: string[];
}) {
  const t = useTranslations('workOrders.assign');
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>(assigned);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const save = () =>
    start(async () => {
      const r = await assignWorkOrderAction({ workOrderId, technicianIds: chosen });
      setMessage(
        r.ok ? { ok: true, text: t('saved') } : { ok: false, text: r.fieldErrors?.technicianIds ?? r.message },
      );
      if (r.ok) router.refresh();
    });
  return (
    <div className="space-y-3" data-testid="assign-form">
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('hint')}</p>
      <ul className="space-y-1">
        {technicians.map((x) => (
          <li key={x.id}>
            <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <input
                type="checkbox"
                className="size-5"
                checked={chosen.includes(x.id)}
                onChange={() => toggle(x.id)}
                data-testid="technician-choice"
              />
              <span>{x.name}</span>
            </label>
          </li>
        ))}
      </ul>
      <Button onClick={save} disabled={pending} data-testid="save-technicians">
        {t('submit')}
      </Button>
    </div>
  );
}

/** Cancelling asks first and needs the reason. */
export function CancelWorkOrder({ workOrderId }: { workOrderId: string }) {
  const t = useTranslations('workOrders.cancel');
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <TextField label={t('reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <ConfirmButton
        label={t('button')}
        message={`${t('title')} ${t('hint')}`}
        testId="cancel-work-order"
        onConfirm={async () => {
          const r = await cancelWorkOrderAction({ workOrderId, reason });
          if (r.ok) router.refresh();
          else setError(r.fieldErrors?.reason ?? r.message);
        }}
      />
    </div>
  );
}
