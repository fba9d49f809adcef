import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { oltPonPorts, olts, onus } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import type { OltAccess, PonAddress } from '../types';

/** A PON port's name as the vendor's CLI writes it (ZTE gpon-olt_1/2/1, Huawei 0/1/0). */
export function ponPortName(vendor: 'zte' | 'huawei', p: PonAddress) {
  return vendor === 'zte' ? `gpon-olt_${p.frame}/${p.slot}/${p.port}` : `${p.frame}/${p.slot}/${p.port}`;
}

async function loadOlt(db: Db, p: { orgId: string; oltId: string }) {
  const [olt] = await db
    .select()
    .from(olts)
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
  if (!olt) throw new AppError('not_found');
  return olt;
}

/**
 * Asks the OLT what it is (model, firmware) and which PON ports its GPON boards have; the
 * ports it has and Jaring does not are added, so they can be linked to ODCs and ODPs.
 */
export async function checkOlt(db: Db, access: OltAccess, p: { orgId: string; oltId: string }) {
  const olt = await loadOlt(db, p);
  const info = await access.run(p, (driver) => driver.info());
  const added = info.ponPorts.length
    ? await db
        .insert(oltPonPorts)
        .values(
          info.ponPorts.map((port) => ({
            organizationId: p.orgId,
            oltId: olt.id,
            frame: port.frame,
            slot: port.slot,
            port: port.port,
            name: ponPortName(olt.vendor, port),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: oltPonPorts.id })
    : [];
  await db
    .update(olts)
    .set({
      firmware: info.firmware,
      ...(info.model ? { model: info.model } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(olts.id, olt.id), eq(olts.organizationId, p.orgId)));
  return { model: info.model, firmware: info.firmware, ponPorts: info.ponPorts.length, added: added.length };
}

export type ScannedOnu = {
  frame: number;
  slot: number;
  port: number;
  serial: string;
  model: string | null;
  /** The PON port row it waits on (null: a port Jaring does not know yet; run the check). */
  ponPortId: string | null;
  portName: string;
};

/**
 * The ONUs waiting unconfigured on the OLT (ZTE `show gpon onu uncfg`, Huawei `display ont
 * autofind all`), with the PON port row each is on. Returned as the scan job's result: the
 * page lists the last scan with when it was read.
 */
export async function scanOlt(db: Db, access: OltAccess, p: { orgId: string; oltId: string }) {
  const olt = await loadOlt(db, p);
  const found = await access.run(p, (driver) => driver.listUnconfigured());
  const ports = await db
    .select()
    .from(oltPonPorts)
    .where(and(eq(oltPonPorts.oltId, olt.id), eq(oltPonPorts.organizationId, p.orgId)));
  const registered = new Set(
    (
      await db
        .select({ serial: onus.serial })
        .from(onus)
        .where(and(eq(onus.organizationId, p.orgId), eq(onus.oltId, olt.id)))
    ).map((r) => r.serial),
  );
  const onusFound: ScannedOnu[] = found
    .filter((f) => !registered.has(f.serial))
    .map((f) => ({
      frame: f.frame,
      slot: f.slot,
      port: f.port,
      serial: f.serial,
      model: f.model ?? null,
      ponPortId: ports.find((x) => x.frame === f.frame && x.slot === f.slot && x.port === f.port)?.id ?? null,
      portName: ponPortName(olt.vendor, f),
    }));
  return { scannedAt: new Date().toISOString(), onus: onusFound };
}
