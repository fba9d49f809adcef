import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { workOrderStockMoves } from '@/lib/inventory/field-stock';

type Move = Awaited<ReturnType<typeof workOrderStockMoves>>[number];

/** The stock a work order moved (installed modem, materials, a swap), each serial linking to its history. */
export async function WorkOrderStockMoves({
  moves,
  locale,
  timeZone,
}: {
  moves: Move[];
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations('inventoryField');
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t('moves.title')}</h2>
      {moves.length === 0 ? (
        <p className="text-sm text-slate-500">{t('moves.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="work-order-stock-moves">
          {moves.map((m) => (
            <li key={m.id} className="space-y-0.5 py-2">
              <p className="font-medium">
                {t(`kinds.${m.kind}`)} ·{' '}
                {m.unitId && m.serial ? (
                  <Link
                    href={`/inventory/units/${m.unitId}`}
                    className="font-mono text-brand-700 underline dark:text-brand-500"
                  >
                    {m.serial}
                  </Link>
                ) : (
                  `${m.quantity} ${t(`units.${m.itemUnit}`)}`
                )}{' '}
                {m.itemName}
              </p>
              <p className="text-slate-500">
                {m.fromName ?? '—'} → {m.toName ?? t('moves.used')} · {m.actorName ?? '—'} ·{' '}
                {formatDateTime(m.createdAt, locale, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
