import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { oltPonPorts, olts, onus, organizations, subscriptions } from '@/db/schema';
import type { Onu } from '@/db/schema/fibre';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { signalLevel } from '../levels';
import type { OltAccess, OnuAddress, OnuOptics, OnuRegistration } from '../types';
import { normalizeHuaweiSerial } from './drivers/huawei-parse';
import { OltError } from './errors';
import { registrationCommands } from './templates';

/**
 * Registering, measuring, rebooting and removing ONUs: the rule (which ONU id, which
 * values, what is stored and audited) here; the commands in the vendor's driver, run on the
 * worker's session to the OLT (OltAccess). The web app never calls these: its operations
 * queue a job on the OLT's queue (lib/fibre/olt/requests.ts), whose handler calls them.
 */

type Actor = { orgId: string; actorUserId: string | null; ip?: string | null };

/** ZTE numbers ONUs 1–128 on a port; Huawei 0–127. */
const INDEX_RANGE = { zte: [1, 128], huawei: [0, 127] } as const;

/** A serial as typed or scanned (`HWTC-A1B2C3D4`, `48575443A1B2C3D4`, `zteg c8a1b2c3`) as stored: HWTCA1B2C3D4. */
export function normalizeSerial(input: string): string {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  const serial = /^[0-9A-F]{16}$/.test(compact) ? normalizeHuaweiSerial(compact) : compact;
  if (!/^[A-Z0-9]{4}[0-9A-F]{8}$/.test(serial))
    throw new AppError('validation', {}, { serial: 'validation.onuSerial' });
  return serial;
}

async function loadOlt(db: Db, p: { orgId: string; oltId: string }) {
  const [olt] = await db
    .select()
    .from(olts)
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
  if (!olt) throw new AppError('not_found');
  return olt;
}

async function loadPort(db: Db, p: { orgId: string; oltId: string; ponPortId: string }) {
  const [port] = await db
    .select()
    .from(oltPonPorts)
    .where(
      and(eq(oltPonPorts.id, p.ponPortId), eq(oltPonPorts.organizationId, p.orgId), eq(oltPonPorts.oltId, p.oltId)),
    );
  if (!port) throw new AppError('validation', {}, { ponPortId: 'validation.required' });
  return port;
}

/** The lowest ONU id not used on the port (as far as Jaring registered them). */
async function nextOnuIndex(db: Db, p: { ponPortId: string; vendor: 'zte' | 'huawei' }) {
  const used = await db
    .select({ i: onus.onuIndex })
    .from(onus)
    .where(eq(onus.ponPortId, p.ponPortId))
    .orderBy(asc(onus.onuIndex));
  const [low, high] = INDEX_RANGE[p.vendor];
  const taken = new Set(used.map((u) => u.i));
  for (let i = low; i <= high; i++) if (!taken.has(i)) return i;
  throw new AppError('onu_port_full');
}

export type RegistrationInput = {
  orgId: string;
  oltId: string;
  ponPortId: string;
  serial: string;
  name?: string | null;
  subscriptionId?: string | null;
  /** Overrides of the template's values for this ONU (e.g. another VLAN). */
  values?: Record<string, string>;
};

/**
 * What a registration will send, computed without touching the OLT: the ONU id it will get,
 * the values after overrides and the exact command lines (the preview the operator confirms).
 */
export async function planRegistration(db: Db, p: RegistrationInput) {
  const serial = normalizeSerial(p.serial);
  const olt = await loadOlt(db, p);
  const port = await loadPort(db, p);
  let name = p.name?.trim() || null;
  if (p.subscriptionId) {
    const [sub] = await db
      .select({ id: subscriptions.id, username: subscriptions.serviceUsername })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
    if (!sub) throw new AppError('validation', {}, { subscriptionId: 'validation.required' });
    name ??= sub.username;
  }
  const [existing] = await db
    .select()
    .from(onus)
    .where(and(eq(onus.organizationId, p.orgId), eq(onus.serial, serial)));
  const onuIndex =
    existing?.ponPortId === port.id
      ? existing.onuIndex
      : await nextOnuIndex(db, { ponPortId: port.id, vendor: olt.vendor });
  const spec: OnuRegistration = {
    frame: port.frame,
    slot: port.slot,
    port: port.port,
    onuIndex,
    serial,
    name: name ?? serial,
    values: { ...olt.template.values, ...(p.values ?? {}) },
  };
  const commands = registrationCommands(olt.vendor, spec, olt.template.commands);
  return { olt, port, spec, commands, existing: existing ?? null };
}

/**
 * Registers an ONU on a PON port: the next free ONU id, the OLT's template with the values,
 * the onus row stored and audited. Run again after it succeeded (a retried job), it returns
 * the row it stored instead of registering twice; a serial already on another port is refused.
 */
export async function registerOnu(
  db: Db,
  access: OltAccess,
  p: RegistrationInput & Actor & { stockUnitId?: string | null },
): Promise<Onu> {
  const plan = await planRegistration(db, p);
  if (plan.existing) {
    if (plan.existing.ponPortId === plan.port.id) return plan.existing;
    throw new AppError('onu_serial_taken', { serial: plan.spec.serial });
  }
  await access.run({ orgId: p.orgId, oltId: p.oltId }, (driver) =>
    driver.register(plan.spec, plan.olt.template.commands),
  );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(onus)
      .values({
        organizationId: p.orgId,
        oltId: p.oltId,
        ponPortId: plan.port.id,
        onuIndex: plan.spec.onuIndex,
        serial: plan.spec.serial,
        name: plan.spec.name,
        onuType: plan.spec.values.onuType ?? null,
        vlan: Number.parseInt(plan.spec.values.vlan ?? '', 10) || null,
        subscriptionId: p.subscriptionId ?? null,
        stockUnitId: p.stockUnitId ?? null,
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip ?? null,
      action: 'onu.registered',
      entityType: 'onu',
      entityId: row!.id,
      data: { oltId: p.oltId, port: plan.port.name, onuIndex: plan.spec.onuIndex, serial: plan.spec.serial },
    });
    return row!;
  });
}

async function loadOnu(db: Db, p: { orgId: string; onuId: string }) {
  const [row] = await db
    .select({ onu: onus, port: oltPonPorts })
    .from(onus)
    .innerJoin(oltPonPorts, eq(oltPonPorts.id, onus.ponPortId))
    .where(and(eq(onus.id, p.onuId), eq(onus.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const address: OnuAddress = {
    frame: row.port.frame,
    slot: row.port.slot,
    port: row.port.port,
    onuIndex: row.onu.onuIndex,
  };
  return { ...row, address };
}

/**
 * Reads one ONU's state and optical levels from the OLT and stores them on its row (the
 * level against the organization's thresholds; when the state changed, since when).
 */
export async function readOnuOptics(
  db: Db,
  access: OltAccess,
  p: { orgId: string; onuId: string },
): Promise<OnuOptics> {
  const { onu, address } = await loadOnu(db, p);
  const optics = await access.run({ orgId: p.orgId, oltId: onu.oltId }, (driver) => driver.optics(address));
  const [org] = await db
    .select({ warningDbm: organizations.onuWarningDbm, criticalDbm: organizations.onuCriticalDbm })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  await db
    .update(onus)
    .set({
      state: optics.state,
      rxPowerDbm: optics.rxPowerDbm,
      txPowerDbm: optics.txPowerDbm ?? null,
      oltRxPowerDbm: optics.oltRxPowerDbm ?? null,
      level: signalLevel(optics.rxPowerDbm, org!),
      stateChangedAt: onu.state === optics.state ? onu.stateChangedAt : sql`now()`,
      lastPolledAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(onus.id, onu.id), eq(onus.organizationId, p.orgId)));
  return optics;
}

// The OLT no longer has it (removed by hand on the OLT, or a retried removal): already done.
const GONE = /does not exist/i;

/** Takes the ONU off the OLT (its service ports first on Huawei) and deletes its row. */
export async function removeOnu(db: Db, access: OltAccess, p: { orgId: string; onuId: string } & Actor) {
  const { onu, port, address } = await loadOnu(db, p);
  await access
    .run({ orgId: p.orgId, oltId: onu.oltId }, (driver) => driver.remove(address))
    .catch((error: unknown) => {
      if (!(error instanceof OltError && error.kind === 'command' && GONE.test(error.detail))) throw error;
    });
  await db.transaction(async (tx) => {
    await tx.delete(onus).where(and(eq(onus.id, onu.id), eq(onus.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip ?? null,
      action: 'onu.removed',
      entityType: 'onu',
      entityId: onu.id,
      data: { oltId: onu.oltId, port: port.name, onuIndex: onu.onuIndex, serial: onu.serial },
    });
  });
}

/** Restarts the ONU from the OLT (ZTE `pon-onu-mng` → `reboot`; Huawei `ont reset`). */
export async function rebootOnu(db: Db, access: OltAccess, p: { orgId: string; onuId: string } & Actor) {
  const { onu, port, address } = await loadOnu(db, p);
  await access.run({ orgId: p.orgId, oltId: onu.oltId }, (driver) => driver.reboot(address));
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip ?? null,
    action: 'onu.rebooted',
    entityType: 'onu',
    entityId: onu.id,
    data: { oltId: onu.oltId, port: port.name, onuIndex: onu.onuIndex, serial: onu.serial },
  });
}
