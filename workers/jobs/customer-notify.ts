import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '@/db/schema';
import { defineJob } from '@/lib/jobs/runtime';

/**
 * Tells the customer about an isolation, a reconnection or a new invoice. WhatsApp (Baileys)
 * arrives with its own issue; until an organization has a session, the job records that no
 * message was sent instead of pretending it was.
 */
export const customerNotify = defineJob({
  name: 'customer-notify',
  payload: z.object({ customerId: z.string().uuid(), subscriptionId: z.string().uuid().optional(), event: z.enum(['isolated', 'reconnected', 'invoice', 'payment_received']), paymentId: z.string().uuid().optional() }),
  async handler(ctx, payload) {
    const [customer] = await ctx.db
      .select({ phone: customers.phone, name: customers.name })
      .from(customers)
      .where(and(eq(customers.id, payload.customerId), eq(customers.organizationId, ctx.orgId)));
    if (!customer) throw new Error(`Customer ${payload.customerId} not found in this organization`);
    await ctx.progress(1, 1);
    return { event: payload.event, to: customer.phone, sent: false, reason: 'no_whatsapp_session' };
  },
});
