'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Keeps a server-rendered page current by re-rendering it every few seconds while visible. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = window.setInterval(() => {
      // A hidden tab on a phone should not keep the radio and the server busy.
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => window.clearInterval(id);
  }, [router, seconds]);
  return null;
}
