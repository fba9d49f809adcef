import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getCountOp } from '@/lib/inventory/count-operations';
import { CountStatusBadge } from '../_components/count-status-badge';
import { CountDecision } from './_components/count-decision';
import { CountWorkspace } from './_components/count-workspace';
import { PostedMoves, VarianceReport } from './_components/variance-report';

/** One count: scanning while it is open, the variance report, the approver's decision, what was posted. */
export default async function CountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { info, ctx, read } = await requirePage('inventory.view');
  const t = await getTranslations('inventoryCounts');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { count, scans, variance, posted, bulkItems } = await read(getCountOp, { countId: id });
  const counting = count.status === 'counting' && can(ctx.role, 'inventory.count');
  const deciding = count.status === 'submitted' && can(ctx.role, 'inventory.approve');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('detail.title', { location: count.locationName })}
        subtitle={t('detail.started', {
          name: count.startedByName ?? '—',
          time: formatDateTime(count.startedAt, locale, tz),
        })}
        actions={<CountStatusBadge status={count.status} />}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/inventory/counts" className="inline-flex min-h-11 items-center text-sm underline">
          {t('detail.back')}
        </Link>
        <a
          href={`/api/inventory/counts/${count.id}/export`}
          className={buttonClass('secondary')}
          data-testid="count-csv"
        >
          {t('export.csv')}
        </a>
      </div>
      {count.notes && <Card className="text-sm">{count.notes}</Card>}
      {count.status === 'submitted' && !deciding && <Alert kind="warning">{t('detail.waiting')}</Alert>}
      {count.status === 'rejected' && (
        <Alert kind="warning">
          <span data-testid="count-decision-note">
            {t('detail.rejected', {
              name: count.decidedByName ?? '—',
              time: formatDateTime(count.decidedAt, locale, tz),
              note: count.decisionNote ?? '',
            })}
          </span>
        </Alert>
      )}
      {count.status === 'approved' && (
        <Alert kind="success">
          {t('detail.approved', {
            name: count.decidedByName ?? '—',
            time: formatDateTime(count.decidedAt, locale, tz),
          })}
        </Alert>
      )}
      {count.status === 'cancelled' && <Alert kind="warning">{t('detail.cancelled')}</Alert>}
      {counting && (
        <CountWorkspace
          countId={count.id}
          scans={scans.map((s) => ({ id: s.id, serial: s.serial, itemName: s.itemName, known: Boolean(s.unitId) }))}
          bulkItems={bulkItems.map((i) => ({ id: i.id, label: `${i.name} (${i.sku}, ${t(`units.${i.unit}`)})` }))}
        />
      )}
      {variance && <VarianceReport variance={variance} />}
      {count.status === 'approved' && <PostedMoves moves={posted} />}
      {deciding && <CountDecision countId={count.id} />}
    </div>
  );
}
