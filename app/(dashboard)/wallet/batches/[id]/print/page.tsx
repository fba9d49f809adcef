import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { formatMinutes } from '@/lib/vouchers/format';
import { myBatchCardsOp } from '@/lib/wallet/operations';
import { PrintButton } from './print-button';

/**
 * A reseller prints the cards of a batch they bought (only theirs: any other batch is not
 * found). A plain A4 sheet of cards from the browser's print dialog; the staff voucher pages
 * have the full print layouts.
 */
export default async function ResellerBatchPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePage('wallet.view');
  const t = await getTranslations('wallet.print');
  const locale = toLocale(await getLocale());
  const { id } = await params;
  const r = await executeOperation(myBatchCardsOp, ctx, { batchId: id });
  if (!r.ok && r.code === 'not_found') notFound();
  if (!r.ok) return <Alert>{r.message}</Alert>;
  const { profile, cards, passwordMode } = r.data;
  return (
    <div>
      <div className="print:hidden">
        <PageHeader
          title={t('title', { profile: profile.name })}
          subtitle={t('subtitle', { count: cards.length })}
          actions={
            <>
              <Link href="/wallet" className={buttonClass('secondary')}>
                {t('back')}
              </Link>
              {cards.length > 0 && <PrintButton label={t('print')} />}
            </>
          }
        />
      </div>
      {cards.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4 print:grid-cols-4 print:gap-1" data-testid="voucher-cards">
          {cards.map((c) => (
            <li key={c.code} className="break-inside-avoid rounded-lg border border-dashed border-slate-400 p-2 text-center text-sm">
              <p className="text-xs font-medium">{profile.name}</p>
              <p className="font-mono text-lg font-bold tracking-wider" data-testid="voucher-code">
                {c.code}
              </p>
              {passwordMode === 'separate' && <p className="font-mono text-xs">{t('password', { password: c.password })}</p>}
              <p className="text-xs">
                {formatIDR(profile.priceRupiah)} · {formatMinutes(profile.validityMinutes, locale)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
