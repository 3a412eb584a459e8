// The view in the address, so that a link shows what its sender saw:
//   #/observations/14.5/50.83611/4.33620?from=2026-09-08&to=2026-12-06&cat=syringe&source=syringe_patrol&area=12&display=heat
// The path keeps the view and the map position (as before); the query after it keeps the
// filter (period as calendar dates, categories, source, area) and the map display. Dates are
// written out, not "last 90 days", so a link opened tomorrow still counts the same days.
// What the opener's role may not use is left out quietly (unknown categories, a display a
// planner does not have): the link then opens on the nearest view that role may see.
import { state as mapState } from './map.js';
import {
  allCategoriesSelected, dateFromInput, dateToInput, setQuickRange, startOfDay, store,
} from './store.js';

const QUICK_RANGES = [7, 30, 90, 365];
let lastWritten = null;

/** The address split into its path parts (view, zoom, lat, lon, …) and its filter parameters. */
export function readAddress(hash = location.hash) {
  const body = hash.replace(/^#\/?/, '');
  const at = body.indexOf('?');
  const path = at < 0 ? body : body.slice(0, at);
  return { parts: path.split('/'), params: new URLSearchParams(at < 0 ? '' : body.slice(at + 1)) };
}

/** Sets the shared filter from the address; returns the map display it names ('points', 'heat')
 *  or null. Parameters that are absent keep the current (default) filter. */
export function filterFromAddress(hash = location.hash) {
  const { params } = readAddress(hash);
  lastWritten = params.toString();
  const f = store.filter;
  const from = dateFromInput(valid(params.get('from')));
  const to = dateFromInput(valid(params.get('to')));
  const today = startOfDay(new Date());
  if (from && to && from <= to && to <= today) {
    f.from = from;
    f.to = to;
    // A quick range still reads as one when the link is opened on the day it ends.
    const days = Math.round((to - from) / 86400000) + 1;
    f.range = QUICK_RANGES.includes(days) && +to === +today ? days : null;
  } else if (params.has('days') && QUICK_RANGES.includes(Number(params.get('days')))) {
    setQuickRange(Number(params.get('days')));
  }
  if (params.has('cat')) {
    const active = new Set(store.categories.filter((c) => c.active).map((c) => c.code));
    const asked = params.get('cat').split(',').filter((c) => active.has(c));
    // "cat=" is a deliberate empty selection; a list of only unknown codes falls back to all.
    if (asked.length || params.get('cat') === '') f.categories = new Set(asked);
  }
  if (params.has('source')) f.source = /^[a-z_]{1,40}$/.test(params.get('source')) ? params.get('source') : '';
  if (params.has('area')) f.area = /^\d{1,9}$/.test(params.get('area')) ? params.get('area') : '';
  const display = params.get('display');
  return display === 'heat' || display === 'points' ? display : null;
}

/** True when the address's filter differs from the one last read or written (a pasted link). */
export function addressFilterChanged(hash = location.hash) {
  const params = readAddress(hash).params.toString();
  return params !== '' && params !== lastWritten;
}

/** The filter and display as query parameters (only what differs from "everything"). */
function filterParams(display) {
  const f = store.filter;
  const q = new URLSearchParams();
  if (f.from) q.set('from', dateToInput(f.from));
  if (f.to) q.set('to', dateToInput(f.to));
  if (!allCategoriesSelected()) q.set('cat', [...f.categories].join(','));
  if (f.source) q.set('source', f.source);
  if (f.area) q.set('area', f.area);
  if (display) q.set('display', display);
  return q;
}

/** Writes #/view/zoom/lat/lon?filter for the view shown, without a history entry. */
export function writeAddress(view, display) {
  const map = mapState.map;
  if (!view || !map) return;
  const c = map.getCenter();
  const q = filterParams(display);
  lastWritten = q.toString();
  const query = lastWritten ? `?${lastWritten.replace(/%2C/g, ',')}` : '';
  history.replaceState(null, '', `#/${view}/${Number(map.getZoom().toFixed(2))}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}${query}`);
}

const valid = (text) => (/^\d{4}-\d{2}-\d{2}$/.test(text || '') ? text : '');
