'use client';
import { Briefcase } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { withPending } from '@/lib/field/view';
import { BagView } from './bag-view';
import { OutboxBar } from './outbox-bar';
import { useBag } from './use-bag';
import { useOutbox } from './use-outbox';
import { WorkOrderDetail } from './work-order-detail';
import { WorkOrderList } from './work-order-list';

/**
 * The technician's app: one page that works from the phone's own copy when there is no
 * signal. Which work order is open lives in `?wo=` (pushed by hand, not through Next's
 * router, so moving between list and detail needs no server round trip offline).
 */
export function FieldApp({ userId, timeZone }: { userId: string; timeZone: string }) {
  const t = useTranslations('fieldApp');
  const tb = useTranslations('inventoryField.bag');
  const outbox = useOutbox(userId);
  const { bag, reload: reloadBag } = useBag(userId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [showBag, setShowBag] = useState(false);
  // What was sent may have moved stock out of the bag: read it again once the outbox empties.
  const sending = outbox.pending.length;
  useEffect(() => {
    if (sending === 0) void reloadBag();
  }, [sending, reloadBag]);

  useEffect(() => {
    const read = () => setOpenId(new URLSearchParams(window.location.search).get('wo'));
    read();
    window.addEventListener('popstate', read);
    return () => window.removeEventListener('popstate', read);
  }, []);

  const open = useCallback((id: string | null) => {
    window.history.pushState(null, '', id ? `/tech?wo=${id}` : '/tech');
    setOpenId(id);
    window.scrollTo(0, 0);
  }, []);

  const views = useMemo(
    () => (outbox.workOrders ?? []).map((wo) => withPending(wo, outbox.pending)),
    [outbox.workOrders, outbox.pending],
  );
  const current = openId ? views.find((w) => w.id === openId) : undefined;

  return (
    <div className="mx-auto max-w-xl space-y-3 p-3 pb-24">
      <OutboxBar
        online={outbox.online}
        pending={outbox.pending.length}
        problems={outbox.problems}
        workOrders={views}
        signInAgain={outbox.signInAgain}
        fromCache={outbox.fromCache}
        onDismiss={outbox.dismiss}
        onRetryProblem={outbox.retry}
        onRetry={outbox.flush}
      />
      {outbox.workOrders === null ? (
        <p className="p-4 text-center text-sm text-slate-500">{t('loading')}</p>
      ) : current ? (
        <WorkOrderDetail
          wo={current}
          serverVersion={outbox.workOrders.find((w) => w.id === current.id)?.version ?? current.version}
          timeZone={timeZone}
          enqueue={outbox.enqueue}
          onBack={() => open(null)}
          bag={bag}
        />
      ) : openId ? (
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <p>{t('notFound')}</p>
          <button type="button" className="min-h-11 text-brand-700 underline" onClick={() => open(null)}>
            {t('backToList')}
          </button>
        </div>
      ) : showBag ? (
        <BagView bag={bag} onBack={() => setShowBag(false)} />
      ) : (
        <>
          <button
            type="button"
            onClick={() => setShowBag(true)}
            className="flex min-h-11 w-full items-center justify-between rounded-xl border border-slate-200 bg-white px-3 text-sm font-medium shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-testid="bag-open"
          >
            <span className="inline-flex items-center gap-2">
              <Briefcase className="size-4" aria-hidden />
              {tb('title')}
            </span>
            <span className="text-slate-500">
              {bag ? tb('summary', { units: bag.units.length, materials: bag.bulk.length }) : ''}
            </span>
          </button>
          <WorkOrderList workOrders={views} timeZone={timeZone} onOpen={open} />
        </>
      )}
    </div>
  );
}
