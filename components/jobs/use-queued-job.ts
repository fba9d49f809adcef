'use client';
import { useState, useTransition } from 'react';
import type { Result } from '@/lib/server/operation';

/**
 * A button that queues a job (a router's or an OLT's): the request's refusal as an error, or
 * the queued job's id for the page to follow live until it ends.
 */
export function useQueuedJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (request: () => Promise<Result<{ jobId: string }>>) =>
    startTransition(async () => {
      setError(null);
      setJobId(null);
      const r = await request();
      if (r.ok) setJobId(r.data.jobId);
      else setError(r.message);
    });
  return { jobId, error, pending, run };
}
