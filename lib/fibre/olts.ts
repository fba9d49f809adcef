import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { OLT_TRANSPORTS, OLT_VENDORS, type OltVendor, SNMP_VERSIONS } from '@/db/enums';
import { infraSites, oltPonPorts, olts, onus } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { encryptSecret } from '@/lib/crypto';
import { assertRouterHostAllowed } from '@/lib/network/router-address';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import { defaultTemplate } from './olt/templates';

const HOST =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$|^\[?[0-9a-fA-F:]+\]?$/;
// Login words go to the OLT's command line as typed lines: a control character would end or
// split one (and nobody types one on purpose).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const NO_CONTROL = /^[^\x00-\x1f\x7f]*$/;

/** The models an operator picks from (free text is allowed: firmware families differ). */
export const OLT_MODEL_SUGGESTIONS: Record<OltVendor, string[]> = {
  zte: ['C320', 'C300', 'C600'],
  huawei: ['MA5608T', 'MA5683T', 'MA5800-X2'],
};
export const DEFAULT_CLI_PORTS = { telnet: 23, ssh: 22 } as const;
export const SNMP_V3_AUTH = ['MD5', 'SHA'] as const;
export const SNMP_V3_PRIV = ['DES', 'AES'] as const;

const secret = (max: number) =>
  z
    .string()
    .max(max, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters')
    .optional()
    .transform((v) => v || undefined);
const optionalWord = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters')
    .optional()
    .transform((v) => v || null);
const portNumber = z.coerce
  .number('validation.port')
  .int('validation.port')
  .min(1, 'validation.port')
  .max(65535, 'validation.port');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * An OLT as the form sends it. Secrets left blank keep the stored ones ("leave blank to
 * keep"); `clearEnablePassword` removes the enable password.
 */
export const oltSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.invalid'),
  vendor: z.enum(OLT_VENDORS, 'validation.invalid'),
  model: z.string().trim().max(60, 'validation.invalid').default(''),
  host: z.string().trim().min(1, 'validation.required').max(253, 'validation.host').regex(HOST, 'validation.host'),
  transport: z.enum(OLT_TRANSPORTS, 'validation.invalid').default('telnet'),
  // Blank: the transport's usual port (telnet 23, SSH 22).
  port: z.preprocess(blankToUndefined, portNumber.optional()),
  username: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(100, 'validation.invalid')
    .regex(NO_CONTROL, 'validation.noControlCharacters'),
  password: secret(200),
  enablePassword: secret(200),
  clearEnablePassword: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
  snmpVersion: z.enum(SNMP_VERSIONS, 'validation.invalid').default('2c'),
  snmpPort: z.preprocess(blankToUndefined, portNumber.default(161)),
  snmpCommunity: secret(100),
  snmpV3User: optionalWord(100),
  snmpV3AuthProtocol: z.preprocess(blankToUndefined, z.enum(SNMP_V3_AUTH, 'validation.invalid').optional()),
  snmpV3AuthKey: secret(200),
  snmpV3PrivProtocol: z.preprocess(blankToUndefined, z.enum(SNMP_V3_PRIV, 'validation.invalid').optional()),
  snmpV3PrivKey: secret(200),
  pollMinutes: z.preprocess(
    blankToUndefined,
    z.coerce
      .number('validation.invalid')
      .int('validation.invalid')
      .min(1, 'validation.pollMinutes')
      .max(1440, 'validation.pollMinutes')
      .default(5),
  ),
  siteId: z.preprocess(blankToUndefined, z.string().uuid('validation.invalid').optional()),
});
export type OltInput = z.output<typeof oltSchema>;

/** What a screen may show of an OLT: never a password, key or community, not even encrypted. */
export const oltPublicColumns = {
  id: olts.id,
  name: olts.name,
  vendor: olts.vendor,
  model: olts.model,
  host: olts.host,
  transport: olts.transport,
  port: olts.port,
  username: olts.username,
  hasEnablePassword: sql<boolean>`${olts.enablePasswordEnc} is not null`,
  snmpVersion: olts.snmpVersion,
  snmpPort: olts.snmpPort,
  hasSnmpCommunity: sql<boolean>`${olts.snmpCommunityEnc} is not null`,
  snmpV3User: olts.snmpV3User,
  snmpV3AuthProtocol: olts.snmpV3AuthProtocol,
  hasSnmpV3AuthKey: sql<boolean>`${olts.snmpV3AuthKeyEnc} is not null`,
  snmpV3PrivProtocol: olts.snmpV3PrivProtocol,
  hasSnmpV3PrivKey: sql<boolean>`${olts.snmpV3PrivKeyEnc} is not null`,
  siteId: olts.siteId,
  status: olts.status,
  firmware: olts.firmware,
  lastSeenAt: olts.lastSeenAt,
  lastCheckedAt: olts.lastCheckedAt,
  lastError: olts.lastError,
  pollMinutes: olts.pollMinutes,
  lastPolledAt: olts.lastPolledAt,
  lastPollMs: olts.lastPollMs,
  lastPollError: olts.lastPollError,
  createdAt: olts.createdAt,
};

export async function getOlt(db: Db, p: { orgId: string; oltId: string }) {
  const [row] = await db
    .select({ ...oltPublicColumns, siteName: infraSites.name })
    .from(olts)
    .leftJoin(infraSites, and(eq(infraSites.id, olts.siteId), eq(infraSites.organizationId, olts.organizationId)))
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function listOlts(db: Db, p: { orgId: string; q?: string }) {
  return db
    .select(oltPublicColumns)
    .from(olts)
    .where(
      and(
        eq(olts.organizationId, p.orgId),
        p.q
          ? or(ilike(olts.name, contains(p.q)), ilike(olts.host, contains(p.q)), ilike(olts.model, contains(p.q)))
          : undefined,
      ),
    )
    .orderBy(asc(olts.name), asc(olts.id))
    .limit(500);
}

/** Names only: the ONU list's OLT filter and the PON port selects. */
export async function oltChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: olts.id, name: olts.name, vendor: olts.vendor })
    .from(olts)
    .where(eq(olts.organizationId, p.orgId))
    .orderBy(asc(olts.name))
    .limit(500);
}

/** The map's OLT sites (infra sites of kind 'olt'): where an OLT stands. */
export async function oltSiteChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: infraSites.id, code: infraSites.code, name: infraSites.name })
    .from(infraSites)
    .where(and(eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'olt')))
    .orderBy(asc(infraSites.code))
    .limit(500);
}

/** Which secrets the input sets, as ciphertext; the audit says "changed", never the value. */
function secretColumns(input: OltInput) {
  return {
    ...(input.password ? { passwordEnc: encryptSecret(input.password) } : {}),
    ...(input.enablePassword
      ? { enablePasswordEnc: encryptSecret(input.enablePassword) }
      : input.clearEnablePassword
        ? { enablePasswordEnc: null }
        : {}),
    ...(input.snmpCommunity ? { snmpCommunityEnc: encryptSecret(input.snmpCommunity) } : {}),
    ...(input.snmpV3AuthKey ? { snmpV3AuthKeyEnc: encryptSecret(input.snmpV3AuthKey) } : {}),
    ...(input.snmpV3PrivKey ? { snmpV3PrivKeyEnc: encryptSecret(input.snmpV3PrivKey) } : {}),
  };
}

function auditData(input: OltInput) {
  const { password, enablePassword, clearEnablePassword, snmpCommunity, snmpV3AuthKey, snmpV3PrivKey, ...plain } =
    input;
  const changed = (v: string | undefined) => (v ? 'changed' : 'unchanged');
  return {
    ...plain,
    password: changed(password),
    enablePassword: clearEnablePassword && !enablePassword ? 'removed' : changed(enablePassword),
    snmpCommunity: changed(snmpCommunity),
    snmpV3AuthKey: changed(snmpV3AuthKey),
    snmpV3PrivKey: changed(snmpV3PrivKey),
  };
}

/**
 * Creates (no `oltId`) or updates an OLT. The host follows the routers' rules (no loopback,
 * link-local or metadata address; public or the platform's VPN on a hosted platform). The
 * map site must be an OLT site of the same organization.
 */
export async function saveOlt(db: Db, p: Actor & { oltId?: string; input: OltInput }) {
  const input = p.input;
  if (!p.oltId && !input.password) throw new AppError('validation', {}, { password: 'validation.required' });
  await assertRouterHostAllowed(input.host);
  const save = db.transaction(async (tx) => {
    const [before] = p.oltId
      ? await tx
          .select({ id: olts.id, vendor: olts.vendor, snmpCommunityEnc: olts.snmpCommunityEnc })
          .from(olts)
          .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)))
      : [];
    if (p.oltId && !before) throw new AppError('not_found');
    if (input.siteId) {
      const [site] = await tx
        .select({ id: infraSites.id })
        .from(infraSites)
        .where(
          and(eq(infraSites.id, input.siteId), eq(infraSites.organizationId, p.orgId), eq(infraSites.kind, 'olt')),
        );
      if (!site) throw new AppError('not_found', {}, { siteId: 'validation.oltSite' });
    }
    const [clash] = await tx
      .select({ id: olts.id })
      .from(olts)
      .where(
        and(eq(olts.organizationId, p.orgId), eq(olts.name, input.name), p.oltId ? ne(olts.id, p.oltId) : undefined),
      );
    if (clash) throw new AppError('olt_name_taken', { name: input.name }, { name: 'validation.oltNameTaken' });
    const values = {
      name: input.name,
      vendor: input.vendor,
      model: input.model,
      host: input.host,
      transport: input.transport,
      port: input.port ?? DEFAULT_CLI_PORTS[input.transport],
      username: input.username,
      snmpVersion: input.snmpVersion,
      snmpPort: input.snmpPort,
      snmpV3User: input.snmpV3User,
      snmpV3AuthProtocol: input.snmpV3AuthProtocol ?? null,
      snmpV3PrivProtocol: input.snmpV3PrivProtocol ?? null,
      pollMinutes: input.pollMinutes,
      siteId: input.siteId ?? null,
      ...secretColumns(input),
    };
    const [row] = before
      ? await tx
          .update(olts)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(olts.id, before.id), eq(olts.organizationId, p.orgId)))
          .returning()
      : await tx
          .insert(olts)
          .values({
            organizationId: p.orgId,
            ...values,
            passwordEnc: encryptSecret(input.password!),
            template: defaultTemplate(input.vendor),
          })
          .returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: before ? 'olt.updated' : 'olt.created',
      entityType: 'olt',
      entityId: row.id,
      data: auditData(input),
    });
    return row;
  });
  return save.catch((error: unknown) => {
    if (uniqueViolation(error) === 'olts_org_name_uq')
      throw new AppError('olt_name_taken', { name: input.name }, { name: 'validation.oltNameTaken' });
    throw error;
  });
}

/**
 * Creates an OLT from plain values (other modules' tests and the demo): the form's defaults
 * apply (telnet on 23, SNMP v2c on 161, polled every 5 minutes). Returns the stored row.
 */
export async function createOlt(
  db: Db,
  p: { orgId: string; actorUserId: string | null; ip?: string | null } & z.input<typeof oltSchema>,
) {
  const { orgId, actorUserId, ip, ...raw } = p;
  const input = oltSchema.parse(raw);
  return saveOlt(db, { orgId, actorUserId: actorUserId as string, ip: ip ?? null, input });
}

/**
 * Deletes an OLT with its PON ports. Refused while ONUs are registered on it: they are live
 * customers, removed from the OLT one by one first (or moved). ODCs and ODPs it fed lose the
 * link (the map shows them unlinked).
 */
export async function deleteOlt(db: Db, p: Actor & { oltId: string }) {
  return db.transaction(async (tx) => {
    const olt = await getOlt(tx, p);
    const [registered] = await tx
      .select({ n: count() })
      .from(onus)
      .where(and(eq(onus.organizationId, p.orgId), eq(onus.oltId, p.oltId)));
    if ((registered?.n ?? 0) > 0) throw new AppError('olt_has_onus', { count: registered!.n });
    await tx.delete(olts).where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'olt.deleted',
      entityType: 'olt',
      entityId: p.oltId,
      data: { name: olt.name, host: olt.host, vendor: olt.vendor },
    });
    return { deleted: true };
  });
}

/** A PON port's name as the vendor's command line writes it (ZTE `gpon-olt_1/2/1`, Huawei `0/1/0`). */
export function ponPortName(vendor: OltVendor, a: { frame: number; slot: number; port: number }) {
  return vendor === 'zte' ? `gpon-olt_${a.frame}/${a.slot}/${a.port}` : `${a.frame}/${a.slot}/${a.port}`;
}

/**
 * Adds a PON port to an OLT of the organization (by hand, or as the OLT reported it). The
 * name defaults to the vendor's. A port the OLT already has is refused.
 */
export async function createPonPort(
  db: Db,
  p: {
    orgId: string;
    oltId: string;
    frame: number;
    slot: number;
    port: number;
    name?: string | null;
    description?: string | null;
    actorUserId?: string | null;
    ip?: string | null;
  },
) {
  const save = db.transaction(async (tx) => {
    const [olt] = await tx
      .select({ id: olts.id, vendor: olts.vendor })
      .from(olts)
      .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
    if (!olt) throw new AppError('not_found');
    const address = { frame: p.frame, slot: p.slot, port: p.port };
    const [row] = await tx
      .insert(oltPonPorts)
      .values({
        organizationId: p.orgId,
        oltId: olt.id,
        ...address,
        name: p.name?.trim() || ponPortName(olt.vendor, address),
        description: p.description?.trim() || null,
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId ?? null,
      ip: p.ip,
      action: 'ponPort.created',
      entityType: 'olt',
      entityId: olt.id,
      data: { ponPortId: row!.id, name: row!.name, ...address },
    });
    return row!;
  });
  return save.catch((error: unknown) => {
    if (uniqueViolation(error) === 'olt_pon_ports_olt_fsp_uq')
      throw new AppError(
        'pon_port_taken',
        { name: `${p.frame}/${p.slot}/${p.port}` },
        { port: 'validation.ponPortTaken' },
      );
    throw error;
  });
}
