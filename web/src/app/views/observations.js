// Observations: clustered category symbols or a heat map for the current filter, with the
// filter controls, a legend and a chart of counts over time. Planners see counts per cell only.
// The map never downloads the whole filter: it first asks the server for counts per cell in the
// view (/api/map/clusters); it draws those cells as clusters (or heat) unless the answer says the
// points pay (few enough, zoomed in: `points`), then it loads the view's points and clusters them here.
import { api } from '../api.js';
import {
  areaName, categoryLabel, formatDate, formatDateTime, formatNumber, lang, locale, onLanguageChange, sourceLabel, t,
} from '../i18n.js';
import { hasLayer, layerLabel } from '../region.js';
import { allAreas, createLegend, state as mapState } from '../map.js';
import {
  SOURCES, categoryByCode, dateFromInput, dateToInput, filterQuery, noCategorySelected,
  seesPoints, setQuickRange, store,
} from '../store.js';
import { categorySvg, escapeHtml } from '../symbols.js';
import { $, errorMessage, progress } from '../ui.js';
import { setMarkerTitle } from '../relabel.js';
import { afterFirstData } from '../first-data.js';
import { chartReady } from '../chart-lib.js';
import { ringIcon, serverClusterLayer } from './server-clusters.js';

const L = window.L;
const K_ANONYMITY = 3;

let clusters, serverClusters, heat, areaLayer, chart, legend;
let display = localStorage.getItem('scenemonitor.display') === 'heat' ? 'heat' : 'points';
let features = [];
let cells = []; // server cells of the view, when drawn instead of points
// 'points' (loaded here), 'clusters' (server cells), 'cells' (planners). Until the first answer the
// map is in 'clusters', as every view is asked of the clusters endpoint first.
let mode = 'clusters';
let loadedPoints = null; // {key, bounds}: the filter and area the features cover
let series = null;
let loading = null; // AbortController of the load in progress
let viewLoading = null; // AbortController of the map view's data request
let viewTimer = null;
let askedView = null; // viewKey() of the view whose data was last asked for
let lastCount = null; // {key, bounds, total, pointThreshold, pointsFromZoom}: the last clusters answer's area and count
let zooming = false; // a zoom animation is running: data that arrives waits for its end
let firstDrawn = false;
let visible = false;
let dirty = true;
let firstLoad = true;
let reloadTimer = null;

export const observationsView = {
  init() {
    setQuickRange(30);
    for (const c of store.categories) if (c.active) store.filter.categories.add(c.code);

    clusters = L.markerClusterGroup({
      chunkedLoading: true,
      // No animated split or merge of clusters after a zoom: the new clusters are drawn as the zoom
      // ends, and the 300 ms fade of the old ones kept the map changing until 0.6 s after a step.
      animate: false,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: (z) => (z >= 17 ? 24 : 48),
      iconCreateFunction: clusterIcon,
    });
    heat = L.heatLayer([], {
      radius: 20, blur: 16, maxZoom: 15, minOpacity: 0.25, max: 3,
      // Inferno, light to dark: reads on a light map and for colour-blind readers.
      gradient: { 0.1: '#fcffa4', 0.3: '#f7b32b', 0.55: '#e4572e', 0.8: '#a52c60', 1: '#420a68' },
    });
    serverClusters = serverClusterLayer(zoomToCells);
    areaLayer = L.geoJSON(null, { style: areaStyle, onEachFeature: bindAreaTooltip });
    legend = createLegend('bottomright');
    // A zoom's data is asked for as its animation starts (Leaflet's 'zoomanim' names the view it
    // ends on), so the answer comes during the 250 ms animation; moveend then finds it asked for.
    // Pans come in runs, so they wait 100 ms.
    mapState.map.on('zoomanim', (e) => { zooming = true; if (visible) scheduleViewLoad(0, { center: e.center, zoom: e.zoom }); });
    mapState.map.on('zoomend', () => { zooming = false; });
    mapState.map.on('moveend', () => { if (visible && viewKey() !== askedView) scheduleViewLoad(100); });

    renderFilterControls();
    bindFilterEvents();
    onLanguageChange(() => { renderFilterControls(); renderLegend(); renderChart(); renderSummary(); refreshAreaTooltips(); relabelMarkers(); });
    document.addEventListener('areas-loaded', renderAreaOptions);
    document.addEventListener('observation-recorded', () => { dirty = true; });
    document.addEventListener('user-changed', () => { dirty = true; });
    // A link's filter and display (view-state.js), at start or when a link is pasted into the tab.
    document.addEventListener('filter-restored', (e) => {
      if (e.detail?.display) display = e.detail.display;
      renderFilterControls();
      applyDisplay();
      renderLegend();
      dirty = true;
      if (visible) scheduleLoad(0);
    });
  },

  show() {
    visible = true;
    applyDisplay();
    renderLegend();
    if (dirty) load();
    else scheduleViewLoad(0); // the map may have moved while another view was open
  },

  hide() {
    visible = false;
    clusters.remove();
    serverClusters.layer.remove();
    heat.remove();
    areaLayer.remove();
    legend.hide();
  },

  onLanguage() {},
};

// ---- filter controls ---------------------------------------------------------------------

function renderFilterControls() {
  const f = store.filter;
  $('filter-from').value = dateToInput(f.from);
  $('filter-to').value = dateToInput(f.to);
  $('filter-to').max = dateToInput(new Date());
  $('filter-from').max = dateToInput(new Date());
  document.querySelectorAll('[data-range]').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.range) === f.range)));
  document.querySelectorAll('[data-display]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.display === display)));

  const counts = countByCategory();
  const list = $('category-list');
  list.innerHTML = store.categories.filter((c) => c.active).map((c) => `
    <li>
      <label class="category-item">
        <input type="checkbox" value="${escapeHtml(c.code)}" ${f.categories.has(c.code) ? 'checked' : ''}>
        ${categorySvg(c, { size: 18, outline: '#1f2933' })}
        <span class="category-name">${escapeHtml(categoryLabel(c))}</span>
        <span class="category-count" data-count-for="${escapeHtml(c.code)}">${counts[c.code] ? formatNumber(counts[c.code]) : ''}</span>
      </label>
    </li>`).join('');

  const source = $('filter-source');
  source.innerHTML = `<option value="">${escapeHtml(t('filter.allSources'))}</option>`
    + SOURCES.map((s) => `<option value="${s}">${escapeHtml(sourceLabel(s))}</option>`).join('');
  source.value = f.source;
  renderAreaOptions();
}

function renderAreaOptions() {
  const select = $('filter-area');
  const areas = allAreas();
  const byKind = (kind) => areas.filter((a) => a.kind === kind)
    .sort((a, b) => areaName(a).localeCompare(areaName(b), locale()))
    .map((a) => `<option value="${a.id}">${escapeHtml(areaName(a))}</option>`).join('');
  select.innerHTML = `<option value="">${escapeHtml(t('filter.allAreas'))}</option>`
    + (hasLayer('municipality') ? `<optgroup label="${escapeHtml(layerLabel('municipality', lang()))}">${byKind('municipality')}</optgroup>` : '')
    + (hasLayer('neighbourhood') ? `<optgroup label="${escapeHtml(layerLabel('neighbourhood', lang()))}">${byKind('neighbourhood')}</optgroup>` : '');
  select.value = store.filter.area;
}

function bindFilterEvents() {
  document.querySelectorAll('[data-range]').forEach((b) => b.addEventListener('click', () => {
    setQuickRange(Number(b.dataset.range));
    renderFilterControls();
    scheduleLoad(0);
  }));
  const onDate = () => {
    const from = dateFromInput($('filter-from').value);
    const to = dateFromInput($('filter-to').value);
    if (!from || !to || from > to) return;
    store.filter.from = from;
    store.filter.to = to;
    store.filter.range = null;
    document.querySelectorAll('[data-range]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    scheduleLoad();
  };
  $('filter-from').addEventListener('change', onDate);
  $('filter-to').addEventListener('change', onDate);

  $('category-list').addEventListener('change', (e) => {
    if (e.target.type !== 'checkbox') return;
    if (e.target.checked) store.filter.categories.add(e.target.value);
    else store.filter.categories.delete(e.target.value);
    scheduleLoad();
  });
  $('cat-all').addEventListener('click', () => {
    for (const c of store.categories) if (c.active) store.filter.categories.add(c.code);
    renderFilterControls();
    scheduleLoad(0);
  });
  $('cat-none').addEventListener('click', () => {
    store.filter.categories.clear();
    renderFilterControls();
    scheduleLoad(0);
  });
  $('filter-source').addEventListener('change', (e) => { store.filter.source = e.target.value; scheduleLoad(0); });
  $('filter-area').addEventListener('change', (e) => {
    store.filter.area = e.target.value;
    scheduleLoad(0);
    zoomToArea(e.target.value);
  });
  document.querySelectorAll('[data-display]').forEach((b) => b.addEventListener('click', () => {
    display = b.dataset.display;
    localStorage.setItem('scenemonitor.display', display);
    document.querySelectorAll('[data-display]').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    applyDisplay();
    renderLegend();
    document.dispatchEvent(new CustomEvent('display-changed'));
    if (mode === 'clusters') scheduleViewLoad(0);
  }));
}

function zoomToArea(id) {
  const area = allAreas().find((a) => String(a.id) === String(id));
  if (area) mapState.map.fitBounds(L.geoJSON(area.geometry).getBounds(), { padding: [20, 20] });
}

function scheduleLoad(delay = 300) {
  dirty = true;
  document.dispatchEvent(new CustomEvent('filter-changed'));
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => { if (visible) load(); }, delay);
}

// ---- loading -------------------------------------------------------------------------------

async function load() {
  dirty = false;
  loading?.abort();
  viewLoading?.abort();
  clearTimeout(viewTimer);
  const controller = new AbortController();
  loading = controller;
  loadedPoints = null; // new data may have been recorded: nothing is reused
  lastCount = null;
  const bar = progress('obs-progress');
  document.body.classList.add('obs-loading');
  $('obs-summary').textContent = t('app.loading');

  try {
    if (noCategorySelected()) {
      features = [];
      cells = [];
      series = emptySeries();
      renderData();
    } else {
      const query = filterQuery();
      // The chart and the map's data load side by side: the map does not wait for the series.
      // On the first load the series is asked for after the map's data: on two cores its query
      // and its chart held up the first draw by about 100 ms.
      const seriesDone = afterFirstData().then(() => api.timeSeries(query, bucketFor(), { signal: controller.signal })).then((s) => {
        if (controller.signal.aborted) return;
        series = s;
        renderChart();
        renderSummary();
      });
      await Promise.all([seriesDone, loadView(query, controller.signal, bar)]);
    }
    if (controller.signal.aborted) return;
    fitToDataOnce();
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('obs-summary').textContent = t('obs.loadFailed', { message: errorMessage(e) });
  } finally {
    if (loading === controller) {
      loading = null;
      bar.done();
      document.body.classList.remove('obs-loading');
    }
  }
}

/** After the map moved (or as a zoom starts, `target` being the view it ends on): only the
 *  view's data, debounced, the previous request abandoned. */
function scheduleViewLoad(delay = 250, target = null) {
  clearTimeout(viewTimer);
  viewTimer = setTimeout(async () => {
    if (!visible || noCategorySelected()) return;
    if (loading) { scheduleViewLoad(); return; } // a full load is running: look again after it
    viewLoading?.abort();
    const controller = new AbortController();
    viewLoading = controller;
    try {
      await loadView(filterQuery(), controller.signal, undefined, target);
    } catch (e) {
      if (e.name !== 'AbortError') {
        $('obs-summary').textContent = t('obs.loadFailed', { message: errorMessage(e) });
        if (mode === 'clusters') serverClusters.redraw(mapState.map);
      }
      askedView = null; // not answered: the next move asks again
    } finally {
      if (viewLoading === controller) viewLoading = null;
    }
  }, delay);
}

/** The view's bounds: the map's now, or those of a view it is moving to ({center, zoom}). */
function viewBounds(target) {
  const map = mapState.map;
  if (!target) return map.getBounds();
  const pixels = map.getPixelBounds(target.center, target.zoom);
  return L.latLngBounds(map.unproject(pixels.getBottomLeft(), target.zoom), map.unproject(pixels.getTopRight(), target.zoom));
}

/** A view as text (zoom and bounds), to tell whether its data was asked for already. */
function viewKey(target) {
  return `${target?.zoom ?? mapState.map.getZoom()}|${bboxParam(viewBounds(target))}`;
}

/** The map view, padded by a quarter on each side so small pans need no request. */
function paddedView(target) {
  const b = viewBounds(target).pad(0.25);
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return L.latLngBounds([clamp(b.getSouth(), -85, 85), clamp(b.getWest(), -180, 180)], [clamp(b.getNorth(), -85, 85), clamp(b.getEast(), -180, 180)]);
}

const bboxParam = (b) => [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(',');

/** Loads what the view shows: server cells (always for planners), or when the answer says so the
 *  points of the padded view (reused while the view stays inside the points already loaded). */
async function loadView(query, signal, bar, target = null) {
  const key = JSON.stringify(query);
  const view = viewBounds(target);
  askedView = viewKey(target);
  if (seesPoints() && loadedPoints?.key === key && loadedPoints.bounds.contains(view) && mode === 'points') return;
  const bounds = paddedView(target);
  const zoom = target?.zoom ?? mapState.map.getZoom();
  // Finer cells where they are drawn as areas (a planner's squares) or blurred (heat), not as symbols.
  const cellPixels = !seesPoints() ? 32 : display === 'heat' ? 16 : undefined;
  // Zooming into an area whose count was at most the threshold, to the zoom from which the server
  // says points: this smaller view cannot hold more, so its points are asked for at once (one
  // request instead of two for the step where points replace the cells).
  const known = seesPoints() && display !== 'heat' && lastCount?.key === key && lastCount.bounds.contains(bounds)
    && lastCount.total <= lastCount.pointThreshold && zoom >= lastCount.pointsFromZoom;
  const response = known ? { points: true, total: lastCount.total } : await api.clusters({
    ...query, bbox: bboxParam(bounds), zoom, cellPixels,
  }, { signal });
  if (signal.aborted) return;
  if (!known) lastCount = { key, bounds, total: response.total, pointThreshold: response.pointThreshold, pointsFromZoom: response.pointsFromZoom };
  // The server says when points pay: few enough in the view, and zoomed in (or very few).
  const wantsPoints = seesPoints() && response.points;
  if (wantsPoints) bar?.set(0, t('obs.loading', { loaded: 0, total: response.total }));
  const points = wantsPoints
    ? await api.observations({ ...query, bbox: bboxParam(bounds) }, {
      signal,
      onPage: (n) => bar?.set(response.total ? n / response.total : 1, t('obs.loading', { loaded: n, total: Math.max(n, response.total) })),
    })
    : null;
  // Drawn once a zoom animation is over: markers added during it would be placed for the old zoom.
  // (At most a second: a data answer must never wait on an event that does not come.)
  if (zooming) await new Promise((resolve) => { mapState.map.once('zoomend', resolve); setTimeout(resolve, 1000); });
  if (signal.aborted) return;
  if (points) {
    mode = 'points';
    features = points;
    cells = [];
    loadedPoints = { key, bounds };
  } else {
    mode = seesPoints() ? 'clusters' : 'cells';
    cells = response.cells;
    minCount = response.minCount ?? minCount;
    features = [];
    loadedPoints = null;
  }
  renderData();
}

function bucketFor() {
  const days = (store.filter.to - store.filter.from) / 86400000 + 1;
  return days <= 92 ? 'day' : days <= 400 ? 'week' : 'month';
}

function emptySeries() {
  return { bucketSize: bucketFor(), total: 0, buckets: [] };
}

// ---- rendering -----------------------------------------------------------------------------

function renderData() {
  clusters.clearLayers();
  serverClusters.clear();
  areaLayer.clearLayers();
  // The mode's layer on the map first: markercluster given a thousand markers while off the map
  // checked each against all before it (hasLayer on its waiting list), some 25 ms of a zoom step.
  applyDisplay();
  if (mode === 'points') {
    clusters.addLayers(features.map(makeMarker));
    const maxQ = 8;
    heat.setOptions({ max: 3, maxZoom: 15 });
    heat.setLatLngs(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0], Math.min(f.properties.quantity || 1, maxQ) / maxQ]));
  } else if (mode === 'clusters') {
    serverClusters.draw(cells, mapState.map);
    // One heat point per cell, weighed against the busy cells (90th percentile) of the view.
    const sorted = cells.map((c) => c.count).sort((a, b) => a - b);
    const high = sorted[Math.floor(sorted.length * 0.9)] || 1;
    heat.setOptions({ max: 1, maxZoom: 0 });
    heat.setLatLngs(cells.map((c) => [c.lat, c.lon, Math.min(1, c.count / high)]));
  } else {
    setBreaks(cells.map((c) => c.count));
    areaLayer.addData({ type: 'FeatureCollection', features: cells.map(cellFeature) });
  }
  renderSummary();
  renderLegend();
  const counts = countByCategory();
  document.querySelectorAll('[data-count-for]').forEach((el) => {
    const n = counts[el.dataset.countFor];
    el.textContent = n ? formatNumber(n) : '';
  });
  document.body.dataset.observations = String(features.length);
  document.body.dataset.mapMode = mode;
  document.dispatchEvent(new CustomEvent('observations-loaded', { detail: { count: features.length, mode } }));
  markFirstDraw();
}

/** The performance hook the bench reads: the first time data is on the map (see web/README.md). */
function markFirstDraw() {
  if (firstDrawn || !visible) return;
  firstDrawn = true;
  requestAnimationFrame(() => {
    performance.mark('sm:first-draw');
    document.documentElement.dataset.firstDraw = 'true';
  });
}

/** On the first load, start where the scene is rather than on the whole region. */
function fitToDataOnce() {
  if (!firstLoad) return;
  firstLoad = false;
  if (/^#\/?\w+\/[\d.]+\//.test(location.hash)) return;
  let bounds = mode === 'points' && features.length ? clusters.getBounds() : null;
  if (mode !== 'points' && cells.length) bounds = cells.reduce((b, c) => b.extend(cellBounds(c)), L.latLngBounds(cellBounds(cells[0])));
  if (bounds?.isValid()) mapState.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
}

function renderSummary() {
  if (!series) return;
  const total = series.total;
  const quantity = series.buckets.reduce((s, b) => s + b.quantity, 0);
  $('obs-summary').textContent = total
    ? t('obs.summary', { count: total, quantity })
    : t('obs.summaryNone');
  $('obs-summary').dataset.count = String(total);
}

/** Counts per category of what the map holds (the view's points or cells). */
function countByCategory() {
  const counts = {};
  for (const f of features) counts[f.properties.category] = (counts[f.properties.category] || 0) + 1;
  for (const c of cells) for (const [code, n] of Object.entries(c.categories)) counts[code] = (counts[code] || 0) + n;
  return counts;
}

const cellBounds = (c) => L.latLngBounds([c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]);

/** Zooms to the extent of the cells' members, at least one level deeper. */
function zoomToCells(list) {
  const map = mapState.map;
  const bounds = list.reduce((b, c) => b.extend(cellBounds(c)), L.latLngBounds(cellBounds(list[0])));
  const zoom = Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 1, map.getBoundsZoom(bounds.pad(0.15))));
  map.setView(bounds.getCenter(), zoom);
}

/** A planner's cell as a GeoJSON polygon for the count layer. */
function cellFeature(c) {
  const [x0, y0, x1, y1] = c.bbox;
  return {
    type: 'Feature', id: c.id, properties: { count: c.count },
    geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
  };
}

function makeMarker(feature) {
  const p = feature.properties;
  const category = categoryByCode(p.category);
  const [lon, lat] = feature.geometry.coordinates;
  const marker = L.marker([lat, lon], {
    icon: L.divIcon({
      className: 'obs-marker',
      html: `<span class="obs-symbol" data-id="${escapeHtml(String(p.id))}" data-category="${escapeHtml(p.category)}">${categorySvg(category, { size: 22 })}</span>`,
      iconSize: [22, 22],
      iconAnchor: [11, 11],
      popupAnchor: [0, -10],
    }),
    title: markerTitle(feature),
    alt: markerTitle(feature),
    riseOnHover: true,
  });
  marker.feature = feature;
  marker.bindPopup(() => popupHtml(feature), { maxWidth: 300, className: 'obs-popup' });
  return marker;
}

function markerTitle(feature) {
  const p = feature.properties;
  return `${categoryLabel(categoryByCode(p.category)) || p.category} · ${formatDateTime(p.observedAt)}`;
}

/** After a language change: the titles and cluster labels already drawn (an open popup is
 * written again by map.js). */
function relabelMarkers() {
  if (mode === 'clusters') { renderData(); return; } // server cells have no popup to keep open: drawn anew
  // Points: changed in place, so that an open popup stays open. refreshClusters() without a list
  // needs the group to have been on the map once: pass the markers.
  const points = [];
  clusters.eachLayer((m) => { setMarkerTitle(m, markerTitle(m.feature)); points.push(m); });
  clusters.refreshClusters(points);
}

export function popupHtml(feature) {
  const p = feature.properties;
  const category = categoryByCode(p.category);
  const rows = [
    [t('popup.time'), formatDateTime(p.observedAt, { dateStyle: 'full', timeStyle: 'short' })],
    [t('popup.quantity'), formatNumber(p.quantity)],
    [t('popup.source'), sourceLabel(p.source)],
  ];
  if (p.organisation) rows.push([t('popup.organisation'), p.organisation]);
  const note = p.note ? `<p class="popup-note"><span class="sr-only">${escapeHtml(t('popup.note'))}: </span>${escapeHtml(p.note)}</p>` : '';
  // Ids are opaque text for analysts (numbers only for recorders and admins): never parsed as numbers.
  return `<div class="popup" data-observation="${escapeHtml(String(p.id))}">
    <div class="popup-head">${categorySvg(category, { size: 22, outline: '#1f2933' })}
      <strong>${escapeHtml(categoryLabel(category) || p.category)}</strong></div>
    <dl class="popup-rows">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
    ${note}
    <p class="popup-id">${escapeHtml(t('popup.id'))} #${escapeHtml(String(p.id))}</p>
  </div>`;
}

/** A client-side cluster (points mode): the same ring as the server's cells. */
function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const shares = {};
  for (const m of children) shares[m.feature.properties.category] = (shares[m.feature.properties.category] || 0) + 1;
  return ringIcon(children.length, shares, t('obs.clusterLabel', { count: children.length }));
}

function applyDisplay() {
  document.querySelector('.display-switch').hidden = !seesPoints();
  if (seesPoints()) document.body.dataset.mapDisplay = display; // the address keeps it (view-state.js)
  else delete document.body.dataset.mapDisplay;
  if (!visible) return;
  if (!seesPoints()) {
    clusters.remove(); serverClusters.layer.remove(); heat.remove();
    areaLayer.addTo(mapState.map);
    return;
  }
  areaLayer.remove();
  const markers = mode === 'clusters' ? serverClusters.layer : clusters;
  (mode === 'clusters' ? clusters : serverClusters.layer).remove();
  if (display === 'heat') { markers.remove(); heat.addTo(mapState.map); }
  else { heat.remove(); markers.addTo(mapState.map); }
}

function renderLegend() {
  if (!visible) return;
  if (!seesPoints()) {
    legend.show(countLegendHtml());
    return;
  }
  if (display === 'heat') {
    legend.show(`<h2>${escapeHtml(t('obs.heatLegend'))}</h2>
      <div class="heat-scale" aria-hidden="true"></div>
      <div class="heat-labels"><span>${escapeHtml(t('obs.heatLow'))}</span><span>${escapeHtml(t('obs.heatHigh'))}</span></div>`);
    return;
  }
  const selected = store.categories.filter((c) => store.filter.categories.has(c.code));
  const note = mode === 'clusters' ? `<p class="legend-note">${escapeHtml(t('obs.serverClustersNote'))}</p>` : '';
  legend.show(`<h2>${escapeHtml(t('map.legend'))}</h2><ul class="legend-list">${selected.map((c) =>
    `<li>${categorySvg(c, { size: 16, outline: '#1f2933' })}<span>${escapeHtml(categoryLabel(c))}</span></li>`).join('')}</ul>${note}`);
}

function renderChart() {
  if (!series) return;
  const labels = series.buckets.map((b) => bucketLabel(b.start, series.bucketSize));
  const data = series.buckets.map((b) => b.count);
  $('chart-bucket').textContent = t({ day: 'obs.perDay', week: 'obs.perWeek', month: 'obs.perMonth' }[series.bucketSize] || 'obs.perDay');
  if (!chartReady(renderChart)) return;
  const Chart = window.Chart;
  if (!chart) {
    chart = new Chart($('obs-chart'), {
      type: 'bar',
      data: { labels, datasets: [{ label: t('obs.count'), data, backgroundColor: '#2a6f97', hoverBackgroundColor: '#0b3a5b', borderRadius: 2, maxBarThickness: 18 }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => `${t('obs.count')}: ${formatNumber(ctx.parsed.y)}` } },
        },
        scales: {
          x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 6, color: '#52606d', font: { size: 11 } } },
          y: { beginAtZero: true, grid: { color: '#e4e7eb' }, ticks: { precision: 0, color: '#52606d', font: { size: 11 }, callback: (v) => formatNumber(v) } },
        },
      },
    });
  } else {
    chart.data.labels = labels;
    chart.data.datasets[0].data = data;
    chart.data.datasets[0].label = t('obs.count');
    chart.update('none');
  }
  $('obs-chart').setAttribute('aria-label', `${t('obs.chartTitle')}: ${series.total}`);
}

function bucketLabel(iso, bucket) {
  if (bucket === 'month') return formatDate(iso, { month: 'short', year: 'numeric' });
  return formatDate(iso, { day: 'numeric', month: 'short' });
}

// ---- planners: counts per grid cell (or per municipality on servers without aggregates) ----

const COUNT_COLOURS = ['#deebf7', '#9ecae1', '#4292c6', '#2171b5', '#08306b'];
let countBreaks = [1, 5, 10, 20, 50];
let minCount = K_ANONYMITY;

/** Five classes from the counts' quantiles (rounded), so the map reads well at any period. */
function setBreaks(counts) {
  const sorted = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (!sorted.length) { countBreaks = [1, 5, 10, 20, 50]; return; }
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const breaks = [sorted[0], q(0.4), q(0.65), q(0.85), q(0.95)].map((n) => (n > 20 ? Math.round(n / 5) * 5 : n));
  countBreaks = breaks.filter((n, i) => i === 0 || n > breaks[i - 1]);
}

function areaStyle(feature) {
  const n = feature.properties.count;
  if (n === null || n === undefined) return { color: '#7b8794', weight: 0.8, fillColor: '#f5f7fa', fillOpacity: 0.6, dashArray: '2 3', className: 'count-cell suppressed' };
  let i = 0;
  while (i + 1 < countBreaks.length && n >= countBreaks[i + 1]) i++;
  return { color: '#3e4c59', weight: 0.6, opacity: 0.6, fillColor: COUNT_COLOURS[i], fillOpacity: 0.8, className: 'count-cell' };
}

function bindAreaTooltip(feature, layer) {
  layer.bindTooltip(() => areaTooltip(feature), { sticky: true });
}

function areaTooltip(feature) {
  const p = feature.properties;
  const value = p.count === null || p.count === undefined ? t('obs.suppressed', { k: minCount }) : t('obs.areaCount', { count: p.count });
  const name = p.name ? `<strong>${escapeHtml(areaName(p))}</strong><br>` : '';
  return `${name}${escapeHtml(value)}`;
}

function refreshAreaTooltips() {
  areaLayer?.eachLayer((l) => l.setTooltipContent(areaTooltip(l.feature)));
}

function countLegendHtml() {
  const items = countBreaks.map((b, i) => {
    const next = countBreaks[i + 1];
    const label = next ? `${formatNumber(b)}–${formatNumber(next - 1)}` : `≥ ${formatNumber(b)}`;
    return `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" rx="2" fill="${COUNT_COLOURS[i]}" stroke="#3e4c59" stroke-width="0.6"/></svg><span>${label}</span></li>`;
  });
  return `<h2>${escapeHtml(t('obs.countLegend'))}</h2><ul class="legend-list">${items.join('')}</ul>`
    + `<p class="legend-note">${escapeHtml(t('obs.aggregatesOnly'))} ${escapeHtml(t('obs.suppressedNote', { k: minCount }))}</p>`;
}

export function currentFeatures() { return features; }
export function currentSeries() { return series; }
