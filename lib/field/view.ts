import type { ChecklistItem, WorkOrderStatus, WorkOrderType } from '@/db/enums';
import { mapsUrl } from '@/lib/core/contact-links';
import type { FieldWorkOrder } from '@/lib/workorders/field';
import type { StoredItem } from './queue';

/**
 * A work order as the phone shows it: the office's copy (what the server last answered)
 * with the technician's own steps that are still waiting in the outbox laid over it, so a
 * technician offline sees their check-in, ticks and photos at once and after a reload.
 */
export type FieldWorkOrderView = {
  id: string;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  version: number;
  scheduledDate: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  customerName: string | null;
  customerPhone: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  odpLabel: string | null;
  odpId: string | null;
  odpPort: number | null;
  notes: string | null;
  checklist: ChecklistItem[];
  photoCount: number;
  requiredPhotos: number;
  signed: boolean;
  needsSignature: boolean;
  checkInAt: string | null;
  checkOutAt: string | null;
  finishedAt: string | null;
  serialNumber: string | null;
  fieldNotes: string[];
};

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The phone's copy of a work order, from what the field contract answers (lib/workorders/field.ts). */
export function toFieldView(wo: FieldWorkOrder): FieldWorkOrderView {
  return {
    id: wo.id,
    number: wo.numberText,
    type: wo.type,
    status: wo.status,
    version: wo.version,
    scheduledDate: wo.scheduledDate,
    windowStart: wo.windowStart,
    windowEnd: wo.windowEnd,
    customerName: wo.customer?.name ?? null,
    customerPhone: wo.customer?.phone ?? null,
    address: wo.address,
    latitude: wo.latitude,
    longitude: wo.longitude,
    odpLabel: wo.odp ? wo.odp.code || wo.odp.name : null,
    odpId: wo.odp?.id ?? null,
    odpPort: wo.odpPort,
    notes: wo.notes,
    checklist: wo.checklist,
    photoCount: wo.photos.length,
    requiredPhotos: wo.requiredPhotos,
    signed: wo.signature !== null,
    needsSignature: wo.requiresSignature,
    checkInAt: iso(wo.checkInAt),
    checkOutAt: iso(wo.checkOutAt),
    finishedAt: iso(wo.finishedAt),
    serialNumber: wo.result?.serialNumber ?? null,
    fieldNotes: wo.fieldNotes ?? [],
  };
}

/** The view with the waiting steps applied, in the order they were made. */
export function withPending(wo: FieldWorkOrderView, pending: StoredItem[]): FieldWorkOrderView {
  return pending.filter((p) => p.workOrderId === wo.id).reduce(applyLocally, wo);
}

export function applyLocally(wo: FieldWorkOrderView, item: StoredItem): FieldWorkOrderView {
  if (item.kind === 'photo') return { ...wo, photoCount: wo.photoCount + 1 };
  if (item.kind === 'signature') return { ...wo, signed: true };
  const a = item.action;
  switch (a.type) {
    case 'on_the_way':
      return wo.status === 'done' ? wo : { ...wo, status: 'on_the_way' };
    case 'check_in':
      return { ...wo, status: wo.status === 'done' ? wo.status : 'in_progress', checkInAt: a.at };
    case 'check_out':
      return { ...wo, checkOutAt: a.at };
    case 'checklist':
      return {
        ...wo,
        checklist: wo.checklist.map((c) =>
          c.id === a.itemId ? { ...c, done: Boolean(a.done), doneAt: a.done ? a.at : null } : c,
        ),
      };
    case 'note':
      return { ...wo, fieldNotes: [...wo.fieldNotes, String(a.text)] };
    case 'finish':
      // Finishing checks out too, when the technician had not.
      return {
        ...wo,
        status: 'done',
        finishedAt: a.at,
        checkOutAt: wo.checkOutAt ?? a.at,
        serialNumber: String(a.serialNumber ?? '') || null,
      };
    default:
      return wo;
  }
}

/** Google Maps directions to the customer (opens the Maps app on Android), or null without a location. */
export function routeUrl(wo: Pick<FieldWorkOrderView, 'latitude' | 'longitude'>): string | null {
  if (wo.latitude == null || wo.longitude == null) return null;
  return mapsUrl(wo.latitude, wo.longitude);
}

/** The `geo:` link Android hands to whichever maps app the technician uses. */
export function geoUrl(wo: Pick<FieldWorkOrderView, 'latitude' | 'longitude'>): string | null {
  if (wo.latitude == null || wo.longitude == null) return null;
  return `geo:${wo.latitude},${wo.longitude}?q=${wo.latitude},${wo.longitude}`;
}

/** Today's date in the organization's zone, as work orders are scheduled (`YYYY-MM-DD`). */
export function dayIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Today's visits (and any still open from before), then the ones to come, each by day and
 * window; then the ones given to the technician without a day yet (an urgent repair the office
 * assigned before scheduling it), which would otherwise be on neither list.
 */
export function splitByDay(list: FieldWorkOrderView[], today: string) {
  const order = (a: FieldWorkOrderView, b: FieldWorkOrderView) =>
    `${a.scheduledDate ?? ''}${a.windowStart ?? ''}`.localeCompare(`${b.scheduledDate ?? ''}${b.windowStart ?? ''}`);
  const isToday = (w: FieldWorkOrderView) =>
    w.scheduledDate === today || (w.status !== 'done' && (w.scheduledDate ?? today) < today);
  return {
    today: list.filter(isToday).sort(order),
    upcoming: list.filter((w) => !isToday(w) && (w.scheduledDate ?? '') > today).sort(order),
    unscheduled: list.filter((w) => !w.scheduledDate).sort((a, b) => a.number.localeCompare(b.number)),
  };
}
