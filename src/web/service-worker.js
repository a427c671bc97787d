/* global self, caches, fetch, URL, Response, SHELL, ASSETS */
// Vaka's service worker (the build prepends VERSION, SHELL and ASSETS;
// a new VERSION makes browsers install the new worker). It keeps the app shell so
// a page opens on a weak or absent connection:
// - hashed files under /assets/ never change, so they come from the cache first;
// - a navigation goes to the network first and falls back to the cached index.html;
// - /api/ is never cached, so no one sees stale data, or data of someone who signed out.
const CACHE = 'vaka-shell';

self.addEventListener('install', (event) => {
  // The sign-in page and what it loads first, so Vaka opens even when the next visit is offline.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Files of earlier builds are dropped; files this build still uses are kept, not fetched again.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.keys().then((requests) =>
          Promise.all(
            requests
              .filter((request) => {
                const { pathname } = new URL(request.url);
                return pathname.startsWith('/assets/') && !ASSETS.has(pathname);
              })
              .map((request) => cache.delete(request)),
          ),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function fromCacheFirst(request) {
  return caches.match(request).then(
    (cached) =>
      cached ||
      fetch(request).then((response) => {
        // A missing file may come back as the app's index.html: never keep that as a script.
        if (response.ok && !response.headers.get('content-type')?.includes('text/html')) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }),
  );
}

/** The network, keeping a copy under `key`; the kept copy when the network fails. */
function fromNetworkFirst(request, key) {
  return fetch(request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    })
    .catch(() => caches.match(key).then((cached) => cached || Response.error()));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) event.respondWith(fromCacheFirst(request));
  // Every page of the app is index.html, so any navigation can fall back to the kept copy of '/'.
  else if (request.mode === 'navigate') event.respondWith(fromNetworkFirst(request, '/'));
  else if (SHELL.includes(url.pathname)) event.respondWith(fromNetworkFirst(request, url.pathname));
});
