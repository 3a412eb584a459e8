// Shared application state: the categories, the signed-in user, the observation filter (used by
// the Observations and Download views) and the last displacement analysis.
import { areaName, categoryLabel, formatDate, sourceLabel, t } from './i18n.js';
import { region } from './region.js';

export const SOURCES = ['outreach', 'prevention', 'syringe_patrol', 'city_cleaning', 'police', 'residents_hotline'];

const DAY = 24 * 3600 * 1000;

export const store = {
  info: null,
  categories: [],
  /** null while auth is not built on the server (open access); else {name, role, organisation}. */
  user: null,
  authEnabled: false,
  filter: {
    range: 30,
    from: null, // Date: local midnight of the first day
    to: null,   // Date: local midnight of the last day (inclusive in the UI, +1 day in queries)
    categories: new Set(),
    source: '',
    area: '',
  },
  analysis: null,
};

// Looked up for every symbol drawn (a thousand at a zoom step): a map, made again when the list is replaced.
let categoryIndex = { of: null, byCode: new Map() };
export function categoryByCode(code) {
  if (categoryIndex.of !== store.categories) {
    categoryIndex = { of: store.categories, byCode: new Map((store.categories || []).map((c) => [c.code, c])) };
  }
  return categoryIndex.byCode.get(code);
}

export function startOfDay(date) {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  return d;
}

export function setQuickRange(days) {
  const today = startOfDay(new Date());
  store.filter.range = days;
  store.filter.to = today;
  store.filter.from = new Date(today.getTime() - (days - 1) * DAY);
}

/** Parses an <input type="date"> value as local midnight. */
export function dateFromInput(value) {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function dateToInput(date) {
  if (!date) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date, days) {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

/** True when every active category is selected (the query then leaves category out). */
export function allCategoriesSelected() {
  return store.categories.filter((c) => c.active).every((c) => store.filter.categories.has(c.code));
}

/** Midnight at the start of the calendar day of `date` in the service's time zone (the region
 *  pack's), as an ISO instant, so a "day" means the same on every device. */
export function dayStartIso(date, timeZone = region.timeZone) {
  const wall = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  let utc = wall;
  for (let i = 0; i < 2; i++) utc = wall - zoneOffset(utc, timeZone);
  return new Date(utc).toISOString();
}

// One formatter per zone: creating an Intl.DateTimeFormat costs milliseconds, and every request
// of the map builds its query through here (about 20 ms of the first visit's start-up).
const zoneFormats = new Map();

/** The offset (ms) of a time zone from UTC at an instant. */
function zoneOffset(instant, timeZone) {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The filter as API query parameters; periods are half-open [from, to). Days are sent as dates
 *  (2026-11-08): the API reads a date alone as the local day's midnight in the service's zone, the
 *  region's, which is what the filter means. (Working the instant out here took the time zone
 *  data's first load, about 45 ms, into the map's first request.) */
export function filterQuery() {
  const f = store.filter;
  const q = {};
  if (f.from) q.from = dateToInput(f.from);
  if (f.to) q.to = dateToInput(addDays(f.to, 1));
  if (!allCategoriesSelected()) q.category = [...f.categories];
  if (f.source) q.source = f.source;
  if (f.area) q.area = f.area;
  return q;
}

export function noCategorySelected() {
  return store.filter.categories.size === 0;
}

/** The filter in words, for the Download view. */
export function filterDescription(areas) {
  const f = store.filter;
  const period = `${formatDate(f.from)} – ${formatDate(f.to)}`;
  const cats = allCategoriesSelected()
    ? t('dl.allCategories')
    : f.categories.size <= 2 ? [...f.categories].map((c) => categoryLabel(categoryByCode(c))).join(', ') : t('dl.someCategories', { count: f.categories.size });
  const source = f.source ? sourceLabel(f.source) : t('filter.allSources');
  const area = f.area ? areaName(areas.find((a) => String(a.id) === String(f.area)) || { name: f.area }) : t('filter.allAreas');
  return t('dl.filterText', { period, categories: cats, source, area });
}

/** A file name after the filter and today's date, e.g.
 *  scenemonitor_observations_2026-10-26_to_2026-11-24_syringe_anderlecht_asof_2026-11-24.geojson */
export function filterFileName(kind, extension, areas) {
  const f = store.filter;
  const parts = ['scenemonitor', kind, `${dateToInput(f.from)}_to_${dateToInput(f.to)}`];
  if (!allCategoriesSelected()) parts.push(f.categories.size <= 3 ? [...f.categories].join('+') : `${f.categories.size}categories`);
  if (f.source) parts.push(f.source);
  if (f.area) {
    const a = areas.find((x) => String(x.id) === String(f.area));
    parts.push(slug(a ? a.name : `area${f.area}`));
  }
  parts.push(`asof_${dateToInput(new Date())}`);
  return `${parts.join('_')}.${extension}`;
}

export function slug(text) {
  return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

export function hasRole(...roles) {
  if (!store.authEnabled) return true;
  return !!store.user && roles.includes(store.user.role);
}

export const canRecord = () => hasRole('recorder', 'admin');
export const seesPoints = () => !store.authEnabled || hasRole('recorder', 'analyst', 'admin');
