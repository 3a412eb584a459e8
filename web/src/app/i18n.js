// Dutch, French and English. Static labels are marked in the HTML with data-i18n="key"
// (text) and data-i18n-aria-label="key"; code calls t('key', {params}). Category names come
// from the API (labelNl/labelFr/labelEn). Dates and numbers are formatted with Intl.
import { messages } from './messages.js';
import { region, regionName } from './region.js';

const STORAGE_KEY = 'scenemonitor.lang';
export const LANGUAGES = ['nl', 'fr', 'en'];
const LOCALES = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

let current = initialLanguage();
const listeners = [];

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const short = String(l).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(short)) return short;
  }
  return 'en';
}

export const lang = () => current;
export const locale = () => LOCALES[current];

export function setLanguage(value) {
  if (!LANGUAGES.includes(value) || value === current) return;
  current = value;
  localStorage.setItem(STORAGE_KEY, value);
  applyStatic();
  // One failing listener must not leave the rest of the page in the previous language.
  for (const fn of listeners) {
    try { fn(value); } catch (e) { console.error('language change', e); }
  }
}

export function onLanguageChange(fn) { listeners.push(fn); }

/** The message for key in the current language (English as fallback), with {name} replaced. */
export function t(key, params = {}) {
  const text = messages[current]?.[key] ?? messages.en[key] ?? key;
  if (!text.includes('{')) return text;
  const all = { region: regionName(current), ...params }; // {region}: the pack's name (region.js)
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in all ? formatParam(all[name]) : m));
}

function formatParam(value) {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** Translates every element marked with data-i18n / data-i18n-aria-label / data-i18n-title.
 *  Only what differs is written: at start-up most labels already read right (the page's own text,
 *  or a second pass), and each write would have the browser lay the page out again. */
export function applyStatic(root = document) {
  const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  setAttr(document.documentElement, 'lang', current);
  const title = `SceneMonitor · ${t('app.tagline')}`;
  if (document.title !== title) document.title = title;
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    const text = t(el.dataset.i18n);
    if (el.textContent !== text) el.textContent = text;
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => setAttr(el, 'aria-label', t(el.dataset.i18nAriaLabel)));
  root.querySelectorAll('[data-i18n-title]').forEach((el) => setAttr(el, 'title', t(el.dataset.i18nTitle)));
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => setAttr(el, 'placeholder', t(el.dataset.i18nPlaceholder)));
  document.querySelectorAll('[data-lang]').forEach((b) => setAttr(b, 'aria-pressed', String(b.dataset.lang === current)));
}

// Building an Intl formatter costs far more than using one (ICU data is looked up each time), and
// the map formats a date for every marker: formatters are kept per language, zone and options.
const formatters = new Map();
function formatter(Kind, options) {
  const key = `${Kind.name}|${locale()}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) { f = new Kind(locale(), options); formatters.set(key, f); }
  return f;
}

export function formatNumber(value, options = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  // Whole numbers below 1,000 read the same in nl-BE, fr-BE and en-GB; the first Intl formatter
  // of a page costs some 20 ms (ICU data), which the first cluster labels need not pay.
  if (Number.isInteger(value) && value >= 0 && value < 1000 && Object.keys(options).length === 0) return String(value);
  return formatter(Intl.NumberFormat, options).format(value);
}

export function formatDecimal(value, digits = 2) {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A p-value as read on screen: "< 0.001" below a thousandth (the API keeps the exact number,
 *  e.g. 8.5e-21, which a fixed number of decimals would print as 0), else three decimals. */
export function formatP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  return p < 0.001 ? `< ${formatDecimal(0.001, 3)}` : formatDecimal(p, 3);
}

export function formatPercent(value, digits = 0) {
  return formatNumber(value, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' });
}

export function formatDateTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  if (!iso) return '–';
  return formatter(Intl.DateTimeFormat, { ...options, timeZone: region.timeZone }).format(new Date(iso));
}

export function formatDate(iso, options = { dateStyle: 'medium' }) {
  return formatDateTime(iso, options);
}

export function formatDistance(metres) {
  if (metres === null || metres === undefined) return '–';
  return metres >= 1000
    ? `${formatNumber(metres / 1000, { maximumFractionDigits: 2 })} km`
    : `${formatNumber(Math.round(metres))} m`;
}

/** 8-point compass direction for a bearing in degrees (0 = north, clockwise). */
export function compass(bearing) {
  const points = t('compass.points').split(' ');
  return points[Math.round((((bearing % 360) + 360) % 360) / 45) % 8];
}

/** The category's label in the current language. */
export function categoryLabel(category) {
  if (!category) return '';
  return { nl: category.labelNl, fr: category.labelFr, en: category.labelEn }[current] || category.labelEn || category.code;
}

/** The area's name in the current language (a pack's names may be bilingual). */
export function areaName(props) {
  if (current === 'nl' && props.nameNl) return props.nameNl;
  if (current === 'fr' && props.nameFr) return props.nameFr;
  return props.name;
}

/** An intervention's name in the current language; `name` when it has none in that language. */
export function interventionName(i) {
  return { nl: i.nameNl, fr: i.nameFr, en: i.nameEn }[current] || i.name;
}

/** A source code (outreach, police, ...) in words; unknown codes are shown as they are. */
export function sourceLabel(code) {
  const key = `source.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

// The API's validation messages are English; these patterns give them in Dutch and French.
const SERVER_MESSAGES = [
  [/^is required/, 'val.required'],
  [/^unknown category/, 'val.unknownCategory'],
  [/is no longer active/, 'val.inactiveCategory'],
  [/^is in the future/, 'val.future'],
  [/^is before 2000/, 'val.tooOld'],
  [/^must be between 1 and (?<max>\d+)/, 'val.quantityRange'],
  [/^is (?<length>\d+) characters; at most (?<max>\d+)/, 'val.noteLength'],
  [/e-mail address/, 'val.email'],
  [/national register number/, 'val.nationalNumber'],
  [/phone number/, 'val.phone'],
  [/licence plate/, 'val.plate'],
  [/name a person/, 'val.person'],
  [/describe a person/, 'val.description'],
  [/social media handle/, 'val.handle'],
  [/bank account number \(IBAN\)/, 'val.iban'],
  [/identity document/, 'val.idDocument'],
  [/outside the service region/, 'val.outside'],
  [/seem to be swapped/, 'val.swapped'],
];

/** A validation message from the API in the current language (English: as the API wrote it). */
export function serverMessage(text) {
  if (current === 'en') return text;
  for (const [pattern, key] of SERVER_MESSAGES) {
    const m = pattern.exec(text);
    if (m) return t(key, m.groups || {});
  }
  return text;
}
