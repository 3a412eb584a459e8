// The written part of a displacement result, shared by the side panel and the printable report:
// the verdict first, then every figure with its own explanation (explain.js). Signs are put into
// words ("641 fewer observations") so that a net effect of +831 and a WDD of −641, which both
// mean fewer observations, cannot be read as opposite outcomes. Parts the server did not compute
// (older results, planners' summaries) are simply left out.
import { compass, formatDate, formatDecimal, formatDistance, formatNumber, formatPercent, lang, t } from '../i18n.js';
import { escapeHtml } from '../symbols.js';
import { explained } from './explain.js';

const e = escapeHtml;

/** The result's title and everything under it, as HTML. `report`: the printable page (no buttons);
 * `afterVerdict`: HTML placed right after the verdict (the report's map). */
export function summaryHtml(result, { title, report = false, afterVerdict = '' } = {}) {
  const s = result.summary || {};
  const params = result.parameters || {};
  const periodText = params.before && params.after
    ? t('dis.periods', { before: periodWords(params.before), after: periodWords(params.after) }) : '';
  const hidden = s.minCount ? `<p class="hint">${e(t('dis.hiddenNote', { k: s.minCount - 1 }))}</p>` : '';
  const actions = !report && result.id ? `
    <div class="result-actions">
      <a class="button secondary" id="dis-report" href="report.html#${encodeURIComponent(result.id)}">${e(t('ev.openReport'))}</a>
      ${result.cells?.features?.length ? `<button type="button" class="button secondary" id="dis-map-png">${e(t('ev.mapPng'))}</button>` : ''}
    </div>` : '';
  return `
    ${title ? `<h2 class="summary-title">${e(title)}</h2>` : ''}
    ${periodText ? `<p class="hint">${e(periodText)}</p>` : ''}
    ${verdictHtml(s.verdict)}
    ${afterVerdict}
    ${actions}
    ${hidden}
    ${tilesHtml(s)}
    ${timelineHtml(s.timeline)}
    ${catchmentHtml(s.catchment)}
    ${cellChangeHtml(s.cellChange, s.gi)}
    ${wdqHtml(s.wdq)}
    ${wddHtml(s.wdd)}
    ${sensitivityHtml(s.sensitivity)}
    ${itsHtml(s.its)}
    ${placeboHtml(s.placebo)}
    ${spptHtml(s.sppt)}
    ${centreHtml(s.centreShift)}
    ${notesHtml(s.notes)}`;
}

// ---- words for numbers ---------------------------------------------------------------------

/** "585 more", "1,562 fewer", "no change": a difference in observations, its sign in words. */
export function fewerMore(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const value = formatNumber(Math.abs(n), { maximumFractionDigits: digits });
  if (Math.round(n * 10 ** digits) === 0) return t('ev.noChange');
  return t(n < 0 ? 'ev.fewer' : 'ev.more', { n: value });
}

/** An interval of differences in words: "507 to 776 fewer", or "120 fewer to 40 more" across zero. */
export function intervalWords(low, high, digits = 0) {
  if (low === null || low === undefined || high === null || high === undefined) return '–';
  const f = (x) => formatNumber(Math.abs(x), { maximumFractionDigits: digits });
  if (high < 0) return t('ev.rangeFewer', { a: f(high), b: f(low) });
  if (low > 0) return t('ev.rangeMore', { a: f(low), b: f(high) });
  return t('ev.rangeAcross', { a: f(low), b: f(high) });
}

/** A p-value that never prints as 0: "< 0.001" below a thousandth. */
export function formatP(p) {
  if (p === null || p === undefined) return '–';
  return p < 0.001 ? `< ${formatNumber(0.001)}` : formatNumber(p, { maximumSignificantDigits: 2 });
}

/** A rate ratio (0.31) as a percentage of the level expected without the intervention (31 %). */
const ratioPct = (r) => formatNumber(r, { style: 'percent', maximumFractionDigits: 0 });

/** Two decimals, or two significant digits for values close to zero (-0.0026, not -0.00). */
export function formatQuotient(value) {
  if (value === null || value === undefined) return '–';
  return Math.abs(value) < 0.1 && value !== 0 ? formatNumber(value, { maximumSignificantDigits: 2 }) : formatDecimal(value, 2);
}

/** A name or note given in three languages ({nl, fr, en}) or as one string (shown as it is). */
export function localName(name) {
  if (!name) return '';
  return typeof name === 'string' ? name : name[lang()] || name.en || Object.values(name)[0] || '';
}

function periodWords(p) {
  const to = p.to ? new Date(new Date(p.to).getTime() - 1) : null;
  return `${formatDate(p.from)} – ${to ? formatDate(to.toISOString()) : ''}`;
}

const block = (cls, heading, body) => `<section class="summary-block ${cls}"><h3>${heading}</h3>${body}</section>`;

// ---- the parts -----------------------------------------------------------------------------

function verdictHtml(v) {
  const text = v?.text ? v.text[lang()] || v.text.en : '';
  if (!text) return '';
  const places = (v.places || []).map((p) => `
      <li class="place place-${e(p.change)}"><span class="place-mark" aria-hidden="true">${p.change === 'decrease' ? '▼' : '▲'}</span>
        <span><strong>${e(localName(p.name))}</strong> ${e(t('ev.placeCounts', { before: formatNumber(p.before), after: formatNumber(p.after) }))}
        <span class="muted">(${e(fewerMore(p.after - p.before))})</span></span></li>`).join('');
  return `<section class="verdict" aria-labelledby="verdict-title" data-code="${e(v.code || '')}">
      <h3 id="verdict-title">${e(t('ev.verdict'))}</h3>
      <p class="verdict-text">${e(text)}</p>
      ${places ? `<ul class="verdict-places">${places}</ul>` : ''}
    </section>`;
}

function tilesHtml(s) {
  const tiles = [
    [t('dis.whole'), s.countBefore, s.countAfter],
    [t('dis.targetArea'), s.targetBefore, s.targetAfter],
  ].map(([label, a, b]) => {
    const known = a !== null && a !== undefined && b !== null && b !== undefined;
    return `
    <div class="stat">
      <span class="stat-label">${e(label)}</span>
      <span class="stat-values"><span class="stat-before">${formatNumber(a)}</span><span class="stat-arrow" aria-hidden="true">→</span><span class="stat-after">${formatNumber(b)}</span></span>
      <span class="stat-change">${known ? e(`${fewerMore(b - a)}${a ? ` (${formatPercent((b - a) / a)})` : ''}`) : ''}</span>
    </div>`;
  }).join('');
  return `<section class="counts-block"><div class="stats-head">${explained(t('ev.countsTitle'), 'ev.info.counts')}</div><div class="stats">${tiles}</div></section>`;
}

function timelineHtml(timeline) {
  if (!timeline?.weeks?.length) return '';
  return block('timeline-block', explained(t('ev.timelineTitle'), 'ev.info.timeline'), `
      <div class="chart-box timeline-box"><canvas class="timeline-canvas" role="img" aria-label="${e(t('ev.timelineTitle'))}"></canvas></div>
      <p class="hint">${e(t('ev.timelineHint'))}</p>`);
}

function catchmentHtml(c) {
  if (!c) return '';
  const rings = (c.rings || []).map((outer, i, all) => t('dis.ringLabel', { inner: formatNumber(i ? all[i - 1] : 0), outer: formatNumber(outer) })).join(', ');
  const control = c.control || {};
  // The default control in the reader's language; a chosen area keeps its own name (label).
  const kind = control.kind ? t(`ev.controlKind.${control.kind}`) : '';
  return block('catchment-block', explained(t('ev.catchmentTitle'), 'ev.info.catchment'), `
      <dl class="kv">
        <dt>${e(t('dis.rings'))}</dt><dd>${e(rings || '–')}</dd>
        <dt>${e(t('dis.control'))}</dt><dd>${e(control.kind === 'region-beyond' || !control.label ? kind : localName(control.label))}${c.controlFrom ? ` <span class="muted">${e(t('ev.controlFrom', { from: formatDistance(c.controlFrom) }))}</span>` : ''}</dd>
      </dl>
      ${control.reason ? `<p class="hint">${e(t('ev.controlWhy', { reason: localName(control.reason) }))}</p>` : ''}
      ${c.gap ? `<p class="gap-note"><svg class="swatch" aria-hidden="true" width="22" height="16"><rect x="1" y="1" width="20" height="14" fill="url(#pat-gap)" stroke="#6b21a8" stroke-dasharray="3 2"/></svg>
        ${e(t('ev.gap', { inner: formatNumber(c.gap.inner), outer: formatNumber(c.gap.outer) }))}</p>` : ''}
      ${c.distances ? `<p class="hint">${e(t('ev.distances', { crs: c.distances }))}</p>` : ''}`);
}

function cellChangeHtml(c, gi) {
  if (!c && !gi) return '';
  const counts = c ? `
      <ul class="change-counts">
        <li class="change-decrease"><span class="chip-swatch" aria-hidden="true"></span>${e(t('ev.cellsDecrease', { n: formatNumber(c.decrease) }))}</li>
        <li class="change-increase"><span class="chip-swatch" aria-hidden="true"></span>${e(t('ev.cellsIncrease', { n: formatNumber(c.increase) }))}</li>
        <li class="change-none"><span class="chip-swatch" aria-hidden="true"></span>${e(t('ev.cellsNone', { n: formatNumber(c.none) }))}</li>
      </ul>
      <p class="hint">${explained(t('ev.cellTestShort', { alpha: formatNumber(c.alpha ?? 0.05) }), 'ev.info.cellTest', {
        share: formatPercent(c.expectedShare ?? 0, 0).replace(/^\+/, ''), adjustment: c.adjustment || 'BY',
      })}</p>` : '';
  const giNote = gi ? `<p class="hint">${explained(t('ev.giShort', { n: formatNumber(gi.permutations ?? 0) }), 'ev.info.gi')}${gi.fdr ? ` ${e(t('ev.giFdr'))}` : ''}</p>
      ${gi.coldSpotsReachable === false || gi.note ? `<p class="hint">${e(gi.coldSpotsReachable === false ? t('ev.giNoCold') : localName(gi.note))}</p>` : ''}` : '';
  return block('cell-change-block', explained(t('ev.cellChangeTitle'), 'ev.info.cellChange'), counts + giNote);
}

function wdqHtml(w) {
  const rings = [...(w?.allRings && (w?.rings || []).length > 1 ? [{ ...w.allRings, all: true }] : []), ...(w?.rings || [])];
  if (!rings.length) return '';
  const sm = w.allRings?.successMeasure ?? rings[0].successMeasure;
  return block('wdq-block', explained(t('dis.wdqTitle'), 'ev.info.wdq'), `
      ${sm !== null && sm !== undefined ? `<p class="hint">${explained(t('ev.successMeasure', { value: formatDecimal(sm, 2) }), 'ev.info.sm')}</p>` : ''}
      <div class="table-wrap"><table class="wdq-table">
        <thead><tr><th scope="col">${e(t('dis.ring'))}</th>
          <th scope="col" class="num">${explained(t('dis.wdq'), 'ev.info.wdqValue')}</th>
          <th scope="col" class="num">${explained(t('dis.tne'), 'ev.info.tne')}</th></tr></thead>
        <tbody>${rings.map((r) => `
          <tr class="${r.all ? 'all-rings' : ''}"><th scope="row">${e(t(r.all ? 'dis.allRings' : 'dis.ringLabel', { inner: formatNumber(r.inner), outer: formatNumber(r.outer) }))}
              <span class="muted ring-counts">${e(t('ev.placeCounts', { before: formatNumber(r.before), after: formatNumber(r.after) }))}</span></th>
            <td class="num wdq-value">${formatQuotient(r.wdq)}</td>
            <td class="num tne-value">${e(netWords(r.totalNetEffect))}</td></tr>
          <tr class="interp-row"><td colspan="3"><span class="interp interp-${e(r.interpretationCode || '')}">${e(interpretation(r))}</span></td></tr>`).join('')}
        </tbody></table></div>`);
}

/** The total net effect counts observations prevented: positive = fewer observations in net. */
function netWords(tne) {
  if (tne === null || tne === undefined) return '–';
  return fewerMore(-tne);
}

function wddHtml(w) {
  if (!w) return '';
  const significant = w.ciLow > 0 || w.ciHigh < 0;
  return block('wdd-block', explained(t('dis.wddTitle'), 'ev.info.wdd'), `
      <p class="big-number"><span class="wdd-value">${e(fewerMore(w.total))}</span>
        <span class="muted">${explained(t('ev.interval', { range: intervalWords(w.ciLow, w.ciHigh) }), 'ev.info.interval')}</span></p>
      <dl class="kv">
        <dt>${e(t('dis.wddLocal'))}</dt><dd>${e(fewerMore(w.local))}</dd>
        <dt>${e(t('dis.wddDisplacement'))}</dt><dd>${e(fewerMore(w.displacement))}</dd>
        <dt>${explained('z', 'ev.info.z')}</dt><dd>${formatDecimal(w.z, 2)}</dd>
        <dt>p</dt><dd>${e(formatP(w.p))}</dd>
      </dl>
      <p class="hint">${e(t(significant ? 'dis.wddSignificant' : 'dis.wddNotSignificant'))}</p>
      ${w.note ? `<p class="hint warn">${e(localName(w.note))}</p>` : ''}`);
}

function sensitivityHtml(sens) {
  if (!sens?.rows?.length) return '';
  // The control column only when the rows use more than one control; the reading goes on its
  // own line under each row, as in the WDQ table, so the table fits the side panel.
  const controls = new Set(sens.rows.map((r) => r.control));
  const many = controls.size > 1;
  const rows = sens.rows.map((r) => `
        <tr><th scope="row">${e(t('dis.ringLabel', { inner: 0, outer: formatNumber(r.bufferWidth) }))}${many ? `<span class="muted ring-counts">${e(t(`ev.sensControl.${r.control}`))}</span>` : ''}</th>
          <td class="num">${formatQuotient(r.wdq)}</td>
          <td class="num">${e(netWords(r.tne))}</td>
          <td class="num">${e(fewerMore(r.wdd))}<span class="muted ring-counts">${e(intervalWords(r.wddLow, r.wddHigh))}</span></td></tr>
        <tr class="interp-row"><td colspan="4"><span class="interp interp-${e(r.interpretationCode || '')}">${e(interpretation(r))}</span></td></tr>`).join('');
  const control = !many ? `<p class="hint">${e(t('ev.sensOneControl', { control: t(`ev.sensControl.${[...controls][0]}`) }))}</p>` : '';
  return block('sensitivity-block', explained(t('ev.sensTitle'), 'ev.info.sensitivity'), `
      <p class="sens-holds ${sens.holds ? 'holds' : 'not-holds'}">${e(t(sens.holds ? 'ev.sensHolds' : 'ev.sensNotHolds'))}</p>
      <div class="table-wrap"><table class="sens-table wdq-table">
        <thead><tr><th scope="col">${e(t('ev.bufferWidth'))}</th><th scope="col" class="num">${e(t('dis.wdq'))}</th>
          <th scope="col" class="num">${e(t('dis.tne'))}</th><th scope="col" class="num">WDD</th></tr></thead>
        <tbody>${rows}</tbody></table></div>
      ${control}
      ${sens.note ? `<p class="hint">${e(localName(sens.note))}</p>` : ''}`);
}

function itsHtml(its) {
  const series = ['target', 'buffer'].filter((k) => its?.[k]);
  if (!series.length) return '';
  const row = (k) => {
    const m = its[k];
    return `<tr><th scope="row">${e(t(`ev.series.${k}`))}</th>
        <td>${e(t('ev.level', { pct: ratioPct(m.levelRatio), low: ratioPct(m.levelLow), high: ratioPct(m.levelHigh) }))}</td>
        <td>${e(t('ev.slope', { pct: formatPercent((m.slopeRatio ?? 1) - 1, 1), low: formatPercent((m.slopeLow ?? 1) - 1, 1), high: formatPercent((m.slopeHigh ?? 1) - 1, 1) }))}</td>
        <td class="num">${e(formatP(m.p))}</td></tr>`;
  };
  const first = its[series[0]];
  return block('its-block', explained(t('ev.itsTitle'), 'ev.info.its'), `
      ${series.map((k) => `<p class="its-sentence">${e(itsSentence(k, its[k]))}</p>`).join('')}
      <div class="table-wrap"><table class="its-table">
        <thead><tr><th scope="col">${e(t('ev.seriesHead'))}</th><th scope="col">${explained(t('ev.levelHead'), 'ev.info.level')}</th>
          <th scope="col">${explained(t('ev.slopeHead'), 'ev.info.slope')}</th><th scope="col" class="num">p</th></tr></thead>
        <tbody>${series.map(row).join('')}</tbody></table></div>
      <p class="hint">${e(t('ev.itsModel', { model: first.model || '', before: formatNumber(first.weeksBefore), after: formatNumber(first.weeksAfter) }))}
        ${e(t(first.seasonality ? 'ev.itsSeasonal' : 'ev.itsNoSeason'))}</p>
      ${[...new Set(series.map((k) => (its[k].note ? localName(its[k].note) : '')).filter(Boolean))]
        .map((note) => `<p class="hint">${e(note)}</p>`).join('')}`);
}

function itsSentence(k, m) {
  const significant = m.levelLow > 1 || m.levelHigh < 1;
  const key = m.levelRatio < 1 ? 'ev.itsFell' : 'ev.itsRose';
  return `${t(key, { series: t(`ev.series.${k}`), pct: ratioPct(m.levelRatio) })} ${t(significant ? 'ev.itsSignificant' : 'ev.itsNotSignificant')}`;
}

function placeboHtml(placebo) {
  const series = ['target', 'buffer'].filter((k) => placebo?.[k]);
  if (!series.length) return '';
  return block('placebo-block', explained(t('ev.placeboTitle'), 'ev.info.placebo'), series.map((k) => {
    const p = placebo[k];
    const reading = p.rank === 1 ? t('ev.placeboUnusual') : t('ev.placeboUsual', { n: formatNumber(p.rank - 1) });
    return `<p class="placebo-sentence">${e(t('ev.placeboRank', { series: t(`ev.series.${k}`), rank: formatNumber(p.rank), of: formatNumber(p.of), p: formatP(p.p) }))} ${e(reading)}</p>`;
  }).join(''));
}

function spptHtml(sp) {
  if (!sp) return '';
  return block('sppt-block', explained(t('dis.spptTitle'), 'ev.info.sppt'), `
      <dl class="kv">
        <dt>${e(t('dis.globalS'))}</dt><dd>${formatDecimal(sp.globalS, 2)}</dd>
        <dt>${e(t('dis.robustS'))}</dt><dd>${formatDecimal(sp.robustS, 2)}</dd>
      </dl>
      <p class="hint">${e(t((sp.robustS ?? sp.globalS) >= 0.8 ? 'dis.similar' : 'dis.different'))}
        ${sp.method ? e(t(sp.method === 'resample' ? 'ev.spptResample' : 'ev.spptProportion', { adjustment: sp.adjustment || 'BY' })) : ''}</p>
      ${sp.note ? `<p class="hint">${e(localName(sp.note))}</p>` : ''}`);
}

function centreHtml(c) {
  if (!c || c.distance === null || c.distance === undefined) return '';
  return block('centre-block', explained(t('dis.centreShift'), 'ev.info.centre'), `
      <p class="centre-shift"><svg aria-hidden="true" width="28" height="28" viewBox="-14 -14 28 28"><circle r="13" fill="#f5f7fa" stroke="#cbd2d9"/><g transform="rotate(${Number(c.bearing) || 0})"><path d="M0 -10 4 2 0 -1 -4 2z" fill="#0b3a5b"/></g></svg>
        ${e(t('dis.centreShiftValue', { distance: formatDistance(c.distance), direction: compass(c.bearing), bearing: Math.round(c.bearing) }))}</p>`);
}

function notesHtml(notes) {
  if (!notes?.length) return '';
  return block('notes-block', e(t('dis.notes')), `<ul class="notes">${notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
}

export function interpretation(ring) {
  const key = `interp.${ring.interpretationCode}`;
  const text = t(key);
  return text === key ? ring.interpretation || ring.interpretationCode || '' : text;
}
