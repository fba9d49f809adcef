'use client';
import { useEffect } from 'react';

/**
 * Registers the app's service worker (public/tech-sw.js) and hands it the files this page was
 * built from, so the shell opens offline even when the worker was installed after the page
 * had loaded them, or the technician came in from the dashboard (a page the worker does not
 * control). The barcode scanner's library, loaded on demand, is loaded now: in memory for a
 * scan offline in this visit, and among the files kept for the next.
 */
export function RegisterServiceWorker() {
  useEffect(() => {
    const scanner = import('@zxing/browser').catch(() => undefined);
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker
      .register('/tech-sw.js', { scope: '/tech' })
      .then(async (registration) => {
        await scanner;
        const worker = await activeWorker(registration);
        const urls = [
          '/tech',
          ...performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((u) => new URL(u).pathname.startsWith('/_next/static/')),
        ];
        worker?.postMessage({ type: 'cache-shell', urls });
      })
      .catch(() => {
        // No service worker (private mode, old browser): the app works online as a plain page.
      });
  }, []);
  return null;
}

/** The registration's worker once it is active (a first install takes a moment). */
function activeWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (registration.active) return Promise.resolve(registration.active);
  const pending = registration.installing ?? registration.waiting;
  if (!pending) return Promise.resolve(null);
  return new Promise((resolve) => {
    pending.addEventListener('statechange', () => {
      if (pending.state === 'activated') resolve(pending);
      if (pending.state === 'redundant') resolve(registration.active);
    });
  });
}
