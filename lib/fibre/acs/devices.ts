import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type AcsDevice, acsDevices, acsServers, onus, stockLocations, stockUnits, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { AcsAccess } from './access';
import { AcsError } from './errors';
import type { GenieDevice, NbiClient } from './nbi';
import { identityOf, PATHS, summaryOf, summaryProjection } from './paths';

/**
 * GenieACS has no tenants: a device belongs to an organization only through its acs_devices
 * row. Jaring claims a device for a subscription when its serial is the subscription's ONU
 * serial, the serial of a unit installed at the customer, or the subscription's device MAC
 * (cheap CPEs report their MAC as serial), or when the PPPoE username read from it is the
 * subscription's. On claim the device is tagged `jaring-<orgId>` in GenieACS; a device tagged
 * for another organization, or claimed by another organization on the same NBI, is refused:
 * two ISPs sharing one GenieACS never see or touch each other's modems. On a shared NBI a
 * PPPoE username proves nothing (each ISP names its own subscribers: both may have `budi01`),
 * so there a device is claimed by serial only.
 */
export const TAG_PREFIX = 'jaring-';
export const orgTag = (orgId: string) => `${TAG_PREFIX}${orgId}`;

/** A MAC in the two forms a serial may take: A1B2C3D4E5F6 and A1:B2:C3:D4:E5:F6. */
function macForms(mac: string | null): string[] {
  const hex = (mac ?? '').replace(/[^0-9a-f]/gi, '').toUpperCase();
  if (hex.length !== 12) return [];
  return [hex, hex.match(/../g)!.join(':')];
}

/** The serials and PPPoE username a subscription's modem may be found by. */
export async function modemIdentifiers(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [sub] = await db
    .select({ username: subscriptions.serviceUsername, mac: subscriptions.deviceMac })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!sub) throw new AppError('not_found');
  const onuSerials = await db
    .select({ serial: onus.serial })
    .from(onus)
    .where(and(eq(onus.organizationId, p.orgId), eq(onus.subscriptionId, p.subscriptionId)));
  const units = await db
    .select({ serial: stockUnits.serial, mac: stockUnits.mac })
    .from(stockUnits)
    .innerJoin(
      stockLocations,
      and(eq(stockLocations.id, stockUnits.locationId), eq(stockLocations.organizationId, stockUnits.organizationId)),
    )
    .where(
      and(
        eq(stockUnits.organizationId, p.orgId),
        eq(stockLocations.kind, 'customer'),
        eq(stockLocations.subscriptionId, p.subscriptionId),
      ),
    );
  const serials = new Set<string>();
  for (const s of [...onuSerials.map((o) => o.serial), ...units.map((u) => u.serial)]) serials.add(s.toUpperCase());
  for (const mac of [sub.mac, ...units.map((u) => u.mac)]) for (const form of macForms(mac)) serials.add(form);
  return { serials: [...serials], pppoeUsername: sub.username };
}

/**
 * Looks the subscription's modem up in GenieACS and claims the best match (a serial match
 * before a PPPoE username match). Null when GenieACS has none.
 */
export async function findModem(
  db: Db,
  acs: AcsAccess,
  p: { orgId: string; subscriptionId: string; serial?: string; actorUserId?: string | null },
): Promise<AcsDevice | null> {
  const ids = await modemIdentifiers(db, p);
  if (p.serial) ids.serials.unshift(p.serial.trim().toUpperCase());
  const nbi = await acs.nbi(p.orgId);
  const query = {
    $or: [
      ...(ids.serials.length ? [{ '_deviceId._SerialNumber': { $in: ids.serials } }] : []),
      { [PATHS.pppoeUsername.tr098[0]]: ids.pppoeUsername },
      { [PATHS.pppoeUsername.tr181[0]]: ids.pppoeUsername },
    ],
  };
  const found = await nbi.findDevices(query, { projection: summaryProjection(), limit: 10 });
  const bySerial = (d: GenieDevice) => ids.serials.includes(identityOf(d).serial.toUpperCase());
  const byUsername = (await nbiShared(db, p.orgId)) ? [] : found.filter((d) => !bySerial(d));
  const ranked = [...found.filter(bySerial), ...byUsername];
  let refused: AcsError | null = null;
  for (const device of ranked) {
    try {
      return await claimDevice(db, nbi, { ...p, device });
    } catch (error) {
      if (!(error instanceof AcsError) || error.kind !== 'claimed_elsewhere') throw error;
      refused = error;
    }
  }
  if (refused) throw refused;
  return null;
}

/**
 * Links a GenieACS device to a subscription of this organization: refuses a device that is
 * another organization's, tags it `jaring-<orgId>`, and stores what was read of it.
 */
export async function claimDevice(
  db: Db,
  nbi: NbiClient,
  p: { orgId: string; subscriptionId: string | null; device: GenieDevice; actorUserId?: string | null },
): Promise<AcsDevice> {
  const identity = identityOf(p.device);
  const otherTag = identity.tags.find((t) => t.startsWith(TAG_PREFIX) && t !== orgTag(p.orgId));
  if (otherTag || (await claimedOnSameNbi(db, p.orgId, identity.deviceId)))
    throw new AcsError('claimed_elsewhere', `device ${identity.deviceId} belongs to another organization`);
  if (!identity.tags.includes(orgTag(p.orgId))) await nbi.addTag(identity.deviceId, orgTag(p.orgId));
  const values = {
    serial: identity.serial,
    oui: identity.oui,
    productClass: identity.productClass,
    manufacturer: identity.manufacturer,
    model: identity.model,
    firmware: identity.firmware,
    dataModel: identity.dataModel,
    lastInformAt: identity.lastInformAt,
    summary: summaryOf(p.device),
    summaryAt: new Date(),
    updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: acsDevices.id, subscriptionId: acsDevices.subscriptionId })
      .from(acsDevices)
      .where(and(eq(acsDevices.organizationId, p.orgId), eq(acsDevices.deviceId, identity.deviceId)));
    const [row] = await tx
      .insert(acsDevices)
      .values({ organizationId: p.orgId, deviceId: identity.deviceId, subscriptionId: p.subscriptionId, ...values })
      .onConflictDoUpdate({
        target: [acsDevices.organizationId, acsDevices.deviceId],
        set: { ...values, ...(p.subscriptionId ? { subscriptionId: p.subscriptionId } : {}) },
      })
      .returning();
    if (!before || (p.subscriptionId && before.subscriptionId !== p.subscriptionId))
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId ?? null,
        action: 'acs_device.linked',
        entityType: 'acs_device',
        entityId: row!.id,
        data: { serial: identity.serial, model: identity.model, subscriptionId: p.subscriptionId },
      });
    return row!;
  });
}

/**
 * An NBI URL as the server it names: `HTTP://ACS.example:7557/`, `http://acs.example:7557` and
 * `http://acs.example` + port 80 written out are one GenieACS. (Two names for one address are
 * not caught here; the tag is what holds then.)
 */
export function nbiIdentity(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return `${u.protocol}//${u.hostname.toLowerCase()}:${port}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url;
  }
}

/** The other organizations whose NBI is this organization's GenieACS. */
async function sameNbiOrgs(db: Db, orgId: string): Promise<string[]> {
  const [mine] = await db
    .select({ url: acsServers.nbiUrl })
    .from(acsServers)
    .where(eq(acsServers.organizationId, orgId));
  if (!mine) return [];
  const me = nbiIdentity(mine.url);
  const others = await db
    .select({ orgId: acsServers.organizationId, url: acsServers.nbiUrl })
    .from(acsServers)
    .where(ne(acsServers.organizationId, orgId));
  return others.filter((o) => nbiIdentity(o.url) === me).map((o) => o.orgId);
}

/** Whether another organization uses the same GenieACS. */
export async function nbiShared(db: Db, orgId: string) {
  return (await sameNbiOrgs(db, orgId)).length > 0;
}

/** Another organization already has the device on the same NBI (its tag removed by hand, say). */
async function claimedOnSameNbi(db: Db, orgId: string, deviceId: string) {
  const orgs = await sameNbiOrgs(db, orgId);
  if (orgs.length === 0) return false;
  const [other] = await db
    .select({ id: acsDevices.id })
    .from(acsDevices)
    .where(and(eq(acsDevices.deviceId, deviceId), inArray(acsDevices.organizationId, orgs)))
    .limit(1);
  return Boolean(other);
}

const PASS_CHUNK = 200;

/**
 * The periodic pass (cheap: one NBI query per 200 serials): links devices whose serial is
 * the ONU serial, installed unit serial or device MAC of a subscription that has no modem yet.
 */
export async function linkModemsBySerial(db: Db, acs: AcsAccess, p: { orgId: string }) {
  const rows = await db.execute<{ subscription_id: string; serial: string }>(sql`
    with unlinked as (
      select s.id, s.device_mac from subscriptions s
      where s.organization_id = ${p.orgId} and s.status <> 'terminated'
        and not exists (select 1 from acs_devices d where d.organization_id = s.organization_id and d.subscription_id = s.id)
    )
    select u.id as subscription_id, upper(o.serial) as serial from unlinked u
      join onus o on o.organization_id = ${p.orgId} and o.subscription_id = u.id
    union
    select u.id, upper(su.serial) from unlinked u
      join stock_locations l on l.organization_id = ${p.orgId} and l.kind = 'customer' and l.subscription_id = u.id
      join stock_units su on su.organization_id = l.organization_id and su.location_id = l.id
    union
    select u.id, upper(regexp_replace(u.device_mac, '[^0-9A-Fa-f]', '', 'g')) from unlinked u
      where u.device_mac is not null`);
  const bySerial = new Map(rows.map((r) => [r.serial, r.subscription_id]));
  const serials = [...bySerial.keys()];
  let linked = 0;
  let refused = 0;
  if (serials.length === 0) return { checked: 0, linked, refused };
  const nbi = await acs.nbi(p.orgId);
  for (let i = 0; i < serials.length; i += PASS_CHUNK) {
    const chunk = serials.slice(i, i + PASS_CHUNK);
    const found = await nbi.findDevices(
      { '_deviceId._SerialNumber': { $in: chunk } },
      { projection: summaryProjection(), limit: chunk.length * 2 },
    );
    for (const device of found) {
      const subscriptionId = bySerial.get(identityOf(device).serial.toUpperCase());
      if (!subscriptionId) continue;
      try {
        await claimDevice(db, nbi, { orgId: p.orgId, subscriptionId, device });
        linked++;
      } catch (error) {
        if (!(error instanceof AcsError) || error.kind !== 'claimed_elsewhere') throw error;
        refused++;
      }
    }
  }
  return { checked: serials.length, linked, refused };
}

/** The organization's device row (not_found outside it): what every operation starts from. */
export async function getAcsDevice(db: Db, p: { orgId: string; acsDeviceId: string }) {
  const [row] = await db
    .select()
    .from(acsDevices)
    .where(and(eq(acsDevices.id, p.acsDeviceId), eq(acsDevices.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

/** The modem linked to a subscription, if any (the most recently seen one). */
export async function modemOfSubscription(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [row] = await db
    .select()
    .from(acsDevices)
    .where(and(eq(acsDevices.organizationId, p.orgId), eq(acsDevices.subscriptionId, p.subscriptionId)))
    .orderBy(sql`${acsDevices.lastInformAt} desc nulls last`)
    .limit(1);
  return row ?? null;
}

/** Re-reads a device's summary from GenieACS (after a task ran) and stores it. */
export async function storeSummary(db: Db, nbi: NbiClient, device: AcsDevice) {
  const doc = await nbi.getDevice(device.deviceId, summaryProjection());
  if (!doc) return null;
  const identity = identityOf(doc);
  const summary = summaryOf(doc);
  await db
    .update(acsDevices)
    .set({
      summary,
      summaryAt: new Date(),
      lastInformAt: identity.lastInformAt,
      model: identity.model ?? device.model,
      firmware: identity.firmware ?? device.firmware,
      dataModel: identity.dataModel ?? device.dataModel,
      updatedAt: new Date(),
    })
    .where(and(eq(acsDevices.id, device.id), eq(acsDevices.organizationId, device.organizationId)));
  return summary;
}
