'use client';
import { useTranslations } from 'next-intl';
import { MarkDownButton } from '@/components/outages/mark-down-button';
import { Alert } from '@/components/ui/card';
import { NewCableForm } from './cable-draft';
import { CoverageCardBody } from './coverage-card';
import { CableCardBody, CustomerCardBody, HitCardBody, OdpCardBody, SiteCardBody } from './feature-cards';
import { MapCard } from './map-card';
import { MoveConfirm } from './move-confirm';
import { NewOdpForm, NewSiteForm } from './point-forms';
import type { CoverageAnswer, Selection, SitePoint } from './types';
import { TechnicianCardBody, WorkOrderCardBody } from './work-order-cards';

type Props = {
  selection: Selection;
  editing: boolean;
  odcs: SitePoint[];
  coverage: { answer: CoverageAnswer | undefined; error: string | null };
  canCreateLead: boolean;
  canMarkDown?: boolean;
  /** The organization's zone, for the time of a technician's last position. */
  timeZone: string;
  /** The map is loading what is in view (a searched feature gets its full card after). */
  loading: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
  onMoved: () => void;
  onBackToDrawing: () => void;
};

function MarkDownAction(props: Parameters<typeof MarkDownButton>[0]) {
  return (
    <div className="mt-2">
      <MarkDownButton {...props} variant="secondary" />
    </div>
  );
}

/** The card's title and body for whatever is selected. */
export function SelectionCard({
  selection: s,
  editing,
  odcs,
  coverage,
  canCreateLead,
  canMarkDown = false,
  timeZone,
  loading,
  onClose,
  onSaved,
  onMoved,
  onBackToDrawing,
}: Props) {
  const t = useTranslations('map');
  switch (s.kind) {
    case 'customer':
      return (
        <MapCard title={s.item.name} onClose={onClose}>
          <CustomerCardBody c={s.item} />
        </MapCard>
      );
    case 'odp':
      return (
        <MapCard title={`${s.item.code}`} onClose={onClose}>
          <OdpCardBody o={s.item} editing={editing} />
          {canMarkDown && <MarkDownAction elementType="odp" elementId={s.item.id} ports={s.item.totalPorts} />}
        </MapCard>
      );
    case 'site':
      return (
        <MapCard title={`${s.item.code}`} onClose={onClose}>
          <SiteCardBody s={s.item} editing={editing} />
          {canMarkDown && s.item.kind !== 'pole' && <MarkDownAction elementType={s.item.kind} elementId={s.item.id} />}
        </MapCard>
      );
    case 'cable':
      return (
        <MapCard title={s.item.code} onClose={onClose}>
          <CableCardBody c={s.item} />
          {canMarkDown && <MarkDownAction elementType="cable" elementId={s.item.id} />}
        </MapCard>
      );
    case 'hit':
      return (
        <MapCard title={s.item.label} onClose={onClose}>
          <HitCardBody hit={s.item} loading={loading} />
        </MapCard>
      );
    case 'work-order':
      return (
        <MapCard title={`${s.item.number} · ${s.item.customerName ?? ''}`} onClose={onClose}>
          <WorkOrderCardBody w={s.item} />
        </MapCard>
      );
    case 'technician':
      return (
        <MapCard title={s.item.name} onClose={onClose}>
          <TechnicianCardBody p={s.item} timeZone={timeZone} />
        </MapCard>
      );
    case 'coverage':
      return (
        <MapCard title={t('coverage.title')} onClose={onClose}>
          <CoverageCardBody at={s.at} answer={coverage.answer} error={coverage.error} canCreateLead={canCreateLead} />
        </MapCard>
      );
    case 'new-odp':
      return (
        <MapCard title={t('edit.newOdp')} onClose={onClose}>
          <NewOdpForm
            at={s.at}
            odcs={odcs}
            onSaved={(code) => onSaved(t('edit.savedOdp', { code }))}
            onCancel={onClose}
          />
        </MapCard>
      );
    case 'new-site':
      return (
        <MapCard title={t('edit.newSite')} onClose={onClose}>
          <NewSiteForm at={s.at} onSaved={(code) => onSaved(t('edit.savedSite', { code }))} onCancel={onClose} />
        </MapCard>
      );
    case 'new-cable':
      return (
        <MapCard title={t('edit.newCable')} onClose={onBackToDrawing}>
          <NewCableForm
            path={s.path}
            onSaved={(code) => onSaved(t('edit.savedCable', { code }))}
            onCancel={onBackToDrawing}
          />
        </MapCard>
      );
    case 'move':
      return (
        <MapCard title={t('edit.moveTitle')} onClose={onClose}>
          <MoveConfirm
            key={`${s.target.id}:${s.to.join(',')}`}
            target={s.target}
            to={s.to}
            onMoved={onMoved}
            onCancel={onClose}
          />
        </MapCard>
      );
    case 'saved':
      return (
        <MapCard title={t('edit.savedTitle')} onClose={onClose}>
          <Alert kind="success">{s.message}</Alert>
        </MapCard>
      );
  }
}
