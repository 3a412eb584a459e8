// Names a point in words, in the browser: the named place of the gazetteer (GET /api/places)
// within its radius, and the neighbourhood and municipality that contain the point, from the
// boundaries the map has already loaded. Done here rather than by a server call so that it keeps
// working in a metro corridor without signal once the page and boundaries are loaded, and costs
// no request per tap. The rule is the server's (PlaceNamer): the nearest place within
// nearRadiusMetres (350 m), which the server sends with the places.
import { request } from './api.js';
import { areaName, lang } from './i18n.js';
import { state as mapState } from './map.js';

let gazetteer = null; // {radius, places: [{id, kind, lat, lon, names: {nl, fr, en}}]}
let loading = null;

/** The gazetteer, loaded once (a few dozen points). Resolves to null when it cannot be loaded. */
export function loadGazetteer() {
  loading ??= request('/api/places').then((fc) => {
    gazetteer = {
      radius: fc.nearRadiusMetres ?? 350,
      places: fc.features.map((f) => ({
        id: f.properties.id,
        kind: f.properties.kind,
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
        names: { nl: f.properties.name_nl, fr: f.properties.name_fr, en: f.properties.name_en },
      })),
    };
    return gazetteer;
  }).catch(() => { loading = null; return null; });
  return loading;
}

export const gazetteerPlaces = () => gazetteer?.places || [];

/** A gazetteer place's name in the current language. */
export const placeName = (place) => place.names[lang()] || place.names.en;

/** Metres between two lon/lat points. An equirectangular approximation: within a few hundred
 * metres in Brussels it differs from the Lambert 2008 distance PlaceNamer uses by far less than
 * a metre, which never changes which place is nearest in practice. */
export function metresBetween(lat1, lon1, lat2, lon2) {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * R;
}

/** The nearest gazetteer place within the radius, with its distance, or null. */
export function nearestPlace(lat, lon) {
  if (!gazetteer) return null;
  let best = null;
  for (const p of gazetteer.places) {
    const d = metresBetween(lat, lon, p.lat, p.lon);
    if (d <= gazetteer.radius && (!best || d < best.distance)) best = { place: p, distance: d };
  }
  return best;
}

/** Ray casting on one ring of [lon, lat] positions. */
function inRing(ring, lon, lat) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a GeoJSON Polygon or MultiPolygon contains the point (holes respected). */
export function contains(geometry, lon, lat) {
  const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.some(([outer, ...holes]) => inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat)));
}

/** The properties of the first area of a kind ('neighbourhood', 'municipality') containing the point. */
function areaAt(kind, lat, lon) {
  const f = mapState.areas[kind]?.features.find((x) => contains(x.geometry, lon, lat));
  return f ? f.properties : null;
}

/** The point in words: {near: {place, distance} | null, neighbourhood, municipality} (names via
 * placeName / areaName). Parts are null when outside them or not loaded yet. */
export function describe(lat, lon) {
  return { near: nearestPlace(lat, lon), neighbourhood: areaAt('neighbourhood', lat, lon), municipality: areaAt('municipality', lat, lon) };
}

/** Lower case without accents, so "gare du midi", "Gare-du-Midi" and "sainte-catherine" match
 * "Sainte-Catherine" / "Sint-Katelijne" as typed on a phone. */
export function fold(text) {
  return String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-'’.]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Named places, neighbourhoods and municipalities whose name in any language contains the query;
 * names starting with it first. Each: {kind, label (current language), other (a name in another
 * language that matched, if different), lat/lon or geometry}. */
export function searchPlaces(query, limit = 8) {
  const q = fold(query);
  if (q.length < 2) return [];
  const hits = [];
  const consider = (entry, names) => {
    const folded = names.filter(Boolean).map((n) => [n, fold(n)]);
    const match = folded.find(([, f]) => f.startsWith(q)) || folded.find(([, f]) => f.includes(q) || f.split(' ').some((w) => w.startsWith(q)));
    if (!match) return;
    const rank = fold(entry.label).startsWith(q) || match[1].startsWith(q) ? 0 : 1;
    hits.push({ ...entry, other: match[0] !== entry.label ? match[0] : null, rank });
  };
  for (const p of gazetteerPlaces()) {
    consider({ kind: 'place', placeKind: p.kind, label: placeName(p), lat: p.lat, lon: p.lon }, Object.values(p.names));
  }
  for (const kind of ['neighbourhood', 'municipality']) {
    for (const f of mapState.areas[kind]?.features || []) {
      const props = f.properties;
      consider({ kind, label: areaName(props), geometry: f.geometry }, [props.name, props.nameNl, props.nameFr]);
    }
  }
  const order = { place: 0, neighbourhood: 1, municipality: 2 };
  return hits.sort((a, b) => a.rank - b.rank || order[a.kind] - order[b.kind] || a.label.localeCompare(b.label)).slice(0, limit);
}
