/*
 * The technician app's service worker (scope /tech). It keeps:
 * - the app shell: the /tech page and the hashed Next.js files it loads (cache first: their
 *   names change with every build), so the app opens without signal;
 * - the technician's work orders (GET /api/field/…): network first, the last answer when
 *   offline, marked with x-field-cache: hit so the app can say it is showing a saved copy.
 * Both are kept by URL, not by user: signing out deletes these caches (lib/field/sign-out.ts),
 * and the app ignores a saved answer whose x-field-owner is not the signed-in technician.
 * Steps the technician takes are not handled here: the app's outbox (IndexedDB) keeps and
 * sends them, so a POST passes straight through.
 */
const SHELL = 'jaring-tech-shell-v1';
const DATA = 'jaring-tech-data-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/tech', '/tech.webmanifest', '/tech-icon-192.png', '/tech-icon-512.png']))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('jaring-tech-') && k !== SHELL && k !== DATA).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache-shell' || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.filter(
    (u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin,
  );
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      Promise.all(
        urls.map((u) =>
          fetch(u, { credentials: 'same-origin' })
            .then((res) => (res.ok && !res.redirected ? cache.put(shellKey(u), res) : undefined))
            .catch(() => undefined),
        ),
      ),
    ),
  );
});

/** Every /tech URL (`?wo=…` included) opens the one shell page. */
function shellKey(url) {
  const u = new URL(url, self.location.origin);
  return u.pathname.startsWith('/tech') && !u.pathname.includes('.') ? '/tech' : u.pathname + u.search;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && /^\/tech(\/|$)/.test(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL, '/tech'));
  } else if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith('/api/field/')) {
    event.respondWith(networkFirst(request, DATA, url.pathname + url.search));
  }
});

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    // A sign-in redirect or an error is not the page to open offline.
    if (response.ok && !response.redirected) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set('x-field-cache', 'hit');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(request.url.replace(self.location.origin, ''));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url.replace(self.location.origin, ''), response.clone());
  return response;
}
