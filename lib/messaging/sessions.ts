import { isIP } from 'node:net';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { whatsappAuthState, whatsappSessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import { blankAsUndefined, checkbox } from '@/lib/server/form-input';
import { isPrivateAddress } from '@/lib/server/public-address';
import { mergeKeyFields } from '@/lib/server/secret-fields';
import { TRANSPORT_CONFIG_FIELDS } from './transports';
import { TRANSPORTS } from './types';

const intText = (min: number, max: number) =>
  z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(min, 'validation.invalid')
    .max(max, 'validation.invalid');

/** Form fields: name, transport, priority, limits, and `cfg_<key>` for Cloud API / HTTP gateway keys. */
export const sessionSchema = z
  .object({
    sessionId: blankAsUndefined(z.string().uuid()),
    name: z.string().trim().min(2, 'validation.required').max(60, 'validation.tooLong'),
    transport: z.enum(TRANSPORTS, 'validation.invalid'),
    priority: intText(1, 99),
    perMinute: intText(1, 60),
    dailyCap: intText(1, 100_000),
    enabled: checkbox,
  })
  .catchall(z.unknown());
export type SessionInput = z.output<typeof sessionSchema>;

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/**
 * Adds or edits a session. A Baileys session is linked by scanning the QR the worker puts
 * on it; Cloud API and HTTP gateway sessions need their keys (a blank secret keeps the stored one).
 */
export async function saveSession(db: Db, p: Actor & { input: SessionInput }) {
  const { sessionId, name, transport, priority, perMinute, dailyCap, enabled } = p.input;
  return db.transaction(async (tx) => {
    const [existing] = sessionId
      ? await tx
          .select()
          .from(whatsappSessions)
          .where(and(eq(whatsappSessions.id, sessionId), eq(whatsappSessions.organizationId, p.orgId)))
          .for('update')
      : [];
    if (sessionId && !existing) throw new AppError('not_found');
    if (existing && existing.transport !== transport) throw new AppError('session_transport');
    let configEnc: string | null = null;
    let configHints: Record<string, string> = {};
    if (transport !== 'baileys') {
      const stored: Record<string, string> = existing?.configEnc ? JSON.parse(decryptSecret(existing.configEnc)) : {};
      const fields = TRANSPORT_CONFIG_FIELDS[transport];
      const typed = Object.fromEntries(fields.map((f) => [f.key, String(p.input[`cfg_${f.key}`] ?? '').trim()]));
      const merged = mergeKeyFields(fields, typed, stored, 'cfg_');
      const missing = merged.missing;
      configHints = merged.hints;
      const config = Object.fromEntries(Object.entries(merged.values).filter(([, v]) => v));
      if (config.url && !(await gatewayUrlAllowed(config.url))) missing.cfg_url = 'validation.gatewayUrl';
      if (Object.keys(missing).length) throw new AppError('validation', {}, missing);
      configEnc = encryptSecret(JSON.stringify(config));
    } else configHints = {};
    const values = {
      name,
      transport,
      priority,
      perMinute,
      dailyCap,
      enabled,
      configEnc,
      configHints,
      updatedAt: sql`now()`,
    };
    const [row] = existing
      ? await tx.update(whatsappSessions).set(values).where(eq(whatsappSessions.id, existing.id)).returning()
      : await tx
          .insert(whatsappSessions)
          .values({ ...values, organizationId: p.orgId, status: transport === 'baileys' ? 'new' : 'connected' })
          .returning();
    // New keys for an HTTP session that was set aside: it is tried again at once.
    if (existing && transport !== 'baileys' && existing.status !== 'connected')
      await tx
        .update(whatsappSessions)
        .set({ status: 'connected', lastError: null })
        .where(eq(whatsappSessions.id, existing.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: existing ? 'whatsapp_session.updated' : 'whatsapp_session.created',
      entityType: 'whatsapp_session',
      entityId: row!.id,
      data: { name, transport, priority, perMinute, dailyCap, enabled, config: configHints },
    });
    return { id: row!.id };
  });
}

/**
 * The gateway URL the worker will post customers' messages to: https, on a public address,
 * so a mistyped or hostile URL cannot aim the worker at the ISP's own network or the cloud
 * metadata service (WHATSAPP_ALLOW_HTTP_GATEWAY=true allows http and private addresses, for
 * a gateway on the LAN, and tests). The worker checks the address again before each send.
 */
async function gatewayUrlAllowed(value: string) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (env().WHATSAPP_ALLOW_HTTP_GATEWAY) return url.protocol === 'https:' || url.protocol === 'http:';
  if (url.protocol !== 'https:') return false;
  // Names are resolved by the worker before each send (DNS may change, or be down now);
  // here a literal private address or localhost is refused at once.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) ? !isPrivateAddress(host) : true;
}

/** A logged-out Baileys session goes back to waiting for a QR scan (the worker makes one). */
export async function relinkSession(db: Db, p: Actor & { sessionId: string }) {
  const [row] = await db
    .update(whatsappSessions)
    .set({ status: 'new', qr: null, qrAt: null, logoutRequestedAt: null, lastError: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(whatsappSessions.id, p.sessionId),
        eq(whatsappSessions.organizationId, p.orgId),
        eq(whatsappSessions.transport, 'baileys'),
      ),
    )
    .returning({ id: whatsappSessions.id });
  if (!row) throw new AppError('not_found');
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'whatsapp_session.relink',
    entityType: 'whatsapp_session',
    entityId: row.id,
  });
  return { id: row.id };
}

/** Asks the worker to log the linked device out (it clears the stored auth state). */
export async function requestLogout(db: Db, p: Actor & { sessionId: string }) {
  const [row] = await db
    .update(whatsappSessions)
    .set({ logoutRequestedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(whatsappSessions.id, p.sessionId), eq(whatsappSessions.organizationId, p.orgId)))
    .returning({ id: whatsappSessions.id });
  if (!row) throw new AppError('not_found');
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'whatsapp_session.logout',
    entityType: 'whatsapp_session',
    entityId: row.id,
  });
  return { id: row.id };
}

export async function deleteSession(db: Db, p: Actor & { sessionId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(whatsappSessions)
      .where(and(eq(whatsappSessions.id, p.sessionId), eq(whatsappSessions.organizationId, p.orgId)))
      .returning({ id: whatsappSessions.id, name: whatsappSessions.name });
    if (!row) throw new AppError('not_found');
    await tx.delete(whatsappAuthState).where(eq(whatsappAuthState.sessionId, row.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'whatsapp_session.deleted',
      entityType: 'whatsapp_session',
      entityId: row.id,
      data: { name: row.name },
    });
    return { id: row.id };
  });
}

/** The sessions page: state, phone, activity; keys only as hints, the QR while it is fresh. */
export async function listSessions(db: Db, orgId: string) {
  const rows = await db
    .select()
    .from(whatsappSessions)
    .where(eq(whatsappSessions.organizationId, orgId))
    .orderBy(asc(whatsappSessions.priority), asc(whatsappSessions.createdAt));
  return rows.map(({ configEnc: _secret, leaseOwner: _owner, leaseUntil: _until, qr, qrAt, ...s }) => ({
    ...s,
    // Baileys refreshes the QR about every 20 s; an older one no longer links.
    qr: qr && qrAt && Date.now() - qrAt.getTime() < 60_000 ? qr : null,
  }));
}
