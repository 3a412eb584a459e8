// Record: place an observation by tapping the map (or with the device location), fill in the
// form, and see the API's validation errors next to each field. Also: batch upload of a file.
import { ApiError, api } from '../api.js';
import { categoryLabel, formatDecimal, formatNumber, onLanguageChange, serverMessage, sourceLabel, t } from '../i18n.js';
import { state as mapState } from '../map.js';
import { SOURCES, store } from '../store.js';
import { categorySvg, escapeHtml } from '../symbols.js';
import { normaliseTime } from '../files.js';
import { $, errorMessage, progress, saveFile, toast } from '../ui.js';
import { importMapping } from './import-mapping.js';
import { draft, saveDraft, startFresh, startFrom } from '../offline/draft.js';
import { myRecords, renderMode } from './my-records.js';
import { recordPlace } from './record-place.js';
import { setMarkerTitle } from '../relabel.js';

const L = window.L;
const FIELDS = ['category', 'longitude', 'latitude', 'observedAt', 'quantity', 'source', 'note'];
const SOURCE_KEY = 'scenemonitor.recordSource';

let pin = null;
let recent;
let visible = false;
let checked = null; // {file, rows, params}: a file the server's dry run found without errors, and how it was read
let saving = false; // a save is under way: a second tap does nothing
let savedAt = 0; // when the last record was saved: a tap right after it is the same tap repeated

export const recordView = {
  init() {
    recent = L.layerGroup();
    renderCategories();
    renderSources();
    resetTime();
    bindEvents();
    myRecords.init();
    recordPlace.init();
    onLanguageChange(() => {
      const chosen = selectedCategory();
      renderCategories(chosen);
      renderSources();
      renderLocation();
      if (pin) setMarkerTitle(pin, t('rec.markerTitle'));
      recent.eachLayer((m) => setMarkerTitle(m, categoryLabel(m.category)));
      if (checked) $('batch-parsed').textContent = t('batch.checked', { count: formatNumber(checked.rows), file: checked.file.name });
    });
  },

  show() {
    visible = true;
    recent.addTo(mapState.map);
    mapState.map.on('click', onMapClick);
    mapState.map.getContainer().addEventListener('keydown', onMapKey);
    mapState.map.getContainer().classList.add('picking');
    if (pin) pin.addTo(mapState.map);
    if (!draft.timeTouched && !draft.observedAt) resetTime(); // a fresh record's time is now
    myRecords.show();
    recordPlace.show();
  },

  hide() {
    visible = false;
    mapState.map.off('click', onMapClick);
    mapState.map.getContainer().removeEventListener('keydown', onMapKey);
    mapState.map.getContainer().classList.remove('picking');
    recent.remove();
    pin?.remove();
    myRecords.hide();
    recordPlace.hide();
  },
};

// ---- form ----------------------------------------------------------------------------------

function renderCategories(chosen = null) {
  $('rec-categories').innerHTML = store.categories.filter((c) => c.active).map((c) => `
    <label class="category-option">
      <input type="radio" name="category" value="${escapeHtml(c.code)}" ${c.code === chosen ? 'checked' : ''}>
      <span class="category-option-body">${categorySvg(c, { size: 22, outline: '#1f2933' })}<span>${escapeHtml(categoryLabel(c))}</span></span>
    </label>`).join('');
}

function renderSources() {
  const select = $('rec-source');
  const current = select.value || localStorage.getItem(SOURCE_KEY) || 'outreach';
  select.innerHTML = SOURCES.map((s) => `<option value="${s}">${escapeHtml(sourceLabel(s))}</option>`).join('');
  select.value = SOURCES.includes(current) ? current : 'outreach';
}

function selectedCategory() {
  return document.querySelector('#rec-categories input:checked')?.value || null;
}

function resetTime() {
  $('rec-time').value = localInputValue(new Date());
  $('rec-time').max = localInputValue(new Date(Date.now() + 60000));
}

function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function bindEvents() {
  $('record-form').addEventListener('submit', submit);
  $('rec-locate').addEventListener('click', locate);
  $('rec-note').addEventListener('input', () => { $('rec-note-count').textContent = `${$('rec-note').value.length}/280`; });
  $('rec-source').addEventListener('change', (e) => localStorage.setItem(SOURCE_KEY, e.target.value));
  $('rec-categories').addEventListener('change', () => clearError('category'));
  $('rec-time').addEventListener('input', () => { draft.timeTouched = true; });
  document.addEventListener('record-form', (e) => (e.detail.action === 'fill' ? fillForm(e.detail) : resetForm()));
  for (const id of ['rec-time', 'rec-quantity', 'rec-note', 'rec-source']) {
    $(id).addEventListener('input', () => clearError($(id).name));
  }
  $('batch-file').addEventListener('change', readFile);
  importMapping.init(() => readFile());
  $('batch-upload').addEventListener('click', uploadFile);
  $('batch-template').addEventListener('click', () => saveFile('scenemonitor_observations_template.csv', templateCsv(), 'text/csv'));
}

function onMapClick(e) {
  setLocation(e.latlng.lat, e.latlng.lng);
}

/** Keyboard: move the map with the arrow keys, then Enter places the observation at its centre. */
function onMapKey(e) {
  if (e.key !== 'Enter' || e.target !== mapState.map.getContainer()) return;
  e.preventDefault();
  const c = mapState.map.getCenter();
  setLocation(c.lat, c.lng);
}

function setLocation(lat, lon) {
  $('rec-latitude').value = lat.toFixed(6);
  $('rec-longitude').value = lon.toFixed(6);
  if (!pin) {
    pin = L.marker([lat, lon], {
      draggable: true,
      title: t('rec.markerTitle'),
      icon: L.divIcon({
        className: 'record-pin',
        html: '<svg width="34" height="44" viewBox="0 0 34 44" aria-hidden="true"><path d="M17 1C8.2 1 1 8 1 16.8 1 28.5 17 43 17 43s16-14.5 16-26.2C33 8 25.8 1 17 1z" fill="#0b3a5b" stroke="#fff" stroke-width="2"/><circle cx="17" cy="16.5" r="6" fill="#E69F00" stroke="#fff" stroke-width="2"/></svg>',
        iconSize: [34, 44], iconAnchor: [17, 43],
      }),
    });
    pin.on('dragend', () => { const p = pin.getLatLng(); setLocation(p.lat, p.lng); });
  }
  pin.setLatLng([lat, lon]);
  if (visible) pin.addTo(mapState.map);
  clearError('longitude');
  clearError('latitude');
  renderLocation();
  recordPlace.chosen(lat, lon);
}

function renderLocation() {
  const lat = $('rec-latitude').value, lon = $('rec-longitude').value;
  const out = $('rec-location');
  out.classList.toggle('chosen', !!lat);
  out.textContent = lat ? t('rec.locationChosen', { lat: formatDecimal(Number(lat), 5), lon: formatDecimal(Number(lon), 5) }) : t('rec.noLocation');
}

function locate() {
  const out = $('rec-location');
  if (!navigator.geolocation) { out.textContent = t('rec.locationFailed', { message: 'no geolocation' }); return; }
  out.textContent = t('rec.locating');
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      setLocation(pos.coords.latitude, pos.coords.longitude);
      mapState.map.setView([pos.coords.latitude, pos.coords.longitude], Math.max(mapState.map.getZoom(), 17));
    },
    (err) => { out.textContent = t('rec.locationFailed', { message: err.message }); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

// ---- errors next to fields -----------------------------------------------------------------

function showError(field, messages) {
  const el = document.querySelector(`[data-error-for="${field}"]`);
  if (!el) return false;
  el.textContent = messages.join(' ');
  el.hidden = false;
  const input = field === 'category' ? $('rec-categories') : document.querySelector(`#record-form [name="${field}"]`);
  input?.setAttribute('aria-invalid', 'true');
  input?.closest('.field')?.classList.add('has-error');
  return true;
}

function clearError(field) {
  const el = document.querySelector(`[data-error-for="${field}"]`);
  if (!el) return;
  el.hidden = true;
  el.textContent = '';
  const input = field === 'category' ? $('rec-categories') : document.querySelector(`#record-form [name="${field}"]`);
  input?.removeAttribute('aria-invalid');
  input?.closest('.field')?.classList.remove('has-error');
}

function clearErrors() {
  FIELDS.forEach(clearError);
  $('rec-problem').hidden = true;
}

function showProblem(text) {
  $('rec-problem').textContent = text;
  $('rec-problem').hidden = false;
}

// ---- submit --------------------------------------------------------------------------------

async function submit(event) {
  event.preventDefault();
  // A tap right after a save repeats it; a place chosen since then makes it a new record.
  if (saving || (Date.now() - savedAt < 1500 && !$('rec-latitude').value)) return;
  clearErrors();
  const lon = $('rec-longitude').value, lat = $('rec-latitude').value;
  const category = selectedCategory();
  let missing = false;
  if (!lon || !lat) { showError('longitude', [t('rec.pickLocation')]); missing = true; }
  if (!category) { showError('category', [t('rec.pickCategory')]); missing = true; }
  if (missing) { showProblem(t('rec.invalid')); focusFirstError(); return; }

  const quantityText = $('rec-quantity').value;
  const input = {
    category,
    longitude: Number(lon),
    latitude: Number(lat),
    observedAt: normaliseTime($('rec-time').value),
    quantity: quantityText === '' ? null : Number(quantityText),
    source: $('rec-source').value,
    note: $('rec-note').value.trim() || null,
  };
  const button = $('rec-submit');
  $('rec-success').hidden = true; // the last confirmation stays until another record is saved
  saving = true;
  button.disabled = true;
  button.textContent = t('rec.saving');
  try {
    // Kept on the device first, then sent (app/offline/draft.js); without network it waits there.
    const outcome = await saveDraft(input);
    if (outcome.state === 'rejected') showRejection(outcome.error);
    else confirmSaved(outcome);
  } catch (e) {
    showProblem(t('rec.failed', { message: errorMessage(e) }));
  } finally {
    saving = false;
    button.disabled = false;
    button.textContent = t('rec.save');
  }
}

/** The API's reasons next to their fields (422/400), or in one line (403, 409). */
function showRejection(e) {
  const other = [];
  for (const [field, messages] of Object.entries(e.errors)) {
    const name = field.replace(/^observation\./, '');
    const key = FIELDS.find((f) => f.toLowerCase() === name.toLowerCase()) || name;
    const translated = messages.map(serverMessage);
    if (!showError(key, translated)) other.push(...translated.map((m) => `${name}: ${m}`));
  }
  const fields = Object.keys(e.errors).length > 0;
  showProblem(!fields ? t('rec.failed', { message: errorMessage(e) }) : other.length ? `${t('rec.invalid')} ${other.join(' ')}` : t('rec.invalid'));
  focusFirstError();
}

/** Saved (sent, or kept until the network returns): say so, then start a fresh record. */
function confirmSaved(outcome) {
  const success = $('rec-success');
  if (outcome.state === 'sent') {
    const id = outcome.feature.properties?.id ?? outcome.feature.id;
    addRecent(outcome.feature);
    success.textContent = outcome.item.correcting ? t('mine.correctDone', { id: String(outcome.item.correcting), newId: String(id) }) : t('rec.saved', { id: String(id) });
    success.dataset.id = String(id);
  } else {
    success.textContent = t('off.savedOffline');
    delete success.dataset.id;
  }
  success.dataset.ref = outcome.item.ref;
  success.hidden = false;
  savedAt = Date.now();
  toast(success.textContent, 'success');
  resetForm();
}

/** A fresh record: no place, no category (unless "keep this category" is ticked), time now. */
function resetForm() {
  renderCategories($('rec-another').checked ? selectedCategory() : null);
  $('rec-latitude').value = '';
  $('rec-longitude').value = '';
  pin?.remove();
  pin = null;
  renderLocation();
  $('rec-note').value = '';
  $('rec-note-count').textContent = '0/280';
  $('rec-quantity').value = '1';
  startFresh();
  resetTime();
  renderMode();
}

/** A kept item to edit, or a stored record to correct, from "My records". */
function fillForm({ input, ref, correcting, editing }) {
  clearErrors();
  startFrom({ ref, correcting, editing, observedAt: input.observedAt });
  setLocation(input.latitude, input.longitude);
  mapState.map.setView([input.latitude, input.longitude], Math.max(mapState.map.getZoom(), 17));
  renderCategories(input.category);
  $('rec-time').value = localInputValue(new Date(input.observedAt));
  $('rec-quantity').value = String(input.quantity ?? 1);
  if (SOURCES.includes(input.source)) $('rec-source').value = input.source;
  $('rec-note').value = input.note || '';
  $('rec-note-count').textContent = `${$('rec-note').value.length}/280`;
  renderMode();
  $('record-form').scrollIntoView({ block: 'start' });
  $('rec-mode').querySelector('select, button')?.focus();
}

function focusFirstError() {
  const first = document.querySelector('#record-form .field-error:not([hidden])');
  const field = first?.closest('.field');
  (field?.querySelector('input:not([type=hidden]), select, textarea') || $('rec-problem'))?.focus?.();
}

function addRecent(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  const category = store.categories.find((c) => c.code === feature.properties.category);
  const marker = L.marker([lat, lon], {
    icon: L.divIcon({
      className: 'obs-marker recent',
      html: `<span class="obs-symbol" data-id="${feature.properties.id}">${categorySvg(category, { size: 24 })}</span>`,
      iconSize: [24, 24], iconAnchor: [12, 12],
    }),
    title: categoryLabel(category),
  });
  marker.category = category; // for its title in another language
  marker.addTo(recent);
}

// ---- batch upload --------------------------------------------------------------------------

// The server checks the file (a dry run: every row error, nothing stored) as soon as it is chosen;
// Upload then sends it again for real and follows the import's progress until it is stored whole.
const FINAL = ['committed', 'rejected', 'failed', 'dryRun'];

async function readFile(event) {
  const file = $('batch-file').files[0];
  if (event) importMapping.reset(); // a new file (else: the same file checked again with other columns)
  checked = null;
  $('batch-upload').disabled = true;
  $('batch-result').innerHTML = '';
  $('batch-parsed').textContent = '';
  if (!file) return;
  const bar = progress('batch-progress');
  try {
    bar.set(0, t('batch.checking', { file: file.name }));
    const params = importMapping.params();
    const report = await api.importFile(file, {
      dryRun: true, wait: true, source: $('rec-source').value, params,
      onProgress: (f) => bar.set(f, t('batch.checking', { file: file.name })),
    });
    importMapping.show(report);
    if (report.errorCount > 0) { $('batch-result').innerHTML = importErrorsHtml(report); return; }
    checked = { file, rows: report.rowsRead, params };
    $('batch-parsed').textContent = t('batch.checked', { count: formatNumber(report.rowsRead), file: file.name });
    $('batch-result').innerHTML = importWarningsHtml(report);
    $('batch-upload').disabled = false;
  } catch (e) {
    if (e instanceof ApiError) importMapping.show(e.problem);
    $('batch-result').innerHTML = failureHtml(e);
  } finally {
    bar.done();
  }
}

async function uploadFile() {
  if (!checked) return;
  const { file, rows, params } = checked;
  const bar = progress('batch-progress');
  const result = $('batch-result');
  result.innerHTML = '';
  $('batch-upload').disabled = true;
  try {
    const started = await api.importFile(file, {
      source: $('rec-source').value, params,
      onProgress: (f) => bar.set(f / 2, t('batch.sending', { percent: Math.round(f * 100) })),
    });
    let report = started;
    while (!FINAL.includes(report.state)) {
      await new Promise((resolve) => { setTimeout(resolve, 400); });
      report = await api.importStatus(started.location);
      const total = report.rowsTotal || rows;
      bar.set(0.5 + (total ? report.rowsRead / total : 0) / 2, t('batch.storing', { done: formatNumber(report.rowsRead), total: formatNumber(total) }));
    }
    if (report.state !== 'committed') {
      result.innerHTML = report.errorCount > 0 && report.state === 'rejected' ? importErrorsHtml(report)
        : `<p class="form-problem">${escapeHtml(t('batch.failed', { message: serverMessage(report.errors?.[0]?.reason || report.state) }))}</p>`;
      return;
    }
    bar.set(1, '');
    result.innerHTML = `<p class="form-success">${escapeHtml(importMapping.resultText(report) ?? t('batch.uploaded', { created: report.inserted, existing: report.duplicates }))}</p>`;
    checked = null;
    document.dispatchEvent(new CustomEvent('observation-recorded'));
  } catch (e) {
    result.innerHTML = failureHtml(e);
  } finally {
    bar.done();
    $('batch-upload').disabled = !checked;
  }
}

/** An unreadable file (400 listing the row) or invalid rows as a table; anything else as one line. */
function failureHtml(e) {
  if (e instanceof ApiError && Array.isArray(e.problem.errors) && e.problem.errors.length) return importErrorsHtml(e.problem);
  return `<p class="form-problem">${escapeHtml(t('batch.failed', { message: errorMessage(e) }))}</p>`;
}

/** The import's errors ({row, column, reason}; row = line in the file) as a table of file rows. */
function importErrorsHtml(report) {
  const errors = report.errors || [];
  const distinct = new Set(errors.map((e) => e.row)).size;
  const shown = errors.slice(0, 100);
  const more = (report.errorCount ?? errors.length) - shown.length;
  return `<p class="form-problem">${escapeHtml(t(distinct === 1 ? 'batch.rowError' : 'batch.rowErrors', { rows: distinct }))}</p>
    <div class="table-wrap"><table class="row-errors">
      <thead><tr><th scope="col">${escapeHtml(t('batch.row'))}</th><th scope="col">${escapeHtml(t('batch.field'))}</th><th scope="col">${escapeHtml(t('batch.message'))}</th></tr></thead>
      <tbody>${shown.map((e) => `<tr><td>${e.row > 0 ? e.row : '–'}</td><td><code>${escapeHtml(e.column ?? '')}</code></td><td>${escapeHtml(importMapping.errorText(e) ?? serverMessage(e.reason))}</td></tr>`).join('')}</tbody>
    </table></div>
    ${more > 0 ? `<p class="hint">${escapeHtml(t('batch.moreErrors', { count: formatNumber(more) }))}</p>` : ''}`;
}

/** What the dry run assumed or left out ({code, column, message}): the time column chosen, unused
 * columns, defaulted fields. The messages are the server's (English); codes are stable. */
function importWarningsHtml(report) {
  const warnings = report.warnings || [];
  if (!warnings.length) return '';
  return `<p class="hint">${escapeHtml(t('batch.warnings'))}</p>
    <ul class="import-warnings">${warnings.map((w) => `<li>${escapeHtml(importMapping.warningText(w))}</li>`).join('')}</ul>`;
}

function templateCsv() {
  const now = normaliseTime(localInputValue(new Date(Date.now() - 3600000)));
  return 'category,longitude,latitude,observedAt,quantity,source,externalRef,note\r\n'
    + `syringe,4.33601,50.83571,${now},3,syringe_patrol,round-0001,near the tram stop\r\n`
    + `discarded_pipe,4.34402,50.83330,${now},1,outreach,round-0002,\r\n`;
}
