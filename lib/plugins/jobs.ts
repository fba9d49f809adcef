import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/**
 * Runs one event's hooks for one organization's plugin, in the plugin's host process. Tried a
 * few times with graphile-worker's back-off (a plugin's endpoint may be down for a moment);
 * every try is a row in plugin_runs, so a plugin's hooks should be idempotent (the event id
 * is the key).
 */
export const pluginHook = defineJob({
  name: 'plugin-hook',
  maxAttempts: 3,
  payload: z.object({ pluginId: z.string().min(1).max(214), eventId: z.string().uuid() }),
});
