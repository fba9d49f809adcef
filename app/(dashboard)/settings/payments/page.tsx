import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { toLocale } from '@/lib/i18n/config';
import { listGatewaySettingsOp } from '@/lib/payments/operations';
import { executeOperation } from '@/lib/server/operation';
import { GatewayCard } from './gateway-card';

/** One card per gateway: keys (never sent back in clear), methods with their fees, a key test. */
export default async function PaymentSettingsPage() {
  const { info, ctx } = await requirePage('payments.gateways');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(listGatewaySettingsOp, ctx, {});
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={t('payments.settings')}
        subtitle={t('payments.settingsHint')}
        actions={
          can(ctx.role, 'billing.view') && (
            <Link href="/payments" className={buttonClass('secondary')}>
              {t('payments.transactions')}
            </Link>
          )
        }
      />
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok &&
        result.data.map((g) => (
          <GatewayCard
            key={g.gateway}
            gateway={g}
            callbackUrl={`${env().APP_URL}/api/payments/${g.gateway}/callback`}
            locale={locale}
            timeZone={info.org!.timezone}
          />
        ))}
    </div>
  );
}
