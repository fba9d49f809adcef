import { getLocale, getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { toLocale } from '@/lib/i18n/config';
import { listExportsOp } from '@/lib/org-transfer/operations';
import { ExportForm, ExportList } from './_components/export-client';

/**
 * Pengaturan → Ekspor data: the whole organization as one ZIP to take away (or to move to
 * another Jaring install), made by a job, kept a few days for download.
 */
export default async function ExportPage() {
  const { read, info } = await requirePage('organization.export');
  const t = await getTranslations('orgTransfer');
  const data = await read(listExportsOp, {});
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card className="space-y-2 text-sm">
        <h2 className="font-semibold">{t('includedTitle')}</h2>
        <ul className="list-disc space-y-1 pl-5" data-testid="export-included">
          {(['data', 'csv', 'files', 'people', 'secrets'] as const).map((k) => (
            <li key={k}>{t(`included.${k}`)}</li>
          ))}
        </ul>
      </Card>
      <ExportForm running={data.running} />
      <ExportList
        items={JSON.parse(JSON.stringify(data.items))}
        locale={toLocale(await getLocale())}
        timeZone={info.org!.timezone}
      />
    </div>
  );
}
