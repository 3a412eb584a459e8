// Displacement: the analysis around an intervention (or an area and two periods of one's own):
// the grid of hot-spot change classes, displacement arrows, the ellipses and mean centres, the
// target area with its buffer rings; the written summary (verdict, measures, timeline) is
// displacement-summary.js, shared with the printable report (report.js).
import { ApiError, api } from '../api.js';
import {
  areaName, compass, formatDate, formatDistance, formatNumber, locale, onLanguageChange, t,
} from '../i18n.js';
import { allAreas, createLegend, state as mapState } from '../map.js';
import { addDays, allCategoriesSelected, dateFromInput, dateToInput, dayStartIso, startOfDay, store } from '../store.js';
import {
  CELL_CHANGE_COLOURS, CHANGE_CLASSES, GAP_COLOUR, GI_BINS, PERIOD_COLOURS, classStyle, classSwatch, escapeHtml,
} from '../symbols.js';
import { $, errorMessage, progress, saveFile } from '../ui.js';
import { fewerMore, localName, summaryHtml } from './displacement-summary.js';
import { installExplanations } from './explain.js';
import { drawResultMap, gapGeometry } from './map-image.js';
import { drawTimeline } from './timeline.js';

const L = window.L;

let renderer, layers, legend;
let visible = false;
let mode = 'intervention';
let show = 'tested'; // tested change per cell; 'change' (Gi* classes), 'before', 'after'
let interventions = null; // null: not loaded; [] none; false: endpoint missing
let result = null;
let title = '';
let drawing = null;
let drawnArea = null;

export const displacementView = {
  init() {
    renderer = L.svg({ pane: 'analysis', padding: 0.5 });
    layers = {
      cells: L.layerGroup(), areas: L.layerGroup(), ellipses: L.layerGroup(), vectors: L.layerGroup(), draw: L.layerGroup(),
    };
    legend = createLegend('bottomright');
    installExplanations();
    defaultPeriods();
    bindEvents();
    onLanguageChange(() => {
      renderInterventionOptions();
      renderAreaOptions();
      if (result) { renderSummary(); renderLegend(); renderVectorSentence(); }
    });
    document.addEventListener('areas-loaded', renderAreaOptions);
  },

  async show() {
    visible = true;
    for (const layer of Object.values(layers)) layer.addTo(mapState.map);
    setMode(mode);
    if (result) { renderLegend(); fitResult(); }
    if (interventions === null) await loadInterventions(!/^#\/?displacement\/analysis\//.test(location.hash));
  },

  /** Shows a saved analysis (GET /api/analyses/{id}), e.g. from a link #/displacement/analysis/{id}. */
  async openSaved(id) {
    if (result && String(result.id) === id) return;
    const bar = progress('dis-progress');
    bar.set(null, t('dis.running'));
    try {
      const saved = await api.analysis(id);
      const label = saved.parameters?.studyArea || t('dis.unnamed', { id });
      showResult(saved, label.replace(/^intervention \d+: /, ''));
    } catch (e) {
      showProblem(e instanceof ApiError && e.status === 404 ? t('dis.notFound') : t('dis.failed', { message: errorMessage(e) }));
    } finally {
      bar.done();
    }
  },

  hide() {
    visible = false;
    stopDrawing();
    for (const layer of Object.values(layers)) layer.remove();
    legend.hide();
  },
};

// ---- inputs --------------------------------------------------------------------------------

function bindEvents() {
  document.querySelectorAll('[data-dis-mode]').forEach((b) => b.addEventListener('click', () => setMode(b.dataset.disMode)));
  document.querySelectorAll('[data-dis-show]').forEach((b) => b.addEventListener('click', () => {
    show = b.dataset.disShow;
    renderResult(false);
  }));
  $('dis-intervention').addEventListener('change', () => { renderInterventionInfo(); run(); });
  $('dis-run').addEventListener('click', run);
  $('dis-draw').addEventListener('click', () => (drawing ? finishDrawing() : startDrawing()));
  $('dis-area').addEventListener('change', () => {
    if ($('dis-area').value !== 'drawn') { drawnArea = null; layers.draw.clearLayers(); }
  });
}

function setMode(next) {
  mode = next;
  document.querySelectorAll('[data-dis-mode]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.disMode === mode)));
  document.querySelectorAll('[data-dis-panel]').forEach((p) => { p.hidden = p.dataset.disPanel !== mode; });
  if (mode !== 'custom') stopDrawing();
}

function defaultPeriods() {
  const today = startOfDay(new Date());
  $('dis-after-to').value = dateToInput(today);
  $('dis-after-from').value = dateToInput(addDays(today, -89));
  $('dis-before-to').value = dateToInput(addDays(today, -90));
  $('dis-before-from').value = dateToInput(addDays(today, -179));
}

async function loadInterventions(runFirst = true) {
  try {
    interventions = await api.interventions();
  } catch (e) {
    interventions = e instanceof ApiError && (e.status === 404 || e.status === 405) ? false : [];
    if (interventions === false) showProblem(t('dis.notAvailable'));
    else showProblem(t('dis.failed', { message: errorMessage(e) }));
  }
  renderInterventionOptions();
  if (runFirst && interventions && interventions.length && !result) run();
}

function renderInterventionOptions() {
  const select = $('dis-intervention');
  const chosen = select.value;
  if (!interventions || !interventions.length) {
    select.innerHTML = `<option value="">${escapeHtml(interventions === false ? t('dis.notAvailable') : t('dis.noInterventions'))}</option>`;
    select.disabled = true;
    $('dis-intervention-info').textContent = '';
    return;
  }
  select.disabled = false;
  select.innerHTML = interventions.map((i) => `<option value="${i.id}">${escapeHtml(i.name)}</option>`).join('');
  if (chosen && interventions.some((i) => String(i.id) === chosen)) select.value = chosen;
  renderInterventionInfo();
}

function selectedIntervention() {
  return (interventions || []).find((i) => String(i.id) === $('dis-intervention').value);
}

function renderInterventionInfo() {
  const i = selectedIntervention();
  if (!i) { $('dis-intervention-info').textContent = ''; return; }
  const words = (prefix, code) => { const k = `${prefix}.${code}`; const s = t(k); return s === k ? code : s; };
  $('dis-intervention-info').textContent = t(i.endsAt ? 'dis.interventionInfoEnd' : 'dis.interventionInfo', {
    kind: words('kind', i.kind), pillar: words('pillar', i.pillar), start: formatDate(i.startsAt), end: i.endsAt ? formatDate(i.endsAt) : '',
  });
}

function renderAreaOptions() {
  const select = $('dis-area');
  const chosen = select.value;
  const areas = allAreas().filter((a) => a.kind !== 'region');
  const group = (kind, label) => `<optgroup label="${escapeHtml(label)}">${areas.filter((a) => a.kind === kind)
    .sort((a, b) => areaName(a).localeCompare(areaName(b), locale()))
    .map((a) => `<option value="${a.id}">${escapeHtml(areaName(a))}</option>`).join('')}</optgroup>`;
  select.innerHTML = `<option value="">${escapeHtml(t('dis.chooseArea'))}</option>`
    + (drawnArea ? `<option value="drawn">${escapeHtml(t('dis.drawnArea'))}</option>` : '')
    + group('neighbourhood', t('filter.neighbourhoods')) + group('municipality', t('filter.municipalities'));
  select.value = chosen;
}

// ---- drawing an area -----------------------------------------------------------------------

function startDrawing() {
  drawing = { points: [], line: null, markers: L.layerGroup().addTo(layers.draw) };
  layers.draw.clearLayers();
  drawing.markers.addTo(layers.draw);
  $('dis-draw').setAttribute('aria-pressed', 'true');
  $('dis-draw').textContent = t('dis.drawStop');
  $('dis-draw-hint').textContent = t('dis.drawing');
  mapState.map.getContainer().classList.add('picking');
  mapState.map.doubleClickZoom.disable();
  mapState.map.on('click', addVertex);
  mapState.map.on('dblclick', finishDrawing);
  document.addEventListener('keydown', drawKeys);
}

function addVertex(e) {
  const pts = drawing.points;
  if (pts.length >= 3 && mapState.map.latLngToContainerPoint(pts[0]).distanceTo(e.containerPoint) < 12) { finishDrawing(); return; }
  pts.push(e.latlng);
  L.circleMarker(e.latlng, { radius: 5, color: '#0b3a5b', weight: 2, fillColor: '#fff', fillOpacity: 1, renderer }).addTo(drawing.markers);
  if (drawing.line) drawing.line.setLatLngs(pts);
  else drawing.line = L.polygon(pts, { color: '#0b3a5b', weight: 2, dashArray: '5 4', fillOpacity: 0.08, renderer }).addTo(layers.draw);
}

function drawKeys(e) {
  if (e.key === 'Enter') { e.preventDefault(); finishDrawing(); }
  if (e.key === 'Escape') { layers.draw.clearLayers(); stopDrawing(); }
}

function finishDrawing() {
  if (!drawing) return;
  const pts = drawing.points;
  stopDrawing();
  if (pts.length < 3) { layers.draw.clearLayers(); return; }
  const ring = pts.map((p) => [Number(p.lng.toFixed(6)), Number(p.lat.toFixed(6))]);
  ring.push(ring[0]);
  drawnArea = { type: 'Polygon', coordinates: [ring] };
  layers.draw.clearLayers();
  L.geoJSON(drawnArea, { style: { color: '#0b3a5b', weight: 2, dashArray: '5 4', fillOpacity: 0.06 }, renderer }).addTo(layers.draw);
  renderAreaOptions();
  $('dis-area').value = 'drawn';
  $('dis-draw-hint').textContent = t('dis.drawDone', { corners: pts.length });
}

function stopDrawing() {
  if (!drawing) return;
  drawing = null;
  mapState.map.off('click', addVertex);
  mapState.map.off('dblclick', finishDrawing);
  mapState.map.doubleClickZoom.enable();
  mapState.map.getContainer().classList.remove('picking');
  document.removeEventListener('keydown', drawKeys);
  $('dis-draw').setAttribute('aria-pressed', 'false');
  $('dis-draw').textContent = t('dis.draw');
  $('dis-draw-hint').textContent = '';
}

// ---- running the analysis ------------------------------------------------------------------

function showProblem(text) {
  $('dis-problem').textContent = text;
  $('dis-problem').hidden = !text;
}

async function run() {
  showProblem('');
  const cellSize = Number($('dis-cell').value);
  const grid = $('dis-grid').value;
  const onlySweptCells = $('dis-swept').checked;
  let request, name;
  if (mode === 'intervention') {
    const i = selectedIntervention();
    if (!i) { showProblem(interventions === false ? t('dis.notAvailable') : t('dis.noInterventions')); return; }
    name = i.name;
    request = () => api.interventionDisplacement(i.id, { cellSize, grid, onlySweptCells: onlySweptCells || undefined });
  } else {
    const areaValue = $('dis-area').value;
    const target = areaValue === 'drawn' ? drawnArea : areaValue ? allAreas().find((a) => String(a.id) === areaValue)?.geometry : null;
    if (!target) { showProblem(t('dis.needArea')); return; }
    const periods = ['before-from', 'before-to', 'after-from', 'after-to'].map((k) => dateFromInput($(`dis-${k}`).value));
    if (periods.some((p) => !p)) { showProblem(t('dis.needPeriods')); return; }
    const body = {
      // The study area reaches 2 km around the target, as for interventions; the target is the
      // area whose change the WDQ and WDD measure against its rings.
      area: paddedBbox(target, STUDY_MARGIN_METRES),
      target,
      before: { from: dayStartIso(periods[0]), to: dayStartIso(addDays(periods[1], 1)) },
      after: { from: dayStartIso(periods[2]), to: dayStartIso(addDays(periods[3], 1)) },
      cellSize, grid, onlySweptCells,
    };
    if (!allCategoriesSelected()) body.categories = [...store.filter.categories];
    name = areaValue === 'drawn' ? t('dis.drawnArea') : areaName(allAreas().find((a) => String(a.id) === areaValue) || { name: areaValue });
    request = () => api.displacement(body);
  }

  const bar = progress('dis-progress');
  bar.set(null, t('dis.running'));
  $('dis-run').disabled = true;
  try {
    showResult(await request(), name);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405) && !e.problem?.errors) showProblem(t('dis.notAvailable'));
    else if (e instanceof ApiError && e.status === 403) showProblem(t('dis.forbidden'));
    else showProblem(t('dis.failed', { message: errorMessage(e) }));
  } finally {
    bar.done();
    $('dis-run').disabled = false;
  }
}

const STUDY_MARGIN_METRES = 2000;

/** [minLon, minLat, maxLon, maxLat] of a geometry, widened by `metres` on every side. */
function paddedBbox(geometry, metres) {
  const b = L.geoJSON(geometry).getBounds();
  const dLat = metres / 111320;
  const dLon = metres / (111320 * Math.cos((b.getCenter().lat * Math.PI) / 180));
  const r = (x) => Number(x.toFixed(6));
  return [r(b.getWest() - dLon), r(b.getSouth() - dLat), r(b.getEast() + dLon), r(b.getNorth() + dLat)];
}

function showResult(value, name) {
  result = value;
  title = name;
  store.analysis = { name, result };
  $('dis-results').hidden = false;
  renderResult(true);
  // A link to the saved result: it can be bookmarked or sent to a colleague.
  // Only while the address still says displacement: a result that arrives just after the user
  // navigated away (the hashchange event has not run yet) must not pull the address back.
  if (result.id && visible && /^#\/?displacement(\/|$)/.test(location.hash)) {
    history.replaceState(null, '', `#/displacement/analysis/${result.id}`);
  }
  document.dispatchEvent(new CustomEvent('analysis-ready'));
}

// ---- drawing the result --------------------------------------------------------------------

/** Both period views of the change (tested per cell, or Gi* classes) show arrows, ellipses, centres. */
const changeMode = () => show === 'tested' || show === 'change';
const hasTested = () => (result?.cells?.features || []).some((f) => f.properties.change);

function renderResult(fit) {
  if (!result) return;
  if (show === 'tested' && !hasTested()) show = 'change';
  $('dis-show-tested').hidden = !hasTested();
  document.querySelectorAll('[data-dis-show]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.disShow === show)));
  // The drawn shape is now the target outline; keep only the result's layers.
  for (const layer of Object.values(layers)) layer.clearLayers();
  renderCells();
  renderAreas();
  renderEllipses();
  if (changeMode()) renderVectors();
  renderVectorSentence();
  renderSummary();
  renderLegend();
  if (fit) fitResult();
  document.body.dataset.analysis = String(result.id ?? 'ready');
}

function renderCells() {
  const cells = result.cells?.features || [];
  L.geoJSON({ type: 'FeatureCollection', features: cells }, {
    renderer,
    style: (f) => cellStyle(f.properties),
    onEachFeature: (f, layer) => {
      const p = f.properties;
      explain(layer, () => cellText(p));
      // Leaflet's tooltip focus listeners make every cell a tab stop in Chromium: hundreds of them,
      // in front of the arrows, ellipses and areas. Keyboard users have the same numbers in the
      // summary and the downloadable cells table, so cells stay out of the Tab sequence.
      layer.on('add', () => {
        const el = layer.getElement();
        el?.setAttribute('data-class', p.class || 'none');
        if (p.change) el?.setAttribute('data-change', p.change);
        el?.setAttribute('tabindex', '-1');
      });
    },
  }).addTo(layers.cells);
}

/** Every map feature explains itself: a tooltip on hover (mouse) and the same text, or a longer
 * one, as a popup on click or tap (phones have no hover). The tooltip closes when the popup opens,
 * so a tap does not show the text twice. */
function explain(layer, tip, popup = tip) {
  layer.bindTooltip(tip, { sticky: true });
  layer.bindPopup(() => `<div class="popup map-popup">${popup()}</div>`);
  layer.on('popupopen', () => layer.closeTooltip());
  return layer;
}

function cellText(p) {
  const counts = t('dis.cellTip', { class: t(`class.${p.class || 'none'}`), a: formatNumber(p.countA ?? 0), b: formatNumber(p.countB ?? 0) });
  if (!p.change) return escapeHtml(counts);
  const change = t(`ev.cellChange.${p.change}`);
  const pValue = p.changeP !== undefined && p.changeP !== null ? ` (p = ${formatNumber(p.changeP, { maximumSignificantDigits: 2 })})` : '';
  return `<strong>${escapeHtml(change + pValue)}</strong><br>${escapeHtml(t('ev.cellCounts', { a: formatNumber(p.countA ?? 0), b: formatNumber(p.countB ?? 0) }))}`
    + `<br><span class="muted">${escapeHtml(t('ev.giContext', { class: t(`class.${p.class || 'none'}`) }))}</span>`;
}

function cellStyle(p) {
  if (show === 'tested') {
    const colour = CELL_CHANGE_COLOURS[p.change];
    if (!colour) return { renderer, color: '#9aa5b1', weight: 0.4, opacity: 0.5, fill: false, className: 'cell cell-none' };
    return { color: '#3e4c59', weight: 0.7, opacity: 0.8, fillColor: colour, fillOpacity: 0.7, className: `cell cell-change-${p.change}` };
  }
  if (show === 'change') {
    if (!p.class || p.class === 'none') return { renderer, color: '#9aa5b1', weight: 0.4, opacity: 0.5, fill: false, className: 'cell cell-none' };
    return { ...classStyle(p.class), className: `cell cell-${p.class}` };
  }
  const bin = show === 'before' ? p.binA : p.binB;
  const count = show === 'before' ? p.countA : p.countB;
  const entry = GI_BINS.find((b) => b.bin === bin);
  if (!entry?.colour) {
    return count ? { color: '#9aa5b1', weight: 0.5, opacity: 0.6, fillColor: '#cbd2d9', fillOpacity: 0.35, className: 'cell' }
      : { color: '#9aa5b1', weight: 0.4, opacity: 0.4, fill: false, className: 'cell' };
  }
  return { color: '#3e4c59', weight: 0.6, opacity: 0.7, fillColor: entry.colour, fillOpacity: 0.8, className: 'cell' };
}

function renderAreas() {
  const features = result.target?.features || [];
  const order = { control: 0, gap: 1, ring: 2, target: 3 };
  const gap = gapGeometry(result);
  const all = [...features.filter((f) => f.properties.role !== 'gap'), ...(gap ? [{ type: 'Feature', geometry: gap, properties: { role: 'gap', ...result.summary.catchment.gap } }] : [])];
  all.sort((a, b) => (order[a.properties.role] ?? 0) - (order[b.properties.role] ?? 0)).forEach((f) => {
    const role = f.properties.role;
    const style = role === 'target'
      ? { color: '#111827', weight: 3, fill: false }
      : role === 'ring'
        ? { color: '#3e4c59', weight: 1.6, dashArray: '6 5', fill: false }
        : role === 'gap'
          ? { color: GAP_COLOUR, weight: 1.2, dashArray: '3 3', fillColor: 'url(#pat-gap)', fillOpacity: 1 }
          : { color: '#6b21a8', weight: 1.6, dashArray: '1 5', lineCap: 'round', fill: false };
    const layer = L.geoJSON(f, { renderer, style: { ...style, className: `area-${role}` }, interactive: true }).addTo(layers.areas);
    explain(layer, () => areaText(f.properties)); // text made when shown: in the language of that moment
  });
}

function areaText(p) {
  const counts = p.before !== undefined && p.after !== undefined
    ? `<br>${escapeHtml(t('ev.placeCounts', { before: formatNumber(p.before), after: formatNumber(p.after) }))} · ${escapeHtml(fewerMore(p.after - p.before))}` : '';
  if (p.role === 'ring') return `<strong>${escapeHtml(t('dis.rings'))}: ${escapeHtml(t('dis.ringLabel', { inner: formatNumber(p.inner), outer: formatNumber(p.outer) }))}</strong>${counts}`;
  if (p.role === 'target') return `<strong>${escapeHtml(t('dis.target'))}</strong>${counts}`;
  if (p.role === 'gap') return `<strong>${escapeHtml(t('ev.legendGap'))}</strong><br>${escapeHtml(t('ev.gap', { inner: formatNumber(p.inner), outer: formatNumber(p.outer) }))}`;
  const label = result.summary?.catchment?.control?.label;
  return `<strong>${escapeHtml(t('dis.control'))}</strong>${label ? `<br>${escapeHtml(label)}` : ''}${counts}`;
}

function renderEllipses() {
  for (const f of result.ellipses?.features || []) {
    const period = f.properties.period;
    if (!changeMode() && period !== show) continue;
    const colour = PERIOD_COLOURS[period] || '#333';
    const text = () => escapeHtml(t(period === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'));
    explain(L.geoJSON(f, {
      renderer,
      style: { color: colour, weight: 2.5, dashArray: period === 'before' ? '8 6' : null, fill: false, className: `ellipse ellipse-${period}` },
    }), text, () => `${text()}<br>${escapeHtml(t('ev.ellipseInfo'))}`).addTo(layers.ellipses);
  }
  const centres = {};
  for (const f of result.centres?.features || []) {
    const period = f.properties.period;
    const [lon, lat] = f.geometry.coordinates;
    centres[period] = [lat, lon];
    if (!changeMode() && period !== show) continue;
    const text = () => escapeHtml(t(period === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'));
    explain(L.circleMarker([lat, lon], {
      renderer, radius: 7, color: '#fff', weight: 2.5, fillColor: PERIOD_COLOURS[period] || '#333', fillOpacity: 1,
      className: `centre centre-${period}`,
    }), text).addTo(layers.ellipses);
  }
  if (changeMode() && centres.before && centres.after) {
    const shift = L.polyline([centres.before, centres.after], { renderer, color: '#1f2933', weight: 2, dashArray: '2 4', className: 'centre-shift' })
      .addTo(layers.ellipses);
    withArrow(shift);
  }
}

function renderVectors() {
  const vectors = result.vectors?.features || [];
  const maxWeight = Math.max(1, ...vectors.map((v) => Math.abs(v.properties.weight || 0)));
  for (const v of vectors) {
    const p = v.properties;
    const latlngs = v.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
    const width = 2.5 + 7.5 * Math.sqrt(Math.abs(p.weight || 0) / maxWeight);
    L.polyline(latlngs, { renderer, color: '#ffffff', weight: width + 3, opacity: 0.9, interactive: false, lineCap: 'round' }).addTo(layers.vectors);
    const line = explain(L.polyline(latlngs, { renderer, color: '#1b1b1b', weight: width, opacity: 0.95, lineCap: 'round', className: 'vector' }), () => vectorText(p))
      .addTo(layers.vectors);
    withArrow(line);
  }
}

function vectorText(p) {
  const from = localName(p.fromName), to = localName(p.toName);
  const head = from && to ? t('ev.vectorFromTo', { from, to }) : t('dis.vector');
  const where = t('ev.vectorWhere', { distance: formatDistance(p.distance), direction: compass(p.bearing), bearing: Math.round(p.bearing) });
  const counts = (label, c) => (c ? `<br>${escapeHtml(t(label, { before: formatNumber(c.before), after: formatNumber(c.after) }))}` : '');
  return `<strong>${escapeHtml(head)}</strong><br>${escapeHtml(where)}${counts('ev.vectorFromCounts', p.fromCount)}${counts('ev.vectorToCounts', p.toCount)}`;
}

/** One sentence under the layer buttons that says what the arrows mean (issue: "weight 1.8"). */
function renderVectorSentence() {
  const el = $('dis-vector-sentence');
  const any = changeMode() && (result.vectors?.features || []).length;
  el.hidden = !any;
  if (!any) return;
  const distance = formatDistance(result.parameters?.maxVectorDistance ?? 2000);
  el.textContent = t(hasTested() ? 'ev.vectorSentence' : 'ev.vectorSentenceGi', { distance });
}

/** SVG arrow head at the end of a line; set again whenever Leaflet re-creates the element. */
function withArrow(line) {
  const set = () => line.getElement()?.setAttribute('marker-end', 'url(#arrow)');
  line.on('add', set);
  set();
}

function fitResult() {
  // The target and its rings (not the control area, which can be the whole region), else the cells.
  const near = layers.areas.getLayers().filter((l) => !l.getLayers?.().some((x) => ['control', 'gap'].includes(x.feature?.properties?.role)));
  const group = L.featureGroup(near.length ? near : layers.cells.getLayers());
  const bounds = group.getBounds();
  if (bounds.isValid()) mapState.map.fitBounds(bounds.pad(0.35), { padding: [16, 16], maxZoom: 17 });
}

// ---- legend and summary --------------------------------------------------------------------

const swatchRect = (fill, opacity, stroke = '#3e4c59') => `<svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" rx="2" fill="${fill}" fill-opacity="${opacity}" stroke="${stroke}" stroke-width="0.6"/></svg>`;

function renderLegend() {
  if (!visible || !result) return;
  const present = new Set((result.cells?.features || []).map((f) => f.properties.class));
  let cells;
  if (show === 'tested') {
    const item = (code) => `<li>${swatchRect(CELL_CHANGE_COLOURS[code] || '#ffffff', CELL_CHANGE_COLOURS[code] ? 0.75 : 0)}<span>${escapeHtml(t(`ev.legend${code === 'increase' ? 'Increase' : code === 'decrease' ? 'Decrease' : 'None'}`))}</span></li>`;
    cells = `<h2>${escapeHtml(t('ev.legendTested'))}</h2><ul class="legend-list">${['decrease', 'increase', 'none'].map(item).join('')}</ul>`
      + `<p class="legend-note">${escapeHtml(t('ev.legendTestedNote'))}</p>`;
  } else if (show === 'change') {
    const hot = CHANGE_CLASSES.filter((c) => !c.code.startsWith('cold_'));
    const cold = CHANGE_CLASSES.filter((c) => c.code.startsWith('cold_') && present.has(c.code));
    const item = (c) => `<li>${classSwatch(c.code)}<span>${escapeHtml(t(`class.${c.code}`))}</span></li>`;
    cells = `<h2>${escapeHtml(t('dis.legendChange'))}</h2><ul class="legend-list">${hot.map(item).join('')}</ul>`
      + (cold.length ? `<h3>${escapeHtml(t('dis.legendCold'))}</h3><ul class="legend-list">${cold.map(item).join('')}</ul>` : '');
  } else {
    cells = `<h2>${escapeHtml(t('dis.legendBins'))} · ${escapeHtml(t(show === 'before' ? 'dis.before' : 'dis.after'))}</h2><ul class="legend-list">`
      + GI_BINS.map((b) => `<li>${swatchRect(b.colour || '#cbd2d9', b.colour ? 0.85 : 0.35)}<span>${escapeHtml(t(`bin.${b.bin}`))}</span></li>`).join('')
      + '</ul>';
  }
  const periods = changeMode() ? ['before', 'after'] : [show];
  const overlays = [
    ...(changeMode() && result.vectors?.features?.length ? [`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><path d="M2 8h13" stroke="#1b1b1b" stroke-width="3.5" marker-end="url(#arrow)"/></svg><span>${escapeHtml(t('dis.vector'))}</span></li>`] : []),
    ...periods.map((p) => `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><ellipse cx="11" cy="8" rx="9" ry="5.5" fill="none" stroke="${PERIOD_COLOURS[p]}" stroke-width="2" ${p === 'before' ? 'stroke-dasharray="4 3"' : ''}/><circle cx="11" cy="8" r="2.6" fill="${PERIOD_COLOURS[p]}"/></svg><span>${escapeHtml(t(p === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'))}</span></li>`),
    `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#111827" stroke-width="2.5"/></svg><span>${escapeHtml(t('dis.target'))}</span></li>`,
    `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#3e4c59" stroke-width="1.5" stroke-dasharray="4 3"/></svg><span>${escapeHtml(t('dis.rings'))}</span></li>`,
  ];
  if (gapGeometry(result)) {
    overlays.push(`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="url(#pat-gap)" stroke="${GAP_COLOUR}" stroke-width="1.2" stroke-dasharray="3 2"/></svg><span>${escapeHtml(t('ev.legendGap'))}</span></li>`);
  }
  if ((result.target?.features || []).some((f) => f.properties.role === 'control')) {
    overlays.push(`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#6b21a8" stroke-width="1.8" stroke-dasharray="1 4" stroke-linecap="round"/></svg><span>${escapeHtml(t('dis.control'))}</span></li>`);
  }
  legend.show(`${cells}<h3>${escapeHtml(t('dis.legendOverlays'))}</h3><ul class="legend-list">${overlays.join('')}</ul>`);
}

function renderSummary() {
  $('dis-summary').innerHTML = summaryHtml(result, { title });
  drawTimeline($('dis-summary').querySelector('.timeline-canvas'), result);
  $('dis-map-png')?.addEventListener('click', () => {
    const canvas = drawResultMap(result, { cellMode: show === 'change' ? 'gi' : 'tested', boundaries: municipalities(), title });
    canvas.toBlob((blob) => saveFile(`displacement-${result.id || 'map'}.png`, blob, 'image/png'), 'image/png');
  });
}

/** Municipality outlines for the picture (the map's boundaries, when loaded). */
function municipalities() {
  return allAreas().filter((a) => a.kind === 'municipality' && a.geometry).map((a) => ({ type: 'Feature', geometry: a.geometry, properties: {} }));
}
