// Small interface helpers shared by the views: toast, progress bars, file downloads, errors.
import { ApiError } from './api.js';
import { formatNumber, t } from './i18n.js';

export const $ = (id) => document.getElementById(id);

/** A short message at the bottom of the screen. */
export function toast(message, kind = 'info') {
  const el = $('toast');
  el.textContent = message;
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

/** Controls a .progress element: set(fraction or null for indeterminate, label), done(). */
export function progress(id) {
  const el = $(id);
  const bar = el.querySelector('.progress-bar');
  const label = el.querySelector('.progress-label');
  return {
    set(fraction, text = '') {
      el.hidden = false;
      el.classList.toggle('indeterminate', fraction === null || fraction === undefined);
      if (fraction !== null && fraction !== undefined) bar.style.width = `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
      label.textContent = text;
      bar.dataset.label = text; // the white copy on the bar (CSS)
      el.setAttribute('role', 'progressbar');
      el.setAttribute('aria-valuemin', '0');
      el.setAttribute('aria-valuemax', '100');
      if (fraction !== null && fraction !== undefined) el.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
      else el.removeAttribute('aria-valuenow');
      el.setAttribute('aria-valuetext', text);
    },
    done() { el.hidden = true; bar.style.width = '0%'; },
  };
}

/** Saves text as a file through a temporary link (no server round trip). */
/** Saves text or a Blob under the given file name. */
export function saveFile(name, content, type) {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A readable message for an error from the API or the network. */
export function errorMessage(e) {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('error.network');
    const fieldErrors = Object.values(e.errors).flat();
    return fieldErrors.length ? `${e.message} ${fieldErrors.join('; ')}` : e.message || t('error.generic', { status: e.status });
  }
  if (e instanceof TypeError) return t('error.network');
  return e?.message || String(e);
}

/** CSV text (RFC 4180, comma-separated, quoted where needed) from a header and rows. */
export function toCsv(header, rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export { formatNumber };
