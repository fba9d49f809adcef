'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { countRecipientsAction, startBroadcastAction } from '@/app/_actions/messaging';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@/lib/customers/constants';
import type { Result } from '@/lib/server/operation';
import { BodyEditor } from './body-editor';

type Choice = { value: string; label: string };
type Filters = { status: SubscriptionStatus | ''; planId: string; area: string; odpId: string };
type Count = { total: number; optedOut: number; willSend: number };

/**
 * Who gets it (status, plan, area, ODP — the count follows the filters), the title for the
 * list and the text. Sending asks first, stating how many customers it reaches.
 */
export function BroadcastForm({
  plans,
  odps,
  areas,
  initialBody,
  variables,
}: {
  plans: Choice[];
  odps: Choice[];
  areas: string[];
  initialBody: string;
  variables: readonly string[];
}) {
  const t = useTranslations('messaging.broadcasts');
  const ts = useTranslations('statuses');
  const tc = useTranslations('common');
  const router = useRouter();
  const [filters, setFilters] = useState<Filters>({ status: '', planId: '', area: '', odpId: '' });
  const [title, setTitle] = useState('');
  const [body, setBody] = useState(initialBody);
  const [result, setResult] = useState<Result<{ total: number }> | null>(null);
  const count = useRecipientCount(filters);
  const all = (label: string) => ({ value: '', label: `${label}: ${tc('all')}` });
  const select = (key: keyof Filters, label: string, options: Choice[]) => (
    <SelectField
      label={label}
      name={key}
      id={`bc-${key}`}
      value={filters[key]}
      onChange={(e) => setFilters((f) => ({ ...f, [key]: e.target.value }))}
      options={[all(label), ...options]}
      error={fieldError(key)}
    />
  );
  function fieldError(name: string) {
    return result && !result.ok ? result.fieldErrors?.[name] : undefined;
  }
  const send = async () => {
    const r = await startBroadcastAction({ ...filters, title, body });
    setResult(r);
    if (r.ok) {
      setTitle('');
      router.refresh();
    }
  };
  return (
    <div className="space-y-3" data-testid="broadcast-form">
      {result && !result.ok && <Alert>{result.message}</Alert>}
      {result?.ok && <Alert kind="success">{t('started', { count: result.data.total })}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {select(
          'status',
          t('status'),
          SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: ts(s) })),
        )}
        {select('planId', t('plan'), plans)}
        {select(
          'area',
          t('area'),
          areas.map((a) => ({ value: a, label: a })),
        )}
        {select('odpId', t('odp'), odps)}
      </div>
      <p className="text-sm" data-testid="recipient-count" aria-live="polite">
        {count
          ? t('recipients', { willSend: count.willSend, total: count.total, optedOut: count.optedOut })
          : tc('loading')}
      </p>
      <TextField
        label={t('title')}
        name="title"
        id="bc-title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder={t('titlePlaceholder')}
        hint={t('titleHint')}
        error={fieldError('title')}
      />
      <BodyEditor
        id="bc-body"
        label={t('body')}
        category="broadcast"
        variables={variables}
        value={body}
        onChange={setBody}
        error={fieldError('body')}
      />
      <ConfirmButton
        label={t('send')}
        message={t('sendConfirm', { count: count?.willSend ?? 0 })}
        variant="primary"
        testId="send-broadcast"
        // Nothing to confirm until there is a title, a message and someone to send it to.
        disabled={!count || count.willSend === 0 || title.trim().length < 3 || body.trim().length < 3}
        onConfirm={send}
      />
    </div>
  );
}

/** The count for the current filters, asked again shortly after they change. */
function useRecipientCount(filters: Filters) {
  const [count, setCount] = useState<Count | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = window.setTimeout(async () => {
      const r = await countRecipientsAction(filters);
      if (mine === seq.current && r.ok) setCount(r.data);
    }, 200);
    return () => window.clearTimeout(timer);
  }, [filters]);
  return count;
}
