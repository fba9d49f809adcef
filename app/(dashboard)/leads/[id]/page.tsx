import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { CoverageNote } from '@/components/coverage-note';
import { LocationMap } from '@/components/map';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { getLeadOp, leadConversionOdpOp } from '@/lib/customers/operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import type { Coverage } from '@/lib/infrastructure/odps';
import { ConvertLeadForm, RejectLeadButton } from './verify-forms';

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('leads.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { lead, suggestion } = await read(getLeadOp, { leadId: id });
  const canVerify = lead.status === 'new' && can(ctx.role, 'leads.verify');
  // The ODP conversion would use today (ports may have filled since the lead was entered),
  // so the admin can note the port the surveyor reserved.
  const odpPorts = canVerify ? await read(leadConversionOdpOp, { leadId: lead.id }) : null;
  const rows: [string, string][] = [
    [t('leads.phone'), lead.phone],
    [t('leads.address'), lead.address],
    [t('leads.area'), lead.area ?? '—'],
    [t('leads.plan'), `${lead.planName} · ${t(`billingTypes.${lead.billingType}`)}`],
    [t('leads.notes'), lead.notes ?? '—'],
    [t('common.createdAt'), formatDateTime(lead.createdAt, locale, info.org!.timezone)],
  ];
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={lead.name}
        actions={
          <Badge color={lead.status === 'new' ? 'blue' : lead.status === 'converted' ? 'green' : 'slate'}>
            {t(`leads.statuses.${lead.status}`)}
          </Badge>
        }
      />
      <Card>
        <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
          {lead.rejectReason && (
            <>
              <dt className="text-slate-500">{t('leads.rejectReason')}</dt>
              <dd>{lead.rejectReason}</dd>
            </>
          )}
        </dl>
      </Card>
      <CoverageNote coverage={lead.coverage as Coverage} />
      <LocationMap
        center={lead}
        points={[{ latitude: lead.latitude, longitude: lead.longitude, kind: 'pick', label: lead.name }]}
        height={220}
      />
      {lead.status === 'converted' && lead.customerId && (
        <Link href={`/customers/${lead.customerId}`} className={buttonClass('primary')}>
          {t('leads.openCustomer')}
        </Link>
      )}
      {canVerify && (
        <Card>
          <h2 className="mb-3 font-semibold">{t('leads.verifyTitle')}</h2>
          <ConvertLeadForm
            leadId={lead.id}
            suggestion={suggestion}
            odp={odpPorts && { id: odpPorts.odpId, code: odpPorts.code, free: odpPorts.free }}
          />
          <div className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
            <RejectLeadButton leadId={lead.id} />
          </div>
        </Card>
      )}
    </div>
  );
}
