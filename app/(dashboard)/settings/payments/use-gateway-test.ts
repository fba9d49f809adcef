'use client';
import { useState, useTransition } from 'react';
import type { Result } from '@/lib/server/operation';

type TestResult = { ok: boolean; message: string };

/** "Test credentials": the gateway's answer, or why the test could not run (not set up yet). */
export function useGatewayTest(action: () => Promise<Result<TestResult>>, onDone: () => void) {
  const [result, setResult] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const r = await action();
      setResult(r.ok ? r.data : null);
      setError(r.ok ? null : r.message);
      if (r.ok) onDone();
    });
  return { run, pending, result, error };
}
