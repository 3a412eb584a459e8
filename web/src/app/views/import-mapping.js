// The batch upload's mapping step: after the server's dry run, the file's columns with their first
// values and what each is read as; the user picks a field for a column, checks again, and may save
// the choice for the organisation's next files with the same columns (PUT /api/imports/mappings;
// uploads ask for it with mapping=saved). Also the update mode, and the dry run's warnings and column
// errors in the user's language (the server's codes; its English messages are for API clients).
import { api } from '../api.js';
import { formatNumber, t } from '../i18n.js';
import { escapeHtml } from '../symbols.js';
import { $, errorMessage } from '../ui.js';

/** Column parameters the import accepts (ColumnMap.Parameters on the server), in the list's order. */
const FIELDS = ['category', 'lat', 'lon', 'wkt', 'time', 'quantity', 'note', 'externalRef'];

let choices = {}; // column parameter -> the file's column, as chosen by the user for this file
let last = null; // the last dry run's report (or problem), with its columns
let recheck = () => {};

export const importMapping = {
  /** onRecheck: runs the dry run again (with params()). */
  init(onRecheck) {
    recheck = onRecheck;
    $('batch-update').addEventListener('change', () => recheck());
  },

  /** A new file: forget the choices made for the previous one. */
  reset() {
    choices = {};
    last = null;
    $('batch-mapping').innerHTML = '';
  },

  /** Query parameters of the dry run and the upload: the saved mapping, the user's choices, the mode. */
  params() {
    return { mapping: 'saved', mode: $('batch-update').checked ? 'update' : undefined, ...pairedChoices() };
  },

  /** Shows the mapping step for a dry run's report, or for the problem of a refused file. */
  show(report) {
    if (!report?.columns) { $('batch-mapping').innerHTML = ''; return; }
    last = report;
    const missing = (report.errors || []).some((e) => e.code);
    const notes = [];
    if (report.savedMapping) notes.push(`<p class="hint">${escapeHtml(t('imp.savedApplied'))}</p>`);
    if (report.mode === 'update' && report.state === 'dryRun') {
      notes.push(`<p class="hint">${escapeHtml(t('imp.wouldUpdate', { updated: formatNumber(report.updated), inserted: formatNumber(report.inserted), unchanged: formatNumber(report.unchanged) }))}</p>`);
    }
    $('batch-mapping').innerHTML = `${notes.join('')}
      <details class="import-mapping" ${missing ? 'open' : ''}>
        <summary>${escapeHtml(t('imp.title'))}</summary>
        <p class="hint">${escapeHtml(t('imp.intro'))}</p>
        <div class="table-wrap"><table class="import-columns">
          <thead><tr><th scope="col">${escapeHtml(t('imp.column'))} → ${escapeHtml(t('imp.holds'))}</th><th scope="col">${escapeHtml(t('imp.values'))}</th></tr></thead>
          <tbody>${report.columns.map((c, i) => row(c, i)).join('')}</tbody>
        </table></div>
        <p class="hint" id="imp-pair" hidden>${escapeHtml(t('imp.needPair'))}</p>
        <div class="form-actions">
          <button type="button" class="button" id="imp-recheck">${escapeHtml(t('imp.recheck'))}</button>
          <button type="button" class="button" id="imp-save" ${Object.keys(saveable()).length ? '' : 'disabled'}>${escapeHtml(t('imp.save'))}</button>
        </div>
        <p class="hint" id="imp-saved" role="status"></p>
      </details>`;
    $('batch-mapping').querySelectorAll('select[data-column]').forEach((select) => select.addEventListener('change', onChoose));
    $('imp-recheck').addEventListener('click', () => recheck());
    $('imp-save').addEventListener('click', save);
  },

  /** An error of the file's columns in the user's words, or null for a row error. */
  errorText(e) {
    const field = e.field ? t(`imp.field.${e.field}`) : '';
    switch (e.code) {
      case 'column-missing': return t('imp.missing', { field });
      case 'column-not-found': return t('imp.notFound', { field });
      case 'source-missing': return t('imp.sourceMissing');
      case 'ref-required': return t('imp.refRequired');
      default: return null;
    }
  },

  /** A dry run warning in the user's words (the server's message when the code is new to the page). */
  warningText(w) {
    const column = w.column ?? '';
    switch (w.code) {
      case 'crs': return t('imp.w.crs', { value: w.value ?? '' });
      case 'time-from-form': return t(w.value === 'end' ? 'imp.w.formEnd' : 'imp.w.formStart', { column });
      case 'time-from-sync': return t('imp.w.sync', { column });
      case 'column-by-label': return t('imp.w.byLabel', { column, field: t(`imp.field.${w.field}`) });
      case 'quantity-default': return w.column ? t('imp.w.quantitySome', { count: formatNumber(w.count), total: formatNumber(w.total) }) : t('imp.w.quantityAll');
      case 'source-default': return t('imp.w.source', { value: w.value ?? '' });
      case 'ref-derived': return t('imp.w.refDerived');
      case 'note-none': return t('imp.w.noNote');
      case 'column-unused': return t('imp.w.unused', { column });
      default: return w.message;
    }
  },

  /** The success line of an upload in update mode, or null (the page's usual line). */
  resultText(report) {
    return report.mode === 'update'
      ? t('imp.updated', { updated: formatNumber(report.updated), inserted: formatNumber(report.inserted), unchanged: formatNumber(report.unchanged) })
      : null;
  },
};

function row(column, i) {
  const current = Object.keys(choices).find((f) => choices[f] === column.name) ?? column.field ?? '';
  // geopoint and source have no column parameter: shown as read, not offered.
  const fixed = current && !FIELDS.includes(current);
  const options = fixed ? `<option value="${escapeHtml(current)}" selected>${escapeHtml(t(`imp.field.${current}`))}</option>`
    : `<option value="">${escapeHtml(t('imp.unused'))}</option>${FIELDS.map((f) => `<option value="${f}" ${f === current ? 'selected' : ''}>${escapeHtml(t(`imp.field.${f}`))}</option>`).join('')}`;
  // Name and choice in one cell, the values beside: readable on a phone.
  return `<tr>
    <th scope="row"><code>${escapeHtml(column.name)}</code>
      <select data-column="${i}" aria-label="${escapeHtml(column.name)}" ${fixed ? 'disabled' : ''}>${options}</select></th>
    <td class="import-samples">${column.samples.map((s) => `<span>${escapeHtml(s)}</span>`).join(' ')}</td>
  </tr>`;
}

/** A field chosen for a column: that column reads nothing else, and no other column reads that field. */
function onChoose(event) {
  const name = last.columns[Number(event.target.dataset.column)].name;
  $('batch-upload').disabled = true; // the upload reads the file as the last check did: check again first
  for (const f of Object.keys(choices)) if (choices[f] === name) delete choices[f];
  if (event.target.value) choices[event.target.value] = name;
  $('batch-mapping').querySelectorAll('select[data-column]').forEach((select) => {
    const other = last.columns[Number(select.dataset.column)].name;
    if (other !== name && select.value === event.target.value && event.target.value) select.value = '';
  });
  const paired = pairedChoices();
  $('imp-pair').hidden = ('lat' in paired) === ('lon' in paired);
  $('imp-recheck').disabled = !$('imp-pair').hidden;
  $('imp-save').disabled = !$('imp-pair').hidden || !Object.keys(saveable()).length;
}

/** The choices with the other half of latitude/longitude filled in from what the server found (it wants both or neither). */
function pairedChoices() {
  const chosen = { ...choices };
  const found = (field) => last?.columns.find((c) => c.field === field)?.name;
  if (chosen.lat && !chosen.lon && found('lon')) chosen.lon = found('lon');
  if (chosen.lon && !chosen.lat && found('lat')) chosen.lat = found('lat');
  return chosen;
}

/** What a saved mapping keeps: the saved mapping applied, with this file's choices on top. */
function saveable() {
  return { ...(last?.savedMapping || {}), ...pairedChoices() };
}

async function save() {
  const status = $('imp-saved');
  try {
    await api.saveImportMapping({ headers: last.columns.map((c) => c.name), columns: saveable() });
    status.textContent = t('imp.saved');
  } catch (e) {
    status.textContent = errorMessage(e);
  }
}
