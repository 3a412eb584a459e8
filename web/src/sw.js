// The service worker: lets the page open and the record form work without a network.
// - The app shell (HTML, CSS, our modules, Leaflet, Chart.js, icons) is stored at install, one cache
//   per build (web/build.mjs writes the file list and a hash of their contents below), and served
//   from that cache: a page never mixes files of two builds. A new build changes this file, the
//   browser installs it in the background, and the next opening uses the new files.
// - A few small GET answers the record form needs offline (categories, boundaries, named places,
//   the signed-in account) are fetched from the network first and kept as a fallback. Observations
//   are never kept here: exact points do not belong in a phone's cache.
// - Everything else (other API calls, POSTs, base-map tiles) is left to the browser untouched.
// The offline queue itself lives in IndexedDB and is sent by the page (app/offline/queue.js), which
// holds the sign-in token; background sync only wakes an open page to send it.

const VERSION = '__BUILD_VERSION__';
const SHELL = ['__SHELL_FILES__'];
const SHELL_CACHE = `scenemonitor-shell-${VERSION}`;
const DATA_CACHE = 'scenemonitor-offline-data';
const OFFLINE_DATA = ['api/info', 'api/categories', 'api/areas', 'api/places', 'api/auth/me'];
const NETWORK_WAIT_MS = 4000; // a metro platform often has a connection that answers nothing

const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE)
    // cache: 'reload' past the browser's HTTP cache, which may still hold files of the previous build.
    .then((cache) => cache.addAll(SHELL.map((path) => new Request(scoped(path), { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('scenemonitor-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  const path = url.href.slice(self.registration.scope.length).split(/[?#]/)[0];
  if (OFFLINE_DATA.includes(path)) { event.respondWith(networkFirst(request, path)); return; }
  if (request.mode === 'navigate' && (path === '' || path === 'index.html' || path === 'report.html')) {
    event.respondWith(fromShell(request, path || 'index.html'));
    return;
  }
  if (SHELL.includes(path)) event.respondWith(fromShell(request, path));
});

async function fromShell(request, path) {
  const cached = await caches.match(scoped(path), { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

/** The network's answer (kept for later) when it comes within NETWORK_WAIT_MS or there is nothing
 *  kept; otherwise the kept one. A failed request with nothing kept fails as a network error. */
async function networkFirst(request, path) {
  const cache = await caches.open(DATA_CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401 && path === 'api/auth/me') await cache.delete(request, { ignoreVary: true });
    return response;
  });
  network.catch(() => {}); // a failure with a kept answer is no error
  const kept = await keptAnswer(cache, request, path);
  if (!kept) return network;
  const timeout = new Promise((resolve) => { setTimeout(() => resolve(null), NETWORK_WAIT_MS); });
  try {
    return (await Promise.race([network, timeout])) || kept;
  } catch {
    return kept;
  }
}

/** The kept answer for this URL. The account is only answered for a request that carries a token
 *  (without one the page must not pretend to know who is signed in). */
async function keptAnswer(cache, request, path) {
  if (path === 'api/auth/me' && !request.headers.has('Authorization')) return null;
  return cache.match(request, { ignoreVary: true });
}

// Background sync (Chromium): the network is back. The page holds the token, so it sends, and
// answers how many it could not send yet. If any, the sync fails and the browser tries it again
// later, with its own growing delay: a send that fails as the network returns is not given up.
self.addEventListener('sync', (event) => {
  if (event.tag === 'send-queue') event.waitUntil(askPagesToSend());
});

async function askPagesToSend() {
  const pages = await self.clients.matchAll({ type: 'window' });
  const waiting = await Promise.all(pages.map((page) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(Number(e.data?.waiting) || 0);
    page.postMessage({ type: 'send-queue' }, [channel.port2]);
    setTimeout(() => resolve(0), 60_000); // a page that does not answer: as if sent
  })));
  if (waiting.some((n) => n > 0)) throw new Error(`${Math.max(...waiting)} observations still waiting`);
}

self.addEventListener('message', (event) => {
  // After sign-out, the account and what was fetched for it are forgotten.
  if (event.data?.type === 'signed-out') event.waitUntil(caches.delete(DATA_CACHE));
});

