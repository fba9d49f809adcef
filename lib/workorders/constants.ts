import type { ChecklistItem, WorkOrderStatus, WorkOrderType } from '@/db/enums';
import type { Locale } from '@/lib/i18n/config';

/** "SPK-000123": the number on the printed SPK and in the customer's WhatsApp message. */
export function formatWorkOrderNumber(n: number): string {
  return `SPK-${String(n).padStart(6, '0')}`;
}

/** Work still to be done; a finished or cancelled work order takes no more steps. */
export const ACTIVE_STATUSES = ['open', 'scheduled', 'on_the_way', 'in_progress'] as const satisfies WorkOrderStatus[];

export function isClosed(status: WorkOrderStatus): boolean {
  return status === 'done' || status === 'cancelled';
}

/** Only an installation needs the customer's signature (the hand-over of the service). */
export function needsSignature(type: WorkOrderType): boolean {
  return type === 'installation';
}

/**
 * The built-in checklist and number of photos per type, until the organization writes its own
 * (settings → work order checklists). Written in the organization's language when first used.
 */
export const DEFAULT_CHECKLISTS: Record<WorkOrderType, { requiredPhotos: number; items: Record<Locale, string[]> }> = {
  installation: {
    requiredPhotos: 3,
    items: {
      id: [
        'Tarik kabel drop dari ODP ke rumah',
        'Ukur redaman di ODP dan di modem',
        'Pasang dan konfigurasi modem',
        'Uji kecepatan bersama pelanggan',
        'Jelaskan cara bayar dan nomor bantuan',
      ],
      en: [
        'Run the drop cable from the ODP to the house',
        'Measure the optical loss at the ODP and at the modem',
        'Install and configure the modem',
        'Run a speed test with the customer',
        'Explain how to pay and the help number',
      ],
    },
  },
  repair: {
    requiredPhotos: 1,
    items: {
      id: ['Periksa lampu modem', 'Ukur redaman', 'Perbaiki atau ganti perangkat', 'Uji koneksi bersama pelanggan'],
      en: ['Check the modem lights', 'Measure the optical loss', 'Fix or replace the device', 'Test with the customer'],
    },
  },
  dismantle: {
    requiredPhotos: 1,
    items: {
      id: ['Ambil modem dan adaptor', 'Lepas kabel drop dari port ODP', 'Catat kondisi perangkat'],
      en: ['Collect the modem and adapter', 'Unplug the drop cable from the ODP port', "Note the device's condition"],
    },
  },
  relocation: {
    requiredPhotos: 2,
    items: {
      id: ['Lepas instalasi lama', 'Tarik kabel ke lokasi baru', 'Pasang modem di lokasi baru', 'Uji koneksi'],
      en: ['Remove the old installation', 'Run the cable to the new place', 'Install the modem there', 'Test'],
    },
  },
  survey: {
    requiredPhotos: 1,
    items: {
      id: ['Cek ODP terdekat dan port kosong', 'Perkirakan panjang kabel', 'Foto lokasi rumah'],
      en: ['Check the nearest ODP and a free port', 'Estimate the cable length', 'Photograph the house'],
    },
  },
};

/** A work order's own copy of the checklist, each line with a stable id the phone refers to. */
export function checklistFrom(items: string[]): ChecklistItem[] {
  return items.map((label, i) => ({ id: `c${i + 1}`, label, done: false, doneAt: null }));
}

/** Checklist lines as typed in the settings textarea: one per line, blanks dropped, at most 30. */
export function checklistLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 30);
}

/** A time window as typed ("08:00"): valid 24-hour times, the end after the start. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export function validWindow(start: string, end: string): boolean {
  return TIME.test(start) && TIME.test(end) && start < end;
}

/** The calendar day of a moment in a zone, `YYYY-MM-DD`. */
export function dayIn(moment: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    moment,
  );
}

/**
 * When a step happened: the phone's clock (it may have been offline for hours), but never in
 * the future, where a wrong clock would put it, and never a day before the work order existed.
 */
export function stepTime(phoneAt: string, now: Date, createdAt: Date): Date {
  const at = new Date(phoneAt);
  if (Number.isNaN(at.getTime()) || at > now) return now;
  return at < createdAt ? createdAt : at;
}

/** How far back a finish from the phone may date an activation (billing counts from it). */
export const ACTIVATION_LOOKBACK_MS = 48 * 60 * 60 * 1000;

/**
 * When a subscription is activated by a finish from the phone. Billing counts from it, so the
 * phone's clock (or an outbox that waited days) is trusted only within the last 48 hours and
 * not before the technician checked in (nor before the work order existed); outside that, the
 * server's time is used.
 */
export function activationTime(at: Date, p: { now: Date; createdAt: Date; checkInAt: Date | null }) {
  const earliest = activationFloor(p);
  return at >= earliest && at <= p.now ? at : p.now;
}

export function activationFloor(p: { now: Date; createdAt: Date; checkInAt: Date | null }) {
  return new Date(
    Math.max(p.now.getTime() - ACTIVATION_LOOKBACK_MS, p.createdAt.getTime(), p.checkInAt?.getTime() ?? 0),
  );
}

/** The installation day: the technician's, when it lies between the earliest allowed and the activation day; else the activation day. */
export function installedDay(asked: string | undefined, p: { activatedAt: Date; floor: Date; timeZone: string }) {
  const day = dayIn(p.activatedAt, p.timeZone);
  return asked && asked <= day && asked >= dayIn(p.floor, p.timeZone) ? asked : day;
}

export type FieldStep =
  | 'on_the_way'
  | 'check_in'
  | 'check_out'
  | 'checklist'
  | 'note'
  | 'finish'
  | 'materials'
  | 'swap';

/** The status a step moves a work order to (checklist lines, notes and stock steps leave it as it is). */
export function statusAfter(status: WorkOrderStatus, step: FieldStep): WorkOrderStatus {
  if (isClosed(status)) return status;
  if (step === 'finish') return 'done';
  if (step === 'check_in' || step === 'check_out') return 'in_progress';
  if (step === 'on_the_way') return status === 'in_progress' ? status : 'on_the_way';
  return status;
}
