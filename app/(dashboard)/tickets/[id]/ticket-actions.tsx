'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import {
  addTicketMessageAction,
  assignTicketAction,
  changeTicketStatusAction,
  updateTicketAction,
} from '@/app/_actions/tickets';
import { createWorkOrderFromTicketAction } from '@/app/_actions/workorders';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass, SelectField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_TEAMS,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
  type TicketTeam,
} from '@/db/enums';

/** The next steps of the flow as buttons; resolving (it may message the customer), closing and reopening ask first. */
export function StatusButtons({ ticketId, next }: { ticketId: string; next: TicketStatus[] }) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const move = (status: TicketStatus) =>
    start(async () => {
      const r = await changeTicketStatusAction({ ticketId, status });
      if (!r.ok) return setError(r.message);
      setError(null);
      setNotice(r.data.ratingAsked ? t('ratingAsked') : null);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="flex flex-wrap gap-2">
        {next.map((s) =>
          s === 'closed' || s === 'open' || s === 'resolved' ? (
            <ConfirmButton
              key={s}
              label={t(`moveTo.${s}`)}
              message={t(`confirm.${s}`)}
              variant={s === 'resolved' ? 'primary' : 'secondary'}
              testId={`status-${s}`}
              onConfirm={() => move(s)}
            />
          ) : (
            <Button key={s} variant="secondary" disabled={pending} onClick={() => move(s)} data-testid={`status-${s}`}>
              {t(`moveTo.${s}`)}
            </Button>
          ),
        )}
      </div>
    </div>
  );
}

/** Reply to the customer (WhatsApp, with the ticket number) or note for the team. */
export function ReplyForm({ ticketId, canReply }: { ticketId: string; canReply: boolean }) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const send = (kind: 'reply' | 'note') =>
    start(async () => {
      const r = await addTicketMessageAction({ ticketId, kind, body });
      if (!r.ok) return setError(r.fieldErrors?.body ?? r.message);
      setError(null);
      setBody('');
      router.refresh();
    });
  return (
    <Card className="space-y-2">
      <label htmlFor="ticket-body" className="block font-semibold">
        {t('write')}
      </label>
      {error && <Alert>{error}</Alert>}
      <textarea
        id="ticket-body"
        rows={3}
        value={body}
        maxLength={4000}
        onChange={(e) => setBody(e.target.value)}
        className={`${inputClass} py-2`}
        data-testid="ticket-body"
      />
      {!canReply && <p className="text-xs text-slate-500">{t('noRecipient')}</p>}
      <div className="flex flex-wrap gap-2">
        {canReply && (
          <Button disabled={pending || !body.trim()} onClick={() => send('reply')} data-testid="send-reply">
            {t('sendReply')}
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={pending || !body.trim()}
          onClick={() => send('note')}
          data-testid="add-note"
        >
          {t('addNote')}
        </Button>
      </div>
    </Card>
  );
}

export function AssignForm({
  ticketId,
  members,
  assigneeUserId,
  team,
}: {
  ticketId: string;
  members: { id: string; name: string }[];
  assigneeUserId: string | null;
  team: TicketTeam | null;
}) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const form = useActionForm(assignTicketAction, () => router.refresh());
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
      <h2 className="font-semibold">{t('assign')}</h2>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="ticketId" value={ticketId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('assignee')}
          name="assigneeUserId"
          defaultValue={assigneeUserId ?? ''}
          error={form.fieldError('assigneeUserId')}
          options={[{ value: '', label: t('unassigned') }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
        />
        <SelectField
          label={t('team')}
          name="team"
          defaultValue={team ?? ''}
          error={form.fieldError('team')}
          options={[
            { value: '', label: t('noTeam') },
            ...TICKET_TEAMS.map((s) => ({ value: s, label: t(`teams.${s}`) })),
          ]}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={form.pending} data-testid="assign-ticket">
        {t('saveAssignment')}
      </Button>
    </form>
  );
}

export function UpdateForm({
  ticketId,
  priority,
  category,
}: {
  ticketId: string;
  priority: TicketPriority;
  category: TicketCategory;
}) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const form = useActionForm(updateTicketAction, () => router.refresh());
  return (
    <form
      onSubmit={form.onSubmit}
      className="space-y-3 border-t border-slate-100 pt-4 dark:border-slate-800"
      noValidate
    >
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="ticketId" value={ticketId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('priority')}
          name="priority"
          defaultValue={priority}
          hint={t('priorityHint')}
          options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        />
        <SelectField
          label={t('category')}
          name="category"
          defaultValue={category}
          options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={form.pending}>
        {t('saveDetails')}
      </Button>
    </form>
  );
}

/** A repair visit for this ticket: opens the work order (the ticket's open repair when there is one). */
export function RepairWorkOrderButton({ ticketId }: { ticketId: string }) {
  const t = useTranslations('tickets');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <Button
        variant="secondary"
        disabled={pending}
        data-testid="ticket-repair-work-order"
        onClick={() =>
          start(async () => {
            const r = await createWorkOrderFromTicketAction({ ticketId });
            if (!r.ok) return setError(r.message);
            router.push(`/work-orders/${r.data.id}`);
          })
        }
      >
        {t('repairWorkOrder')}
      </Button>
    </div>
  );
}
