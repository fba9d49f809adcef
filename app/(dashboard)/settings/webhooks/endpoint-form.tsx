'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { saveEndpointAction } from '@/app/_actions/webhooks';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { EVENT_TYPES } from '@/lib/events/catalog';

type Endpoint = { id: string; url: string; description: string | null; eventTypes: string[] };

/** Add an endpoint (then open it, with its secret) or change one: address, description, event types. */
export function EndpointForm({ endpoint }: { endpoint?: Endpoint }) {
  const t = useTranslations('webhooks');
  const tEvent = useTranslations('events.types');
  const router = useRouter();
  const [picked, setPicked] = useState<string[]>(endpoint?.eventTypes ?? [...EVENT_TYPES]);
  const all = EVENT_TYPES.every((e) => picked.includes(e));
  const form = useActionForm(saveEndpointAction, (data) =>
    endpoint ? router.refresh() : router.push(`/settings/webhooks/${data.id}`),
  );
  const toggle = (type: string, on: boolean) =>
    setPicked((list) => (on ? [...new Set([...list, type])] : list.filter((e) => e !== type)));
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="webhook-form">
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && endpoint && <Alert kind="success">{t('saved')}</Alert>}
      {endpoint && <input type="hidden" name="endpointId" value={endpoint.id} />}
      <TextField
        label={t('url')}
        name="url"
        id={endpoint ? `url-${endpoint.id}` : 'url'}
        inputMode="url"
        autoComplete="off"
        placeholder="https://app.example.com/webhooks/jaring"
        defaultValue={endpoint?.url ?? ''}
        hint={t('urlHint')}
        error={form.fieldError('url')}
      />
      <TextField
        label={t('description')}
        name="description"
        id={endpoint ? `description-${endpoint.id}` : 'description'}
        autoComplete="off"
        defaultValue={endpoint?.description ?? ''}
        hint={t('descriptionHint')}
        error={form.fieldError('description')}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{t('events')}</legend>
        <input type="hidden" name="eventTypes" value={picked.join(',')} />
        <label className="flex min-h-11 items-center gap-3 font-medium">
          <input
            type="checkbox"
            className="size-5"
            checked={all}
            onChange={(e) => setPicked(e.target.checked ? [...EVENT_TYPES] : [])}
            data-testid="webhook-all-events"
          />
          {t('allEvents')}
        </label>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex min-h-11 min-w-0 items-center gap-3">
              <input
                type="checkbox"
                className="size-5 shrink-0"
                checked={picked.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
                data-testid="webhook-event"
                value={type}
              />
              <span className="min-w-0">
                <span className="block text-sm">{tEvent(type.replace('.', '_'))}</span>
                <code className="break-all text-xs text-slate-500">{type}</code>
              </span>
            </label>
          ))}
        </div>
        {form.fieldError('eventTypes') && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {form.fieldError('eventTypes')}
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={form.pending} data-testid="webhook-save" className="w-full sm:w-auto">
        {t('save')}
      </Button>
    </form>
  );
}
