import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { memberships, resellerSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { checkbox } from '@/lib/server/form-input';

/**
 * The rate is typed as a percentage ("5", "2,5" or "2.75", at most two decimals) and stored
 * in basis points, so 2,5 % is exactly 250 and commission arithmetic stays in integers.
 */
export function percentToBps(v: unknown): unknown {
  if (typeof v === 'number') return Math.round(v * 100);
  if (typeof v !== 'string') return v;
  const text = v.trim().replace('%', '').replace(',', '.');
  if (text === '') return undefined;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return Number.NaN;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export const resellerSettingsSchema = z.object({
  resellerUserId: z.string().uuid('validation.invalid'),
  // Typed as a percentage, parsed to basis points.
  commissionRate: z.preprocess(
    percentToBps,
    z
      .number('validation.commissionRate')
      .int('validation.commissionRate')
      .min(0, 'validation.commissionRate')
      .max(10_000, 'validation.commissionRate'),
  ),
  active: checkbox,
  notes: z
    .string()
    .trim()
    .max(500, 'validation.invalid')
    .optional()
    .transform((v) => v || null),
});
export type ResellerSettingsInput = z.output<typeof resellerSettingsSchema>;

/** An admin sets the reseller's commission terms; applies to invoices paid from now on. */
export async function saveResellerSettings(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: ResellerSettingsInput },
) {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, p.orgId), eq(memberships.userId, p.input.resellerUserId)));
    if (member?.role !== 'reseller') throw new AppError('not_found');
    const [before] = await tx
      .select()
      .from(resellerSettings)
      .where(
        and(eq(resellerSettings.organizationId, p.orgId), eq(resellerSettings.resellerUserId, p.input.resellerUserId)),
      )
      .for('update');
    const values = {
      commissionRateBps: p.input.commissionRate,
      active: p.input.active,
      notes: p.input.notes,
      updatedBy: p.actorUserId,
      updatedAt: sql`now()`,
    };
    const [row] = await tx
      .insert(resellerSettings)
      .values({ organizationId: p.orgId, resellerUserId: p.input.resellerUserId, ...values })
      .onConflictDoUpdate({ target: [resellerSettings.organizationId, resellerSettings.resellerUserId], set: values })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'reseller.settings_updated',
      entityType: 'user',
      entityId: p.input.resellerUserId,
      data: {
        before: before
          ? { commissionRateBps: before.commissionRateBps, active: before.active, notes: before.notes }
          : null,
        after: { commissionRateBps: row!.commissionRateBps, active: row!.active, notes: row!.notes },
      },
    });
    return row!;
  });
}
