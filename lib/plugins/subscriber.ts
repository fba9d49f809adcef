import { and, eq, sql } from 'drizzle-orm';
import { pluginInstalls } from '@/db/schema';
import type { Subscriber } from '@/lib/events/subscribers';
import { enqueue } from '@/lib/jobs/enqueue';
import { pluginHook } from './jobs';

/**
 * Plugins hear of an event through a `plugin-hook` job per enabled install of the event's
 * organization that takes its type, queued in the events pass's transaction.
 */
export const pluginSubscriber: Subscriber = {
  name: 'plugins',
  fanOut: async (tx, event) => {
    const installs = await tx
      .select({ pluginId: pluginInstalls.pluginId })
      .from(pluginInstalls)
      .where(
        and(
          eq(pluginInstalls.organizationId, event.organizationId),
          eq(pluginInstalls.enabled, true),
          sql`${event.type} = any(${pluginInstalls.eventTypes})`,
        ),
      );
    for (const i of installs)
      await enqueue(tx, pluginHook, {
        orgId: event.organizationId,
        payload: { pluginId: i.pluginId, eventId: event.id },
      });
    return installs.length;
  },
};
