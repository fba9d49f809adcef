import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { pendingCharges, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { checkbox, rupiahText } from '@/lib/server/form-input';

export const chargeSchema = z.object({
  subscriptionId: z.string().uuid('validation.invalid'),
  description: z.string().trim().min(3, 'validation.description').max(120, 'validation.description'),
  // Negative for a discount: "-25000" or "-Rp 25.000".
  amount: z.preprocess(
    rupiahText,
    z
      .number('validation.amount')
      .int('validation.amount')
      .min(-100_000_000, 'validation.amount')
      .max(100_000_000, 'validation.amount')
      .refine((n) => n !== 0, 'validation.amount'),
  ),
  taxable: checkbox,
});

/** A one-off line (installation fee, discount) that the next invoice of the subscription takes. */
export async function addCharge(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: z.output<typeof chargeSchema> },
) {
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select({ id: subscriptions.id, customerId: subscriptions.customerId })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.input.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
    if (!sub) throw new AppError('not_found');
    const [charge] = await tx
      .insert(pendingCharges)
      .values({
        organizationId: p.orgId,
        subscriptionId: sub.id,
        description: p.input.description,
        amount: p.input.amount,
        taxable: p.input.taxable,
        createdBy: p.actorUserId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'billing.charge_added',
      entityType: 'customer',
      entityId: sub.customerId,
      data: { description: p.input.description, amount: p.input.amount },
    });
    return charge!;
  });
}
