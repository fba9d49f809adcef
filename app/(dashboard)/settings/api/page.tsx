import { BookOpen, FileJson } from 'lucide-react';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { listApiKeysOp } from '@/lib/api/key-operations';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, formatDateTimeOrDash } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { ApiKeys } from './api-keys';

/**
 * Settings → API: the organization's keys for the REST API (each acts as its maker, narrowed
 * to its scopes), making one (its token shown once), revoking, and where the docs are.
 */
export default async function ApiSettingsPage() {
  const { read, info } = await requirePage('api.manage');
  const t = await getTranslations('apiKeys');
  const locale = toLocale(await getLocale());
  const zone = info.org!.timezone;
  const data = await read(listApiKeysOp, {});
  const keys = data.keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    status: k.status,
    maker: k.makerName ?? k.makerEmail ?? null,
    rateLimitPerMinute: k.rateLimitPerMinute,
    createdAt: formatDateTime(k.createdAt, locale, zone),
    expiresAt: k.expiresAt ? formatDateTime(k.expiresAt, locale, zone) : null,
    revokedAt: k.revokedAt ? formatDateTime(k.revokedAt, locale, zone) : null,
    lastUsedAt: k.lastUsedAt ? formatDateTimeOrDash(k.lastUsedAt, locale, zone) : null,
    lastUsedIp: k.lastUsedIp,
  }));
  const year = new Date().getFullYear();
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card className="space-y-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('docsHint')}</p>
        <div className="flex flex-wrap gap-2">
          <a href="/api/docs" className={buttonClass('secondary')} data-testid="api-docs-link">
            <BookOpen size={16} aria-hidden />
            {t('docs')}
          </a>
          <a href="/api/v1/openapi.json" className={buttonClass('secondary')} data-testid="api-openapi-link">
            <FileJson size={16} aria-hidden />
            {t('openapi')}
          </a>
        </div>
      </Card>
      <ApiKeys keys={keys} areas={data.areas} presets={data.presets} years={[year, year + 5]} />
    </div>
  );
}
