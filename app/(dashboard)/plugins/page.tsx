import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { type CatalogueItem, type LastError, PLUGIN_KINDS, type PluginHealth } from '@/lib/plugins/catalogue';
import { pluginCatalogueOp } from '@/lib/plugins/operations';
import { type NpmPluginView, PluginCard } from './_components/plugin-card';

const HEALTH_COLOR = { ok: 'green', failing: 'red', unknown: 'amber', off: 'slate' } as const;

/**
 * Plugin: what Jaring is extended with, by kind, each with its version and health as its own
 * subsystem last recorded it. Built-ins are set up on their own pages (linked); third-party
 * plugins are turned on and configured here.
 */
export default async function PluginsPage() {
  const { read, info } = await requirePage('plugins.manage');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const zone = info.org!.timezone;
  const data = await read(pluginCatalogueOp, {});
  const at = (d: Date | null) => (d ? formatDateTime(d, locale, zone) : null);
  const errorText = (e: LastError) =>
    [
      e.subject,
      e.key ? t(e.key as never) : null,
      e.detail && (e.key?.startsWith('plugins.outcomes.') ? t('plugins.pluginSaid', { text: e.detail }) : e.detail),
    ]
      .filter(Boolean)
      .join(' · ');
  const health = (h: PluginHealth) => (
    <span data-testid="plugin-health" data-health={h}>
      <Badge color={HEALTH_COLOR[h]}>{t(`plugins.health.${h}`)}</Badge>
    </span>
  );
  const npm: NpmPluginView[] = data.plugins.map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    enabled: p.enabled,
    health: p.health,
    healthLabel: t(`plugins.health.${p.health}`),
    healthColor: HEALTH_COLOR[p.health],
    lastError: p.lastError ? errorText(p.lastError) : null,
    lastErrorAt: p.lastError ? at(p.lastError.at) : null,
    plugin: p.plugin && {
      description: p.plugin.description,
      fields: p.plugin.configSchema.map((f) => ({
        key: f.key,
        type: f.type,
        required: Boolean(f.required),
        label: typeof f.label === 'string' ? f.label : (f.label[locale] ?? f.label.en ?? f.label.id ?? f.key),
        hint: f.hint ? (typeof f.hint === 'string' ? f.hint : (f.hint[locale] ?? f.hint.en ?? '')) : '',
        view: p.plugin!.config[f.key]!,
      })),
      offered: p.plugin.offered.map((type) => ({
        type,
        label: t(`plugins.hookNames.${type.replace('.', '_')}` as never),
      })),
      eventTypes: p.plugin.eventTypes,
      runs: p.plugin.runs.map((r) => ({
        id: r.id,
        hook: r.hook,
        outcome: r.outcome,
        label: t(`plugins.outcomes.${r.outcome}` as never),
        ms: t('plugins.ms', { ms: r.durationMs }),
        at: at(r.createdAt)!,
        error: r.error ? t('plugins.pluginSaid', { text: r.error }) : null,
      })),
    },
  }));
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={t('plugins.title')} subtitle={t('plugins.subtitle')} />
      <section className="space-y-3" data-testid="plugins-npm">
        <div>
          <h2 className="text-lg font-semibold">{t('plugins.thirdParty')}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('plugins.thirdPartyHint')}</p>
        </div>
        {npm.length === 0 ? (
          <EmptyState title={t('plugins.noPlugins')} />
        ) : (
          <ul className="grid gap-3">
            {npm.map((p) => (
              <li key={p.id}>
                <PluginCard plugin={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {PLUGIN_KINDS.map((kind) => {
        const items = data.builtins.filter((b) => b.kind === kind);
        return (
          <section key={kind} className="space-y-3" data-testid={`plugins-kind-${kind}`}>
            <h2 className="text-lg font-semibold">{t(`plugins.kinds.${kind}`)}</h2>
            <ul className="grid gap-3 sm:grid-cols-2">
              {items.map((b) => (
                <li key={b.id}>
                  <BuiltinCard
                    item={b}
                    health={health(b.health)}
                    error={b.lastError && errorText(b.lastError)}
                    errorAt={b.lastError && at(b.lastError.at)}
                    t={t}
                  />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function BuiltinCard({
  item,
  health,
  error,
  errorAt,
  t,
}: {
  item: CatalogueItem;
  health: React.ReactNode;
  error: string | null;
  errorAt: string | null;
  t: Awaited<ReturnType<typeof getTranslations>>;
}) {
  return (
    <Card className="flex h-full flex-col gap-2">
      <div data-testid={`plugin-${item.id}`} className="flex flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="font-medium break-words">{item.name}</p>
            <p className="text-xs text-slate-500">
              {t('plugins.builtIn')} · {t('plugins.version', { version: item.version })}
              {item.count !== null && ` · ${t('plugins.count', { count: item.count })}`}
            </p>
          </div>
          {health}
        </div>
        {error && (
          <p
            className="break-words rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
            data-testid="plugin-error"
          >
            {errorAt ? t('plugins.lastErrorAt', { at: errorAt }) : t('plugins.lastError')}: {error}
          </p>
        )}
        {item.href && (
          <Link href={item.href} className={buttonClass('secondary', 'mt-auto w-full sm:w-auto')}>
            {item.configured ? t('plugins.openSettings') : t('plugins.setUp')}
            <ChevronRight className="size-4" aria-hidden />
          </Link>
        )}
      </div>
    </Card>
  );
}
