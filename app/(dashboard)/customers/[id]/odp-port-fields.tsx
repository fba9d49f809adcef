'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState, useTransition } from 'react';
import { listFreePortsAction } from '@/app/_actions/infrastructure';
import { SelectField } from '@/components/ui/field';

export type OdpChoice = {
  id: string;
  code: string;
  name: string;
  totalPorts: number;
  usedPorts: number;
  distanceM: number | null;
};

/**
 * The ODP a subscription's drop cable comes from, and the splitter port. Changing the ODP
 * loads that ODP's free ports; the subscription's own port stays offered on its own ODP.
 */
export function OdpPortFields({
  subscriptionId,
  current,
  choices,
  initialFree,
  errors,
}: {
  subscriptionId: string;
  current: { odpId: string | null; odpPort: number | null };
  choices: OdpChoice[];
  initialFree: number[];
  errors: { odpId?: string; odpPort?: string };
}) {
  const t = useTranslations();
  const [odpId, setOdpId] = useState(current.odpId ?? '');
  const [free, setFree] = useState(initialFree);
  const [port, setPort] = useState(current.odpPort ? String(current.odpPort) : '');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();
  // The ODP whose ports were asked for last: an older, slower answer must not fill the list.
  const asked = useRef(odpId);
  const n = (field: string) => `${field}__${subscriptionId}`;
  const ports =
    odpId && odpId === current.odpId && current.odpPort
      ? [...new Set([current.odpPort, ...free])].sort((a, b) => a - b)
      : free;
  const pickOdp = (id: string) => {
    setOdpId(id);
    setPort('');
    setLoadError(null);
    setFree([]);
    asked.current = id;
    if (!id) return;
    startLoading(async () => {
      const r = await listFreePortsAction({ odpId: id });
      if (asked.current !== id) return;
      if (r.ok) setFree(r.data.free);
      else setLoadError(r.message);
    });
  };
  const label = (o: OdpChoice) =>
    [
      `${o.code} · ${o.name}`,
      o.distanceM !== null ? `${o.distanceM} m` : null,
      t('network.portsFree', { free: Math.max(0, o.totalPorts - o.usedPorts) }),
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <>
      <SelectField
        label={t('network.serviceOdp')}
        id={n('odpId')}
        name={n('odpId')}
        value={odpId}
        onChange={(e) => pickOdp(e.target.value)}
        error={errors.odpId}
        hint={t('network.serviceOdpHint')}
        options={[{ value: '', label: t('network.noOdp') }, ...choices.map((o) => ({ value: o.id, label: label(o) }))]}
      />
      <SelectField
        label={t('network.servicePort')}
        id={n('odpPort')}
        name={n('odpPort')}
        value={port}
        onChange={(e) => setPort(e.target.value)}
        disabled={!odpId || loading}
        error={errors.odpPort ?? loadError ?? undefined}
        hint={
          loading
            ? t('common.loading')
            : odpId && ports.length === 0
              ? t('network.noFreePort')
              : t('network.servicePortHint')
        }
        options={[
          { value: '', label: t('network.portUnknown') },
          ...ports.map((p) => ({ value: String(p), label: t('network.portNumber', { port: p }) })),
        ]}
      />
    </>
  );
}
