// The record view's help with places: the chosen point in words (named place, neighbourhood,
// municipality), a search box for named places and neighbourhoods, the map opened at street zoom
// where the recorder is (or last recorded), and what was already recorded nearby in the last days
// so the same pipe is not recorded twice. record.js calls init/show/hide/chosen.
import { api } from '../api.js';
import { areaName, categoryLabel, formatDistance, locale, onLanguageChange, t } from '../i18n.js';
import { state as mapState } from '../map.js';
import { categoryByCode } from '../store.js';
import { escapeHtml } from '../symbols.js';
import { $ } from '../ui.js';
import { afterFirstData } from '../first-data.js';
import { describe, loadGazetteer, metresBetween, placeName, searchPlaces } from '../place-words.js';

const L = window.L;
const LAST_PLACE_KEY = 'scenemonitor.lastPlace';
const STREET_ZOOM = 17;
/** "Nearby" for the duplicate check: 100 m and 3 days, about a street corner and one round's week-end. */
export const NEARBY_METRES = 100;
export const NEARBY_DAYS = 3;

let chosenPoint = null; // [lat, lon]
let nearby = [];        // [{feature, distance}]
let nearbyLayer;
let nearbyRequest = null;
let opened = false;

export const recordPlace = {
  init() {
    nearbyLayer = L.layerGroup();
    buildDom();
    afterFirstData().then(loadGazetteer).then(() => renderPlace());
    // Neighbourhoods arrive after the first data (map.js): name the point and search them then too.
    document.addEventListener('areas-loaded', () => { renderPlace(); renderResults(); });
    document.addEventListener('observation-recorded', () => { if (chosenPoint) loadNearby(); });
    onLanguageChange(() => { renderPlace(); renderNearby(); renderResults(); });
  },

  show() {
    nearbyLayer.addTo(mapState.map);
    if (!opened) { opened = true; openAtStreetZoom(); }
  },

  hide() { nearbyLayer.remove(); },

  /** A point was placed (tap, drag, keyboard or location). */
  chosen(lat, lon) {
    chosenPoint = [lat, lon];
    localStorage.setItem(LAST_PLACE_KEY, JSON.stringify(chosenPoint));
    renderPlace();
    loadNearby();
  },
};

function buildDom() {
  const row = document.querySelector('#record-form .location-row');
  row.insertAdjacentHTML('beforebegin', `
    <div class="place-search">
      <label for="rec-search" data-i18n="place.search">${escapeHtml(t('place.search'))}</label>
      <input type="search" id="rec-search" autocomplete="off" spellcheck="false" aria-controls="rec-search-results"
        data-i18n-placeholder="place.searchHint" placeholder="${escapeHtml(t('place.searchHint'))}">
      <ul id="rec-search-results" class="place-results" hidden></ul>
    </div>`);
  row.insertAdjacentHTML('afterend', `
    <p id="rec-place" class="place-words" aria-live="polite" hidden></p>
    <div id="rec-nearby" class="nearby" aria-live="polite" hidden></div>`);
  $('rec-search').addEventListener('input', renderResults);
  $('rec-search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); $('rec-search-results').querySelector('button')?.click(); }
  });
  $('rec-search-results').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-index]');
    if (button) goTo(results[Number(button.dataset.index)]);
  });
}

// ---- the point in words ------------------------------------------------------------------------

function renderPlace() {
  const out = $('rec-place');
  if (!out || !chosenPoint) { if (out) out.hidden = true; return; }
  const { near, neighbourhood, municipality } = describe(...chosenPoint);
  const parts = [];
  if (near) parts.push(`<strong data-place="${escapeHtml(near.place.id)}">${escapeHtml(t('place.near', { place: placeName(near.place), distance: formatDistance(roundDistance(near.distance)) }))}</strong>`);
  const area = [neighbourhood && areaName(neighbourhood), municipality && areaName(municipality)].filter(Boolean);
  if (area.length) parts.push(`<span class="place-area">${escapeHtml(area.join(', '))}</span>`);
  else if (!near) parts.push(escapeHtml(t('place.unnamed')));
  out.innerHTML = parts.join('<br>');
  out.hidden = false;
}

/** Distances to 10 m: a tap on a phone is not more precise than that. */
const roundDistance = (metres) => (metres < 10 ? metres : Math.round(metres / 10) * 10);

// ---- search ------------------------------------------------------------------------------------

let results = [];

function renderResults() {
  const list = $('rec-search-results');
  if (!list) return;
  const query = $('rec-search').value;
  results = searchPlaces(query);
  list.hidden = query.trim().length < 2;
  list.innerHTML = results.length
    ? results.map((r, i) => `<li><button type="button" class="place-result" data-index="${i}">
        <span class="place-result-name">${escapeHtml(r.label)}</span>${r.other ? ` <span class="muted">(${escapeHtml(r.other)})</span>` : ''}
        <span class="place-result-kind">${escapeHtml(t(`place.kind.${r.kind === 'place' ? r.placeKind : r.kind}`))}</span></button></li>`).join('')
    : `<li class="muted">${escapeHtml(t('place.noMatch'))}</li>`;
}

/** Moves the map to a search result; the recorder then taps the exact spot. */
function goTo(result) {
  if (!result) return;
  const map = mapState.map;
  if (result.kind === 'place') map.setView([result.lat, result.lon], STREET_ZOOM);
  else map.fitBounds(L.geoJSON(result.geometry).getBounds(), { padding: [10, 10] });
  $('rec-search').value = '';
  renderResults();
  map.getContainer().focus();
}

// ---- opening at street zoom --------------------------------------------------------------------

/** The first time the view opens: at the device's position when the user already allowed it
 * (no permission prompt on opening: the button asks), else at the last place recorded, at street
 * zoom. An address that already names a street-level view (a shared link) wins. */
function openAtStreetZoom() {
  const map = mapState.map;
  if (map.getZoom() >= 16 && /^#\/?record\/[\d.]+\//.test(location.hash)) return;
  try {
    const last = JSON.parse(localStorage.getItem(LAST_PLACE_KEY) || 'null');
    if (Array.isArray(last) && last.every(Number.isFinite)) map.setView(last, STREET_ZOOM);
  } catch { /* an unreadable value: stay where the map is */ }
  navigator.permissions?.query({ name: 'geolocation' }).then((status) => {
    if (status.state !== 'granted') return;
    navigator.geolocation.getCurrentPosition(
      (pos) => map.setView([pos.coords.latitude, pos.coords.longitude], STREET_ZOOM),
      () => {},
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    );
  }).catch(() => {});
}

// ---- already recorded nearby -------------------------------------------------------------------

/** Observations of the last days around the point, through the same list the observations view
 * uses: a recorder sees what a recorder already may see there, nothing more. */
async function loadNearby() {
  const [lat, lon] = chosenPoint;
  nearbyRequest?.abort();
  const controller = new AbortController();
  nearbyRequest = controller;
  const dLat = NEARBY_METRES / 111320, dLon = NEARBY_METRES / (111320 * Math.cos((lat * Math.PI) / 180));
  const bbox = [lon - dLon, lat - dLat, lon + dLon, lat + dLat].map((v) => v.toFixed(6)).join(',');
  const from = new Date(Date.now() - NEARBY_DAYS * 86400000).toISOString();
  try {
    const features = await api.observations({ bbox, from }, { signal: controller.signal });
    if (controller.signal.aborted) return;
    nearby = features
      .map((f) => ({ feature: f, distance: metresBetween(lat, lon, f.geometry.coordinates[1], f.geometry.coordinates[0]) }))
      .filter((x) => x.distance <= NEARBY_METRES)
      .sort((a, b) => a.distance - b.distance);
  } catch (e) {
    if (e.name === 'AbortError') return;
    nearby = null; // offline or refused: say so rather than "nothing nearby"
  }
  renderNearby();
}

function renderNearby() {
  const out = $('rec-nearby');
  if (!out || !chosenPoint) return;
  nearbyLayer.clearLayers();
  out.hidden = false;
  if (nearby === null) { out.innerHTML = `<p class="hint">${escapeHtml(t('place.nearbyUnknown'))}</p>`; return; }
  if (!nearby.length) { out.innerHTML = `<p class="hint">${escapeHtml(t('place.nearbyNone', { days: NEARBY_DAYS, distance: NEARBY_METRES }))}</p>`; return; }
  const shown = nearby.slice(0, 5);
  out.innerHTML = `<p class="nearby-title">${escapeHtml(t('place.nearbyTitle', { count: nearby.length, days: NEARBY_DAYS }))}</p>
    <ul class="nearby-list">${shown.map((x) => `<li data-id="${escapeHtml(String(x.feature.properties.id))}">${escapeHtml(nearbyText(x))}</li>`).join('')}</ul>`;
  for (const x of nearby) {
    const [lon, lat] = x.feature.geometry.coordinates;
    L.circleMarker([lat, lon], { radius: 7, color: '#7b2d26', weight: 2, fillColor: '#f9d8d6', fillOpacity: 0.9, className: 'nearby-marker' })
      .bindTooltip(() => escapeHtml(nearbyText(x))).addTo(nearbyLayer);
  }
}

/** "Syringe ×3, 20 min ago, 15 m away". */
function nearbyText({ feature, distance }) {
  const p = feature.properties;
  const category = categoryLabel(categoryByCode(p.category)) || p.category;
  const what = p.quantity > 1 ? `${category} ×${p.quantity}` : category;
  return t('place.nearbyItem', { what, ago: ago(p.observedAt), distance: formatDistance(roundDistance(distance)) });
}

function ago(iso) {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60000);
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  if (Math.abs(minutes) < 48 * 60) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(Math.round(minutes / 1440), 'day');
}
