// The server's cells (/api/map/clusters) drawn as cluster symbols: a ring split by category around
// the count. Cells whose symbols would overlap (centroids near a cell edge) are drawn as one, with
// the counts summed; activating a symbol (click, Enter) zooms to its cells' extent.
// A plain layer group, not Leaflet.markercluster: the cells are asked for anew at every zoom, and
// markercluster rebuilt every symbol at each zoom's end (some 65 ms on two cores) just before the
// new answer replaced them all. Only symbols near the view are in the page, as markercluster did.
import { formatNumber, t } from '../i18n.js';
import { categoryByCode } from '../store.js';
import { escapeHtml } from '../symbols.js';

const L = window.L;
const OVERLAP_PX = 40; // symbols closer than this are one (markercluster's radius before)

/** A cluster: its count on a ring split by category share (the count carries the information). */
export function ringIcon(n, shares, label, cellId) {
  const size = n < 10 ? 34 : n < 100 ? 40 : n < 1000 ? 48 : 56;
  const r = size / 2 - 3, c = 2 * Math.PI * r;
  let offset = 0;
  const arcs = Object.entries(shares).sort((a, b) => b[1] - a[1]).map(([code, k]) => {
    const len = (k / n) * c;
    const arc = `<circle r="${r}" cx="${size / 2}" cy="${size / 2}" fill="none" stroke="${categoryByCode(code)?.colour || '#888'}"
      stroke-width="5" stroke-dasharray="${len} ${c - len}" stroke-dashoffset="${-offset}" transform="rotate(-90 ${size / 2} ${size / 2})"/>`;
    offset += len;
    return arc;
  }).join('');
  const cell = cellId ? ` data-cell="${escapeHtml(cellId)}"` : '';
  return L.divIcon({
    className: 'obs-cluster',
    html: `<span class="cluster-badge" data-count="${n}"${cell} title="${escapeHtml(label)}"><svg width="${size}" height="${size}" aria-hidden="true">
      <circle r="${r}" cx="${size / 2}" cy="${size / 2}" fill="#0b3a5b" fill-opacity="0.92"/>${arcs}</svg>
      <span class="cluster-count" aria-hidden="true">${formatNumber(n, n >= 10000 ? { notation: 'compact' } : undefined)}</span>
      <span class="sr-only">${escapeHtml(label)}</span></span>`,
    iconSize: [size, size],
  });
}

/** The layer of server cluster symbols; `activate(cells)` is called with the cells of a symbol
 *  that is clicked or gets Enter. */
export function serverClusterLayer(activate) {
  const group = L.layerGroup();
  let symbols = []; // {marker, latLng}
  let drawn = []; // the cells drawn, to merge again for another zoom
  let map = null;

  // Only symbols in or near the view are in the page; a pan brings the others in.
  const cull = () => {
    if (!map) return;
    const near = map.getBounds().pad(0.2);
    for (const s of symbols) {
      const inside = near.contains(s.latLng);
      if (inside && !group.hasLayer(s.marker)) group.addLayer(s.marker);
      else if (!inside && group.hasLayer(s.marker)) group.removeLayer(s.marker);
    }
  };
  group.on('add', (e) => { map = e.target._map; map.on('moveend', cull); cull(); });
  group.on('remove', () => { map?.off('moveend', cull); map = null; });

  return {
    layer: group,
    /** Draws `cells` (replacing what was drawn), merged where their symbols would overlap at
     *  `onMap`'s zoom. */
    draw(cells, onMap) {
      group.clearLayers();
      drawn = cells;
      symbols = mergeOverlapping(cells, onMap).map((members) => symbol(members, activate));
      cull();
    },
    /** The same cells merged for the map's zoom now: when a zoom's own answer does not come, the
     *  symbols merged for the previous zoom would overlap, or stand apart from their cells. */
    redraw(onMap) { this.draw(drawn, onMap); },
    clear() { group.clearLayers(); symbols = []; drawn = []; },
  };
}

/** Cells in groups whose symbols would overlap: greedily, the largest count first, each cell
 *  joining the nearest group within OVERLAP_PX (in pixels at the map's zoom). */
function mergeOverlapping(cells, map) {
  const zoom = map.getZoom();
  const grid = new Map();
  const groups = [];
  for (const cell of [...cells].sort((a, b) => b.count - a.count)) {
    const p = map.project([cell.lat, cell.lon], zoom);
    const gx = Math.floor(p.x / OVERLAP_PX), gy = Math.floor(p.y / OVERLAP_PX);
    let nearest = null, distance = OVERLAP_PX;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const g of grid.get(`${gx + dx}:${gy + dy}`) || []) {
          const d = g.point.distanceTo(p);
          if (d < distance) { distance = d; nearest = g; }
        }
      }
    }
    if (nearest) { nearest.members.push(cell); continue; }
    const group = { point: p, members: [cell] };
    groups.push(group);
    const key = `${gx}:${gy}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push(group);
  }
  return groups.map((g) => g.members);
}

/** One symbol for `members` (one cell, or overlapping cells summed) at their count-weighted centre. */
function symbol(members, activate) {
  let n = 0, lat = 0, lon = 0;
  const shares = {};
  for (const cell of members) {
    n += cell.count;
    lat += cell.lat * cell.count;
    lon += cell.lon * cell.count;
    for (const [code, k] of Object.entries(cell.categories)) shares[code] = (shares[code] || 0) + k;
  }
  const label = t('obs.clusterLabel', { count: n });
  const latLng = L.latLng(lat / n, lon / n);
  const marker = L.marker(latLng, {
    icon: ringIcon(n, shares, label, members.length === 1 ? members[0].id : undefined),
    title: label,
    alt: label,
    keyboard: true,
    riseOnHover: true,
  });
  marker.on('click', () => activate(members));
  // Leaflet turns Enter on a marker into a popup only; these have none, so Enter zooms like a click.
  marker.on('keypress', (e) => { if (e.originalEvent?.keyCode === 13) activate(members); });
  return { marker, latLng };
}
