import type { z } from 'zod';

export const DEFAULT_MAX_ATTEMPTS = 5;
/**
 * Jobs that talk to a device wait out an outage instead of failing: graphile-worker's backoff
 * (e^attempt seconds, capped at ~6 h) over 20 attempts spans about three days.
 */
export const DEVICE_MAX_ATTEMPTS = 20;

/**
 * A router's queue: its jobs run one at a time, in order, and an unreachable router holds up
 * only its own jobs; routers run in parallel. The one place the queue name is spelled.
 */
export const ROUTER_QUEUE_PREFIX = `router:`;
export function routerQueue(routerId: string) {
  return `${ROUTER_QUEUE_PREFIX}${routerId}`;
}

/**
 * An OLT's queue: its command-line jobs (check, registration, reboot, activation steps that
 * talk to it) run one at a time over the worker's one session to that OLT.
 */
export const OLT_QUEUE_PREFIX = `olt:`;
export function oltQueue(oltId: string) {
  return `${OLT_QUEUE_PREFIX}${oltId}`;
}

/** Where a job waits: in the queue of the router (or OLT) the enqueuer names, or in no queue. */
export type JobQueue = 'router' | 'olt' | null;

/**
 * What a job is, declared once in `lib/<domain>/jobs.ts`: its name (the type the jobs page
 * shows and labels via `jobs.types.<name>`), the payload the handler parses, where it queues
 * and how often it is tried. Enqueueing (lib/jobs/enqueue.ts) and the worker's handler
 * (lib/jobs/runtime.ts `handle`) are both typed from it.
 */
export type JobContract<S extends z.ZodType = z.ZodType, Q extends JobQueue = JobQueue, N extends string = string> = {
  readonly name: N;
  readonly payload: S;
  readonly queue: Q;
  /** Attempts before the job fails for good (default DEFAULT_MAX_ATTEMPTS). */
  readonly maxAttempts: number;
};

export function defineJob<const N extends string, S extends z.ZodType, Q extends JobQueue = null>(contract: {
  name: N;
  payload: S;
  queue?: Q;
  maxAttempts?: number;
}): JobContract<S, Q, N> {
  return {
    name: contract.name,
    payload: contract.payload,
    queue: (contract.queue ?? null) as Q,
    maxAttempts: contract.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  };
}

/** How a long job reports how far it is (the jobs page shows done / total). */
export type JobProgress = (done: number, total: number) => Promise<void>;

/** What an enqueuer passes: the payload before the schema's defaults apply. */
export type JobPayloadInput<C extends JobContract> = z.input<C['payload']>;
/** What the handler gets: the parsed payload. */
export type JobPayload<C extends JobContract> = z.output<C['payload']>;
