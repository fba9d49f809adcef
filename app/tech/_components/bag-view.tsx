'use client';
import { ArrowLeft } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { MyBag } from '@/lib/inventory/field-stock';

/** "Tas saya": the units (by serial) and materials (by quantity) the technician carries. */
export function BagView({ bag, onBack }: { bag: MyBag | null; onBack: () => void }) {
  const t = useTranslations('inventoryField.bag');
  const tu = useTranslations('inventoryField.units');
  const empty = bag && bag.units.length === 0 && bag.bulk.length === 0;
  return (
    <div className="space-y-3" data-testid="bag-view">
      <button type="button" onClick={onBack} className="inline-flex min-h-11 items-center gap-1 text-sm text-brand-700">
        <ArrowLeft className="size-4" aria-hidden />
        {t('back')}
      </button>
      <section className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        {bag?.code && <p className="text-sm text-slate-500">{t('code', { code: bag.code })}</p>}
        {!bag && <p className="text-sm text-slate-500">{t('loading')}</p>}
        {empty && <p className="text-sm text-slate-500">{t('empty')}</p>}
        {bag && bag.units.length > 0 && (
          <>
            <h2 className="font-medium">{t('units', { count: bag.units.length })}</h2>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="bag-units">
              {bag.units.map((u) => (
                <li key={u.id} className="py-2 text-sm">
                  <span className="font-mono font-medium">{u.serial}</span>
                  <span className="block text-slate-500">
                    {u.itemName}
                    {u.mac ? ` · ${u.mac}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {bag && bag.bulk.length > 0 && (
          <>
            <h2 className="font-medium">{t('materials')}</h2>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="bag-bulk">
              {bag.bulk.map((b) => (
                <li key={b.itemId} className="flex justify-between py-2 text-sm">
                  <span>{b.name}</span>
                  <span className="font-medium">
                    {b.quantity} {tu(b.unit)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
