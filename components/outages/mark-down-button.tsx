'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { markDownAction, previewOutageAction } from '@/app/_actions/outages';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { inputClass, SelectField } from '@/components/ui/field';
import type { OutageElementType } from '@/db/enums';
import { latestRequest } from './latest-request';

type Preview = { label: string; subscriptions: number; customers: number; current: { id: string } | null };

/**
 * "Tandai gangguan" on an element's page, the map popup and the outages page: a dialog that
 * first shows how many customers the element cuts off (and whether it is already down), then
 * marks it down: the incident ticket opens and the affected customers get one WhatsApp notice.
 * An ODP can be marked down whole or one port.
 */
export function MarkDownButton({
  elementType,
  elementId,
  ports,
  variant = 'danger',
}: {
  elementType: OutageElementType;
  elementId: string;
  ports?: number;
  variant?: 'danger' | 'secondary';
}) {
  const t = useTranslations('outages');
  const tc = useTranslations('common');
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [port, setPort] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const type: OutageElementType = elementType === 'odp' && port ? 'odp_port' : elementType;

  const requests = useRef(latestRequest());

  const load = (odpPort: string) =>
    start(async () => {
      const ticket = requests.current.take();
      setError(null);
      const r = await previewOutageAction({
        elementType: elementType === 'odp' && odpPort ? 'odp_port' : elementType,
        elementId,
        odpPort,
      });
      // A port picked since: its preview is the one to show, not this older one.
      if (!requests.current.isLatest(ticket)) return;
      if (r.ok) setPreview(r.data);
      else setError(r.message);
    });

  const open = () => {
    dialog.current?.showModal();
    load(port);
  };

  const submit = (form: FormData) =>
    start(async () => {
      const r = await markDownAction({
        elementType: type,
        elementId,
        odpPort: port,
        cause: String(form.get('cause') ?? ''),
      });
      if (!r.ok) {
        setError(r.message);
        return;
      }
      dialog.current?.close();
      router.push(`/outages/${r.data.outage.id}`);
    });

  return (
    <>
      <Button variant={variant} onClick={open} data-testid="mark-down">
        {t('markDown')}
      </Button>
      <dialog
        ref={dialog}
        className="m-auto w-[min(28rem,92vw)] rounded-xl p-0 backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
        data-testid="mark-down-dialog"
      >
        <form action={submit} className="space-y-4 p-5">
          <h2 className="text-lg font-semibold">{t('markDownTitle')}</h2>
          {preview && <p className="font-medium">{preview.label}</p>}
          {elementType === 'odp' && ports ? (
            <SelectField
              label={t('port')}
              name="odpPort"
              value={port}
              onChange={(e) => {
                setPort(e.target.value);
                load(e.target.value);
              }}
              options={[
                { value: '', label: t('wholeOdp') },
                ...Array.from({ length: ports }, (_, i) => ({ value: String(i + 1), label: t('portN', { n: i + 1 }) })),
              ]}
            />
          ) : null}
          {preview && (
            <p data-testid="mark-down-count">
              {t('willAffect', { customers: preview.customers, subscriptions: preview.subscriptions })}
            </p>
          )}
          {preview?.current && <Alert kind="warning">{t('alreadyDown')}</Alert>}
          <div className="space-y-1">
            <label htmlFor="outage-cause" className="block text-sm font-medium">
              {t('cause')}
            </label>
            <textarea
              id="outage-cause"
              name="cause"
              rows={2}
              maxLength={500}
              placeholder={t('causePlaceholder')}
              className={`${inputClass} py-2`}
            />
          </div>
          <p className="text-sm text-slate-500">{t('markDownHint')}</p>
          {error && <Alert>{error}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              {tc('cancel')}
            </Button>
            <Button
              type="submit"
              variant="danger"
              disabled={pending || !preview || Boolean(preview.current)}
              data-testid="mark-down-confirm"
            >
              {pending ? tc('saving') : t('markDownConfirm')}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
