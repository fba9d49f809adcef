import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORK_ORDER_TYPES } from '@/db/enums';
import {
  activationFloor,
  activationTime,
  checklistFrom,
  checklistLines,
  DEFAULT_CHECKLISTS,
  dayIn,
  formatWorkOrderNumber,
  installedDay,
  statusAfter,
  stepTime,
  validWindow,
} from './constants';
import { createWorkOrderSchema, fieldActionSchema } from './schemas';

test('SPK numbers are zero-padded to six digits', () => {
  assert.equal(formatWorkOrderNumber(123), 'SPK-000123');
  assert.equal(formatWorkOrderNumber(1_234_567), 'SPK-1234567');
});

test('checklist lines: one per line, blanks dropped, each with a stable id', () => {
  assert.deepEqual(checklistLines('  Tarik kabel \n\n\r\nPasang modem\n'), ['Tarik kabel', 'Pasang modem']);
  assert.equal(checklistLines(Array.from({ length: 40 }, (_, i) => `L${i}`).join('\n')).length, 30);
  assert.deepEqual(checklistFrom(['A', 'B']), [
    { id: 'c1', label: 'A', done: false, doneAt: null },
    { id: 'c2', label: 'B', done: false, doneAt: null },
  ]);
  for (const type of WORK_ORDER_TYPES) {
    const { items } = DEFAULT_CHECKLISTS[type];
    assert.ok(items.id.length > 0 && items.id.length === items.en.length, type);
  }
});

test('a visit window is two 24-hour times, the end after the start', () => {
  assert.ok(validWindow('08:00', '12:00'));
  assert.ok(!validWindow('12:00', '08:00'));
  assert.ok(!validWindow('08:00', '08:00'));
  assert.ok(!validWindow('8:00', '12:00'));
  assert.ok(!validWindow('08:00', '24:00'));
});

test("a step's time is the phone's, but never in the future nor before the work order", () => {
  const now = new Date('2026-12-07T05:00:00Z');
  const created = new Date('2026-12-06T01:00:00Z');
  assert.equal(stepTime('2026-12-07T02:00:00+07:00', now, created).toISOString(), '2026-12-06T19:00:00.000Z');
  assert.equal(stepTime('2026-12-08T00:00:00Z', now, created), now);
  assert.equal(stepTime('2026-12-01T00:00:00Z', now, created), created);
});

test("the day of a moment is the organization's day (WIB is UTC+7)", () => {
  assert.equal(dayIn(new Date('2026-12-06T18:30:00Z'), 'Asia/Jakarta'), '2026-12-07');
  assert.equal(dayIn(new Date('2026-12-06T16:30:00Z'), 'Asia/Jakarta'), '2026-12-06');
});

test('steps move the status forward; a closed work order stays closed', () => {
  assert.equal(statusAfter('scheduled', 'on_the_way'), 'on_the_way');
  assert.equal(statusAfter('on_the_way', 'check_in'), 'in_progress');
  assert.equal(statusAfter('in_progress', 'on_the_way'), 'in_progress');
  assert.equal(statusAfter('in_progress', 'checklist'), 'in_progress');
  assert.equal(statusAfter('in_progress', 'finish'), 'done');
  assert.equal(statusAfter('cancelled', 'check_in'), 'cancelled');
});

test('the field action schema: a discriminated union with the common fields', () => {
  const base = {
    key: crypto.randomUUID(),
    workOrderId: crypto.randomUUID(),
    version: '2',
    at: '2026-12-07T08:00:00+07:00',
  };
  const finish = fieldActionSchema.parse({
    ...base,
    type: 'finish',
    serialNumber: ' ZTEG123 ',
    macAddress: 'aa-bb-cc-dd-ee-ff',
  });
  assert.deepEqual([finish.type, finish.version], ['finish', 2]);
  assert.equal(finish.type === 'finish' && finish.macAddress, 'AA:BB:CC:DD:EE:FF');
  assert.equal(finish.type === 'finish' && finish.serialNumber, 'ZTEG123');
  // Typed off the modem's label without separators: accepted, stored the same way.
  const bare = fieldActionSchema.parse({
    ...base,
    type: 'finish',
    serialNumber: 'ZTEG123',
    macAddress: 'aabbccddeeff',
  });
  assert.equal(bare.type === 'finish' && bare.macAddress, 'AA:BB:CC:DD:EE:FF');
  assert.ok(
    !fieldActionSchema.safeParse({ ...base, type: 'finish', serialNumber: 'ZTEG123', macAddress: 'AABBCCDDEEF' })
      .success,
  );
  assert.ok(!fieldActionSchema.safeParse({ ...base, type: 'finish', serialNumber: '' }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...base, type: 'teleport' }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...base, key: 'not-a-uuid', type: 'check_in' }).success);
  assert.ok(fieldActionSchema.safeParse({ ...base, type: 'checklist', itemId: 'c1', done: true }).success);
});

test('a work order typed in the office needs a customer or an address, and a whole window', () => {
  const bad = createWorkOrderSchema.safeParse({ type: 'survey' });
  assert.equal(bad.error?.issues[0]?.message, 'validation.workOrderPlace');
  const reversed = createWorkOrderSchema.safeParse({
    type: 'survey',
    address: 'Jl. Mawar 1',
    scheduledDate: '2026-12-08',
    windowStart: '12:00',
    windowEnd: '08:00',
  });
  assert.equal(reversed.error?.issues[0]?.message, 'validation.timeWindow');
  assert.ok(
    createWorkOrderSchema.safeParse({ type: 'survey', address: 'Jl. Mawar 1', odpId: '', odpPort: '' }).success,
  );
});

test('an activation from the phone: within 48 h, after check-in and creation; otherwise server time', () => {
  const now = new Date('2026-12-07T03:00:00Z');
  const createdAt = new Date('2026-11-01T00:00:00Z');
  const checkInAt = new Date('2026-12-06T09:00:00Z');
  const base = { now, createdAt, checkInAt };
  const phone = new Date('2026-12-06T10:30:00Z');
  assert.deepEqual(activationTime(phone, base), phone);
  // A clock set days back, or an outbox that waited: the server's time.
  assert.deepEqual(activationTime(new Date('2026-12-01T10:00:00Z'), { ...base, checkInAt: null }), now);
  // Before the technician checked in: not believable.
  assert.deepEqual(activationTime(new Date('2026-12-06T08:00:00Z'), base), now);
  assert.deepEqual(activationTime(new Date('2026-12-08T08:00:00Z'), base), now);
  assert.deepEqual(activationFloor({ ...base, checkInAt: null }), new Date('2026-12-05T03:00:00Z'));
  // The installation day follows the activation day in the organization's zone.
  const floor = activationFloor(base);
  const jakarta = { activatedAt: phone, floor, timeZone: 'Asia/Jakarta' };
  assert.equal(installedDay(undefined, jakarta), '2026-12-06');
  assert.equal(installedDay('2026-12-06', jakarta), '2026-12-06');
  assert.equal(installedDay('2026-11-20', jakarta), '2026-12-06', 'before the check-in');
  assert.equal(installedDay('2026-12-07', jakarta), '2026-12-06', 'after the activation');
  // 23:30 UTC on the 6th is the 7th in Jakarta.
  assert.equal(installedDay(undefined, { ...jakarta, activatedAt: new Date('2026-12-06T23:30:00Z') }), '2026-12-07');
});

test('stock steps: materials by whole quantities, a swap with where the old unit goes; neither changes the status', () => {
  const base = {
    key: crypto.randomUUID(),
    workOrderId: crypto.randomUUID(),
    version: 1,
    at: '2026-12-07T08:00:00+07:00',
  };
  const itemId = crypto.randomUUID();
  assert.ok(fieldActionSchema.safeParse({ ...base, type: 'materials', lines: [{ itemId, quantity: '35' }] }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...base, type: 'materials', lines: [] }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...base, type: 'materials', lines: [{ itemId, quantity: 0 }] }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...base, type: 'materials', lines: [{ itemId, quantity: 1.5 }] }).success);
  const swap = { ...base, type: 'swap', outSerial: 'OLD001', inSerial: 'NEW001' };
  assert.ok(fieldActionSchema.safeParse({ ...swap, outTo: 'faulty' }).success);
  assert.ok(fieldActionSchema.safeParse({ ...swap, outTo: 'bag', macAddress: 'aa:bb:cc:dd:ee:01' }).success);
  assert.ok(!fieldActionSchema.safeParse({ ...swap, outTo: 'customer' }).success);
  assert.equal(statusAfter('in_progress', 'materials'), 'in_progress');
  assert.equal(statusAfter('scheduled', 'swap'), 'scheduled');
});
