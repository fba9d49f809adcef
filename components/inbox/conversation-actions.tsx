'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import {
  assignConversationAction,
  createConversationTicketAction,
  linkConversationTicketAction,
  setConversationStatusAction,
} from '@/app/_actions/inbox';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { TICKET_CATEGORIES } from '@/db/enums';
import type { Result } from '@/lib/server/operation';
import { formatTicketNumber } from '@/lib/tickets/number';

type Props = {
  conversationId: string;
  status: 'open' | 'closed';
  assigneeUserId: string | null;
  me: string;
  members: { id: string; name: string }[];
  ticket: { id: string; number: number } | null;
  customerTickets: { id: string; number: number; subject: string }[];
  canTicket: boolean;
};

/** Assign (to a member or to me), close / reopen, and make or link a ticket. */
export function ConversationActions(p: Props) {
  const t = useTranslations('inbox');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = (action: () => Promise<Result<unknown>>) =>
    start(async () => {
      const r = await action();
      if (!r.ok) return setError(r.message);
      setError(null);
      router.refresh();
    });
  const id = p.conversationId;
  return (
    <Card className="space-y-4">
      {error && <Alert>{error}</Alert>}
      <section className="space-y-2">
        <h2 className="font-semibold">{t('assign')}</h2>
        <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
          <select
            aria-label={t('assignee')}
            className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base sm:text-sm dark:border-slate-700 dark:bg-slate-900"
            value={p.assigneeUserId ?? ''}
            disabled={pending}
            data-testid="assignee"
            onChange={(e) =>
              run(() => assignConversationAction({ conversationId: id, assigneeUserId: e.target.value }))
            }
          >
            <option value="">{t('unassigned')}</option>
            {p.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {p.assigneeUserId !== p.me && (
            <Button
              variant="secondary"
              disabled={pending}
              data-testid="assign-me"
              onClick={() => run(() => assignConversationAction({ conversationId: id, assigneeUserId: p.me }))}
            >
              {t('assignMe')}
            </Button>
          )}
        </div>
      </section>
      <section className="flex flex-wrap gap-2">
        {p.status === 'open' ? (
          <ConfirmButton
            label={t('close')}
            message={t('confirmClose')}
            variant="secondary"
            testId="close-conversation"
            onConfirm={() => run(() => setConversationStatusAction({ conversationId: id, status: 'closed' }))}
          />
        ) : (
          <Button
            variant="secondary"
            disabled={pending}
            data-testid="reopen-conversation"
            onClick={() => run(() => setConversationStatusAction({ conversationId: id, status: 'open' }))}
          >
            {t('reopen')}
          </Button>
        )}
      </section>
      {p.canTicket && !p.ticket && <TicketForms {...p} />}
      {p.ticket && (
        <p className="text-sm text-slate-500">{t('ticketLinked', { number: formatTicketNumber(p.ticket.number) })}</p>
      )}
    </Card>
  );
}

function TicketForms({ conversationId, customerTickets }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const create = useActionForm(createConversationTicketAction, () => router.refresh());
  const link = useActionForm(linkConversationTicketAction, () => router.refresh());
  return (
    <section className="space-y-3">
      <h2 className="font-semibold">{t('inbox.ticketTitle')}</h2>
      <form onSubmit={create.onSubmit} className="space-y-2" noValidate>
        {create.error && <Alert>{create.error}</Alert>}
        <input type="hidden" name="conversationId" value={conversationId} />
        <TextField
          label={t('tickets.subject')}
          name="subject"
          id="inbox-ticket-subject"
          maxLength={200}
          error={create.fieldError('subject')}
        />
        <SelectField
          label={t('tickets.category')}
          name="category"
          id="inbox-ticket-category"
          defaultValue="no_internet"
          error={create.fieldError('category')}
          options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
        />
        <Button type="submit" disabled={create.pending} data-testid="create-ticket">
          {t('inbox.createTicket')}
        </Button>
      </form>
      {customerTickets.length > 0 && (
        <form onSubmit={link.onSubmit} className="space-y-2" noValidate>
          {link.error && <Alert>{link.error}</Alert>}
          <input type="hidden" name="conversationId" value={conversationId} />
          <SelectField
            label={t('inbox.linkExisting')}
            name="ticketId"
            id="inbox-ticket-link"
            error={link.fieldError('ticketId')}
            options={customerTickets.map((x) => ({
              value: x.id,
              label: `${formatTicketNumber(x.number)} · ${x.subject}`,
            }))}
          />
          <Button type="submit" variant="secondary" disabled={link.pending} data-testid="link-ticket">
            {t('inbox.linkTicket')}
          </Button>
        </form>
      )}
    </section>
  );
}
