// The region pack this deployment serves (GET /api/info, "region"): its names, time zone, start
// view and area layer labels come from the pack's manifest (docs/region-packs.md), never from code.
// No imports on purpose: i18n.js and store.js read it, and it must not depend on them.

export const region = {
  id: null,
  names: null,
  // Until /api/info answers nothing is shown; UTC is only a neutral placeholder.
  timeZone: 'UTC',
  center: null,
  zoom: null,
  layers: [],
};

/** Takes the region part of /api/info (absent on an older server: the defaults stay). */
export function setRegion(info) {
  if (info?.region) Object.assign(region, info.region);
}

/** The region's name in a language (nl, fr, en), or '' before /api/info has answered. */
export function regionName(lang) {
  return region.names?.[lang] || region.names?.en || '';
}

/** The manifest's label of the area layer of a kind (municipality, neighbourhood) in a language, or null. */
export function layerLabel(kind, lang) {
  const layer = region.layers.find((l) => l.kind === kind);
  return layer ? layer.label[lang] || layer.label.en : null;
}

/** Whether the pack has a layer of this kind (Ghent has districts only, no municipalities). */
export function hasLayer(kind) {
  return region.layers.some((l) => l.kind === kind);
}
