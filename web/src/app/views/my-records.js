// "My records" under the record form: what is still on this device (the offline queue: edit,
// discard, refused items with the API's reasons) and the organisation's records of the last days
// from GET /api/observations/mine (withdraw with a reason, or correct: the form opens with the
// record, and saving stores the new one and withdraws the old in one step). Also the queue's status
// line ("3 observations waiting to be sent") and its count on the Record link.
import { request } from '../api.js';
import { categoryLabel, formatDateTime, formatNumber, onLanguageChange, serverMessage, t } from '../i18n.js';
import { categoryByCode } from '../store.js';
import { categorySvg, escapeHtml } from '../symbols.js';
import { $, errorMessage, toast } from '../ui.js';
import { discard, forgetDelivered, newRef, onQueueChange, pendingCount, queued, sendAll } from '../offline/queue.js';
import { draft } from '../offline/draft.js';

const WITHDRAW_REASONS = ['twice', 'mistake', 'test'];
const CORRECT_REASONS = ['place', 'category', 'details'];

let records = null; // the last list from the server
let unavailable = null; // why it could not be loaded
const choosing = new Set(); // ids whose withdraw reasons are open
let visible = false;

export const myRecords = {
  init() {
    onQueueChange(() => { renderStatus(); if (visible) render(); });
    onLanguageChange(() => { renderStatus(); renderMode(); if (visible) render(); });
    document.addEventListener('observation-recorded', () => { if (visible) load(); });
    window.addEventListener('online', () => { renderStatus(); if (visible) load(); });
    window.addEventListener('offline', renderStatus);
    $('my-records').addEventListener('click', onClick);
    $('queue-status').addEventListener('click', onClick);
    $('rec-mode').addEventListener('click', onClick);
    $('rec-mode').addEventListener('change', (e) => { if (e.target.id === 'rec-correct-reason') draft.reason = t(`mine.reason.${e.target.value}`); });
    renderStatus();
  },
  show() { visible = true; render(); load(); },
  hide() { visible = false; },
};

/** Tells the record form to fill itself (a kept item or a stored record) or to start afresh. */
const toForm = (detail) => document.dispatchEvent(new CustomEvent('record-form', { detail }));

async function load() {
  if (!navigator.onLine) { unavailable = t('error.network'); render(); return; }
  try {
    records = (await request('/api/observations/mine')).records;
    unavailable = null;
    await forgetDelivered(new Set(records.map((r) => r.externalRef).filter(Boolean)));
  } catch (e) {
    unavailable = errorMessage(e);
  }
  if (visible) render();
}

// ---- status line and badge ---------------------------------------------------------------------

function renderStatus() {
  const count = pendingCount();
  const waitsForSignIn = queued().some((i) => i.state === 'signin');
  const status = $('queue-status');
  const parts = [];
  if (!navigator.onLine) parts.push(t('off.noNetwork'));
  if (count > 0) parts.push(count === 1 ? t('off.waitingOne') : t('off.waitingMany', { count: formatNumber(count) }));
  if (count > 0 && waitsForSignIn) parts.push(t('off.signInToSend'));
  status.hidden = parts.length === 0;
  status.dataset.waiting = String(count);
  status.innerHTML = parts.map((p) => `<span>${escapeHtml(p)}</span>`).join(' ')
    + (count > 0 && navigator.onLine && !waitsForSignIn ? ` <button type="button" class="link-button" data-act="send">${escapeHtml(t('off.sendNow'))}</button>` : '');

  const link = document.querySelector('[data-view-link="record"]');
  let badge = link.querySelector('.queue-badge');
  if (!badge) { badge = document.createElement('span'); badge.className = 'queue-badge'; link.append(badge); }
  badge.hidden = count === 0;
  badge.innerHTML = count ? `<span aria-hidden="true">${formatNumber(count)}</span><span class="sr-only">${escapeHtml(status.textContent)}</span>` : '';
}

/** The banner at the top of the form while a kept item is edited or a stored record corrected. */
export function renderMode() {
  const box = $('rec-mode');
  box.hidden = !draft.correcting && !draft.editing;
  if (box.hidden) { box.innerHTML = ''; return; }
  const chosen = CORRECT_REASONS.find((k) => t(`mine.reason.${k}`) === draft.reason) || CORRECT_REASONS[0];
  draft.reason = draft.correcting ? t(`mine.reason.${chosen}`) : null;
  box.innerHTML = `<p>${escapeHtml(draft.correcting ? t('off.correcting', { id: String(draft.correcting) }) : t('off.editingQueued'))}</p>
    ${draft.correcting ? `<label class="field"><span>${escapeHtml(t('off.correctReason'))}</span><select id="rec-correct-reason">
      ${CORRECT_REASONS.map((k) => `<option value="${k}" ${k === chosen ? 'selected' : ''}>${escapeHtml(t(`mine.reason.${k}`))}</option>`).join('')}</select></label>` : ''}
    <button type="button" class="button secondary" data-act="cancel-edit">${escapeHtml(t('off.cancelEdit'))}</button>`;
}

// ---- the list ----------------------------------------------------------------------------------

function render() {
  const kept = queued();
  const box = $('my-records');
  box.innerHTML = `
    <div class="card-head"><h2 id="mine-title">${escapeHtml(t('mine.title'))}</h2>
      <button type="button" class="link-button" data-act="refresh">${escapeHtml(t('mine.refresh'))}</button></div>
    <p class="hint">${escapeHtml(t('mine.intro'))}</p>
    ${kept.length ? `<h3>${escapeHtml(t('mine.onDevice'))}</h3><ul class="mine-list" id="mine-kept">${kept.map(keptHtml).join('')}</ul>` : ''}
    <h3>${escapeHtml(t('mine.onServer'))}</h3>
    ${unavailable ? `<p class="hint">${escapeHtml(t('mine.unavailable', { message: unavailable }))}</p>` : ''}
    ${records && records.length ? `<ul class="mine-list" id="mine-stored">${records.map(recordHtml).join('')}</ul>`
      : records ? `<p class="hint">${escapeHtml(t('mine.none'))}</p>` : ''}`;
}

function head(code, quantity, when) {
  const category = categoryByCode(code);
  return `<span class="mine-symbol">${categorySvg(category, { size: 22, outline: '#1f2933' })}</span>
    <span class="mine-what"><strong>${escapeHtml(category ? categoryLabel(category) : code)}</strong>
      ${quantity > 1 ? escapeHtml(t('mine.quantity', { count: formatNumber(quantity) })) : ''}
      <span class="mine-when">${escapeHtml(formatDateTime(when))}</span>`;
}

function keptHtml(item) {
  const o = item.input;
  const state = item.state === 'rejected'
    ? t('mine.rejected', { message: [item.message, ...Object.values(item.errors || {}).flat()].filter(Boolean).map(serverMessage).join(' ') })
    : item.state === 'signin' ? t('mine.waitingSignIn') : t('mine.waiting');
  return `<li class="mine-item" data-ref="${escapeHtml(item.ref)}" data-state="${item.state}">
    ${head(o.category, o.quantity, o.observedAt)}
      <span class="tag ${item.state === 'rejected' ? 'tag-problem' : ''}">${escapeHtml(state)}</span>
      ${item.correcting ? `<span class="mine-meta">${escapeHtml(t('off.correcting', { id: String(item.correcting) }).split('.')[0])}</span>` : ''}
      ${o.note ? `<span class="mine-note">${escapeHtml(o.note)}</span>` : ''}</span>
    <span class="mine-actions">
      <button type="button" class="button secondary" data-act="edit">${escapeHtml(t('mine.edit'))}</button>
      <button type="button" class="button secondary" data-act="discard">${escapeHtml(t('mine.discard'))}</button></span>
  </li>`;
}

function recordHtml(r) {
  return `<li class="mine-item ${r.retracted ? 'withdrawn' : ''}" data-id="${r.id}" data-ref="${escapeHtml(r.externalRef || '')}">
    ${head(r.category, r.quantity, r.observedAt)}
      <span class="mine-meta">#${r.id} · ${escapeHtml(t(r.byMe ? 'mine.byMe' : 'mine.byColleague'))}</span>
      ${r.retracted ? `<span class="tag">${escapeHtml(t('mine.withdrawn'))}</span>` : ''}
      ${r.note ? `<span class="mine-note">${escapeHtml(r.note)}</span>` : ''}</span>
    ${r.retracted ? '' : choosing.has(r.id)
      ? `<span class="mine-actions mine-why" role="group" aria-label="${escapeHtml(t('mine.withdrawWhy'))}">
          ${WITHDRAW_REASONS.map((k) => `<button type="button" class="button secondary" data-act="withdraw-reason" data-reason="${k}">${escapeHtml(t(`mine.reason.${k}`))}</button>`).join('')}
          <button type="button" class="link-button" data-act="withdraw-cancel">${escapeHtml(t('mine.cancel'))}</button></span>`
      : `<span class="mine-actions">
          <button type="button" class="button secondary" data-act="correct">${escapeHtml(t('mine.correct'))}</button>
          <button type="button" class="button secondary" data-act="withdraw">${escapeHtml(t('mine.withdraw'))}</button></span>`}
  </li>`;
}

// ---- actions -----------------------------------------------------------------------------------

async function onClick(event) {
  const button = event.target.closest('button[data-act]');
  if (!button) return;
  const li = button.closest('.mine-item');
  const id = li?.dataset.id ? Number(li.dataset.id) : null;
  const item = li?.dataset.ref ? queued().find((i) => i.ref === li.dataset.ref) : null;
  const record = id ? records?.find((r) => r.id === id) : null;
  switch (button.dataset.act) {
    case 'refresh': load(); break;
    case 'send': sendAll(); break;
    case 'cancel-edit': toForm({ action: 'reset' }); break;
    case 'edit': toForm({ action: 'fill', input: item.input, ref: item.ref, correcting: item.correcting, editing: true }); break;
    case 'discard': if (window.confirm(t('mine.discardConfirm'))) await discard(item.ref); break;
    case 'correct': toForm({ action: 'fill', input: recordInput(record), ref: newRef(), correcting: record.id }); break;
    case 'withdraw': choosing.add(id); render(); document.querySelector(`#mine-stored [data-id="${id}"] [data-act=withdraw-reason]`)?.focus(); break;
    case 'withdraw-cancel': choosing.delete(id); render(); break;
    case 'withdraw-reason': await withdraw(id, t(`mine.reason.${button.dataset.reason}`)); break;
    default: break;
  }
}

async function withdraw(id, reason) {
  try {
    await request(`/api/observations/${id}/retract`, { method: 'POST', body: { reason } });
    choosing.delete(id);
    toast(t('mine.withdrawDone', { id: String(id) }), 'success');
    document.dispatchEvent(new CustomEvent('observation-recorded')); // the map and this list reload
  } catch (e) {
    toast(t('mine.failed', { message: errorMessage(e) }), 'error');
    await load();
  }
}

/** A stored record as the form's input (the correction starts from what was stored). */
function recordInput(r) {
  return { category: r.category, longitude: r.longitude, latitude: r.latitude, observedAt: r.observedAt, quantity: r.quantity, source: r.source, note: r.note };
}
