'use client';
import { useEffect } from 'react';

/**
 * Registers the app's service worker (public/tech-sw.js) and hands it the files this page was
 * built from, so the shell opens offline even when the worker was installed after the page
 * had already loaded them.
 */
export function RegisterServiceWorker() {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker
      .register('/tech-sw.js', { scope: '/tech' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const urls = [
          '/tech',
          ...performance
            .getEntriesByType('resource')
            .map((e) => e.name)
            .filter((u) => new URL(u).pathname.startsWith('/_next/static/')),
        ];
        registration.active?.postMessage({ type: 'cache-shell', urls });
      })
      .catch(() => {
        // No service worker (private mode, old browser): the app works online as a plain page.
      });
  }, []);
  return null;
}
