// The offline queue: every observation made in the record form is first kept on the device
// (IndexedDB), then sent. Its external reference is made on the device when the record is started,
// and the API stores one (source, externalRef) of an organisation only once (a resend answers 200
// with the stored record): so a resend after a lost answer, a double tap or two open tabs never
// store twice. The observation time is the time it was made, sent as it is.
// States: waiting (not sent yet, or the network failed), signin (the token had expired: it waits for
// a sign-in, never dropped), rejected (the API refused it: the recorder fixes or discards it).
import { ApiError, request } from '../api.js';
import { store } from '../store.js';
import * as db from './idb.js';

// A send that gets no answer in this time counts as failed (a metro platform's connection may
// never answer): the queue moves on and sends it again later, which the reference makes harmless.
const SEND_TIMEOUT_MS = 30_000;

let items = [];
const listeners = [];
let flushing = null;
const sending = new Set(); // refs on their way now

export function onQueueChange(fn) { listeners.push(fn); }
const changed = () => listeners.forEach((fn) => fn(items));

/** What is on the device, oldest first. */
export const queued = () => items;
/** Waiting to be sent (not refused by the API). */
export const pendingCount = () => items.filter((i) => i.state !== 'rejected').length;
/** Waiting, and this page could send them now (not waiting for a sign-in or another account). */
export const sendableCount = () => items.filter((i) => i.state === 'waiting' && mayBeSentNow(i)).length;

export async function loadQueue() {
  items = (await db.all()).sort((a, b) => a.madeAt.localeCompare(b.madeAt));
  changed();
}

/** A new external reference: made on this device, unique without asking anyone. */
export function newRef() {
  if (crypto.randomUUID) return `web-${crypto.randomUUID()}`;
  const b = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs https; this does not
  return `web-${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** The time as ISO 8601 with the device's offset, to the second ("2026-12-06T21:14:05+01:00"). */
export function isoWithOffset(date) {
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const off = -date.getTimezoneOffset();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
    + `${off >= 0 ? '+' : '-'}${pad(off / 60)}:${pad(off % 60)}`;
}

/** Keeps an observation on the device before anything is sent. `correcting`: the id of the stored
 *  record it replaces (with `reason`). Resolves once it is on disk. */
export async function keep(input, { correcting = null, reason = null } = {}) {
  const previous = items.find((i) => i.ref === input.externalRef);
  const item = {
    ref: input.externalRef, input, correcting, reason,
    madeAt: previous?.madeAt || new Date().toISOString(),
    by: store.user?.name ?? previous?.by ?? null,
    state: 'waiting', errors: null, message: null,
  };
  await db.put(item);
  items = [...items.filter((i) => i.ref !== item.ref), item].sort((a, b) => a.madeAt.localeCompare(b.madeAt));
  changed();
  askForBackgroundSync();
  navigator.storage?.persist?.().catch(() => {}); // ask the browser not to evict the queue when space is short
  return item;
}

export async function discard(ref) {
  await db.remove(ref);
  items = items.filter((i) => i.ref !== ref);
  changed();
}

async function update(item, changes) {
  const next = { ...item, ...changes };
  await db.put(next);
  items = items.map((i) => (i.ref === item.ref ? next : i));
  changed();
  return next;
}

/** Whether this device's signed-in account may send the item: an item made while signed in waits
 *  for that account (on a shared phone, one recorder's records are never sent as another's). */
function mayBeSentNow(item) {
  if (store.authEnabled && !store.user) return false;
  return !item.by || !store.user || item.by === store.user.name;
}

/** Sends one kept item. Resolves with {state: 'sent', feature} | {state: 'rejected', error} |
 *  {state: 'waiting' | 'signin', error}. */
export async function send(ref) {
  const item = items.find((i) => i.ref === ref);
  if (!item || sending.has(ref)) return { state: 'waiting' };
  sending.add(ref);
  try {
    const signal = AbortSignal.timeout?.(SEND_TIMEOUT_MS);
    const feature = item.correcting
      ? await request(`/api/observations/${item.correcting}/correct`, { method: 'POST', body: { reason: item.reason, observation: item.input }, signal })
      : await request('/api/observations', { method: 'POST', body: item.input, signal });
    await discard(ref);
    document.dispatchEvent(new CustomEvent('observation-recorded', { detail: feature }));
    return { state: 'sent', feature, item };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      await update(item, { state: 'signin' });
      return { state: 'signin', error: e };
    }
    // Refused for what it is (invalid, not allowed, already withdrawn): sending again cannot help.
    if (e instanceof ApiError && e.status >= 400 && e.status < 500 && ![408, 429].includes(e.status)) {
      const errors = Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k.replace(/^observation\./, ''), v]));
      await update(item, { state: 'rejected', errors, message: e.message });
      return { state: 'rejected', error: e };
    }
    console.info('offline queue: not sent yet', ref, e?.message || e);
    await update(item, { state: 'waiting' }); // no network, server busy or down: later
    askForBackgroundSync();
    return { state: 'waiting', error: e };
  } finally {
    sending.delete(ref);
  }
}

/** Sends everything that may be sent now, oldest first; stops at the first network failure or
 *  expired sign-in (the rest would fail the same way). One run at a time. (`.finally` and not a
 *  finally block inside: with nothing to send the body ends before the assignment would, and the
 *  run would never be cleared.) */
export function sendAll() {
  flushing ??= flush().finally(() => { flushing = null; });
  return flushing;
}

async function flush() {
  for (const item of [...items]) {
    if (item.state === 'rejected' || !mayBeSentNow(item)) continue;
    if (!navigator.onLine) break;
    const outcome = await send(item.ref);
    if (outcome.state === 'waiting' || outcome.state === 'signin') break;
  }
}

/** Items the server already has (their reference is in "My records"): an answer was lost on the way. */
export async function forgetDelivered(storedRefs) {
  for (const item of items) {
    if (storedRefs.has(item.ref) && !item.correcting && !sending.has(item.ref)) await discard(item.ref);
  }
}

/** Background sync (Chromium): the browser wakes the service worker when the network is back,
 *  and it tells open pages to send. Elsewhere the page sends on 'online' and at the next opening. */
function askForBackgroundSync() {
  // Only while offline. Registered online, Chromium fires it at once: a send failing on a network
  // that is up (server down, a blocked address) went worker → page → send → register again, some
  // 30 times a second. Sends that fail online are tried again each minute (sw-register.js).
  if (navigator.onLine) return;
  navigator.serviceWorker?.ready.then((r) => r.sync?.register('send-queue')).catch(() => {});
}
