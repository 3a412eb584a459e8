// Map symbols. Each category has a shape (from the API's icon name) as well as a colour, so
// legends never rely on colour alone; change classes have Okabe–Ito colours plus hatching.

const SHAPES = {
  circle: '<circle cx="12" cy="12" r="8"/>',
  diamond: '<path d="M12 2.5 21.5 12 12 21.5 2.5 12z"/>',
  square: '<rect x="4.5" y="4.5" width="15" height="15" rx="1"/>',
  triangle: '<path d="M12 3 21.5 20h-19z"/>',
  'triangle-down': '<path d="M12 21 2.5 4h19z"/>',
  cross: '<path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z"/>',
  star: '<path d="m12 2 2.9 6.3 6.9.8-5.1 4.7 1.4 6.8L12 17.2l-6.1 3.4 1.4-6.8-5.1-4.7 6.9-.8z"/>',
  'square-open': '<path fill-rule="evenodd" d="M3.5 3.5h17v17h-17zm4.5 4.5v8h8V8z"/>',
  hexagon: '<path d="m12 2.5 8.5 4.9v9.2L12 21.5l-8.5-4.9V7.4z"/>',
  wave: '<path d="M2.5 9.5c2.4-3.2 4.8-3.2 7.1 0s4.8 3.2 7.1 0c1.2-1.6 2.4-2.4 4.8-2.4v6.4c-2.4 0-3.6.8-4.8 2.4-2.4 3.2-4.7 3.2-7.1 0s-4.7-3.2-7.1 0z"/>',
  bolt: '<path d="M14 2 4.5 13.5H11L9.5 22l10-12.5H13z"/>',
};

/** An SVG string for a category symbol, outlined in white (on the map) or dark (in lists). */
export function categorySvg(category, { size = 18, outline = '#ffffff', title } = {}) {
  const shape = SHAPES[category?.icon] || SHAPES.circle;
  const fill = category?.colour || '#555';
  const label = title ? `<title>${escapeHtml(title)}</title>` : '';
  const aria = title ? 'role="img"' : 'aria-hidden="true" focusable="false"';
  return `<svg class="symbol" ${aria} width="${size}" height="${size}" viewBox="0 0 24 24">${label}`
    + `<g fill="${fill}" stroke="${outline}" stroke-width="1.6" stroke-linejoin="round">${shape}</g></svg>`;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Hot-spot change classes: colour (Okabe–Ito) + pattern, so classes stay apart in greyscale
// and for the common colour-vision deficiencies.
export const CHANGE_CLASSES = [
  { code: 'new', colour: '#D55E00', pattern: 'solid' },
  { code: 'intensified', colour: '#E69F00', pattern: 'stripes' },
  { code: 'persistent', colour: '#CC79A7', pattern: 'dots' },
  { code: 'diminished', colour: '#56B4E9', pattern: 'cross' },
  { code: 'disappeared', colour: '#0072B2', pattern: 'outline' },
  { code: 'cold_new', colour: '#009E73', pattern: 'solid' },
  { code: 'cold_intensified', colour: '#009E73', pattern: 'stripes' },
  { code: 'cold_persistent', colour: '#009E73', pattern: 'dots' },
  { code: 'cold_diminished', colour: '#7A9E93', pattern: 'cross' },
  { code: 'cold_disappeared', colour: '#7A9E93', pattern: 'outline' },
];

// Gi* confidence bins: a diverging scheme safe for red–green deficiencies (blue ↔ vermillion).
export const GI_BINS = [
  { bin: 3, colour: '#B2341B' }, { bin: 2, colour: '#E0703A' }, { bin: 1, colour: '#F6B48A' },
  { bin: 0, colour: null },
  { bin: -1, colour: '#A6CBE3' }, { bin: -2, colour: '#5B9BC9' }, { bin: -3, colour: '#1F5F96' },
];

export const PERIOD_COLOURS = { before: '#0072B2', after: '#D55E00' };

// Tested change per cell (summary.cellChange): the same two colours as after/before, so "more
// observations" reads orange and "fewer" blue everywhere (tiles, cells, legend, report).
export const CELL_CHANGE_COLOURS = { increase: '#D55E00', decrease: '#0072B2' };
// The band between the buffer rings and the control that counts for neither (hatched).
export const GAP_COLOUR = '#6b21a8';

/** Fill (colour or url(#pattern)) for a change class; null for "none". */
export function classFill(code) {
  const c = CHANGE_CLASSES.find((x) => x.code === code);
  if (!c) return null;
  return c.pattern === 'solid' || c.pattern === 'outline' ? c.colour : `url(#pat-${c.code})`;
}

export function classStyle(code) {
  const c = CHANGE_CLASSES.find((x) => x.code === code);
  if (!c) return { stroke: false, fill: false };
  const outline = c.pattern === 'outline';
  return {
    color: outline ? c.colour : shade(c.colour),
    weight: outline ? 2.2 : 0.8,
    dashArray: outline ? '4 3' : null,
    fillColor: classFill(code),
    fillOpacity: outline ? 0.12 : 0.78,
  };
}

/** A small legend swatch (SVG) for a change class, using the same pattern as the map. */
export function classSwatch(code) {
  const c = CHANGE_CLASSES.find((x) => x.code === code);
  const s = classStyle(code);
  const opacity = c?.pattern === 'outline' ? 0.15 : 0.85;
  return `<svg class="swatch" aria-hidden="true" width="22" height="16" viewBox="0 0 22 16">`
    + `<rect x="1" y="1" width="20" height="14" rx="2" fill="${s.fillColor}" fill-opacity="${opacity}" stroke="${s.color}"`
    + ` stroke-width="${c?.pattern === 'outline' ? 2 : 1}" ${s.dashArray ? `stroke-dasharray="${s.dashArray}"` : ''}/></svg>`;
}

/** Writes the hatch patterns and the arrow head into an SVG <defs> element (once per element). */
export function installDefs(defs) {
  if (!defs || defs.dataset.installed) return;
  defs.dataset.installed = '1';
  const parts = [];
  for (const c of CHANGE_CLASSES) {
    const bg = `<rect width="8" height="8" fill="${c.colour}" fill-opacity="0.35"/>`;
    const ink = shade(c.colour);
    if (c.pattern === 'stripes') {
      parts.push(`<pattern id="pat-${c.code}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">${bg}`
        + `<rect width="4" height="8" fill="${c.colour}"/></pattern>`);
    } else if (c.pattern === 'dots') {
      parts.push(`<pattern id="pat-${c.code}" patternUnits="userSpaceOnUse" width="8" height="8">`
        + `<rect width="8" height="8" fill="${c.colour}" fill-opacity="0.75"/><circle cx="4" cy="4" r="1.8" fill="${ink}"/></pattern>`);
    } else if (c.pattern === 'cross') {
      parts.push(`<pattern id="pat-${c.code}" patternUnits="userSpaceOnUse" width="8" height="8">${bg}`
        + `<path d="M0 0 8 8M8 0 0 8" stroke="${ink}" stroke-width="1.3"/></pattern>`);
    }
  }
  parts.push(`<pattern id="pat-gap" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(-45)">`
    + `<rect width="2" height="9" fill="${GAP_COLOUR}" fill-opacity="0.4"/></pattern>`);
  for (const [name, colour] of [['arrow', '#1b1b1b'], ['arrow-light', '#ffffff']]) {
    parts.push(`<marker id="${name}" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="3.2" markerHeight="3.2" orient="auto-start-reverse">`
      + `<path d="M0 0 10 5 0 10 2.5 5z" fill="${colour}"/></marker>`);
  }
  defs.innerHTML = parts.join('');
}

/** A darker shade of a hex colour, for outlines and hatching ink. */
export function shade(hex, factor = 0.62) {
  const n = parseInt(hex.slice(1), 16);
  const r = Math.round(((n >> 16) & 255) * factor), g = Math.round(((n >> 8) & 255) * factor), b = Math.round((n & 255) * factor);
  return `#${((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1)}`;
}
