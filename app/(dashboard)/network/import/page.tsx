import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { GEO_FILE_MAX_BYTES } from '@/lib/infrastructure/geo-io-read';
import { GeoImportForm } from './geo-import-form';

/** Import and export of the whole network as GeoJSON or KML (Google Earth). */
export default async function NetworkImportPage() {
  const { ctx } = await requirePage('odps.view');
  const t = await getTranslations('networkIo');
  const manage = can(ctx.role, 'odps.manage');
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Link href="/network" className={buttonClass('secondary')}>
            {t('back')}
          </Link>
        }
      />
      <Card>
        <h2 className="font-medium">{t('exportTitle')}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('exportHint')}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a
            href="/api/network/export?format=geojson"
            download
            className={buttonClass('secondary')}
            data-testid="export-geojson"
          >
            {t('exportGeojson')}
          </a>
          <a
            href="/api/network/export?format=kml"
            download
            className={buttonClass('secondary')}
            data-testid="export-kml"
          >
            {t('exportKml')}
          </a>
        </div>
      </Card>
      {manage ? (
        <Card>
          <h2 className="font-medium">{t('importTitle')}</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {t('importHint', { max: GEO_FILE_MAX_BYTES / 1024 / 1024 })}
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-400">
            <li>{t('ruleKind')}</li>
            <li>{t('ruleCode')}</li>
            <li>{t('ruleUpdate')}</li>
          </ul>
          <GeoImportForm />
        </Card>
      ) : (
        <p className="text-sm text-slate-500">{t('manageOnly')}</p>
      )}
    </div>
  );
}
