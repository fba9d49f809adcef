'use client';
import { ArrowLeft, Camera, MapPin, Navigation, Phone } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { Button } from '@/components/ui/button';
import { telUrl } from '@/lib/core/contact-links';
import type { ActivationView } from '@/lib/fibre/activation/queries';
import type { NewOutboxItem } from '@/lib/field/queue';
import { type FieldWorkOrderView, geoUrl, routeUrl } from '@/lib/field/view';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { MyBag } from '@/lib/inventory/field-stock';
import { ActivationPanel } from './activation-panel';
import { PhotoCamera } from './camera';
import { FinishForm } from './finish-form';
import { MaterialsForm } from './materials-form';
import { currentPosition } from './media';
import { SignatureForm } from './signature';
import { SwapForm } from './swap-form';
import { StatusPill } from './work-order-list';

export type Enqueue = (item: NewOutboxItem) => Promise<void>;

/** A step made now, with the phone's time and (for the visit's steps) its GPS. */
export async function makeAction(
  wo: FieldWorkOrderView,
  version: number,
  type: string,
  extra: Record<string, unknown> = {},
  withGps = false,
): Promise<NewOutboxItem> {
  const position = withGps ? await currentPosition() : null;
  const key = crypto.randomUUID();
  const at = new Date().toISOString();
  const action = { key, workOrderId: wo.id, version, at, type, ...extra, ...(position ?? {}) };
  return { kind: 'action', key, workOrderId: wo.id, number: wo.number, createdAt: at, action };
}

export function WorkOrderDetail(p: {
  wo: FieldWorkOrderView;
  serverVersion: number;
  timeZone: string;
  enqueue: Enqueue;
  onBack: () => void;
  bag?: MyBag | null;
}) {
  const { wo } = p;
  const t = useTranslations('fieldApp');
  const ti = useTranslations('inventoryField');
  const ta = useTranslations('activation');
  const locale = useLocale() as Locale;
  const [busy, setBusy] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [note, setNote] = useState('');
  const [activation, setActivation] = useState<ActivationView | null>(null);
  const closed = wo.status === 'done' || wo.status === 'cancelled';

  const step = async (type: string, extra: Record<string, unknown> = {}, gps = false) => {
    setBusy(type);
    try {
      await p.enqueue(await makeAction(wo, p.serverVersion, type, extra, gps));
    } finally {
      setBusy(null);
    }
  };
  const route = routeUrl(wo);
  const geo = geoUrl(wo);

  return (
    <div className="space-y-3" data-testid="wo-detail">
      <button
        type="button"
        onClick={p.onBack}
        className="inline-flex min-h-11 items-center gap-1 text-sm text-brand-700"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('backToList')}
      </button>
      <Panel>
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-lg font-semibold" data-testid="wo-number">
            {wo.number}
          </h1>
          <StatusPill status={wo.status} />
        </div>
        <p className="font-medium">
          {t(`types.${wo.type}`)} · {wo.customerName ?? '—'}
        </p>
        <p className="flex items-start gap-1 text-sm">
          <MapPin className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="break-words">{wo.address || '—'}</span>
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {formatDate(wo.scheduledDate, locale)}
          {wo.windowStart ? ` · ${wo.windowStart}–${wo.windowEnd ?? ''}` : ''}
          {wo.odpLabel ? ` · ${wo.odpLabel}${wo.odpPort ? ` / ${t('port')} ${wo.odpPort}` : ''}` : ''}
        </p>
        {wo.notes && <p className="whitespace-pre-wrap break-words text-sm">{wo.notes}</p>}
        <div className="grid grid-cols-2 gap-2 pt-1">
          {route && (
            <a href={route} target="_blank" rel="noreferrer" className={linkClass} data-testid="detail-route">
              <Navigation className="size-4" aria-hidden />
              {t('route')}
            </a>
          )}
          {wo.customerPhone && (
            <a href={telUrl(wo.customerPhone)} className={linkClass}>
              <Phone className="size-4" aria-hidden />
              {t('call')}
            </a>
          )}
          {geo && (
            <a href={geo} className={`${linkClass} col-span-2`}>
              <MapPin className="size-4" aria-hidden />
              {t('openInMapsApp')}
            </a>
          )}
        </div>
      </Panel>

      {!closed && (
        <Panel title={t('visit')}>
          <div className="grid grid-cols-1 gap-2">
            {(wo.status === 'open' || wo.status === 'scheduled') && (
              <Button
                variant="secondary"
                disabled={busy !== null}
                onClick={() => step('on_the_way', {}, true)}
                data-testid="step-on-the-way"
              >
                {t('onTheWay')}
              </Button>
            )}
            {!wo.checkInAt && (
              <Button disabled={busy !== null} onClick={() => step('check_in', {}, true)} data-testid="step-check-in">
                {busy === 'check_in' ? t('locating') : t('checkIn')}
              </Button>
            )}
          </div>
          {wo.checkInAt && (
            <p className="text-sm" data-testid="checked-in">
              {t('checkedInAt', { time: formatDateTime(wo.checkInAt, locale, p.timeZone) })}
            </p>
          )}
          {wo.checkOutAt ? (
            <p className="text-sm" data-testid="checked-out">
              {t('checkedOutAt', { time: formatDateTime(wo.checkOutAt, locale, p.timeZone) })}
            </p>
          ) : (
            wo.checkInAt && (
              // Leaving without finishing (parts missing, customer away); finishing checks out by itself.
              <Button
                variant="secondary"
                className="w-full"
                disabled={busy !== null}
                onClick={() => step('check_out', {}, true)}
                data-testid="step-check-out"
              >
                {t('checkOut')}
              </Button>
            )
          )}
        </Panel>
      )}

      {wo.checklist.length > 0 && (
        <Panel title={t('checklist')}>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {wo.checklist.map((item) => (
              <li key={item.id}>
                <label className="flex min-h-11 items-center gap-3 py-1">
                  <input
                    type="checkbox"
                    className="size-5 shrink-0"
                    checked={item.done}
                    disabled={closed}
                    onChange={(e) => step('checklist', { itemId: item.id, done: e.target.checked })}
                    data-testid="checklist-item"
                  />
                  <span className="break-words">{item.label}</span>
                </label>
              </li>
            ))}
          </ul>
        </Panel>
      )}

      <Panel title={t('photos.title')}>
        <p className="text-sm" data-testid="photo-count">
          {t('photos.count', { count: wo.photoCount, required: wo.requiredPhotos })}
        </p>
        {!closed &&
          (camera ? (
            <PhotoCamera
              onClose={() => setCamera(false)}
              onPhoto={(blob) => {
                const key = crypto.randomUUID();
                const at = new Date().toISOString();
                void p.enqueue({
                  kind: 'photo',
                  key,
                  workOrderId: wo.id,
                  number: wo.number,
                  createdAt: at,
                  blob,
                  mime: blob.type,
                  takenAt: at,
                });
              }}
            />
          ) : (
            <Button variant="secondary" className="w-full" onClick={() => setCamera(true)} data-testid="photo-open">
              <Camera className="size-4" aria-hidden />
              {t('photos.open')}
            </Button>
          ))}
      </Panel>

      {wo.needsSignature && (
        <Panel title={t('signature.title')}>
          {wo.signed ? (
            <p className="text-sm text-emerald-700" data-testid="signature-done">
              {t('signature.done')}
            </p>
          ) : closed ? null : (
            <SignatureForm
              defaultName={wo.customerName ?? ''}
              onSave={(blob, signedName) => {
                const key = crypto.randomUUID();
                void p.enqueue({
                  kind: 'signature',
                  key,
                  workOrderId: wo.id,
                  number: wo.number,
                  createdAt: new Date().toISOString(),
                  blob,
                  mime: blob.type,
                  signedName,
                });
              }}
            />
          )}
        </Panel>
      )}

      <Panel title={t('notes.title')}>
        {wo.fieldNotes.map((n, i) => (
          <p key={i} className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-2 text-sm dark:bg-slate-800">
            {n}
          </p>
        ))}
        {!closed && (
          <form
            className="space-y-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!note.trim()) return;
              await step('note', { text: note.trim() });
              setNote('');
            }}
          >
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              rows={3}
              aria-label={t('notes.title')}
              placeholder={t('notes.placeholder')}
              className="w-full rounded-lg border border-slate-300 p-2 dark:border-slate-700 dark:bg-slate-900"
              data-testid="note-text"
            />
            <Button
              type="submit"
              variant="secondary"
              className="w-full"
              disabled={!note.trim()}
              data-testid="note-save"
            >
              {t('notes.save')}
            </Button>
          </form>
        )}
      </Panel>

      {wo.status === 'done' ? (
        <Panel>
          <p className="font-medium text-emerald-700" data-testid="wo-finished">
            {t('finished', { time: formatDateTime(wo.finishedAt, locale, p.timeZone) })}
          </p>
          {wo.serialNumber && (
            <p className="text-sm">
              {t('finish.serial')}: {wo.serialNumber}
            </p>
          )}
        </Panel>
      ) : (
        !closed && (
          <>
            {p.bag && p.bag.bulk.length > 0 && (
              <Panel title={ti('materials.title')}>
                <MaterialsForm
                  bag={p.bag}
                  onSend={(lines) => step('materials', { lines })}
                  busy={busy === 'materials'}
                />
              </Panel>
            )}
            {wo.type === 'repair' && (
              <Panel title={ti('swap.title')}>
                <SwapForm bag={p.bag ?? null} onSwap={(extra) => step('swap', extra)} busy={busy === 'swap'} />
              </Panel>
            )}
            {wo.type === 'installation' && (
              <Panel title={ta('title')}>
                <ActivationPanel
                  workOrderId={wo.id}
                  bagSerials={p.bag?.units.map((u) => u.serial)}
                  onChange={setActivation}
                />
              </Panel>
            )}
            <Panel title={t('finish.title')}>
              <FinishForm
                key={activation?.status === 'done' ? activation.serial : 'typed'}
                activatedSerial={activation?.status === 'done' ? activation.serial : undefined}
                wo={wo}
                onFinish={(extra) => step('finish', extra, true)}
                busy={busy === 'finish'}
                bagSerials={p.bag?.units.map((u) => u.serial)}
              />
            </Panel>
          </>
        )
      )}
    </div>
  );
}

const linkClass =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-slate-300 px-3 text-sm font-medium dark:border-slate-700';

function Panel({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {title && <h2 className="font-semibold">{title}</h2>}
      {children}
    </section>
  );
}
