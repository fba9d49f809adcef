'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import {
  customersStatusAction,
  invoicesStatusAction,
  remindCustomersAction,
  remindInvoicesAction,
} from '@/app/_actions/bulk';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { useSelection } from './selection';

type Kind = 'customers' | 'invoices';

const ACTIONS = {
  customers: { remind: remindCustomersAction, status: customersStatusAction },
  invoices: { remind: remindInvoicesAction, status: invoicesStatusAction },
} as const;

/**
 * What can be done with the ticked rows: a WhatsApp reminder, isolating or reopening their
 * service (each after a confirmation that says how many), and exporting just them.
 */
export function BulkBar({
  kind,
  allowed,
}: {
  kind: Kind;
  allowed: { remind: boolean; status: boolean; export: boolean };
}) {
  const t = useTranslations('bulk');
  const router = useRouter();
  const { pageIds, selected, setAll, clear } = useSelection();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  // One action at a time: a second tap while reminders are being queued would only add to the wait.
  const [busy, setBusy] = useState(false);
  const exportForm = useRef<HTMLFormElement>(null);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const ids = [...selected];
  const count = ids.length;
  const all = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const noun = t(`nouns.${kind}`, { count });

  const running = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const remind = () =>
    running(async () => {
      const r = await ACTIONS[kind].remind({ ids });
      if (!r.ok) return setNotice({ kind: 'error', text: r.message });
      setNotice({ kind: 'success', text: t('reminded', r.data) });
      clear();
    });
  const status = (action: 'isolate' | 'reopen') =>
    running(async () => {
      const r = await ACTIONS[kind].status({ ids, action });
      if (!r.ok) return setNotice({ kind: 'error', text: r.message });
      setNotice({ kind: 'success', text: t(action === 'isolate' ? 'isolated' : 'reopened', { ...r.data, kind }) });
      clear();
      router.refresh();
    });
  const exportAs = (f: 'csv' | 'xlsx') => {
    setFormat(f);
    // The form posts once React has put the chosen format in it.
    setTimeout(() => exportForm.current?.submit(), 0);
  };

  return (
    <div className="mb-3 space-y-2" data-testid="bulk-bar">
      <div className="flex flex-wrap items-center gap-2">
        <label className="inline-flex min-h-11 cursor-pointer items-center gap-2 pr-2 text-sm">
          <input
            type="checkbox"
            className="h-5 w-5 accent-brand-600"
            checked={all}
            onChange={(e) => setAll(e.target.checked)}
            data-testid="select-all"
          />
          {count > 0 ? t('selected', { count }) : t('selectAll')}
        </label>
        {/* The actions appear once something is ticked: an untouched list keeps its first rows in view. */}
        {count > 0 && allowed.remind && (
          <ConfirmButton
            label={t('remind')}
            variant="secondary"
            message={t('confirmRemind', { count, noun })}
            disabled={count === 0 || busy}
            onConfirm={remind}
            testId="bulk-remind"
          />
        )}
        {count > 0 && allowed.status && (
          <>
            <ConfirmButton
              label={t('isolate')}
              message={t('confirmIsolate', { count, noun })}
              disabled={count === 0 || busy}
              onConfirm={() => status('isolate')}
              testId="bulk-isolate"
            />
            <ConfirmButton
              label={t('reopen')}
              variant="secondary"
              message={t('confirmReopen', { count, noun })}
              disabled={count === 0 || busy}
              onConfirm={() => status('reopen')}
              testId="bulk-reopen"
            />
          </>
        )}
        {count > 0 && allowed.export && (
          <>
            <Button
              variant="ghost"
              disabled={count === 0}
              onClick={() => exportAs('csv')}
              data-testid="bulk-export-csv"
            >
              {t('exportCsv')}
            </Button>
            <Button
              variant="ghost"
              disabled={count === 0}
              onClick={() => exportAs('xlsx')}
              data-testid="bulk-export-xlsx"
            >
              {t('exportXlsx')}
            </Button>
            <form ref={exportForm} method="post" action={`/api/exports/${kind}`} className="hidden">
              <input type="hidden" name="format" value={format} />
              {ids.map((id) => (
                <input key={id} type="hidden" name="ids" value={id} />
              ))}
            </form>
          </>
        )}
      </div>
      {notice && (
        <div data-testid="bulk-notice">
          <Alert kind={notice.kind}>{notice.text}</Alert>
        </div>
      )}
    </div>
  );
}

/** Download links for the whole filtered list. */
export function ExportLinks({ kind, query }: { kind: 'customers' | 'invoices' | 'payments'; query: string }) {
  const t = useTranslations('bulk');
  const href = (f: string) => `/api/exports/${kind}?${query ? `${query}&` : ''}format=${f}`;
  return (
    <>
      <a href={href('csv')} className={buttonClass('secondary')} data-testid="export-csv" download>
        {t('exportAllCsv')}
      </a>
      <a href={href('xlsx')} className={buttonClass('secondary')} data-testid="export-xlsx" download>
        {t('exportAllXlsx')}
      </a>
    </>
  );
}
