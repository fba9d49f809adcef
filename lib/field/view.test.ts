import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredItem } from './queue';
import { type FieldWorkOrderView, geoUrl, routeUrl, splitByDay, withPending } from './view';

const wo: FieldWorkOrderView = {
  id: 'wo-1',
  number: 'SPK-000001',
  type: 'installation',
  status: 'scheduled',
  version: 3,
  scheduledDate: '2026-12-07',
  windowStart: '08:00',
  windowEnd: '12:00',
  customerName: 'Budi',
  customerPhone: '6281234567890',
  address: 'Jl. Melati 5',
  latitude: -6.9,
  longitude: 107.6,
  odpLabel: 'ODP-1',
  odpId: null,
  odpPort: 3,
  notes: null,
  checklist: [
    { id: 'a', label: 'Tarik kabel', done: false },
    { id: 'b', label: 'Pasang ONT', done: false },
  ],
  photoCount: 0,
  requiredPhotos: 2,
  signed: false,
  needsSignature: true,
  checkInAt: null,
  checkOutAt: null,
  finishedAt: null,
  serialNumber: null,
  fieldNotes: [],
};

let seq = 0;
const action = (workOrderId: string, type: string, extra: Record<string, unknown> = {}): StoredItem => ({
  seq: ++seq,
  attempts: 0,
  kind: 'action',
  key: `k${seq}`,
  userId: 'u1',
  workOrderId,
  createdAt: '2026-12-07T02:00:00Z',
  action: { key: `k${seq}`, workOrderId, version: 3, at: `2026-12-07T02:0${seq % 10}:00Z`, type, ...extra },
});
const photo = (workOrderId: string): StoredItem => ({
  seq: ++seq,
  attempts: 0,
  kind: 'photo',
  key: `p${seq}`,
  userId: 'u1',
  workOrderId,
  createdAt: '2026-12-07T02:00:00Z',
  blob: new Blob([]),
  mime: 'image/jpeg',
  takenAt: '2026-12-07T02:00:00Z',
});

test('what waits in the outbox shows on the work order, in order, and only on its own work order', () => {
  const pending = [
    action('wo-1', 'check_in'),
    action('wo-1', 'checklist', { itemId: 'a', done: true }),
    photo('wo-1'),
    photo('wo-2'),
    action('wo-2', 'check_in'),
    action('wo-1', 'note', { text: 'Pelanggan minta kabel rapi' }),
  ];
  const view = withPending(wo, pending);
  assert.equal(view.status, 'in_progress');
  assert.equal(view.checkInAt, pending[0]!.kind === 'action' ? pending[0]!.action.at : null);
  assert.deepEqual(
    view.checklist.map((c) => c.done),
    [true, false],
  );
  assert.equal(view.photoCount, 1);
  assert.deepEqual(view.fieldNotes, ['Pelanggan minta kabel rapi']);
  // The office's copy is untouched.
  assert.equal(wo.status, 'scheduled');
  assert.equal(wo.checklist[0]!.done, false);
});

test('a finish waiting to send shows the work order done with its serial', () => {
  const view = withPending(wo, [action('wo-1', 'finish', { serialNumber: 'ZTEG1234' })]);
  assert.equal(view.status, 'done');
  assert.equal(view.serialNumber, 'ZTEG1234');
});

test('route links need a location', () => {
  assert.equal(routeUrl(wo), 'https://www.google.com/maps/dir/?api=1&destination=-6.9,107.6');
  assert.equal(geoUrl(wo), 'geo:-6.9,107.6?q=-6.9,107.6');
  assert.equal(routeUrl({ latitude: null, longitude: 1 }), null);
});

test('a work order given without a day is listed as unscheduled, not lost', () => {
  const at = (id: string, scheduledDate: string | null) => ({ ...wo, id, number: `SPK-00000${id}`, scheduledDate });
  const split = splitByDay([at('1', '2026-12-07'), at('2', '2026-12-09'), at('3', null)], '2026-12-07');
  assert.deepEqual(
    [split.today.map((w) => w.id), split.upcoming.map((w) => w.id), split.unscheduled.map((w) => w.id)],
    [['1'], ['2'], ['3']],
  );
});
