// Evolution: how the scene moved over time. Two layers over one grid: the Emerging Hot Spot
// category of every cell (POST /api/emerging) and the counts per cell in each week or month
// (POST /api/emerging/frames), with a time slider (play/pause) that marks the interventions.
// Planners get no cells from the emerging analysis (only the counts per category) and only the
// counts of at least k in the frames; the page shows what the API gives.
import { api } from '../api.js';
import { areaName, interventionName, formatDate, formatNumber, formatP, lang, onLanguageChange, t } from '../i18n.js';
import { allAreas, createLegend, state as mapState } from '../map.js';
import { addDays, dateFromInput, dateToInput, dayStartIso, hasRole, startOfDay } from '../store.js';
import { escapeHtml } from '../symbols.js';
import { $, errorMessage, progress } from '../ui.js';
import { region } from '../region.js';

const L = window.L;

// The Emerging Hot Spot kinds, hot and cold alike; colours: reds for hot, blues for cold, darker
// for the stronger patterns, so the eye finds intensifying and persistent spots first.
export const EMERGING_KINDS = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'];
const COLOURS = {
  hot: { new: '#fdae61', consecutive: '#f46d43', intensifying: '#a50026', persistent: '#d73027', diminishing: '#f4a6a6', sporadic: '#fee090', oscillating: '#c51b7d', historical: '#b8907a' },
  cold: { new: '#abd9e9', consecutive: '#74add1', intensifying: '#313695', persistent: '#4575b4', diminishing: '#c6dbef', sporadic: '#e0f3f8', oscillating: '#4d9221', historical: '#8c96a8' },
};
// Counts per cell in a frame: a sequential scale (light yellow to dark red), the same classes for
// every frame so that a change of colour is a change of count.
const FRAME_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const PLAY_MS = 900;

let renderer, layers, legend;
let visible = false;
let interval = 'month';
let show = 'categories';
let emerging = null;  // the emerging answer (cells for analysts and exact roles; a summary for planners)
let frames = null;    // the frames answer
let interventions = [];
let frame = 0;
let timer = null;
let breaks = [];
let expanded = null;  // the legend entry whose explanation is open (tap)
let areaChosen = false; // the user picked an area: keep it when the list is rebuilt

export const evolutionView = {
  init() {
    renderer = L.svg({ pane: 'analysis', padding: 0.5 });
    layers = { categories: L.layerGroup(), frames: L.layerGroup(), targets: L.layerGroup() };
    legend = createLegend('bottomright');
    const today = startOfDay(new Date());
    $('evo-to').value = dateToInput(today);
    $('evo-from').value = dateToInput(addDays(today, -364));
    document.querySelectorAll('[data-evo-interval]').forEach((b) => b.addEventListener('click', () => chooseInterval(b.dataset.evoInterval)));
    document.querySelectorAll('[data-evo-show]').forEach((b) => b.addEventListener('click', () => setShow(b.dataset.evoShow)));
    $('evo-run').addEventListener('click', run);
    $('evo-area').addEventListener('change', () => { areaChosen = true; });
    $('evo-play').addEventListener('click', () => (timer ? pause() : play()));
    $('evo-slider').addEventListener('input', (e) => { pause(); setShow('frames'); setFrame(Number(e.target.value)); });
    chooseInterval(interval);
    onLanguageChange(() => {
      renderAreaOptions();
      if (emerging || frames) { renderSummary(); renderLegend(); setFrame(frame); }
      for (const mark of $('evo-marks').children) {
        mark.title = `${interventionName(mark.intervention)} · ${formatDate(mark.intervention.startsAt)}`;
        mark.firstChild.textContent = interventionName(mark.intervention);
      }
    });
    document.addEventListener('areas-loaded', renderAreaOptions);
    document.addEventListener('user-changed', () => { interventions = []; clear(); });
    renderAreaOptions(); // loaded on first use (main.js): the areas may have arrived before
  },

  async show() {
    visible = true;
    plannerMonthsOnly();
    for (const layer of Object.values(layers)) layer.addTo(mapState.map);
    if (!interventions.length) {
      interventions = await api.interventions().catch(() => []);
      renderAreaOptions();
    }
    if (emerging || frames) renderLegend();
  },

  hide() {
    visible = false;
    pause();
    for (const layer of Object.values(layers)) layer.remove();
    legend.hide();
  },
};

// ---- inputs --------------------------------------------------------------------------------

/** Planners' frames come by calendar month only (the API refuses weeks for them). */
function plannerMonthsOnly() {
  const planner = hasRole('planner') && !hasRole('recorder', 'analyst', 'admin');
  const week = document.querySelector('[data-evo-interval="week"]');
  week.disabled = planner;
  week.title = planner ? t('evo.monthsOnly') : '';
  if (planner) chooseInterval('month');
}

function chooseInterval(value) {
  interval = value;
  document.querySelectorAll('[data-evo-interval]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.evoInterval === value)));
}

function setShow(value) {
  show = value;
  document.querySelectorAll('[data-evo-show]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.evoShow === value)));
  if (!visible) return;
  for (const name of ['categories', 'frames']) {
    if (name === show) layers[name].addTo(mapState.map);
    else layers[name].remove();
  }
  renderLegend();
}

/** Around each intervention (its target widened by about 1.5 km), the map's view, then the areas. */
function renderAreaOptions() {
  const select = $('evo-area');
  const previous = select.value;
  const options = [
    ...interventions.map((i) => `<option value="intervention:${i.id}">${escapeHtml(t('evo.around', { name: interventionName(i) }))}</option>`),
    `<option value="map">${escapeHtml(t('evo.mapView'))}</option>`,
    ...allAreas().filter((a) => a.kind !== 'region').map((a) => `<option value="${a.id}">${escapeHtml(areaName(a))}</option>`),
  ];
  select.innerHTML = options.join('');
  // Until the user chooses, the first intervention's surroundings (or the map) are the default.
  if (areaChosen && [...select.options].some((o) => o.value === previous)) select.value = previous;
}

function studyArea() {
  const value = $('evo-area').value;
  if (value === 'map' || !value) {
    const b = mapState.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => Number(x.toFixed(6)));
  }
  if (value.startsWith('intervention:')) {
    const target = interventions.find((i) => `intervention:${i.id}` === value)?.targetArea;
    const bounds = L.geoJSON(target).getBounds();
    return [bounds.getWest() - 0.021, bounds.getSouth() - 0.0135, bounds.getEast() + 0.021, bounds.getNorth() + 0.0135].map((x) => Number(x.toFixed(6)));
  }
  return Number(value);
}

async function run() {
  const from = dateFromInput($('evo-from').value);
  const to = dateFromInput($('evo-to').value);
  $('evo-problem').hidden = true;
  if (!from || !to || to < from) { showProblem(t('evo.needPeriod')); return; }
  const body = {
    area: studyArea(), from: dayStartIso(from), to: dayStartIso(addDays(to, 1)), interval,
    cellSize: Number($('evo-cell').value), timeLag: $('evo-lag').checked ? 1 : 0,
  };
  const bar = progress('evo-progress');
  bar.set(null, t('evo.running'));
  pause();
  try {
    [emerging, frames] = await Promise.all([api.emerging(body), api.emergingFrames(body)]);
    render();
  } catch (e) {
    showProblem(t('dis.failed', { message: errorMessage(e) }));
  } finally {
    bar.done();
  }
}

function showProblem(text) {
  $('evo-problem').textContent = text;
  $('evo-problem').hidden = false;
}

function clear() {
  pause();
  emerging = null;
  frames = null;
  for (const layer of Object.values(layers)) layer.clearLayers();
  $('evo-results').hidden = true;
  legend.hide();
}

// ---- drawing -------------------------------------------------------------------------------

function render() {
  for (const layer of Object.values(layers)) layer.clearLayers();
  $('evo-results').hidden = false;
  const cells = emerging.cells?.features || [];
  // Planners get no cells from the emerging analysis: the map then shows the counts.
  document.querySelector('[data-evo-show="categories"]').disabled = !cells.length;
  renderCategories(cells);
  renderFrames();
  renderTargets();
  renderSlider();
  renderSummary();
  setShow(cells.length ? 'categories' : 'frames');
  setFrame(0);
  const group = L.featureGroup([...layers.categories.getLayers(), ...layers.frames.getLayers()]);
  if (group.getBounds().isValid()) mapState.map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 16 });
  document.body.dataset.evolution = 'ready';
}

function renderCategories(cells) {
  L.geoJSON({ type: 'FeatureCollection', features: cells.filter((f) => f.properties.category !== 'none') }, {
    renderer,
    style: (f) => ({ color: '#3e4c59', weight: 0.6, opacity: 0.8, fillColor: colour(f.properties.category), fillOpacity: 0.82, className: 'evo-cell' }),
    onEachFeature: (f, layer) => {
      const p = f.properties;
      layer.bindTooltip(() => `<strong>${escapeHtml(categoryName(p.category))}</strong><br>${escapeHtml(categoryHelp(p.category))}<br>`
        + escapeHtml(t('evo.trendTip', { tau: formatNumber(p.tau, { maximumFractionDigits: 2 }), p: formatP(p.trendP) })), { sticky: true, className: 'evo-tip' });
      layer.on('add', () => {
        const el = layer.getElement();
        el?.setAttribute('data-category', p.category);
        el?.setAttribute('tabindex', '-1');
      });
    },
  }).addTo(layers.categories);
}

function renderFrames() {
  const cells = frames.cells?.features || [];
  const max = Math.max(1, ...cells.flatMap((f) => f.properties.counts.filter((n) => n !== null)));
  // Five classes from 1 (planners: from k) to the largest count of any frame, on a square-root scale
  // (counts are skewed: a few busy cells, many quiet ones).
  const low = frames.minCount || 1;
  breaks = [0.04, 0.12, 0.3, 0.6].map((q) => Math.max(low, Math.round(low + (Math.sqrt(max) - Math.sqrt(low)) ** 2 * q)));
  breaks = [low, ...breaks].filter((b, i, all) => i === 0 || b > all[i - 1]);
  L.geoJSON({ type: 'FeatureCollection', features: cells }, {
    renderer,
    style: () => ({ color: '#3e4c59', weight: 0.4, opacity: 0.6, fillOpacity: 0, className: 'evo-frame' }),
    onEachFeature: (f, layer) => {
      layer.bindTooltip(() => {
        const n = f.properties.counts[frame];
        return escapeHtml(n === null ? t('evo.hiddenCount', { k: frames.minCount }) : t('evo.countTip', { count: n, period: frameWords(frame) }));
      }, { sticky: true });
      layer.on('add', () => layer.getElement()?.setAttribute('tabindex', '-1'));
    },
  }).addTo(layers.frames);
}

function renderTargets() {
  for (const i of interventions) {
    L.geoJSON(i.targetArea, { renderer, interactive: true, style: { color: '#111827', weight: 2.5, fill: false, dashArray: '5 4', className: 'evo-target' } })
      .bindTooltip(() => escapeHtml(`${interventionName(i)} · ${formatDate(i.startsAt)}`), { sticky: true }).addTo(layers.targets);
  }
}

function frameColour(n) {
  if (n === null || n === undefined || n === 0) return null;
  let k = -1;
  for (let i = 0; i < breaks.length; i++) if (n >= breaks[i]) k = i;
  return k < 0 ? null : FRAME_COLOURS[Math.min(k, FRAME_COLOURS.length - 1)];
}

// ---- the slider ----------------------------------------------------------------------------

function renderSlider() {
  const periods = frames.periods || [];
  const slider = $('evo-slider');
  slider.max = String(Math.max(0, periods.length - 1));
  slider.value = '0';
  // The interventions inside the periods, marked where they fall on the track.
  const start = new Date(periods[0]?.from).getTime();
  const end = new Date(periods.at(-1)?.to).getTime();
  // Marks are built as elements and placed through the style object: the page's CSP refuses
  // style attributes in markup. A mark jumps to its period on click or tap.
  const marks = $('evo-marks');
  marks.replaceChildren();
  for (const i of interventions) {
    const at = new Date(i.startsAt).getTime();
    if (!(at >= start && at < end)) continue;
    const index = periods.findIndex((p) => at < new Date(p.to).getTime());
    const share = periods.length > 1 ? index / (periods.length - 1) : 0;
    const mark = document.createElement('span');
    mark.className = 'slider-mark';
    mark.dataset.index = String(index);
    mark.intervention = i; // for its title in another language
    mark.title = `${interventionName(i)} · ${formatDate(i.startsAt)}`;
    // The thumb's centre runs from 8 px to width − 8 px.
    mark.style.left = `calc(${(share * 100).toFixed(2)}% + ${(8 - 16 * share).toFixed(1)}px)`;
    mark.innerHTML = `<span class="sr-only">${escapeHtml(interventionName(i))}</span>`;
    mark.addEventListener('click', () => { pause(); setShow('frames'); setFrame(index); });
    marks.append(mark);
  }
}

function setFrame(index) {
  if (!frames) return;
  const periods = frames.periods || [];
  frame = Math.max(0, Math.min(periods.length - 1, index));
  $('evo-slider').value = String(frame);
  layers.frames.eachLayer((group) => group.eachLayer?.((layer) => {
    const c = frameColour(layer.feature.properties.counts[frame]);
    layer.setStyle(c ? { fillColor: c, fillOpacity: 0.8, opacity: 0.7 } : { fillOpacity: 0, opacity: 0.25 });
  }));
  const total = (frames.cells?.features || []).reduce((sum, f) => sum + (f.properties.counts[frame] || 0), 0);
  const here = interventions.filter((i) => new Date(i.startsAt) >= new Date(periods[frame]?.from) && new Date(i.startsAt) < new Date(periods[frame]?.to));
  $('evo-frame-label').innerHTML = `<strong>${escapeHtml(frameWords(frame))}</strong> · ${escapeHtml(t(frames.minCount ? 'evo.frameCountPlanner' : 'evo.frameCount', { count: total }))}`
    + here.map((i) => `<br><span class="frame-intervention">${escapeHtml(t('evo.interventionHere', { name: interventionName(i), date: formatDate(i.startsAt) }))}</span>`).join('');
  $('evo-slider').setAttribute('aria-valuetext', frameWords(frame));
  document.body.dataset.evolutionFrame = String(frame);
}

function frameWords(index) {
  const p = frames?.periods?.[index];
  if (!p) return '';
  if (frames.parameters?.interval === 'month') {
    return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : `${lang()}-BE`, { month: 'long', year: 'numeric', timeZone: region.timeZone }).format(new Date(p.from));
  }
  return t('evo.weekOf', { date: formatDate(p.from) });
}

function play() {
  if (!frames?.periods?.length) return;
  setShow('frames');
  if (frame >= frames.periods.length - 1) setFrame(0);
  timer = setInterval(() => {
    if (frame >= frames.periods.length - 1) { pause(); return; }
    setFrame(frame + 1);
  }, PLAY_MS);
  playButton(true);
}

function pause() {
  clearInterval(timer);
  timer = null;
  playButton(false);
}

function playButton(playing) {
  const b = $('evo-play');
  b.setAttribute('aria-pressed', String(playing));
  b.querySelector('span').textContent = t(playing ? 'evo.pause' : 'evo.play');
}

// ---- legend and summary --------------------------------------------------------------------

function colour(category) {
  const [kind, side] = category.split('_');
  return COLOURS[side]?.[kind] || '#cbd2d9';
}

/** "new_hot" → "New hot spot" in the current language. */
export function categoryName(category) {
  if (!category || category === 'none') return t('evo.none');
  const [kind, side] = category.split('_');
  const text = t(`evo.kind.${kind}`, { spot: t(side === 'cold' ? 'evo.coldSpot' : 'evo.hotSpot') });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function categoryHelp(category) {
  if (!category || category === 'none') return t('evo.help.none');
  const [kind, side] = category.split('_');
  return t(`evo.help.${kind}`, { spot: t(side === 'cold' ? 'evo.coldSpot' : 'evo.hotSpot') });
}

function renderLegend() {
  if (!visible) return;
  if (show === 'frames') {
    const items = breaks.map((b, i) => {
      const next = breaks[i + 1];
      const label = !next ? `≥ ${formatNumber(b)}` : next - 1 === b ? formatNumber(b) : `${formatNumber(b)}–${formatNumber(next - 1)}`;
      return `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" rx="2" fill="${FRAME_COLOURS[i]}" stroke="#3e4c59" stroke-width="0.6"/></svg><span>${escapeHtml(label)}</span></li>`;
    }).join('');
    const hidden = frames?.minCount ? `<p class="legend-note hint">${escapeHtml(t('evo.hiddenLegend', { k: frames.minCount }))}</p>` : '';
    legend.show(`<h2>${escapeHtml(t('evo.legendFrames'))}</h2><ul class="legend-list">${items}</ul>${hidden}${targetLegend()}`);
    return;
  }
  const counts = categoryCounts();
  const present = Object.keys(counts).filter((c) => c !== 'none' && counts[c] > 0);
  const order = (c) => (c.endsWith('_cold') ? 100 : 0) + EMERGING_KINDS.indexOf(c.split('_')[0]);
  const items = present.sort((a, b) => order(a) - order(b)).map((c) => `
    <li class="legend-entry">
      <button type="button" class="legend-item" data-category="${c}" aria-expanded="${expanded === c}" title="${escapeHtml(categoryHelp(c))}">
        <svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" rx="2" fill="${colour(c)}" stroke="#3e4c59" stroke-width="0.6"/></svg>
        <span>${escapeHtml(categoryName(c))}</span><span class="legend-count">${formatNumber(counts[c])}</span></button>
      ${expanded === c ? `<p class="legend-help">${escapeHtml(categoryHelp(c))}</p>` : ''}
    </li>`).join('');
  legend.show(`<h2>${escapeHtml(t('evo.legendCategories'))}</h2>`
    + (items ? `<ul class="legend-list">${items}</ul><p class="legend-note hint">${escapeHtml(t('evo.legendTap'))}</p>` : `<p class="legend-note">${escapeHtml(t('evo.noPattern'))}</p>`)
    + targetLegend());
  document.querySelectorAll('.map-legend .legend-item').forEach((b) => b.addEventListener('click', () => {
    expanded = expanded === b.dataset.category ? null : b.dataset.category;
    renderLegend();
  }));
}

function targetLegend() {
  return interventions.length
    ? `<ul class="legend-list legend-extra"><li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#111827" stroke-width="2" stroke-dasharray="4 3"/></svg><span>${escapeHtml(t('evo.interventionTarget'))}</span></li></ul>`
    : '';
}

function categoryCounts() {
  return emerging?.summary?.categoryCounts || {};
}

function renderSummary() {
  const p = emerging.parameters || {};
  const counts = categoryCounts();
  const rows = Object.entries(counts).filter(([c]) => c !== 'none').sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `<tr><th scope="row"><abbr title="${escapeHtml(categoryHelp(c))}">${escapeHtml(categoryName(c))}</abbr></th><td class="num">${formatNumber(n)}</td></tr>`).join('');
  const planner = emerging.detail === 'summary';
  const neighbourhood = t(p.timeLag > 0 ? 'evo.neighbourhoodSpaceTime' : 'evo.neighbourhoodSpatial', { lag: p.timeLag ?? 0 });
  const notes = (emerging.summary?.notes || []).map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  $('evo-summary').innerHTML = `
    <h2 class="summary-title">${escapeHtml(t('evo.summaryTitle', { periods: p.periods ?? '', interval: t(p.interval === 'week' ? 'evo.weeks' : 'evo.months') }))}</h2>
    <p class="hint">${escapeHtml(`${formatDate(p.from)} – ${formatDate(new Date(new Date(p.to).getTime() - 1).toISOString())}`)} · ${escapeHtml(neighbourhood)}</p>
    ${planner ? `<p class="hint">${escapeHtml(t('evo.plannerNote', { k: emerging.summary?.minCount ?? '' }))}</p>` : ''}
    ${rows ? `<div class="table-wrap"><table class="evo-table"><thead><tr><th scope="col">${escapeHtml(t('evo.category'))}</th><th scope="col" class="num">${escapeHtml(t('evo.cells'))}</th></tr></thead><tbody>${rows}</tbody></table></div>` : `<p>${escapeHtml(t('evo.noPattern'))}</p>`}
    <details class="evo-explain"><summary>${escapeHtml(t('evo.howTitle'))}</summary><p>${escapeHtml(t('evo.how'))}</p></details>
    ${notes ? `<section class="summary-block"><h3>${escapeHtml(t('dis.notes'))}</h3><ul class="notes">${notes}</ul></section>` : ''}`;
  $('evo-frame-hint').textContent = t(frames?.minCount ? 'evo.sliderHintPlanner' : 'evo.sliderHint', { k: frames?.minCount ?? '' });
}
