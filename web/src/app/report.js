// The evaluation report of a saved displacement analysis (report.html#<id>): verdict, map picture,
// timeline, every measure with its interval, sensitivity and placebo, method notes, data caveats
// and the analysis' permanent link, laid out for A4 (css/report.css). It reads the same
// GET /api/analyses/{id} as the app, with the token the app keeps in this tab's sessionStorage.
import { ApiError, api } from './api.js';
import { applyStatic, formatDateTime, onLanguageChange, setLanguage, t } from './i18n.js';
import { escapeHtml, installDefs } from './symbols.js';
import { setRegion } from './region.js';
import { saveFile } from './ui.js';
import { localName, summaryHtml } from './views/displacement-summary.js';
import { installExplanations } from './views/explain.js';
import { drawResultMap } from './views/map-image.js';
import { drawTimeline } from './views/timeline.js';

const e = escapeHtml;
const id = decodeURIComponent(location.hash.replace(/^#\/?/, '')) || new URLSearchParams(location.search).get('id') || '';
let result = null;
let info = {};
let boundaries = [];

async function start() {
  applyStatic();
  installDefs(document.getElementById('shared-defs'));
  installExplanations();
  document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));
  document.getElementById('report-print').addEventListener('click', () => window.print());
  document.getElementById('report-png').addEventListener('click', () => {
    map().toBlob((blob) => saveFile(`displacement-${result.id}.png`, blob, 'image/png'), 'image/png');
  });
  onLanguageChange(render);
  if (id) document.getElementById('report-back').href = `./#/displacement/analysis/${encodeURIComponent(id)}`;
  try {
    [result, info] = await Promise.all([api.analysis(id), api.info().catch(() => ({}))]);
    setRegion(info); // the region pack's time zone and names for dates and captions
  } catch (err) {
    const key = err instanceof ApiError && err.status === 401 ? 'ev.reportSignIn' : err instanceof ApiError && err.status === 404 ? 'dis.notFound' : 'ev.reportFailed';
    document.getElementById('report').innerHTML = `<p class="form-problem">${e(t(key))}</p>`;
    document.getElementById('report').setAttribute('aria-busy', 'false');
    return;
  }
  try {
    const areas = await api.areas('municipality');
    boundaries = (areas.features || []).filter((f) => f.geometry);
  } catch { boundaries = []; } // the picture is still readable without the outlines
  render();
}

const title = () => (result.parameters?.studyArea || t('dis.unnamed', { id: result.id })).replace(/^intervention \d+: /, '');
const map = () => drawResultMap(result, { boundaries, title: title() });

function render() {
  if (!result) return;
  document.title = `SceneMonitor · ${t('ev.reportTitle')} · ${title()}`;
  const hasMap = (result.cells?.features || []).length > 0;
  document.getElementById('report-png').disabled = !hasMap;
  const mapFigure = hasMap ? `
    <figure class="report-map">
      <img id="report-map-img" alt="${e(t('ev.mapAlt', { title: title() }))}">
      <figcaption class="hint">${e(t('ev.mapCaption', { attribution: info.dataAttribution || '' }))}</figcaption>
    </figure>` : '';
  const root = document.getElementById('report');
  root.innerHTML = `
    <header class="report-head">
      <p class="report-kicker">SceneMonitor · ${e(t('ev.reportTitle'))}</p>
      ${info.syntheticDemoData ? `<p class="report-synthetic"><strong>${e(t('demo.title'))}</strong> ${e(t('demo.text'))}</p>` : ''}
    </header>
    ${summaryHtml(result, { title: title(), report: true, afterVerdict: mapFigure })}
    ${methodsHtml()}
    ${caveatsHtml()}`;
  root.setAttribute('aria-busy', 'false');
  if (hasMap) document.getElementById('report-map-img').src = map().toDataURL('image/png');
  drawTimeline(root.querySelector('.timeline-canvas'), result);
  document.body.dataset.report = String(result.id);
}

/** Short notes on each method present in the result; the full text is docs/methods.md. */
function methodsHtml() {
  const s = result.summary || {};
  const parts = [
    ['cellChange', 'ev.method.cellChange'], ['gi', 'ev.method.gi'], ['wdq', 'ev.method.wdq'], ['wdd', 'ev.method.wdd'],
    ['sensitivity', 'ev.method.sensitivity'], ['its', 'ev.method.its'], ['placebo', 'ev.method.placebo'], ['sppt', 'ev.method.sppt'],
  ].filter(([k]) => s[k]);
  if (!parts.length) return '';
  return `<section class="summary-block report-methods"><h3>${e(t('ev.methodsTitle'))}</h3>
    <ul class="notes">${parts.map(([, key]) => `<li>${e(t(key))}</li>`).join('')}</ul></section>`;
}

function caveatsHtml() {
  const p = result.parameters || {};
  const link = `${location.origin}${location.pathname.replace(/report\.html$/, '')}#/displacement/analysis/${encodeURIComponent(result.id)}`;
  const items = [
    t(p.onlySweptCells ? 'ev.caveatSwept' : 'ev.caveatEffort'),
    t('ev.caveatAsOf', { date: formatDateTime(result.createdAt), version: p.dataVersion || '–' }),
    t(p.view === 'coarse' ? 'ev.caveatCoarse' : 'ev.caveatExact'),
    ...(info.syntheticDemoData ? [t('ev.caveatSynthetic')] : []),
  ];
  const places = (result.summary?.verdict?.places || []).map((x) => localName(x.name)).filter(Boolean);
  return `<section class="summary-block report-caveats"><h3>${e(t('ev.caveatsTitle'))}</h3>
    <ul class="notes">${items.map((x) => `<li>${e(x)}</li>`).join('')}</ul>
    ${places.length ? `<p class="hint">${e(t('ev.placesNote'))}</p>` : ''}
    <p class="permalink">${e(t('ev.permalink'))} <a href="${e(link)}">${e(link)}</a></p></section>`;
}

start().catch((err) => {
  console.error(err);
  document.getElementById('report').textContent = `${t('ev.reportFailed')} ${err.message}`;
});
