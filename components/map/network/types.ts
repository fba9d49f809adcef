import type { coverageAt, NearbyOdp } from '@/lib/infrastructure/coverage';
import type { CableLine, MapFeatures, OdpPoint, SitePoint } from '@/lib/infrastructure/map';
import type { CustomerCluster, CustomerMapStatus, CustomerPoint } from '@/lib/infrastructure/map-customers';
import type { MapSearchItem } from '@/lib/infrastructure/map-search';
import type { MapWorkOrder, TechnicianPosition } from '@/lib/workorders/map';

/**
 * What /api/map/* answer (JSON): the shapes the map draws, [lat, lng] everywhere. Taken from
 * the server modules (types only, nothing of them reaches the browser) so the two cannot drift.
 */
export type { CableLine, CustomerCluster, CustomerPoint, MapFeatures, OdpPoint, SitePoint };
export type SearchHit = MapSearchItem;
export type { MapWorkOrder, TechnicianPosition };
/** /api/map/work-orders: pins, and technicians' positions for those who dispatch (else null). */
export type MapWorkOrders = { items: MapWorkOrder[]; truncated: boolean; technicians: TechnicianPosition[] | null };
export type NearOdp = NearbyOdp;
export type CoverageAnswer = Awaited<ReturnType<typeof coverageAt>>;

export type CustomerStatus = CustomerMapStatus;
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = ['active', 'isolated', 'offline', 'pending', 'suspended'];

export type LatLngTuple = [number, number];

/** What the card at the bottom (phone) or side (desktop) shows. */
export type Selection =
  | { kind: 'customer'; item: CustomerPoint }
  | { kind: 'odp'; item: OdpPoint }
  | { kind: 'site'; item: SitePoint }
  | { kind: 'cable'; item: CableLine }
  | { kind: 'hit'; item: SearchHit }
  | { kind: 'work-order'; item: MapWorkOrder }
  | { kind: 'technician'; item: TechnicianPosition }
  | { kind: 'coverage'; at: LatLngTuple }
  | { kind: 'new-odp'; at: LatLngTuple }
  | { kind: 'new-site'; at: LatLngTuple }
  | { kind: 'new-cable'; path: LatLngTuple[] }
  | { kind: 'move'; target: { kind: 'odp' | 'site'; id: string; code: string }; to: LatLngTuple }
  | { kind: 'saved'; message: string };

/** What a tap on the map does. */
export type Tool = 'view' | 'coverage' | 'add-odp' | 'add-site' | 'draw-cable';
