import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { formatIDR } from '@/lib/format';
import type { Variance } from '@/lib/inventory/count-variance';

function Section({
  title,
  hint,
  testId,
  children,
}: {
  title: string;
  hint?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="space-y-2" data-testid={testId}>
      <h3 className="font-semibold">{title}</h3>
      {hint && <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p>}
      {children}
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${formatIDR(n)}` : formatIDR(n));

/** What the count found against the books, with what approval would post and its value. */
export function VarianceReport({ variance: v }: { variance: Variance }) {
  const t = useTranslations('inventoryCounts.variance');
  const nothing =
    v.missing.length + v.unexpected.length + v.unknown.length === 0 && v.quantities.every((q) => q.difference === 0);
  return (
    <Card className="space-y-5">
      <div data-testid="variance-report" className="space-y-1">
        <h2 className="text-lg font-semibold">{t('title')}</h2>
        <p className="text-sm" data-testid="variance-summary">
          {t('summary', {
            matched: v.matched,
            missing: v.missing.length,
            unexpected: v.unexpected.length,
            unknown: v.unknown.length,
          })}
        </p>
        <p className="text-sm font-medium" data-testid="variance-net">
          {t('netValue', { value: signed(v.netValue) })}
        </p>
      </div>
      {nothing && <p className="text-sm text-slate-600">{t('none')}</p>}
      {v.missing.length > 0 && (
        <Section title={t('missing', { count: v.missing.length })} hint={t('missingHint')} testId="variance-missing">
          <StackedTable variant="inset" head={[t('serial'), t('item'), t('value')]}>
            {v.missing.map((m) => (
              <tr key={m.unitId} className={STACKED_ROW.inset}>
                <StackedCell label={t('serial')} className="break-all font-mono">
                  {m.serial}
                </StackedCell>
                <StackedCell label={t('item')}>{m.itemName}</StackedCell>
                <StackedCell label={t('value')}>{signed(-m.value)}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        </Section>
      )}
      {v.unexpected.length > 0 && (
        <Section
          title={t('unexpected', { count: v.unexpected.length })}
          hint={t('unexpectedHint')}
          testId="variance-unexpected"
        >
          <StackedTable variant="inset" head={[t('serial'), t('item'), t('bookedAt'), t('value')]}>
            {v.unexpected.map((u) => (
              <tr key={u.unitId} className={STACKED_ROW.inset}>
                <StackedCell label={t('serial')} className="break-all font-mono">
                  {u.serial}
                </StackedCell>
                <StackedCell label={t('item')}>{u.itemName}</StackedCell>
                <StackedCell label={t('bookedAt')}>{u.fromLocationName}</StackedCell>
                <StackedCell label={t('value')}>{signed(u.value)}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        </Section>
      )}
      {v.unknown.length > 0 && (
        <Section title={t('unknown', { count: v.unknown.length })} hint={t('unknownHint')} testId="variance-unknown">
          <ul className="list-inside list-disc text-sm">
            {v.unknown.map((u) => (
              <li key={u.entryId} className="break-all font-mono">
                {u.serial}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {v.quantities.length > 0 && (
        <Section title={t('quantities')} hint={t('quantitiesHint')} testId="variance-quantities">
          <StackedTable variant="inset" head={[t('item'), t('expected'), t('counted'), t('difference'), t('value')]}>
            {v.quantities.map((q) => (
              <tr key={q.itemId} className={STACKED_ROW.inset} data-testid="variance-quantity">
                <StackedCell label={t('item')} className="col-span-2">
                  {q.itemName}
                </StackedCell>
                <StackedCell label={t('expected')}>{q.expected}</StackedCell>
                <StackedCell label={t('counted')}>{q.counted ?? t('notCounted')}</StackedCell>
                <StackedCell label={t('difference')}>
                  {q.difference > 0 ? `+${q.difference}` : q.difference}
                </StackedCell>
                <StackedCell label={t('value')}>{signed(q.value)}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        </Section>
      )}
    </Card>
  );
}

type Posted = {
  id: number;
  itemName: string;
  serial: string | null;
  quantity: number;
  fromName: string | null;
  toName: string | null;
  value: number;
};

/** The ledger rows an approval posted (a decided count's record). */
export function PostedMoves({ moves }: { moves: Posted[] }) {
  const t = useTranslations('inventoryCounts.variance');
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">{t('postedTitle')}</h2>
      {moves.length === 0 ? (
        <p className="text-sm text-slate-600">{t('postedNone')}</p>
      ) : (
        <StackedTable variant="inset" testId="posted-moves" head={[t('item'), t('quantity'), t('from'), t('to')]}>
          {moves.map((m) => (
            <tr key={m.id} className={STACKED_ROW.inset}>
              <StackedCell label={t('item')} className="col-span-2">
                {m.itemName}
                {m.serial && <div className="break-all font-mono text-xs">{m.serial}</div>}
              </StackedCell>
              <StackedCell label={t('quantity')}>{m.quantity}</StackedCell>
              <StackedCell label={t('from')}>{m.fromName ?? t('offBooks')}</StackedCell>
              <StackedCell label={t('to')}>{m.toName ?? t('offBooks')}</StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
    </Card>
  );
}
