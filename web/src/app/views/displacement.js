// Displacement: the analysis around an intervention (or an area and two periods of one's own):
// the inputs, running it, and the state of the shown result. The map layers are drawn by
// displacement-layers.js; the written summary (verdict, measures, timeline) is
// displacement-summary.js, shared with the printable report (report.js).
import { ApiError, api } from '../api.js';
import { areaName, interventionName, formatDate, formatDistance, lang, locale, onLanguageChange, t } from '../i18n.js';
import { layerLabel } from '../region.js';
import { allAreas, createLegend, state as mapState } from '../map.js';
import { addDays, allCategoriesSelected, dateFromInput, dateToInput, dayStartIso, startOfDay, store } from '../store.js';
import { escapeHtml } from '../symbols.js';
import { $, errorMessage, progress, saveFile } from '../ui.js';
import { changeMode, drawResultLayers, hasTestedChange, legendHtml, setPopups } from './displacement-layers.js';
import { summaryHtml } from './displacement-summary.js';
import { installExplanations } from './explain.js';
import { drawResultMap } from './map-image.js';
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
    renderAreaOptions(); // loaded on first use (main.js): the areas may have arrived before
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
  select.innerHTML = interventions.map((i) => `<option value="${i.id}">${escapeHtml(interventionName(i))}</option>`).join('');
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
    + group('neighbourhood', layerLabel('neighbourhood', lang()) || t('filter.neighbourhoods')) + group('municipality', layerLabel('municipality', lang()) || t('filter.municipalities'));
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
  setPopups(false);
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
  setPopups(true);
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
    name = interventionName(i);
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

const hasTested = () => hasTestedChange(result);

function renderResult(fit) {
  if (!result) return;
  if (show === 'tested' && !hasTested()) show = 'change';
  $('dis-show-tested').hidden = !hasTested();
  document.querySelectorAll('[data-dis-show]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.disShow === show)));
  // The drawn shape is now the target outline; keep only the result's layers.
  for (const layer of Object.values(layers)) layer.clearLayers();
  drawResultLayers({ result, show, renderer, layers });
  renderVectorSentence();
  renderSummary();
  renderLegend();
  if (fit) fitResult();
  document.body.dataset.analysis = String(result.id ?? 'ready');
}

/** One sentence under the layer buttons that says what the arrows mean (not "weight 1.8"). */
function renderVectorSentence() {
  const el = $('dis-vector-sentence');
  const any = changeMode(show) && (result.vectors?.features || []).length;
  el.hidden = !any;
  if (!any) return;
  const distance = formatDistance(result.parameters?.maxVectorDistance ?? 2000);
  el.textContent = t(hasTested() ? 'ev.vectorSentence' : 'ev.vectorSentenceGi', { distance });
}

function fitResult() {
  // The target and its rings (not the control area, which can be the whole region), else the cells.
  const near = layers.areas.getLayers().filter((l) => !l.getLayers?.().some((x) => ['control', 'gap'].includes(x.feature?.properties?.role)));
  const group = L.featureGroup(near.length ? near : layers.cells.getLayers());
  const bounds = group.getBounds();
  if (bounds.isValid()) mapState.map.fitBounds(bounds.pad(0.35), { padding: [16, 16], maxZoom: 17 });
}

// ---- legend and summary --------------------------------------------------------------------

function renderLegend() {
  if (visible && result) legend.show(legendHtml());
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
