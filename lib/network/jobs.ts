import { z } from 'zod';
import { ROUTER_CONFIG_TRIGGERS, SESSION_KINDS, SUBSCRIPTION_STATUSES } from '@/db/enums';
import { DEVICE_MAX_ATTEMPTS, defineJob } from '@/lib/jobs/contract';
import { SECRET_FIELDS } from './router-state';

/**
 * Puts the network in line with a subscription as it is when the job runs
 * (lib/network/enforcement/apply-subscription.ts). In the queue of the subscription's router
 * (or of the router it left), retried through an outage of about three days.
 */
export const subscriptionApply = defineJob({
  name: 'subscription-apply',
  queue: 'router',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({
    subscriptionId: z.string().uuid(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    kick: z.boolean().optional(),
    // The subscription moved to another router: take it off the old one (as it was there).
    removeFrom: z
      .object({ routerId: z.string().uuid(), username: z.string(), kind: z.enum(['pppoe', 'hotspot']).optional() })
      .optional(),
    // Settings the database no longer has (static address, MAC lock): removed on the router.
    clear: z.array(z.enum(SECRET_FIELDS)).optional(),
    // RADIUS: a plan change on an active customer is a CoA (new rate-limit, no drop).
    coa: z.boolean().optional(),
  }),
});

/** "Test connection" and "refresh": one fresh login, tried once (the answer is the result). */
export const routerCheck = defineJob({
  name: 'router-check',
  maxAttempts: 1,
  payload: z.object({ routerId: z.string().uuid(), fresh: z.boolean().optional() }),
});

/**
 * Reconciles a router (or one subscription on it) with the database. Asked for by staff or
 * by a mode change it waits out an outage in the router's queue; the scheduled ones (marked
 * `scheduled`) are queued by lib/network/tick.ts with the default attempts.
 */
export const routerSync = defineJob({
  name: 'router-sync',
  queue: 'router',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({
    routerId: z.string().uuid(),
    subscriptionId: z.string().uuid().optional(),
    removeExtra: z.boolean().default(false),
  }),
});

/** Every active plan's profile and the isolir profile, created or corrected on a router. */
export const routerProfiles = defineJob({
  name: 'router-profiles',
  queue: 'router',
  maxAttempts: DEVICE_MAX_ATTEMPTS,
  payload: z.object({ routerId: z.string().uuid() }),
});

/** A router's PPP secrets and hotspot users read for the import preview. */
export const routerImport = defineJob({
  name: 'router-import',
  maxAttempts: 3,
  payload: z.object({ routerId: z.string().uuid() }),
});

/** One live session dropped on its router. */
export const sessionKick = defineJob({
  name: 'session-kick',
  maxAttempts: 3,
  payload: z.object({
    routerId: z.string().uuid(),
    sessionId: z.string().uuid(),
    kind: z.enum(SESSION_KINDS),
    itemId: z.string(),
    username: z.string(),
  }),
});

/**
 * A router's configuration read with `/export` over SSH and stored when it changed
 * (lib/network/config-backups/backup.ts). Not in the router's queue: SSH is its own
 * connection and must not wait behind API work. A few quick retries; a wrong login or a
 * changed host key fails at once, and tomorrow's pass tries again anyway.
 */
export const routerConfigBackup = defineJob({
  name: 'router-config-backup',
  maxAttempts: 5,
  payload: z.object({ routerId: z.string().uuid(), trigger: z.enum(ROUTER_CONFIG_TRIGGERS) }),
});
