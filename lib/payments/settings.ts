import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { FEE_BEARERS, FEE_TYPES, type GatewayMethodSetting, paymentGateways } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/server/errors';
import { checkbox, rupiahText } from '@/lib/server/form-input';
import { mergeKeyFields } from '@/lib/server/secret-fields';
import { configOf } from './config';
import { gatewayFailure } from './errors';
import { basisPointsToPercent, percentToBasisPoints } from './fees';
import { GATEWAY_MODULES } from './gateways';
import { GATEWAYS, type GatewayName } from './types';

/**
 * The settings form posts flat fields: `cred_<key>` per credential (a blank secret keeps the
 * stored one), and `m_<code>_on`, `m_<code>_type`, `m_<code>_fee`, `m_<code>_bearer` per
 * method. The fee is rupiah for a flat fee, a percent ("0,7") for a percent fee.
 */
export const gatewaySettingsSchema = z
  .object({
    gateway: z.enum(GATEWAYS, 'validation.invalid'),
    enabled: checkbox,
    mode: z.enum(['sandbox', 'production'], 'validation.invalid'),
  })
  .catchall(z.unknown())
  .transform((raw, ctx) => {
    const module = GATEWAY_MODULES[raw.gateway];
    const credentials: Record<string, string> = {};
    for (const field of module.credentialFields) {
      const value = String(raw[`cred_${field.key}`] ?? '').trim();
      if (value.length > 500)
        ctx.addIssue({ code: 'custom', path: [`cred_${field.key}`], message: 'validation.tooLong' });
      credentials[field.key] = value;
    }
    const methods: GatewayMethodSetting[] = module.methods.map((m) => {
      const feeType = FEE_TYPES.includes(raw[`m_${m.code}_type`] as never)
        ? (raw[`m_${m.code}_type`] as GatewayMethodSetting['feeType'])
        : 'flat';
      const feeBearer = FEE_BEARERS.includes(raw[`m_${m.code}_bearer`] as never)
        ? (raw[`m_${m.code}_bearer`] as GatewayMethodSetting['feeBearer'])
        : 'customer';
      const text = String(raw[`m_${m.code}_fee`] ?? '').trim();
      let feeValue = 0;
      if (text !== '') {
        const parsed = feeType === 'flat' ? (rupiahText(text) as number | undefined) : percentToBasisPoints(text);
        const max = feeType === 'flat' ? 1_000_000 : 10_000;
        if (parsed === undefined || parsed === null || Number.isNaN(parsed) || parsed < 0 || parsed > max) {
          ctx.addIssue({
            code: 'custom',
            path: [`m_${m.code}_fee`],
            message: feeType === 'flat' ? 'validation.price' : 'validation.percent',
          });
        } else feeValue = parsed;
      }
      return { code: m.code, enabled: checkbox.parse(raw[`m_${m.code}_on`]), feeType, feeValue, feeBearer };
    });
    return { gateway: raw.gateway, enabled: raw.enabled, mode: raw.mode, credentials, methods };
  });
export type GatewaySettingsInput = z.output<typeof gatewaySettingsSchema>;

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

/**
 * Saves one gateway account. Secrets are encrypted; a blank secret field keeps the stored
 * value, so the form never needs the clear key back. Enabling needs every credential and at
 * least one method.
 */
export async function saveGatewaySettings(db: Db, p: Actor & { input: GatewaySettingsInput }) {
  const module = GATEWAY_MODULES[p.input.gateway];
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(paymentGateways)
      .where(and(eq(paymentGateways.organizationId, p.orgId), eq(paymentGateways.gateway, p.input.gateway)))
      .for('update');
    const stored: Record<string, string> = existing ? JSON.parse(decryptSecret(existing.credentialsEnc)) : {};
    const {
      values: credentials,
      hints,
      missing,
    } = mergeKeyFields(module.credentialFields, p.input.credentials, stored, 'cred_');
    if (p.input.enabled && Object.keys(missing).length > 0) throw new AppError('validation', {}, missing);
    const wrongMode = module.keyModeProblem?.(p.input.mode, credentials);
    if (wrongMode)
      throw new AppError(
        'validation',
        {},
        { [`cred_${wrongMode}`]: p.input.mode === 'production' ? 'validation.keyNotLive' : 'validation.keyNotSandbox' },
      );
    if (p.input.enabled && !p.input.methods.some((m) => m.enabled)) throw new AppError('gateway_no_methods');
    const values = {
      enabled: p.input.enabled,
      mode: p.input.mode,
      credentialsEnc: encryptSecret(JSON.stringify(credentials)),
      credentialHints: hints,
      methods: p.input.methods,
      updatedAt: sql`now()`,
    };
    const [row] = existing
      ? await tx.update(paymentGateways).set(values).where(eq(paymentGateways.id, existing.id)).returning()
      : await tx
          .insert(paymentGateways)
          .values({ ...values, organizationId: p.orgId, gateway: p.input.gateway })
          .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: existing ? 'payment_gateway.updated' : 'payment_gateway.created',
      entityType: 'payment_gateway',
      entityId: row!.id,
      data: {
        gateway: p.input.gateway,
        enabled: p.input.enabled,
        mode: p.input.mode,
        methods: p.input.methods.filter((m) => m.enabled).map((m) => m.code),
        credentials: hints,
      },
    });
    return { id: row!.id };
  });
}

/** Every gateway with the organization's settings for it, secrets masked: what the page shows. */
export async function listGatewaySettings(db: Db, orgId: string) {
  const rows = await db.select().from(paymentGateways).where(eq(paymentGateways.organizationId, orgId));
  return GATEWAYS.map((name) => {
    const module = GATEWAY_MODULES[name];
    const row = rows.find((r) => r.gateway === name);
    return {
      gateway: name,
      label: module.label,
      refunds: Boolean(module.refund),
      credentialFields: module.credentialFields,
      methods: module.methods.map((m) => {
        const s = row?.methods.find((x) => x.code === m.code);
        return {
          ...m,
          enabled: s?.enabled ?? false,
          feeType: s?.feeType ?? 'flat',
          feeText: s ? (s.feeType === 'flat' ? String(s.feeValue) : basisPointsToPercent(s.feeValue)) : '',
          feeBearer: s?.feeBearer ?? 'customer',
        };
      }),
      account: row
        ? {
            enabled: row.enabled,
            mode: row.mode,
            hints: row.credentialHints,
            lastTestAt: row.lastTestAt?.toISOString() ?? null,
            lastTestOk: row.lastTestOk,
            lastTestMessage: row.lastTestMessage,
          }
        : null,
    };
  });
}

/** "Test credentials": one read-only call with the stored keys; the result is kept and shown. */
export async function testGatewayCredentials(db: Db, p: Actor & { gateway: GatewayName }) {
  const module = GATEWAY_MODULES[p.gateway];
  const [row] = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.organizationId, p.orgId), eq(paymentGateways.gateway, p.gateway)));
  if (!row) throw new AppError('gateway_not_configured', { gateway: module.label });
  if (!module.validateSettings) throw new AppError('gateway_no_test', { gateway: module.label });
  let result: { ok: boolean; message: string };
  try {
    const r = await module.validateSettings(configOf(row));
    result = r.ok ? { ok: true, message: r.detail } : { ok: false, message: r.reason };
  } catch (error) {
    const failure = gatewayFailure(error);
    result = { ok: false, message: failure.code + (failure.params.detail ? `: ${failure.params.detail}` : '') };
  }
  await db
    .update(paymentGateways)
    .set({ lastTestAt: sql`now()`, lastTestOk: result.ok, lastTestMessage: result.message.slice(0, 300) })
    .where(eq(paymentGateways.id, row.id));
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'payment_gateway.tested',
    entityType: 'payment_gateway',
    entityId: row.id,
    data: { gateway: p.gateway, ...result },
  });
  return result;
}
