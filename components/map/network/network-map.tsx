'use client';
import 'leaflet/dist/leaflet.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MapContainer, TileLayer, useMapEvents, ZoomControl } from 'react-leaflet';
import { useTileUrl } from '../map-config';
import { CableDraftLine, DrawPanel } from './cable-draft';
import { CoverageOverlay } from './coverage-overlay';
import { FeatureLayers, PlacePin } from './feature-layers';
import { getJson } from './fetch-json';
import type { FeatureTap, MoveHandler } from './infra-layers';
import { LayersPanel } from './layers-panel';
import { LocatedMarker, useLocate } from './locate';
import { MapCard } from './map-card';
import { MapNotices } from './map-notices';
import { MapToolbar } from './map-toolbar';
import { flyToVisible, revealPoint } from './reveal';
import { SearchBox } from './search-box';
import { SelectionCard } from './selection-card';
import type { CoverageAnswer, LatLngTuple, MapWorkOrders, SearchHit, Selection, Tool } from './types';
import { type MapView, useFeatures, ViewWatcher } from './use-features';
import { serverLayers, useLayers } from './use-layers';
import { useStableCallback } from './use-stable-callback';
import { type FeatureRef, findFeature, loadSavedView, type StartView, saveView } from './view';
import { WorkOrderLayers } from './work-order-layer';

export type NetworkMapProps = {
  /** From ?lat=&lng=&zoom= (links and tests); else the last view on this device; else `fallback`. */
  initial: StartView | null;
  fallback: StartView;
  /** From ?select=odp:<id>: open that feature's card once it is loaded. */
  select: FeatureRef | null;
  canManage: boolean;
  canCustomers: boolean;
  canCreateLead: boolean;
  /** NOC: the ODP, site and cable cards offer "Tandai gangguan" (components/outages). */
  canMarkDown?: boolean;
  /** Work-order pins (a technician gets only their own from the server). */
  canWorkOrders?: boolean;
  /** Technicians' last positions (those who dispatch). */
  canTechnicians?: boolean;
  /** The organization's zone, for times on the cards. */
  timeZone?: string;
};

const HINTS = { coverage: 'coverage', 'add-odp': 'addOdp', 'add-site': 'addSite' } as const;

const round6 = ([lat, lng]: LatLngTuple): LatLngTuple => [Number(lat.toFixed(6)), Number(lng.toFixed(6))];

function MapTaps({ onTap }: { onTap: (at: LatLngTuple) => void }) {
  useMapEvents({ click: (e) => onTap(round6([e.latlng.lat, e.latlng.lng])) });
  return null;
}

export default function NetworkMap({
  initial,
  fallback,
  select,
  canManage,
  canCustomers,
  canCreateLead,
  canMarkDown = false,
  canWorkOrders = false,
  canTechnicians = false,
  timeZone = 'Asia/Jakarta',
}: NetworkMapProps) {
  const t = useTranslations('map');
  const tileUrl = useTileUrl();
  const queryClient = useQueryClient();
  const [start] = useState(() => initial ?? loadSavedView() ?? fallback);
  const [map, setMap] = useState<L.Map | null>(null);
  const [view, setView] = useState<MapView | null>(null);
  const { layers, toggle } = useLayers();
  const features = useFeatures(view, serverLayers(layers, canCustomers));
  const data = features.data;
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focus, setFocus] = useState<FeatureRef | null>(select);
  const [tool, setTool] = useState<Tool>('view');
  const [editing, setEditing] = useState(false);
  const [layersOpen, setLayersOpen] = useState(false);
  const [draft, setDraft] = useState<LatLngTuple[]>([]);
  const [positions, setPositions] = useState<Record<string, LatLngTuple>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { located, busy: locating, locate } = useLocate(setNotice);

  const onView = useCallback((v: MapView, m: L.Map) => {
    setView(v);
    saveView(m);
  }, []);

  // A searched (or linked) feature gets its full card once the bounds route has sent it.
  useEffect(() => {
    if (!focus || !data) return;
    const found = findFeature(data, focus);
    if (found) {
      setSelection(found);
      setFocus(null);
      if (map && 'lat' in found.item) revealPoint(map, [found.item.lat, found.item.lng]);
    }
  }, [focus, data, map]);

  // Fresh data has the saved positions: drop the local overrides, except a move still waiting for "yes".
  const pendingMove = selection?.kind === 'move' ? selection : null;
  const pendingRef = useRef(pendingMove);
  pendingRef.current = pendingMove;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when fresh data arrives
  useEffect(() => {
    const p = pendingRef.current;
    setPositions(p ? { [p.target.id]: p.to } : {});
  }, [features.dataUpdatedAt]);

  // Not by view: a day's work orders are few, and the pins must stay while the map pans.
  const work = useQuery({
    queryKey: ['map-work-orders'],
    enabled: canWorkOrders,
    refetchInterval: 60_000,
    queryFn: ({ signal }) => getJson<MapWorkOrders>('/api/map/work-orders', signal),
  });

  const coverageAt = selection?.kind === 'coverage' ? selection.at : null;
  const coverage = useQuery({
    queryKey: ['map-coverage', coverageAt?.[0], coverageAt?.[1]],
    enabled: coverageAt !== null,
    queryFn: ({ signal }) =>
      getJson<CoverageAnswer>(`/api/map/coverage?lat=${coverageAt![0]}&lng=${coverageAt![1]}`, signal),
  });

  const closeCard = () => {
    if (selection?.kind === 'move') setPositions(({ [selection.target.id]: _, ...rest }) => rest);
    setSelection(null);
    setFocus(null);
  };
  /** Opens a card; `at` is kept in view beside it. */
  const select_ = (s: Selection, at?: LatLngTuple) => {
    if (selection?.kind === 'move') closeCard();
    setFocus(null);
    setLayersOpen(false);
    setSelection(s);
    if (at && map) revealPoint(map, at);
  };
  const chooseTool = (next: Tool) => {
    closeCard();
    setLayersOpen(false);
    setTool(next);
    if (next !== 'draw-cable') setDraft([]);
  };
  const setEditMode = (on: boolean) => {
    chooseTool('view');
    setEditing(on);
  };
  const onTap = (at: LatLngTuple) => {
    setNotice(null);
    if (tool === 'coverage') return select_({ kind: 'coverage', at }, at);
    if (tool === 'add-odp') return select_({ kind: 'new-odp', at }, at);
    if (tool === 'add-site') return select_({ kind: 'new-site', at }, at);
    if (tool === 'draw-cable') {
      if (selection?.kind !== 'new-cable') setDraft((d) => [...d, at]);
      return;
    }
    closeCard();
    setLayersOpen(false);
  };
  const onMove: MoveHandler = (target, to) => {
    setPositions((p) => ({ ...p, [target.id]: to }));
    select_({ kind: 'move', target, to }, to);
  };
  // With a tool on, a tap on a marker or cable is a tap on the map at that point: a cable
  // drawn to an ODP ends on it, a coverage check at a customer is at their house.
  const onFeature: FeatureTap = (s, at) => (tool === 'view' ? select_(s, at) : onTap(round6(at)));
  const onFeatureTap = useStableCallback(onFeature);
  const onWorkTap = useStableCallback((s: Selection, at: LatLngTuple) =>
    tool === 'view' ? select_(s, at) : onTap(round6(at)),
  );
  const onMarkerMove = useStableCallback(onMove);
  const afterSave = (message: string) => {
    // Features, search and coverage answers all change with the network.
    void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('map-') });
    setTool('view');
    setDraft([]);
    setSelection({ kind: 'saved', message });
  };
  const onPick = (hit: SearchHit) => {
    if (map) flyToVisible(map, [hit.lat, hit.lng], Math.max(map.getZoom(), 17));
    select_({ kind: 'hit', item: hit });
    setFocus({ kind: hit.kind, id: hit.id });
  };

  const draggable = editing && tool === 'view';
  const hint = selection || tool === 'view' || tool === 'draw-cable' ? null : t(`hints.${HINTS[tool]}`);
  return (
    <div
      className="relative isolate -mx-4 -mt-4 -mb-24 h-[calc(100dvh-7rem-var(--demo-banner-h,0px)-env(safe-area-inset-bottom))] overflow-hidden bg-slate-100 md:-m-6 md:h-[calc(100dvh-3.5rem-var(--demo-banner-h,0px))] dark:bg-slate-800 [&_.leaflet-bottom]:bottom-[3.75rem]! md:[&_.leaflet-bottom]:bottom-0! [&_.leaflet-bar_a]:size-11! [&_.leaflet-bar_a]:leading-11!"
      data-testid="network-map"
      data-loading={features.isFetching}
    >
      <MapContainer
        ref={setMap}
        center={[start.lat, start.lng]}
        zoom={start.zoom}
        minZoom={5}
        maxZoom={19}
        zoomControl={false}
        className={`h-full w-full ${tool === 'view' ? '' : 'cursor-crosshair'}`}
        style={{ background: 'transparent' }}
      >
        {tileUrl && <TileLayer url={tileUrl} maxZoom={19} attribution="&copy; OpenStreetMap" />}
        <ZoomControl position="topright" />
        <ViewWatcher onView={onView} />
        <MapTaps onTap={onTap} />
        <FeatureLayers
          data={data}
          layers={layers}
          canCustomers={canCustomers}
          draggable={draggable}
          positions={positions}
          onTap={onFeatureTap}
          onMove={onMarkerMove}
        />
        {canWorkOrders && <WorkOrderLayers data={work.data} layers={layers} onTap={onWorkTap} />}
        {(selection?.kind === 'new-odp' || selection?.kind === 'new-site') && <PlacePin at={selection.at} />}
        {coverageAt && <CoverageOverlay at={coverageAt} answer={coverage.data} />}
        {tool === 'draw-cable' && <CableDraftLine path={draft} />}
        {located && <LocatedMarker located={located} />}
      </MapContainer>

      {/* Above the card (z 1100): the search results must not open underneath it. */}
      <div className="absolute top-3 right-14 left-3 z-[1150] space-y-2 md:right-auto md:w-96">
        <SearchBox onPick={onPick} />
        <MapNotices
          loading={features.isFetching}
          error={
            features.isError
              ? features.error.message || t('loadFailed')
              : work.isError
                ? work.error.message || t('workOrders.loadFailed')
                : null
          }
          truncated={(data?.truncated ?? []).length > 0 || !!work.data?.truncated}
          clustered={data?.customers?.mode === 'clusters' && (layers.pendingOnly || layers.weakSignalOnly)}
          hint={hint}
          notice={notice}
          onDismiss={() => setNotice(null)}
          empty={!!data && !features.isFetching && isEmpty(data) && !work.data?.items.length}
        />
      </div>

      {layersOpen ? (
        <MapCard title={t('layers.title')} onClose={() => setLayersOpen(false)}>
          <LayersPanel
            layers={layers}
            onToggle={toggle}
            canCustomers={canCustomers}
            canWorkOrders={canWorkOrders}
            canTechnicians={canTechnicians}
          />
        </MapCard>
      ) : selection ? (
        <SelectionCard
          selection={selection}
          editing={editing}
          odcs={(data?.sites ?? []).filter((s) => s.kind === 'odc')}
          coverage={{ answer: coverage.data, error: coverage.isError ? coverage.error.message : null }}
          canCreateLead={canCreateLead}
          canMarkDown={canMarkDown}
          timeZone={timeZone}
          loading={features.isFetching}
          onClose={closeCard}
          onSaved={afterSave}
          onMoved={() => afterSave(t('edit.moved', { code: selection.kind === 'move' ? selection.target.code : '' }))}
          onBackToDrawing={() => setSelection(null)}
        />
      ) : tool === 'draw-cable' ? (
        <MapCard title={t('tools.drawCable')} onClose={() => chooseTool('view')}>
          <DrawPanel
            path={draft}
            onUndo={() => setDraft((d) => d.slice(0, -1))}
            onFinish={() => setSelection({ kind: 'new-cable', path: draft })}
            onCancel={() => chooseTool('view')}
          />
        </MapCard>
      ) : null}

      <MapToolbar
        tool={tool}
        editing={editing}
        canManage={canManage}
        layersOpen={layersOpen}
        locating={locating}
        onTool={chooseTool}
        onLayers={() => {
          closeCard();
          setLayersOpen((o) => !o);
        }}
        onLocate={() => locate(map)}
        onEditing={setEditMode}
      />
    </div>
  );
}

function isEmpty(d: NonNullable<ReturnType<typeof useFeatures>['data']>) {
  return !d.customers?.items.length && !d.odps?.length && !d.sites?.length && !d.cables?.length;
}
