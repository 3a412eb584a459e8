// The displacement result on the Leaflet map: cells (tested change, Gi* classes, or one period's
// Gi* bins), the target, rings, the band counted nowhere and the control, the ellipses and centres,
// and the arrows; every feature explains itself on hover and on tap. Also the legend's HTML.
// displacement.js keeps the inputs and the state and calls drawResultLayers on every redraw.
import { compass, formatDistance, formatNumber, t } from '../i18n.js';
import {
  CELL_CHANGE_COLOURS, CHANGE_CLASSES, GAP_COLOUR, GI_BINS, PERIOD_COLOURS, classStyle, classSwatch, escapeHtml,
} from '../symbols.js';
import { state as mapState } from '../map.js';
import { fewerMore, localName } from './displacement-summary.js';
import { gapGeometry } from './map-image.js';

const L = window.L;

/** The view drawn last: { result, show, renderer, layers } (set by drawResultLayers). */
let drawn = null;

/** Both change views (tested per cell, Gi* classes) show the arrows, both ellipses and centres. */
export const changeMode = (show) => show === 'tested' || show === 'change';
export const hasTestedChange = (result) => (result?.cells?.features || []).some((f) => f.properties.change);

/** Draws the result into the view's (emptied) layer groups. */
export function drawResultLayers(view) {
  drawn = view;
  renderCells();
  renderAreas();
  renderEllipses();
  if (changeMode(drawn.show)) renderVectors();
}

function renderCells() {
  const cells = drawn.result.cells?.features || [];
  L.geoJSON({ type: 'FeatureCollection', features: cells }, {
    renderer: drawn.renderer,
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
  }).addTo(drawn.layers.cells);
}

/** Every map feature explains itself: a tooltip on hover (mouse) and the same text, or a longer
 * one, as a popup on click or tap (phones have no hover). The tooltip closes when the popup opens,
 * so a tap does not show the text twice. No popup while an area is being drawn: the clicks are
 * corners then, and a popup would cover the next corner. */
function explain(layer, tip, popup = tip) {
  layer.bindTooltip(tip, { sticky: true });
  layer.on('click', (e) => {
    if (!popups) return;
    layer.closeTooltip();
    // Content as a function: an open popup is written again when the language changes.
    L.popup().setLatLng(e.latlng).setContent(() => `<div class="popup map-popup">${popup()}</div>`).openOn(mapState.map);
  });
  return layer;
}

let popups = true;
/** Off while the user draws an area on the map. */
export function setPopups(on) {
  popups = on;
  if (!on) mapState.map?.closePopup();
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
  if (drawn.show === 'tested') {
    const colour = CELL_CHANGE_COLOURS[p.change];
    if (!colour) return { renderer: drawn.renderer, color: '#9aa5b1', weight: 0.4, opacity: 0.5, fill: false, className: 'cell cell-none' };
    return { color: '#3e4c59', weight: 0.7, opacity: 0.8, fillColor: colour, fillOpacity: 0.7, className: `cell cell-change-${p.change}` };
  }
  if (drawn.show === 'change') {
    if (!p.class || p.class === 'none') return { renderer: drawn.renderer, color: '#9aa5b1', weight: 0.4, opacity: 0.5, fill: false, className: 'cell cell-none' };
    return { ...classStyle(p.class), className: `cell cell-${p.class}` };
  }
  const bin = drawn.show === 'before' ? p.binA : p.binB;
  const count = drawn.show === 'before' ? p.countA : p.countB;
  const entry = GI_BINS.find((b) => b.bin === bin);
  if (!entry?.colour) {
    return count ? { color: '#9aa5b1', weight: 0.5, opacity: 0.6, fillColor: '#cbd2d9', fillOpacity: 0.35, className: 'cell' }
      : { color: '#9aa5b1', weight: 0.4, opacity: 0.4, fill: false, className: 'cell' };
  }
  return { color: '#3e4c59', weight: 0.6, opacity: 0.7, fillColor: entry.colour, fillOpacity: 0.8, className: 'cell' };
}

function renderAreas() {
  const features = drawn.result.target?.features || [];
  const order = { control: 0, gap: 1, ring: 2, target: 3 };
  const gap = gapGeometry(drawn.result);
  const all = [...features.filter((f) => f.properties.role !== 'gap'), ...(gap ? [{ type: 'Feature', geometry: gap, properties: { role: 'gap', ...drawn.result.summary.catchment.gap } }] : [])];
  all.sort((a, b) => (order[a.properties.role] ?? 0) - (order[b.properties.role] ?? 0)).forEach((f) => {
    const role = f.properties.role;
    const style = role === 'target'
      ? { color: '#111827', weight: 3, fill: false }
      : role === 'ring'
        ? { color: '#3e4c59', weight: 1.6, dashArray: '6 5', fill: false }
        : role === 'gap'
          ? { color: GAP_COLOUR, weight: 1.2, dashArray: '3 3', fillColor: 'url(#pat-gap)', fillOpacity: 1 }
          : { color: '#6b21a8', weight: 1.6, dashArray: '1 5', lineCap: 'round', fill: false };
    const layer = L.geoJSON(f, { renderer: drawn.renderer, style: { ...style, className: `area-${role}` }, interactive: true }).addTo(drawn.layers.areas);
    explain(layer, () => areaText(f.properties)); // text made when shown: in the language of that moment
  });
}

function areaText(p) {
  const counts = p.before !== undefined && p.after !== undefined
    ? `<br>${escapeHtml(t('ev.placeCounts', { before: formatNumber(p.before), after: formatNumber(p.after) }))} · ${escapeHtml(fewerMore(p.after - p.before))}` : '';
  if (p.role === 'ring') return `<strong>${escapeHtml(t('dis.rings'))}: ${escapeHtml(t('dis.ringLabel', { inner: formatNumber(p.inner), outer: formatNumber(p.outer) }))}</strong>${counts}`;
  if (p.role === 'target') return `<strong>${escapeHtml(t('dis.target'))}</strong>${counts}`;
  if (p.role === 'gap') return `<strong>${escapeHtml(t('ev.legendGap'))}</strong><br>${escapeHtml(t('ev.gap', { inner: formatNumber(p.inner), outer: formatNumber(p.outer) }))}`;
  const label = drawn.result.summary?.catchment?.control?.label;
  return `<strong>${escapeHtml(t('dis.control'))}</strong>${label ? `<br>${escapeHtml(label)}` : ''}${counts}`;
}

function renderEllipses() {
  for (const f of drawn.result.ellipses?.features || []) {
    const period = f.properties.period;
    if (!changeMode(drawn.show) && period !== drawn.show) continue;
    const colour = PERIOD_COLOURS[period] || '#333';
    const text = () => escapeHtml(t(period === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'));
    explain(L.geoJSON(f, {
      renderer: drawn.renderer,
      style: { color: colour, weight: 2.5, dashArray: period === 'before' ? '8 6' : null, fill: false, className: `ellipse ellipse-${period}` },
    }), text, () => `${text()}<br>${escapeHtml(t('ev.ellipseInfo'))}`).addTo(drawn.layers.ellipses);
  }
  const centres = {};
  for (const f of drawn.result.centres?.features || []) {
    const period = f.properties.period;
    const [lon, lat] = f.geometry.coordinates;
    centres[period] = [lat, lon];
    if (!changeMode(drawn.show) && period !== drawn.show) continue;
    const text = () => escapeHtml(t(period === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'));
    explain(L.circleMarker([lat, lon], {
      renderer: drawn.renderer, radius: 7, color: '#fff', weight: 2.5, fillColor: PERIOD_COLOURS[period] || '#333', fillOpacity: 1,
      className: `centre centre-${period}`,
    }), text).addTo(drawn.layers.ellipses);
  }
  if (changeMode(drawn.show) && centres.before && centres.after) {
    const shift = L.polyline([centres.before, centres.after], { renderer: drawn.renderer, color: '#1f2933', weight: 2, dashArray: '2 4', className: 'centre-shift' })
      .addTo(drawn.layers.ellipses);
    withArrow(shift);
  }
}

function renderVectors() {
  const vectors = drawn.result.vectors?.features || [];
  const maxWeight = Math.max(1, ...vectors.map((v) => Math.abs(v.properties.weight || 0)));
  for (const v of vectors) {
    const p = v.properties;
    const latlngs = v.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
    const width = 2.5 + 7.5 * Math.sqrt(Math.abs(p.weight || 0) / maxWeight);
    L.polyline(latlngs, { renderer: drawn.renderer, color: '#ffffff', weight: width + 3, opacity: 0.9, interactive: false, lineCap: 'round' }).addTo(drawn.layers.vectors);
    const line = explain(L.polyline(latlngs, { renderer: drawn.renderer, color: '#1b1b1b', weight: width, opacity: 0.95, lineCap: 'round', className: 'vector' }), () => vectorText(p))
      .addTo(drawn.layers.vectors);
    withArrow(line);
  }
}

function vectorText(p) {
  const from = localName(p.fromName), to = localName(p.toName);
  const head = from && to ? t('ev.vectorFromTo', { from, to }) : t('dis.vector');
  const where = t('ev.vectorWhere', { distance: formatDistance(p.distance), direction: compass(p.bearing), bearing: Math.round(p.bearing) });
  const counts = (label, c) => (c ? `<br>${escapeHtml(t(label, { before: formatNumber(c.before), after: formatNumber(c.after) }))}` : '');
  const weight = p.weight ? `<br>${escapeHtml(t('ev.vectorWeight', { n: formatNumber(p.weight, { maximumFractionDigits: 1 }) }))}` : '';
  return `<strong>${escapeHtml(head)}</strong><br>${escapeHtml(where)}${counts('ev.vectorFromCounts', p.fromCount)}${counts('ev.vectorToCounts', p.toCount)}${weight}`;
}

/** One sentence under the layer buttons that says what the arrows mean (issue: "weight 1.8"). */
/** SVG arrow head at the end of a line; set again whenever Leaflet re-creates the element. */
function withArrow(line) {
  const set = () => line.getElement()?.setAttribute('marker-end', 'url(#arrow)');
  line.on('add', set);
  set();
}

const swatchRect = (fill, opacity, stroke = '#3e4c59') => `<svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" rx="2" fill="${fill}" fill-opacity="${opacity}" stroke="${stroke}" stroke-width="0.6"/></svg>`;

/** The legend's HTML for the layers drawn last. */
export function legendHtml() {
  const present = new Set((drawn.result.cells?.features || []).map((f) => f.properties.class));
  let cells;
  if (drawn.show === 'tested') {
    const item = (code) => `<li>${swatchRect(CELL_CHANGE_COLOURS[code] || '#ffffff', CELL_CHANGE_COLOURS[code] ? 0.75 : 0)}<span>${escapeHtml(t(`ev.legend${code === 'increase' ? 'Increase' : code === 'decrease' ? 'Decrease' : 'None'}`))}</span></li>`;
    cells = `<h2>${escapeHtml(t('ev.legendTested'))}</h2><ul class="legend-list">${['decrease', 'increase', 'none'].map(item).join('')}</ul>`
      + `<p class="legend-note">${escapeHtml(t('ev.legendTestedNote'))}</p>`;
  } else if (drawn.show === 'change') {
    const hot = CHANGE_CLASSES.filter((c) => !c.code.startsWith('cold_'));
    const cold = CHANGE_CLASSES.filter((c) => c.code.startsWith('cold_') && present.has(c.code));
    const item = (c) => `<li>${classSwatch(c.code)}<span>${escapeHtml(t(`class.${c.code}`))}</span></li>`;
    cells = `<h2>${escapeHtml(t('dis.legendChange'))}</h2><ul class="legend-list">${hot.map(item).join('')}</ul>`
      + (cold.length ? `<h3>${escapeHtml(t('dis.legendCold'))}</h3><ul class="legend-list">${cold.map(item).join('')}</ul>` : '');
  } else {
    cells = `<h2>${escapeHtml(t('dis.legendBins'))} · ${escapeHtml(t(drawn.show === 'before' ? 'dis.before' : 'dis.after'))}</h2><ul class="legend-list">`
      + GI_BINS.map((b) => `<li>${swatchRect(b.colour || '#cbd2d9', b.colour ? 0.85 : 0.35)}<span>${escapeHtml(t(`bin.${b.bin}`))}</span></li>`).join('')
      + '</ul>';
  }
  const periods = changeMode(drawn.show) ? ['before', 'after'] : [drawn.show];
  const overlays = [
    ...(changeMode(drawn.show) && drawn.result.vectors?.features?.length ? [`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><path d="M2 8h13" stroke="#1b1b1b" stroke-width="3.5" marker-end="url(#arrow)"/></svg><span>${escapeHtml(t('dis.vector'))}</span></li>`] : []),
    ...periods.map((p) => `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><ellipse cx="11" cy="8" rx="9" ry="5.5" fill="none" stroke="${PERIOD_COLOURS[p]}" stroke-width="2" ${p === 'before' ? 'stroke-dasharray="4 3"' : ''}/><circle cx="11" cy="8" r="2.6" fill="${PERIOD_COLOURS[p]}"/></svg><span>${escapeHtml(t(p === 'before' ? 'dis.ellipseBefore' : 'dis.ellipseAfter'))}</span></li>`),
    `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#111827" stroke-width="2.5"/></svg><span>${escapeHtml(t('dis.target'))}</span></li>`,
    `<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#3e4c59" stroke-width="1.5" stroke-dasharray="4 3"/></svg><span>${escapeHtml(t('dis.rings'))}</span></li>`,
  ];
  if (gapGeometry(drawn.result)) {
    overlays.push(`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="url(#pat-gap)" stroke="${GAP_COLOUR}" stroke-width="1.2" stroke-dasharray="3 2"/></svg><span>${escapeHtml(t('ev.legendGap'))}</span></li>`);
  }
  if ((drawn.result.target?.features || []).some((f) => f.properties.role === 'control')) {
    overlays.push(`<li><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="2" y="2" width="18" height="12" fill="none" stroke="#6b21a8" stroke-width="1.8" stroke-dasharray="1 4" stroke-linecap="round"/></svg><span>${escapeHtml(t('dis.control'))}</span></li>`);
  }
  return `${cells}<h3>${escapeHtml(t('dis.legendOverlays'))}</h3><ul class="legend-list">${overlays.join('')}</ul>`;
}
