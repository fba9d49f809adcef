'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { SIGNAL_COLORS, type SignalTone } from '@/components/fibre/signal-style';
import { CABLE_TYPES, SITE_KINDS } from '@/lib/infrastructure/constants';

const SIGNAL_TONES: SignalTone[] = ['ok', 'warning', 'critical', 'los', 'none'];

import { CABLE_STYLES, SITE_STYLES, STATUS_COLORS } from './styles';
import { CUSTOMER_STATUSES } from './types';
import type { LayerKey, Layers } from './use-layers';

function Toggle({
  layer,
  layers,
  onToggle,
  label,
  children,
}: {
  layer: LayerKey;
  layers: Layers;
  onToggle: (k: LayerKey) => void;
  label: string;
  children?: ReactNode;
}) {
  return (
    <li className="py-1">
      <label className="flex min-h-11 cursor-pointer items-center gap-3 text-sm font-medium">
        <input
          type="checkbox"
          className="h-5 w-5 accent-brand-600"
          checked={layers[layer]}
          onChange={() => onToggle(layer)}
          data-testid={`layer-${layer}`}
        />
        {label}
      </label>
      {children && <div className="ml-8 pb-1">{children}</div>}
    </li>
  );
}

function Swatch({ color, label, round = true }: { color: string; label: string; round?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
      <span
        aria-hidden
        className={`inline-block h-3 w-3 ${round ? 'rounded-full' : 'rounded-sm'}`}
        style={{ background: color }}
      />
      {label}
    </span>
  );
}

/** Layer switches with the legend beside each: what the colours on the map mean. */
export function LayersPanel({
  layers,
  onToggle,
  canCustomers,
  canWorkOrders = false,
  canTechnicians = false,
}: {
  layers: Layers;
  onToggle: (k: LayerKey) => void;
  canCustomers: boolean;
  canWorkOrders?: boolean;
  canTechnicians?: boolean;
}) {
  const t = useTranslations('map');
  const ts = useTranslations('signal.map');
  const tl = useTranslations('signal.levels');
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="layers-panel">
      {canWorkOrders && (
        <Toggle layer="workOrders" layers={layers} onToggle={onToggle} label={t('layers.workOrders')}>
          <div className="flex flex-wrap gap-x-3 gap-y-1">
            <Swatch color="#2563eb" label={t('layers.workOrdersToday')} />
            <Swatch color="#64748b" label={t('layers.workOrdersUpcoming')} />
            <Swatch color="#d97706" label={t('layers.workOrdersUnderWay')} />
          </div>
        </Toggle>
      )}
      {canTechnicians && (
        <Toggle layer="technicians" layers={layers} onToggle={onToggle} label={t('layers.technicians')}>
          <p className="text-xs text-slate-500">{t('layers.techniciansHint')}</p>
        </Toggle>
      )}
      {canCustomers && (
        <>
          <Toggle layer="customers" layers={layers} onToggle={onToggle} label={t('layers.customers')}>
            <div className="flex flex-wrap gap-x-3 gap-y-1" data-testid="map-legend">
              {CUSTOMER_STATUSES.map((s) => (
                <Swatch key={s} color={STATUS_COLORS[s]} label={t(`status.${s}`)} />
              ))}
            </div>
          </Toggle>
          <Toggle layer="pendingOnly" layers={layers} onToggle={onToggle} label={t('layers.pendingOnly')}>
            <p className="text-xs text-slate-500">{t('layers.pendingOnlyHint')}</p>
          </Toggle>
          <Toggle layer="signal" layers={layers} onToggle={onToggle} label={ts('colorBySignal')}>
            <div className="flex flex-wrap gap-x-3 gap-y-1" data-testid="signal-legend">
              {SIGNAL_TONES.map((s) => (
                <Swatch
                  key={s}
                  color={SIGNAL_COLORS[s]}
                  label={s === 'los' ? ts('los') : s === 'none' ? ts('none') : tl(s)}
                />
              ))}
            </div>
          </Toggle>
          <Toggle layer="weakSignalOnly" layers={layers} onToggle={onToggle} label={ts('weakOnly')}>
            <p className="text-xs text-slate-500">{ts('weakOnlyHint')}</p>
          </Toggle>
        </>
      )}
      <Toggle layer="odps" layers={layers} onToggle={onToggle} label={t('layers.odps')}>
        <p className="text-xs text-slate-500">{t('layers.odpsHint')}</p>
      </Toggle>
      {SITE_KINDS.map((k) => (
        <Toggle key={k} layer={k} layers={layers} onToggle={onToggle} label={t(`siteKinds.${k}`)}>
          <Swatch color={SITE_STYLES[k].color} label={SITE_STYLES[k].label} round={k === 'pole'} />
        </Toggle>
      ))}
      <Toggle layer="cables" layers={layers} onToggle={onToggle} label={t('layers.cables')}>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {CABLE_TYPES.map((c) => (
            <Swatch key={c} color={CABLE_STYLES[c].color} label={t(`cableTypes.${c}`)} round={false} />
          ))}
        </div>
      </Toggle>
    </ul>
  );
}
