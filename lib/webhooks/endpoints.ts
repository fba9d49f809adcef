import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/server/errors';
import { type AddressPolicy, endpointUrlProblem } from './address';
import { clearCutOffNotice } from './cutoff';
import { failedWhileOff } from './deliveries';
import { maskEndpointUrl, unmaskEndpointUrl } from './masked-url';
import type { EndpointInput } from './schemas';
import { maskSigningSecret, newSigningSecret } from './secret';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

const MASKED_URL_ERRORS = {
  other_host: 'validation.webhookUrlMaskedOtherHost',
  no_stored_value: 'validation.webhookUrlMasked',
} as const;

/**
 * Endpoints as the settings page lists them: never the secret, only its last characters, and
 * the address with its query values and user-info masked (lib/webhooks/masked-url.ts).
 */
export async function listEndpoints(db: Db, p: { orgId: string }) {
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      eventTypes: webhookEndpoints.eventTypes,
      secret: webhookEndpoints.secret,
      enabled: webhookEndpoints.enabled,
      disabledAt: webhookEndpoints.disabledAt,
      disabledReason: webhookEndpoints.disabledReason,
      consecutiveFailures: webhookEndpoints.consecutiveFailures,
      createdAt: webhookEndpoints.createdAt,
      lastDeliveryAt: sql<Date | null>`(select max(d.created_at) from ${webhookDeliveries} d
        where d.endpoint_id = ${webhookEndpoints.id} and d.organization_id = ${webhookEndpoints.organizationId})`.mapWith(
        (v) => (v ? new Date(v) : null),
      ),
      failedWhileOff: sql<number>`(select count(*) from ${webhookDeliveries}
        where ${webhookDeliveries.organizationId} = ${webhookEndpoints.organizationId}
          and ${failedWhileOff(webhookEndpoints.id)})`.mapWith(Number),
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, p.orgId))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(({ secret, url, ...r }) => ({
    ...r,
    url: maskEndpointUrl(url),
    secretHint: maskSigningSecret(decryptSecret(secret)),
  }));
}

export async function getEndpoint(db: Db, p: { orgId: string; endpointId: string }) {
  const [row] = (await listEndpoints(db, p)).filter((e) => e.id === p.endpointId);
  if (!row) throw new AppError('not_found');
  return row;
}

async function lockEndpoint(db: Db, p: { orgId: string; endpointId: string }) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.organizationId, p.orgId)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * Adds an endpoint (with a new signing secret) or changes one's address, description and
 * event types. The address is checked here and again before every delivery. An edit form
 * holds the masked address: a value left as ••• keeps the stored one.
 */
export async function saveEndpoint(db: Db, p: Actor & { input: EndpointInput; policy?: AddressPolicy }) {
  const { endpointId, description, eventTypes } = p.input;
  return db.transaction(async (tx) => {
    const existing = endpointId ? await lockEndpoint(tx, { orgId: p.orgId, endpointId }) : null;
    const unmasked = existing ? unmaskEndpointUrl(p.input.url, existing.url) : { ok: true as const, url: p.input.url };
    if (!unmasked.ok) throw new AppError('validation', {}, { url: MASKED_URL_ERRORS[unmasked.reason] });
    const { url } = unmasked;
    const problem = endpointUrlProblem(url, p.policy);
    if (problem) throw new AppError('validation', {}, { url: problem });
    const values = { url, description: description ?? null, eventTypes, updatedAt: sql`now()` };
    const [row] = existing
      ? await tx.update(webhookEndpoints).set(values).where(eq(webhookEndpoints.id, existing.id)).returning()
      : await tx
          .insert(webhookEndpoints)
          .values({ ...values, organizationId: p.orgId, secret: encryptSecret(newSigningSecret()) })
          .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: existing ? 'webhook.updated' : 'webhook.created',
      entityType: 'webhook_endpoint',
      entityId: row!.id,
      data: { url: maskEndpointUrl(url), description: description ?? null, eventTypes },
    });
    return { id: row!.id };
  });
}

/**
 * Turns an endpoint off or on by hand. On again starts its failure count afresh, and the
 * admins' notice about a cut-off endpoint goes when none is left cut off.
 */
export async function setEndpointEnabled(db: Db, p: Actor & { endpointId: string; enabled: boolean }) {
  return db.transaction(async (tx) => {
    const existing = await lockEndpoint(tx, p);
    await tx
      .update(webhookEndpoints)
      .set(
        p.enabled
          ? { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, updatedAt: sql`now()` }
          : { enabled: false, disabledAt: sql`now()`, disabledReason: null, updatedAt: sql`now()` },
      )
      .where(eq(webhookEndpoints.id, existing.id));
    if (p.enabled) await clearCutOffNotice(tx, { orgId: p.orgId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.enabled ? 'webhook.enabled' : 'webhook.disabled',
      entityType: 'webhook_endpoint',
      entityId: existing.id,
      data: { url: maskEndpointUrl(existing.url) },
    });
    return { id: existing.id, enabled: p.enabled };
  });
}

/** Deletes an endpoint and its delivery log (the page asks first). */
export async function deleteEndpoint(db: Db, p: Actor & { endpointId: string }) {
  return db.transaction(async (tx) => {
    const existing = await lockEndpoint(tx, p);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, existing.id));
    await clearCutOffNotice(tx, { orgId: p.orgId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.deleted',
      entityType: 'webhook_endpoint',
      entityId: existing.id,
      data: { url: maskEndpointUrl(existing.url) },
    });
    return { id: existing.id };
  });
}

/**
 * The signing secret, for the admin who asked to see it (audited: who saw it, when; the
 * secret itself never goes into the audit log).
 */
export async function revealSecret(db: Db, p: Actor & { endpointId: string }) {
  return db.transaction(async (tx) => {
    const existing = await lockEndpoint(tx, p);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.secret_revealed',
      entityType: 'webhook_endpoint',
      entityId: existing.id,
    });
    return { secret: decryptSecret(existing.secret) };
  });
}

/**
 * A new signing secret at once: deliveries from now on (retries of older ones too) are
 * signed with it, so the receiver must be given it before the next event.
 */
export async function rotateSecret(db: Db, p: Actor & { endpointId: string }) {
  const secret = newSigningSecret();
  return db.transaction(async (tx) => {
    const existing = await lockEndpoint(tx, p);
    await tx
      .update(webhookEndpoints)
      .set({ secret: encryptSecret(secret), updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, existing.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'webhook.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: existing.id,
      data: { secret: maskSigningSecret(secret) },
    });
    return { secret };
  });
}
