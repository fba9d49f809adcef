import type { Router } from '@/db/schema';
import type { RouterApi } from './routeros/client';

export type RouterRef = { orgId: string; routerId: string };

/**
 * How lib reaches a tenant's routers. The worker owns the connections (workers/router-pool.ts:
 * one pooled API connection per router, settings cached for a few seconds); lib code is
 * handed this, so a rule can be run and tested without the queue.
 */
export type RouterAccess = {
  /** The router's stored settings (not_found outside the organization). */
  settings(p: RouterRef): Promise<Router>;
  /**
   * Runs `fn` on the router's connection (`fresh`: a login of its own). A connection failure
   * marks the router offline and is rethrown, so the job retries; success marks it online.
   */
  use<T>(p: RouterRef & { fresh?: boolean }, fn: (api: RouterApi, router: Router) => Promise<T>): Promise<T>;
};
