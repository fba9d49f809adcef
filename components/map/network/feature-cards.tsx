'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { formatDbm, SIGNAL_COLORS } from '@/components/fibre/signal-style';
import { buttonClass } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { Facts } from './map-card';
import { formatDistance, STATUS_COLORS } from './styles';
import type { CableLine, CustomerPoint, OdpPoint, SearchHit, SitePoint } from './types';

export const FEATURE_HREF = {
  customer: (id: string) => `/customers/${id}`,
  odp: (id: string) => `/network/odps/${id}`,
  site: (id: string) => `/network/sites/${id}`,
  cable: (id: string) => `/network/cables/${id}`,
} as const;

function OpenLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className={buttonClass('primary', 'mt-3 w-full sm:w-auto')}>
      {label}
    </Link>
  );
}

export function CustomerCardBody({ c }: { c: CustomerPoint }) {
  const t = useTranslations('map');
  const ts = useTranslations('signal');
  const locale = useLocale();
  return (
    <>
      <Facts
        rows={[
          [t('card.number'), c.number],
          [
            t('card.status'),
            <span key="s" className="inline-flex items-center gap-2" data-testid="customer-status">
              <span aria-hidden className="h-3 w-3 rounded-full" style={{ background: STATUS_COLORS[c.status] }} />
              {t(`status.${c.status}`)}
            </span>,
          ],
          [t('card.plan'), c.planName],
          ...(c.signal
            ? [
                [
                  ts('title'),
                  <span key="g" className="inline-flex items-center gap-2" data-testid="customer-signal">
                    <span
                      aria-hidden
                      className="h-3 w-3 rounded-full"
                      style={{ background: SIGNAL_COLORS[c.signal] }}
                    />
                    {c.signal === 'los' ? ts('map.los') : ts(`levels.${c.signal}`)}
                    {c.rxPowerDbm !== null && ` · ${formatDbm(c.rxPowerDbm, locale)}`}
                  </span>,
                ] as [string, ReactNode],
              ]
            : []),
          [t('card.odp'), c.odpCode],
          [t('card.address'), c.address],
        ]}
      />
      <OpenLink href={FEATURE_HREF.customer(c.id)} label={t('card.openCustomer')} />
    </>
  );
}

export function OdpCardBody({ o, editing }: { o: OdpPoint; editing: boolean }) {
  const t = useTranslations('map');
  const free = Math.max(0, o.totalPorts - o.usedPorts);
  return (
    <>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm" data-testid="odp-ports">
        {t('card.ports', { used: o.usedPorts, total: o.totalPorts, free })}
        {free === 0 && <Badge color="red">{t('card.full')}</Badge>}
      </p>
      <Facts
        rows={[
          [t('card.name'), o.name],
          [t('card.splitter'), o.splitterRatio],
          [t('card.odc'), o.odcCode],
          [t('card.area'), o.area],
        ]}
      />
      {editing && <p className="mt-2 text-xs text-slate-500">{t('edit.dragHint')}</p>}
      <OpenLink href={FEATURE_HREF.odp(o.id)} label={t('card.openOdp')} />
    </>
  );
}

export function SiteCardBody({ s, editing }: { s: SitePoint; editing: boolean }) {
  const t = useTranslations('map');
  return (
    <>
      <Facts
        rows={[
          [t('card.kind'), t(`siteKinds.${s.kind}`)],
          [t('card.name'), s.name],
          [t('card.capacity'), s.capacity],
          [t('card.area'), s.area],
        ]}
      />
      {editing && <p className="mt-2 text-xs text-slate-500">{t('edit.dragHint')}</p>}
      <OpenLink href={FEATURE_HREF.site(s.id)} label={t('card.openSite')} />
    </>
  );
}

export function CableCardBody({ c }: { c: CableLine }) {
  const t = useTranslations('map');
  const locale = useLocale();
  return (
    <>
      <Facts
        rows={[
          [t('card.cableType'), t(`cableTypes.${c.cableType}`)],
          [t('card.name'), c.name],
          [t('card.cores'), c.coreCount],
          [t('card.length'), formatDistance(c.lengthM, locale)],
        ]}
      />
      <OpenLink href={FEATURE_HREF.cable(c.id)} label={t('card.openCable')} />
    </>
  );
}

/** A search result while the map flies there and loads the full record. */
export function HitCardBody({ hit, loading }: { hit: SearchHit; loading: boolean }) {
  const t = useTranslations('map');
  const label = {
    customer: t('card.openCustomer'),
    odp: t('card.openOdp'),
    site: t('card.openSite'),
    cable: t('card.openCable'),
  }[hit.kind];
  return (
    <>
      {hit.sublabel && <p className="text-sm text-slate-600 dark:text-slate-400">{hit.sublabel}</p>}
      {loading && <p className="mt-1 text-xs text-slate-500">{t('search.loadingFeature')}</p>}
      <OpenLink href={FEATURE_HREF[hit.kind](hit.id)} label={label} />
    </>
  );
}
