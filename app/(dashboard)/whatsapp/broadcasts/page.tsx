import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { toLocale } from '@/lib/i18n/config';
import { broadcastChoicesOp, broadcastProgressOp, listBroadcastsOp } from '@/lib/messaging/operations';
import { TEMPLATE_VARIABLES } from '@/lib/messaging/templates';
import { executeOperation } from '@/lib/server/operation';
import { BroadcastForm } from '../_components/broadcast-form';
import { BroadcastRow } from '../_components/broadcast-row';

/** A notice to a filtered set of customers (outage, maintenance), and how far each has gone. */
export default async function WhatsAppBroadcastsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('messaging.view');
  const sp = await searchParams;
  const t = await getTranslations('messaging');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const canSend = can(ctx.role, 'messaging.broadcast');
  const list = await executeOperation(listBroadcastsOp, ctx, { cursor: sp.cursor });
  const page = list.ok ? list.data : { items: [], nextCursor: null };
  const progress = await Promise.all(
    page.items.map((b) => executeOperation(broadcastProgressOp, ctx, { broadcastId: b.id })),
  );
  const rows = progress.flatMap((p) => (p.ok ? [p.data] : []));
  const form = canSend ? await read(broadcastChoicesOp, {}) : null;
  return (
    <div className="space-y-4">
      {rows.some((r) => r.broadcast.status === 'sending') && <AutoRefresh seconds={3} />}
      {form && (
        <Card className="space-y-3">
          <div>
            <h2 className="text-lg font-semibold">{t('broadcasts.new')}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('broadcasts.newHint')}</p>
          </div>
          <BroadcastForm {...form} variables={TEMPLATE_VARIABLES.broadcast} />
        </Card>
      )}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('broadcasts.list')}</h2>
        {!list.ok && <Alert>{list.message}</Alert>}
        {rows.length === 0 ? (
          <EmptyState title={t('broadcasts.emptyTitle')} hint={t('broadcasts.emptyHint')} />
        ) : (
          <div className="space-y-3" data-testid="broadcasts">
            {rows.map((r) => (
              <BroadcastRow
                key={r.broadcast.id}
                progress={r}
                canControl={canSend}
                locale={locale}
                timeZone={info.org!.timezone}
              />
            ))}
          </div>
        )}
        <Pager
          basePath="/whatsapp/broadcasts"
          params={{ cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: tc('next'), first: tc('first') }}
        />
      </section>
    </div>
  );
}
