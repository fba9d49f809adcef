'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import {
  cancelCountAction,
  removeCountEntryAction,
  scanCountAction,
  setCountQuantityAction,
  submitCountAction,
} from '@/app/_actions/inventory-counts';
import { ContinuousScanner, type ScanOutcome } from '@/components/scan/continuous-scanner';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Scan = { id: string; serial: string | null; itemName: string | null; known: boolean };

/** Counting on a phone: scan serials one after another, type bulk quantities, take back a wrong scan, submit. */
export function CountWorkspace({
  countId,
  scans,
  bulkItems,
}: {
  countId: string;
  scans: Scan[];
  bulkItems: { id: string; label: string }[];
}) {
  const t = useTranslations('inventoryCounts.work');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  const onScan = useCallback(
    async (value: string): Promise<ScanOutcome> => {
      const r = await scanCountAction({ countId, serial: value });
      if (!r.ok) return { ok: false, message: r.fieldErrors?.serial ?? r.message };
      router.refresh();
      const { status, serial, itemName } = r.data;
      return { ok: true, message: t(`scanned.${status}`, { serial, item: itemName ?? '' }) };
    },
    [countId, router, t],
  );

  const quantity = useActionForm(setCountQuantityAction, () => router.refresh());
  const run = async (action: () => Promise<{ ok: boolean; message?: string }>) => {
    const r = await action();
    if (!r.ok) setError(r.message ?? null);
    else router.refresh();
  };

  return (
    <div className="space-y-4">
      <Card>
        <h2 className="mb-3 font-semibold">{t('scanTitle')}</h2>
        <ContinuousScanner onScan={onScan} label={t('scanLabel')} />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">{t('quantityTitle')}</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('quantityHint')}</p>
        {bulkItems.length === 0 ? (
          <p className="text-sm text-slate-500">{t('noBulkItems')}</p>
        ) : (
          <form onSubmit={quantity.onSubmit} className="space-y-3" data-testid="count-quantity-form">
            <input type="hidden" name="countId" value={countId} />
            <SelectField
              label={t('quantityItem')}
              name="itemId"
              options={bulkItems.map((i) => ({ value: i.id, label: i.label }))}
              error={quantity.fieldError('itemId')}
            />
            <TextField
              label={t('quantity')}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={0}
              required
              error={quantity.fieldError('quantity')}
            />
            {quantity.error && !quantity.fieldError('quantity') && <Alert>{quantity.error}</Alert>}
            {quantity.result?.ok && <Alert kind="success">{t('quantitySaved')}</Alert>}
            <Button type="submit" disabled={quantity.pending} className="w-full sm:w-auto" data-testid="save-quantity">
              {t('saveQuantity')}
            </Button>
          </form>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">{t('scansTitle', { count: scans.length })}</h2>
        {scans.length === 0 ? (
          <p className="text-sm text-slate-500">{t('noScans')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="count-scans">
            {scans.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 py-1" data-testid="count-scan">
                <div className="min-w-0">
                  <div className="break-all font-mono text-sm">{s.serial}</div>
                  <div className="text-xs text-slate-500">{s.known ? s.itemName : t('unknownSerial')}</div>
                </div>
                <ConfirmButton
                  variant="ghost"
                  label={t('remove')}
                  message={t('removeConfirm', { serial: s.serial ?? '' })}
                  onConfirm={() => run(() => removeCountEntryAction({ countId, entryId: s.id }))}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-col gap-2 sm:flex-row">
        <ConfirmButton
          variant="primary"
          label={t('submit')}
          message={t('submitConfirm')}
          testId="submit-count"
          onConfirm={() => run(() => submitCountAction({ countId }))}
        />
        <ConfirmButton
          label={t('cancel')}
          message={t('cancelConfirm')}
          testId="cancel-count"
          onConfirm={() => run(() => cancelCountAction({ countId }))}
        />
      </div>
    </div>
  );
}
