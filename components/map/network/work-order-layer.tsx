'use client';
import { memo } from 'react';
import { Marker } from 'react-leaflet';
import { technicianIcon, workOrderIcon } from './icons';
import { onActivate } from './styles';
import type { LatLngTuple, MapWorkOrders, Selection } from './types';
import type { Layers } from './use-layers';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * Work-order pins and technicians' last positions, each a layer of its own. Not clustered:
 * a day's visits are tens, not thousands, and every one should stay visible.
 */
export const WorkOrderLayers = memo(function WorkOrderLayers({
  data,
  layers,
  onTap,
}: {
  data: MapWorkOrders | undefined;
  layers: Layers;
  /** Stable across renders, like the other layers' handler. */
  onTap: (selection: Selection, at: LatLngTuple) => void;
}) {
  if (!data) return null;
  return (
    <>
      {layers.workOrders &&
        data.items.map((w) => (
          <Marker
            key={w.id}
            position={[w.lat, w.lng]}
            icon={workOrderIcon(w.today, w.status === 'on_the_way' || w.status === 'in_progress')}
            title={`${w.number} ${w.customerName ?? ''}`}
            zIndexOffset={500}
            eventHandlers={onActivate(() => onTap({ kind: 'work-order', item: w }, [w.lat, w.lng]))}
          />
        ))}
      {layers.technicians &&
        data.technicians?.map((p) => (
          <Marker
            key={p.userId}
            position={[p.lat, p.lng]}
            icon={technicianIcon(initials(p.name))}
            title={p.name}
            zIndexOffset={600}
            eventHandlers={onActivate(() => onTap({ kind: 'technician', item: p }, [p.lat, p.lng]))}
          />
        ))}
    </>
  );
});
