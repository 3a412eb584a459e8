// Reading observation files for batch upload: CSV (comma or semicolon, as Belgian spreadsheets
// write it, with decimal commas then) and GeoJSON FeatureCollections of points.

const COLUMN_NAMES = {
  category: ['category', 'categorie', 'catégorie', 'type'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'x'],
  latitude: ['latitude', 'lat', 'y'],
  observedAt: ['observedat', 'observed_at', 'observed', 'time', 'datetime', 'date', 'tijdstip', 'moment'],
  quantity: ['quantity', 'qty', 'count', 'aantal', 'quantite', 'quantité'],
  source: ['source', 'bron'],
  externalRef: ['externalref', 'external_ref', 'ref', 'reference', 'référence', 'referentie'],
  note: ['note', 'notitie', 'remark', 'opmerking', 'remarque'],
};

/** Returns {observations, rowLabel(index)}; throws Error with a readable message. */
export function parseObservationFile(text, fileName = '') {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/\.(geo)?json$/i.test(fileName) || trimmed.startsWith('{')) return parseGeoJson(trimmed);
  return parseCsvObservations(trimmed);
}

function parseGeoJson(text) {
  const doc = JSON.parse(text);
  const features = doc.type === 'FeatureCollection' ? doc.features : doc.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const observations = features.map((f) => {
    const p = f.properties || {};
    const [lon, lat] = f.geometry?.type === 'Point' ? f.geometry.coordinates : [null, null];
    return clean({
      category: p.category, longitude: lon, latitude: lat, observedAt: normaliseTime(p.observedAt ?? p.observed_at),
      quantity: p.quantity ?? 1, source: p.source, externalRef: p.externalRef ?? p.external_ref, note: p.note,
    });
  });
  return { observations, rowLabel: (i) => `#${i + 1}` };
}

function parseCsvObservations(text) {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = (firstLine.match(/;/g) || []).length > (firstLine.match(/,/g) || []).length ? ';'
    : (firstLine.match(/\t/g) || []).length > (firstLine.match(/,/g) || []).length ? '\t' : ',';
  const rows = parseCsv(text, delimiter);
  if (rows.length < 1) throw new Error('empty file');
  const header = rows[0].map((h) => h.trim().toLowerCase().replace(/\s+/g, ''));
  const index = {};
  for (const [field, names] of Object.entries(COLUMN_NAMES)) {
    index[field] = header.findIndex((h) => names.includes(h));
  }
  const missing = ['category', 'longitude', 'latitude', 'observedAt', 'source'].filter((f) => index[f] < 0);
  if (missing.length) throw new Error(`missing column(s): ${missing.join(', ')}`);

  const lines = []; // line number in the file of each data row (header is line 1)
  const observations = [];
  rows.slice(1).forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const get = (f) => (index[f] >= 0 ? (r[index[f]] ?? '').trim() : '');
    lines.push(i + 2);
    observations.push(clean({
      category: get('category'),
      longitude: number(get('longitude'), delimiter),
      latitude: number(get('latitude'), delimiter),
      observedAt: normaliseTime(get('observedAt')),
      quantity: get('quantity') === '' ? 1 : number(get('quantity'), delimiter),
      source: get('source'),
      externalRef: get('externalRef'),
      note: get('note'),
    }));
  });
  return { observations, rowLabel: (i) => String(lines[i] ?? i + 2) };
}

function number(text, delimiter) {
  if (text === '') return null;
  const normalised = delimiter === ';' ? text.replace(/\s/g, '').replace(',', '.') : text.replace(/\s/g, '');
  const n = Number(normalised);
  return Number.isFinite(n) ? n : text; // leave the text so the API names the field
}

/** Times without an offset are taken as local time and given the offset of this device. */
export function normaliseTime(value) {
  if (value === undefined || value === null || value === '') return null;
  const s = String(value).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return s;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  const off = -d.getTimezoneOffset();
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] || '00'}:${m[5] || '00'}:${m[6] || '00'}${off >= 0 ? '+' : '-'}${pad(off / 60)}:${pad(off % 60)}`;
}

function clean(o) {
  for (const k of Object.keys(o)) if (o[k] === '' || o[k] === undefined) o[k] = null;
  return o;
}

/** RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsv(text, delimiter = ',') {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
