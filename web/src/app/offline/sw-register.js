// Offline use: registers the service worker (web/src/sw.js), fills its cache with what the record
// form needs without network, and sends the offline queue whenever there is a chance: at start, when
// the network returns ('online', or background sync through the worker), when the page comes back
// into view, after a sign-in, and once a minute while something waits.
import { api, request } from '../api.js';
import { store } from '../store.js';
import { loadQueue, pendingCount, sendAll, sendableCount } from './queue.js';
import { afterFirstData } from '../first-data.js';

export async function startOffline() {
  await loadQueue().catch((e) => console.warn('offline queue not available', e));
  window.addEventListener('online', () => sendAll());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') sendAll(); });
  document.addEventListener('user-changed', () => {
    if (store.user) sendAll();
    else navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
  });
  // Background sync through the worker: it is told how many are still waiting (sw.js retries later).
  navigator.serviceWorker?.addEventListener('message', (e) => {
    if (e.data?.type === 'send-queue') sendAll().finally(() => e.ports[0]?.postMessage({ waiting: sendableCount() }));
  });
  setInterval(() => { if (pendingCount() > 0 && navigator.onLine) sendAll(); }, 60_000);
  sendAll();
  // Installing the worker fetches and hashes the whole app shell again: after the first data.
  await afterFirstData();
  await registerWorker();
}

async function registerWorker() {
  if (!('serviceWorker' in navigator)) return; // plain http on another host: online only
  try {
    await navigator.serviceWorker.register('sw.js');
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      // The first visit: the worker takes over this page when it activates (clients.claim).
      await new Promise((resolve) => { navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }); });
    }
    await keepOfflineData();
    document.documentElement.dataset.offlineReady = 'true';
  } catch (e) {
    console.warn('offline use not available', e);
  }
}

/** The answers the page needs to start and record offline, requested through the worker (which
 *  keeps them) when it has none yet; after that the page's own requests keep them fresh. */
async function keepOfflineData() {
  const wanted = [
    ['/api/info', () => api.info()],
    ['/api/categories', () => api.categories()],
    ['/api/areas?kind=region', () => api.areas('region')],
    ['/api/areas?kind=municipality', () => api.areas('municipality')],
    ['/api/areas?kind=neighbourhood', () => api.areas('neighbourhood')],
    ['/api/places', () => request('/api/places')],
  ];
  if (store.user) wanted.push(['/api/auth/me', () => api.me()]);
  const missing = [];
  for (const [url, get] of wanted) if (!(await caches.match(url, { ignoreVary: true }))) missing.push(get());
  await Promise.allSettled(missing);
}
