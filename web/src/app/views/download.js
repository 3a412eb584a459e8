// Download: the current filter as GeoJSON and CSV, counts over time and per municipality, and the
// last displacement analysis. Files are named after the filter and today's date.
import { ApiError, api } from '../api.js';
import { areaName, onLanguageChange, t } from '../i18n.js';
import { allAreas, state as mapState } from '../map.js';
import { addDays, dateToInput, dayStartIso, filterDescription, filterFileName, filterQuery, seesPoints, slug, store } from '../store.js';
import { $, errorMessage, progress, saveFile, toCsv } from '../ui.js';
import { observationsView } from './observations.js';

const K_ANONYMITY = 3;
const GEOJSON = 'application/geo+json';
const CSV = 'text/csv;charset=utf-8';

export const downloadView = {
  init() {
    $('dl-obs-geojson').addEventListener('click', () => guarded(observationsGeoJson));
    $('dl-obs-csv').addEventListener('click', () => guarded(observationsCsv));
    $('dl-series-csv').addEventListener('click', () => guarded(seriesCsv));
    $('dl-areas-csv').addEventListener('click', () => guarded(areasCsv));
    $('dl-grid-geojson').addEventListener('click', () => guarded(gridGeoJson));
    $('dl-analysis-geojson').addEventListener('click', () => guarded(analysisGeoJson));
    $('dl-analysis-csv').addEventListener('click', () => guarded(analysisCellsCsv));
    $('dl-wdq-csv').addEventListener('click', () => guarded(analysisSummaryCsv));
    for (const ev of ['filter-changed', 'areas-loaded', 'analysis-ready', 'user-changed']) document.addEventListener(ev, render);
    onLanguageChange(render);
  },
  // The map shows what the current filter downloads: the observations view's layers.
  show() { render(); observationsView.show(); },
  hide() { observationsView.hide(); },
};

function render() {
  $('dl-filter-text').textContent = filterDescription(allAreas());
  const points = seesPoints();
  $('dl-obs-csv').disabled = !points;
  $('dl-obs-csv').title = points ? '' : t('dl.pointsNotAllowed');
  const a = store.analysis;
  for (const id of ['dl-analysis-geojson', 'dl-analysis-csv', 'dl-wdq-csv']) $(id).disabled = !a;
  $('dl-analysis-text').textContent = a ? t('dl.analysisReady', { name: a.name }) : t('dl.noAnalysis');
}

async function guarded(fn) {
  const status = $('dl-status');
  const bar = progress('dl-progress');
  document.querySelectorAll('.download').forEach((b) => b.setAttribute('aria-busy', 'true'));
  try {
    const name = await fn((file, fraction) => bar.set(fraction ?? null, t('dl.preparing', { file })));
    status.textContent = t('dl.done', { file: name });
  } catch (e) {
    status.textContent = t('dl.failed', { message: errorMessage(e) });
  } finally {
    bar.done();
    document.querySelectorAll('.download').forEach((b) => b.removeAttribute('aria-busy'));
  }
}

async function observationsGeoJson(report) {
  if (!seesPoints()) return areaCountsGeoJson(report);
  const name = filterFileName('observations', 'geojson', allAreas());
  report(name, null);
  saveFile(name, await api.exportObservations(filterQuery(), 'geojson'), GEOJSON);
  return name;
}

async function observationsCsv(report) {
  const name = filterFileName('observations', 'csv', allAreas());
  report(name, null);
  saveFile(name, await api.exportObservations(filterQuery(), 'csv'), CSV);
  return name;
}

async function seriesCsv(report) {
  const days = (store.filter.to - store.filter.from) / 86400000 + 1;
  const bucket = days <= 92 ? 'day' : days <= 400 ? 'week' : 'month';
  const name = filterFileName(`counts-per-${bucket}`, 'csv', allAreas());
  report(name, null);
  const series = await api.timeSeries(filterQuery(), bucket);
  saveFile(name, toCsv(['start', 'observations', 'quantity'], series.buckets.map((b) => [b.start, b.count, b.quantity])), CSV);
  return name;
}

/** Counts per municipality for the filter, from /api/aggregates/areas (which suppresses small
 *  counts for everyone), or from the per-area summaries on servers without it. */
async function municipalityCounts(report, name) {
  const query = filterQuery();
  report(name, null);
  try {
    return await api.aggregateAreas(query, 'municipality');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  const municipalities = mapState.areas.municipality?.features || [];
  const wanted = query.category ? new Set(query.category) : null;
  let done = 0;
  const features = await Promise.all(municipalities.map(async (f) => {
    const s = await api.areaSummary(f.properties.id, { from: query.from, to: query.to });
    report(name, ++done / municipalities.length);
    const cats = s.categories.filter((c) => !wanted || wanted.has(c.category));
    const count = cats.reduce((a, c) => a + c.count, 0);
    const quantity = cats.reduce((a, c) => a + c.quantity, 0);
    const suppressed = count > 0 && count < K_ANONYMITY;
    return { type: 'Feature', id: f.properties.id, geometry: f.geometry,
      properties: { id: f.properties.id, name: f.properties.name, code: f.properties.code, count: suppressed ? null : count, quantity: suppressed ? null : quantity, suppressed } };
  }));
  return { type: 'FeatureCollection', areaKind: 'municipality', minCount: K_ANONYMITY, features };
}

async function areasCsv(report) {
  const name = filterFileName('counts-per-municipality', 'csv', allAreas());
  const collection = await municipalityCounts(report, name);
  const rows = collection.features.map((f) => {
    const p = f.properties;
    const area = allAreas().find((a) => a.id === p.id) || p;
    return [p.id, p.code, areaName(area), p.count ?? `<${collection.minCount ?? K_ANONYMITY}`, p.quantity ?? ''];
  });
  saveFile(name, toCsv(['area_id', 'code', 'name', 'observations', 'quantity'], rows), CSV);
  return name;
}

async function areaCountsGeoJson(report) {
  const name = filterFileName('counts-per-municipality', 'geojson', allAreas());
  const collection = await municipalityCounts(report, name);
  saveFile(name, JSON.stringify({ ...collection, metadata: metadata(null) }), GEOJSON);
  return name;
}

async function gridGeoJson(report) {
  const name = filterFileName('counts-per-250m-cell', 'geojson', allAreas());
  report(name, null);
  const grid = await api.aggregateGrid(filterQuery(), 250);
  saveFile(name, JSON.stringify({ ...grid, metadata: metadata(null) }), GEOJSON);
  return name;
}

function metadata(count) {
  const q = filterQuery();
  return {
    generator: 'SceneMonitor',
    generatedAt: new Date().toISOString(),
    syntheticDemoData: !!store.info?.syntheticDemoData,
    // Instants, as the rows' times are written (the query's dates are local days).
    filter: { from: q.from && dayStartIso(store.filter.from), to: q.to && dayStartIso(addDays(store.filter.to, 1)), category: q.category || 'all', source: q.source || 'all', area: q.area || 'all' },
    count,
    attribution: store.info?.dataAttribution,
  };
}

function analysisFileName(kind, extension) {
  const a = store.analysis;
  return `scenemonitor_displacement_${slug(a.name)}_${kind}_asof_${dateToInput(new Date())}.${extension}`;
}

async function analysisGeoJson() {
  const { result } = store.analysis;
  const name = analysisFileName('layers', 'geojson');
  const features = [];
  for (const layer of ['cells', 'vectors', 'ellipses', 'centres', 'target']) {
    for (const f of result[layer]?.features || []) features.push({ ...f, properties: { layer, ...f.properties } });
  }
  saveFile(name, JSON.stringify({
    type: 'FeatureCollection', features,
    metadata: { generator: 'SceneMonitor', analysisId: result.id, parameters: result.parameters, summary: result.summary, syntheticDemoData: !!store.info?.syntheticDemoData },
  }), GEOJSON);
  return name;
}

async function analysisCellsCsv() {
  const { result } = store.analysis;
  const name = analysisFileName('cells', 'csv');
  const rows = (result.cells?.features || []).map((f) => {
    const p = f.properties;
    return [p.key, p.countA, p.countB, p.giA, p.giB, p.binA, p.binB, p.class, t(`class.${p.class || 'none'}`)];
  });
  saveFile(name, toCsv(['cell', 'count_before', 'count_after', 'gi_before', 'gi_after', 'bin_before', 'bin_after', 'class', 'class_label'], rows), CSV);
  return name;
}

async function analysisSummaryCsv() {
  const { result } = store.analysis;
  const s = result.summary || {};
  const name = analysisFileName('summary', 'csv');
  const rows = [
    ['count_before', '', s.countBefore], ['count_after', '', s.countAfter],
    ['target_before', '', s.targetBefore], ['target_after', '', s.targetAfter],
    ['centre_shift_m', '', s.centreShift?.distance], ['centre_shift_bearing_deg', '', s.centreShift?.bearing],
    ...['local', 'displacement', 'total', 'se', 'z', 'p', 'ciLow', 'ciHigh'].map((k) => [`wdd_${k}`, '', s.wdd?.[k]]),
    ['sppt_global_s', '', s.sppt?.globalS], ['sppt_robust_s', '', s.sppt?.robustS],
    ...(s.wdq?.rings || []).flatMap((r) => {
      const ring = `${r.inner}-${r.outer} m`;
      return [['wdq', ring, r.wdq], ['success_measure', ring, r.successMeasure], ['buffer_displacement_measure', ring, r.bufferDisplacementMeasure],
        ['total_net_effect', ring, r.totalNetEffect], ['interpretation', ring, t(`interp.${r.interpretationCode}`)]];
    }),
  ];
  saveFile(name, toCsv(['measure', 'ring', 'value'], rows), CSV);
  return name;
}
