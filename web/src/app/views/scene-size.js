// Scene size: estimates of how many people are in the scene by the multiplier method
// (GET /api/scene-size/estimates): a table per area and year with intervals, the unreliable flag and
// the caveats; a choropleth of one year on the map; a time series per area; the CSV/GeoJSON files;
// and, for analysts and admins, forms to add benchmarks and surveys. The API decides who sees what
// (planners get the figures without the inputs); this page shows what it gets.
import { ApiError, file, request } from '../api.js';
import { chartReady } from '../chart-lib.js';
import { areaName, formatNumber, onLanguageChange, t } from '../i18n.js';
import { allAreas, createLegend, state as mapState } from '../map.js';
import { hasRole } from '../store.js';
import { escapeHtml } from '../symbols.js';
import { $, errorMessage, saveFile } from '../ui.js';

const L = window.L;
// Sequential blues (ColorBrewer, colour-blind safe); classes from the year's own range.
const COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const UNRELIABLE_HATCH = '#888';

let data = null;        // the estimates answer
let population = '';    // the population shown (key as written by the API)
let year = null;
let seriesArea = null;
let layer, legend, chart;
let visible = false;
let benchmarks = [];
let lastBenchmark = null; // the benchmark just added: the survey form offers it first

const canWrite = () => hasRole('analyst', 'admin');
const people = (x) => formatNumber(Math.round(x));
const nameOf = (e) => areaName({ name: e.areaName, nameFr: e.areaNameFr, nameNl: e.areaNameNl });

export const sceneSizeView = {
  init() {
    layer = L.layerGroup();
    legend = createLegend('bottomright');
    onLanguageChange(() => { if (visible) render(); });
    document.addEventListener('user-changed', () => { data = null; benchmarks = []; });
    // The neighbourhoods arrive a few seconds after start (map.js): draw and offer them without
    // redrawing the forms, which would wipe what the analyst is typing.
    document.addEventListener('areas-loaded', () => { if (visible && data) { renderAreaOptions(); drawMap(); } });
  },
  async show() {
    visible = true;
    layer.addTo(mapState.map);
    await load();
  },
  hide() {
    visible = false;
    layer.remove();
    legend.hide();
    chart?.destroy();
    chart = null;
  },
};

async function load() {
  try {
    data = await request('/api/scene-size/estimates');
    benchmarks = canWrite() ? await request('/api/scene-size/benchmarks') : [];
  } catch (e) {
    $('ss-root').innerHTML = `<div class="form-problem" role="alert">${escapeHtml(errorMessage(e))}</div>`;
    return;
  }
  if (!populationsOf().includes(population)) population = populationsOf()[0] || '';
  const years = yearsOf();
  if (!years.includes(year)) year = years[years.length - 1] ?? null;
  render();
}

/** The populations with estimates, and the one of the benchmark just added (no survey yet). */
const populationsOf = () => {
  const added = benchmarks.find((b) => b.id === lastBenchmark)?.population;
  return [...new Set([...data.estimates.map((e) => e.population), ...(added ? [added] : [])])];
};
const shown = () => data.estimates.filter((e) => e.population === population);
const yearsOf = () => [...new Set(data.estimates.filter((e) => e.population === population).map((e) => e.year))].sort();

function render() {
  if (!data) return;
  const rows = shown();
  const populations = populationsOf();
  $('ss-root').innerHTML = `
    <div class="card">
      <div class="field-row">
        <label class="field"><span>${t('ss.population')}</span><select id="ss-population">
          ${populations.map((p) => `<option ${p === population ? 'selected' : ''}>${escapeHtml(p)}</option>`).join('')}</select></label>
        <label class="field"><span>${t('ss.year')}</span><select id="ss-year">
          ${yearsOf().map((y) => `<option ${y === year ? 'selected' : ''}>${y}</option>`).join('')}</select></label>
      </div>
    </div>
    <div class="card">
      <h2>${t('ss.tableTitle')}</h2>
      ${rows.length ? table(rows) : `<p class="hint" id="ss-empty">${t('ss.none')}</p>`}
      <p class="hint">${t('ss.method')}</p>
    </div>
    ${rows.length ? caveats(rows) : ''}
    <div class="card" ${rows.length ? '' : 'hidden'}>
      <div class="card-head"><h2 id="ss-series-title">${t('ss.seriesTitle')}</h2>
        <label class="field compact"><span class="sr-only">${t('ss.seriesArea')}</span><select id="ss-series-area"></select></label></div>
      <div class="chart-box"><canvas id="ss-chart" role="img" aria-labelledby="ss-series-title"></canvas></div>
    </div>
    <div class="card">
      <h2>${t('ss.download')}</h2>
      <div class="download-list">
        <button type="button" class="button secondary download" id="ss-dl-csv"><span class="dl-kind">CSV</span><span>${t('ss.downloadCsv')}</span></button>
        <button type="button" class="button secondary download" id="ss-dl-geojson"><span class="dl-kind">GeoJSON</span><span>${t('ss.downloadGeojson')}</span></button>
      </div>
    </div>
    <div id="ss-forms"></div>`;
  $('ss-population').addEventListener('change', (e) => { population = e.target.value; const ys = yearsOf(); year = ys[ys.length - 1] ?? null; render(); });
  $('ss-year').addEventListener('change', (e) => { year = Number(e.target.value); drawMap(); });
  $('ss-dl-csv').addEventListener('click', () => download('csv'));
  $('ss-dl-geojson').addEventListener('click', () => download('geojson'));
  renderSeriesAreas(rows);
  drawMap();
  renderForms();
  // A counter that tests (and anyone scripting the page) can wait on: the view has redrawn.
  $('ss-root').dataset.renders = String(Number($('ss-root').dataset.renders || 0) + 1);
}

function table(rows) {
  const body = rows.map((e) => `
    <tr${e.unreliable ? ' class="ss-unreliable"' : ''}>
      <th scope="row">${escapeHtml(nameOf(e))}<br><small class="muted">${e.estimates > 1 ? t('ss.combined', { used: e.used, count: e.estimates }) : t('ss.single')}</small></th>
      <td class="num">${e.year}</td>
      <td class="num"><strong>${people(e.estimate)}</strong>${e.unreliable ? `<br><span class="ss-badge" title="${escapeHtml(t('ss.unreliableTitle'))}">${t('ss.unreliable')}</span>` : ''}</td>
      <td class="num ss-interval">${t('ss.range', { low: people(e.low), high: people(e.high) })}</td>
    </tr>`).join('');
  return `<div class="table-wrap"><table class="evo-table" id="ss-table">
    <thead><tr><th scope="col">${t('ss.area')}</th><th scope="col" class="num">${t('ss.yearColumn')}</th><th scope="col" class="num">${t('ss.estimate')}</th>
      <th scope="col" class="num">${t('ss.interval')}</th></tr></thead>
    <tbody>${body}</tbody></table></div>`;
}

/** Every caveat code of the rows shown, in words, once. */
function caveats(rows) {
  const codes = [...new Set(rows.flatMap((e) => e.caveats))];
  return `<div class="card" id="ss-caveats"><h2>${t('ss.caveatsTitle')}</h2>
    <ul class="hint">${codes.map((c) => `<li data-caveat="${escapeHtml(c)}">${escapeHtml(t(`ss.caveat.${c}`))}</li>`).join('')}</ul></div>`;
}

// ---- map --------------------------------------------------------------------------------------

function drawMap() {
  layer.clearLayers();
  const rows = shown().filter((e) => e.year === year);
  if (!rows.length) { legend.show(year ? `<p>${t('ss.noMapYear')}</p>` : ''); return; }
  const values = rows.map((e) => e.estimate);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const classOf = (v) => (max === min ? COLOURS.length - 1 : Math.min(COLOURS.length - 1, Math.floor(((v - min) / (max - min)) * COLOURS.length)));
  const shapes = new Map(allAreas().map((a) => [a.id, a.geometry]));
  // The region first, so the smaller areas drawn after it stay clickable on top.
  const order = { region: 0, municipality: 1, neighbourhood: 2, custom: 3 };
  for (const e of [...rows].sort((a, b) => (order[a.areaKind] ?? 4) - (order[b.areaKind] ?? 4))) {
    const geometry = shapes.get(e.areaId);
    if (!geometry) continue;
    L.geoJSON(geometry, {
      pane: 'analysis',
      style: {
        color: e.unreliable ? UNRELIABLE_HATCH : '#08306b', weight: 1.5, dashArray: e.unreliable ? '4 4' : null,
        fillColor: COLOURS[classOf(e.estimate)], fillOpacity: 0.7,
      },
    }).bindTooltip(`<strong>${escapeHtml(nameOf(e))}</strong><br>${people(e.estimate)} ${t('ss.people')} (${t('ss.range', { low: people(e.low), high: people(e.high) })})${e.unreliable ? `<br>${t('ss.unreliable')}` : ''}`)
      .addTo(layer);
  }
  const step = (max - min) / COLOURS.length;
  const classes = max === min ? [[COLOURS[COLOURS.length - 1], people(min)]]
    : COLOURS.map((c, i) => [c, `${people(min + i * step)} – ${people(min + (i + 1) * step)}`]);
  legend.show(`<h2>${escapeHtml(t('ss.mapTitle', { year: String(year) }))}</h2><ul class="legend-list">`
    + classes.map(([c, label]) => `<li><span class="swatch ss-swatch" data-colour="${c}"></span>${label}</li>`).join('') + '</ul>');
  // The page's Content Security Policy refuses style attributes in markup; set through the DOM instead.
  document.querySelectorAll('.ss-swatch[data-colour]').forEach((el) => { el.style.background = el.dataset.colour; });
}

// ---- time series ------------------------------------------------------------------------------

function renderSeriesAreas(rows) {
  const select = $('ss-series-area');
  const areas = [...new Map(rows.map((e) => [e.areaId, e])).values()];
  if (!areas.some((a) => a.areaId === seriesArea)) seriesArea = areas[0]?.areaId ?? null;
  select.innerHTML = areas.map((a) => `<option value="${a.areaId}" ${a.areaId === seriesArea ? 'selected' : ''}>${escapeHtml(nameOf(a))}</option>`).join('');
  select.addEventListener('change', () => { seriesArea = Number(select.value); drawSeries(); });
  drawSeries();
}

function drawSeries() {
  chart?.destroy();
  chart = null;
  const canvas = $('ss-chart');
  const rows = shown().filter((e) => e.areaId === seriesArea).sort((a, b) => a.year - b.year);
  if (!canvas || !rows.length) return;
  if (!chartReady(drawSeries)) return;
  chart = new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: rows.map((e) => String(e.year)),
      datasets: [
        { label: t('ss.seriesBand'), data: rows.map((e) => e.high), borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(49,130,189,0.18)', fill: '+1' },
        { label: t('ss.seriesBand'), data: rows.map((e) => e.low), borderWidth: 0, pointRadius: 0, fill: false },
        { label: t('ss.estimate'), data: rows.map((e) => e.estimate), borderColor: '#08519c', backgroundColor: '#08519c',
          pointStyle: rows.map((e) => (e.unreliable ? 'triangle' : 'circle')), pointRadius: 4, fill: false },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 1 } } },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => formatNumber(v) } } },
    },
  });
}

// ---- files ------------------------------------------------------------------------------------

async function download(format) {
  try {
    const query = new URLSearchParams({ format, population });
    const blob = await file(`/api/scene-size/estimates/download?${query}`);
    saveFile(`scenemonitor_scene-size.${format}`, blob, blob.type);
  } catch (e) {
    $('ss-root').insertAdjacentHTML('beforeend', `<div class="form-problem" role="alert">${escapeHtml(errorMessage(e))}</div>`);
  }
}

// ---- inputs (analysts, admins) ----------------------------------------------------------------

function renderForms() {
  const root = $('ss-forms');
  if (!root) return;
  if (!canWrite()) { root.innerHTML = ''; return; }
  const thisYear = new Date().getFullYear();
  root.innerHTML = `
    <div class="card">
      <h2>${t('ss.inputsTitle')}</h2>
      <p class="hint">${t('ss.inputsHint')}</p>
      <form id="ss-benchmark-form" novalidate>
        <h3>${t('ss.benchmark')}</h3>
        <div class="field-row">
          <label class="field"><span>${t('ss.area')}</span><select name="areaId">${areaOptions()}</select></label>
          <label class="field"><span>${t('ss.yearColumn')}</span><input name="year" type="number" min="1990" max="${thisYear}" value="${thisYear - 1}"></label>
        </div>
        <label class="field"><span>${t('ss.count')}</span><input name="count" type="number" min="1" inputmode="numeric"></label>
        <label class="field"><span>${t('ss.source')}</span><input name="source" maxlength="200"></label>
        <label class="field"><span>${t('ss.population')}</span><input name="population" maxlength="200" value="${escapeHtml(population)}"></label>
        <div class="form-problem" role="alert" hidden></div>
        <div class="form-actions"><button type="submit" class="button primary">${t('ss.add')}</button></div>
      </form>
      <form id="ss-survey-form" novalidate>
        <h3>${t('ss.survey')}</h3>
        <label class="field"><span>${t('ss.surveyBenchmark')}</span><select name="benchmarkId">
          ${benchmarks.map((b) => `<option value="${b.id}" ${b.id === lastBenchmark ? 'selected' : ''}>${escapeHtml(`${b.source} · ${b.year} · ${formatNumber(b.count)}`)}</option>`).join('')}</select></label>
        <div class="field-row">
          <label class="field"><span>${t('ss.interviewed')}</span><input name="interviewed" type="number" min="1" inputmode="numeric"></label>
          <label class="field"><span>${t('ss.inRegister')}</span><input name="inRegister" type="number" min="1" inputmode="numeric"></label>
        </div>
        <label class="field"><span>${t('ss.sites')}</span><input name="recruitmentSites" maxlength="500"></label>
        <div class="form-problem" role="alert" hidden></div>
        <div class="form-actions"><button type="submit" class="button primary" ${benchmarks.length ? '' : 'disabled'}>${t('ss.add')}</button></div>
        ${benchmarks.length ? '' : `<p class="hint">${t('ss.noBenchmark')}</p>`}
      </form>
    </div>`;
  wire($('ss-benchmark-form'), '/api/scene-size/benchmarks', ['areaId', 'year', 'count']);
  wire($('ss-survey-form'), '/api/scene-size/surveys', ['benchmarkId', 'interviewed', 'inRegister']);
}

const areaOptions = () => allAreas().map((a) => `<option value="${a.id}">${escapeHtml(areaName(a))}</option>`).join('');

/** The benchmark form's area list again (more areas loaded), keeping the area chosen. */
function renderAreaOptions() {
  const select = document.querySelector('#ss-benchmark-form [name=areaId]');
  if (!select) { renderForms(); return; }
  const chosen = select.value;
  select.innerHTML = areaOptions();
  if (chosen) select.value = chosen;
}

/** Posts the form as JSON (numbers as numbers); a 422 shows the API's field messages. */
function wire(form, path, numbers) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = form.querySelector('.form-problem');
    problem.hidden = true;
    const body = {};
    for (const [key, value] of new FormData(form)) body[key] = numbers.includes(key) ? (value === '' ? null : Number(value)) : value;
    try {
      const created = await request(path, { method: 'POST', body });
      if (path.endsWith('benchmarks')) { population = created.population; lastBenchmark = created.id; }
      await load();
    } catch (e) {
      problem.textContent = e instanceof ApiError && e.status === 422
        ? Object.entries(e.errors).map(([field, messages]) => `${field}: ${messages.join('; ')}`).join(' · ')
        : errorMessage(e);
      problem.hidden = false;
    }
  });
}
