// The Leaflet map shared by all views: base tiles (optional: the page must work offline), the
// region, municipality and neighbourhood outlines from the API, and small helpers for views.
import { api } from './api.js';
import { areaName, onLanguageChange, t } from './i18n.js';
import { escapeHtml } from './symbols.js';
import { hasLayer, region } from './region.js';
import { refreshOpenPopups } from './relabel.js';
import { afterFirstData } from './first-data.js';

const L = window.L;

export const state = {
  map: null,
  info: null,
  areas: { region: null, municipality: null, neighbourhood: null },
};

export function createMap(info) {
  state.info = info;
  const map = L.map('map', {
    zoomControl: false,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    wheelPxPerZoomLevel: 90,
    minZoom: 10,
    maxZoom: 19,
    attributionControl: true,
    keyboard: true,
  });
  state.map = map;
  const zoom = L.control.zoom({ position: 'topright', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  L.control.scale({ position: 'bottomleft', imperial: false, maxWidth: 140 }).addTo(map);
  map.attributionControl.setPrefix(false);
  keyboardOrder(map);
  translateLeaflet(map, zoom);

  const [minLon, minLat, maxLon, maxLat] = info.serviceRegionBbox || [4.24, 50.76, 4.48, 50.92];
  const bounds = L.latLngBounds([minLat, minLon], [maxLat, maxLon]);
  // The pack's start view, else the whole region; ONE call on the not yet loaded map. A second
  // call (fitBounds, then setView) started an animated zoom whose end, some 250 ms later, moved
  // the map back to the start view after the address had placed it (#/view/zoom/lat/lon).
  if (region.center) map.setView([region.center[1], region.center[0]], region.zoom);
  else map.fitBounds(bounds, { padding: [8, 8] });
  map.setMaxBounds(bounds.pad(0.6));

  // Boundaries sit on panes below the data so that clicks reach the markers.
  map.createPane('boundaries').style.zIndex = 250;
  map.createPane('labels').style.zIndex = 260;
  map.createPane('analysis').style.zIndex = 380;
  map.getPane('labels').style.pointerEvents = 'none';

  // Tiles after the first data, like the outlines: adding the layer took 30–40 ms of the main
  // thread and its 20 image requests went out with the data's on a slow line.
  afterFirstData().then(() => addBaseLayer(map, info));
  if (info.dataAttribution) map.attributionControl.addAttribution(escapeHtml(info.dataAttribution));
  loadBoundaries(map);
  return map;
}

/** Leaflet puts its controls (zoom, legend, attribution) after the panes, so Tab reached them only
 *  after every marker or tooltip-bearing shape. Controls first: they stay where they are on screen
 *  (absolutely placed, own z-index) but come right after the map in the focus order. */
function keyboardOrder(map) {
  const container = map.getContainer();
  const controls = container.querySelector(':scope > .leaflet-control-container');
  if (controls) container.prepend(controls);
}

/** Leaflet's own labels (zoom buttons, the popup's close button) in the chosen language. */
function translateLeaflet(map, zoom) {
  const label = (el, key) => { if (el) { el.title = t(key); el.setAttribute('aria-label', t(key)); } };
  const zoomLabels = () => {
    label(zoom.getContainer().querySelector('.leaflet-control-zoom-in'), 'map.zoomIn');
    label(zoom.getContainer().querySelector('.leaflet-control-zoom-out'), 'map.zoomOut');
  };
  const closeLabel = (popup) => {
    const button = popup?.getElement()?.querySelector('.leaflet-popup-close-button');
    if (button) button.setAttribute('aria-label', t('map.closePopup'));
  };
  map.on('popupopen', (e) => closeLabel(e.popup));
  onLanguageChange(() => {
    zoomLabels();
    refreshOpenPopups(map);
    map.eachLayer((layer) => { if (layer instanceof L.Popup) closeLabel(layer); });
  });
}

/** The tile layer, removed again when tiles cannot be loaded (no internet): the outlines remain. */
function addBaseLayer(map, info) {
  if (!info.tileUrl) { setOffline(true); return; }
  const tiles = L.tileLayer(info.tileUrl, { attribution: info.tileAttribution || '', maxZoom: 19, crossOrigin: true });
  let loaded = 0, failed = 0;
  tiles.on('tileload', () => { loaded++; setOffline(false); });
  tiles.on('tileerror', () => {
    failed++;
    if (loaded === 0 && failed >= 4) {
      map.removeLayer(tiles);
      setOffline(true);
    }
  });
  tiles.addTo(map);
}

function setOffline(offline) {
  document.body.classList.toggle('map-offline', offline);
  const status = document.getElementById('map-status');
  status.hidden = !offline;
  status.textContent = offline ? t('map.offline') : '';
  status.dataset.key = offline ? 'map.offline' : '';
}

onLanguageChange(() => {
  const status = document.getElementById('map-status');
  if (status.dataset.key) status.textContent = t(status.dataset.key);
});

const labelLayers = [];
// Outlines come simplified to half a pixel at this zoom (a street block's detail): the server
// caches them, and the neighbourhoods shrink to a fraction of their full 0.8 MB.
const OUTLINE_ZOOM = 16;
const OUTLINE = { pane: 'boundaries', interactive: false };

async function loadBoundaries(map) {
  try {
    await afterFirstData(); // outlines are context: drawn just after the data, never before it
    // The labelled layer is the coarsest the pack has: municipalities (Brussels), else its districts (Ghent).
    const labelled = hasLayer('municipality') || !hasLayer('neighbourhood') ? 'municipality' : 'neighbourhood';
    const [region, municipalities] = await Promise.all([api.areas('region', OUTLINE_ZOOM), api.areas(labelled, OUTLINE_ZOOM)]);
    state.areas.region = region;
    state.areas[labelled] = municipalities;
    L.geoJSON(region, {
      ...OUTLINE,
      // Filled white only while the base map is offline (CSS: .map-offline .region-outline).
      style: { color: '#3d5a73', weight: 2.2, opacity: 0.9, fillColor: '#ffffff', fillOpacity: 0, className: 'region-outline' },
    }).addTo(map);
    const muni = L.geoJSON(municipalities, {
      ...OUTLINE,
      style: { color: '#8aa0b3', weight: 1, opacity: 0.9, fill: false, className: labelled === 'municipality' ? 'municipality-outline' : 'district-outline' },
    }).addTo(map);
    const labels = L.layerGroup([], { pane: 'labels' });
    muni.eachLayer((layer) => {
      const props = layer.feature.properties;
      const marker = L.marker(labelPoint(layer), {
        pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'area-label', html: `<span>${escapeHtml(areaName(props))}</span>`, iconSize: null }),
      });
      marker.feature = layer.feature;
      labels.addLayer(marker);
    });
    labels.addTo(map);
    labelLayers.push(labels);
    const toggleLabels = () => {
      const z = map.getZoom();
      map.getPane('labels').style.display = z >= 12 && z <= 15 ? '' : 'none';
    };
    map.on('zoomend', toggleLabels);
    toggleLabels();
    document.dispatchEvent(new CustomEvent('areas-loaded'));
  } catch (e) {
    console.warn('boundaries not loaded', e);
  }
  // Neighbourhood outlines: faint, only when zoomed in; loaded after the others.
  if (!hasLayer('municipality') && hasLayer('neighbourhood')) return; // drawn and labelled above
  try {
    const neighbourhoods = await api.areas('neighbourhood', OUTLINE_ZOOM);
    state.areas.neighbourhood = neighbourhoods;
    const layer = L.geoJSON(neighbourhoods, {
      // Drawn from zoom 14, where the server's simplification (half a pixel at 16) is already fine:
      // Leaflet simplifying their 9,500 vertices again took some 30 ms of the step that adds them.
      ...OUTLINE, smoothFactor: 0,
      style: { color: '#b7c5d1', weight: 0.7, dashArray: '2 3', fill: false },
    });
    const toggle = () => (map.getZoom() >= 14 ? layer.addTo(map) : layer.remove());
    map.on('zoomend', toggle);
    toggle();
    document.dispatchEvent(new CustomEvent('areas-loaded'));
  } catch (e) {
    console.warn('neighbourhoods not loaded', e);
  }
}

onLanguageChange(() => {
  for (const group of labelLayers) {
    group.eachLayer((m) => {
      const el = m.getElement()?.querySelector('span');
      if (el) el.textContent = areaName(m.feature.properties);
    });
  }
});

/** A point inside the polygon near its centre, for labels. */
function labelPoint(layer) {
  const c = layer.getBounds().getCenter();
  return c;
}

/** All areas (region, municipalities, neighbourhoods) that have loaded, as one list. */
export function allAreas() {
  const out = [];
  for (const kind of ['region', 'municipality', 'neighbourhood']) {
    for (const f of state.areas[kind]?.features || []) out.push({ ...f.properties, geometry: f.geometry });
  }
  return out;
}

/** Puts a map legend control in a corner; returns show(html) / hide(). The legend folds away
 *  behind its title (collapsed at first on phones, where it would cover the map). */
export function createLegend(position = 'bottomright') {
  const control = L.control({ position });
  let container, body, toggle;
  let collapsed = window.matchMedia('(max-width: 760px)').matches;
  const apply = () => {
    container.classList.toggle('collapsed', collapsed);
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.textContent = t('map.legend');
  };
  control.onAdd = () => {
    container = L.DomUtil.create('div', 'map-legend');
    toggle = L.DomUtil.create('button', 'legend-toggle', container);
    toggle.type = 'button';
    body = L.DomUtil.create('div', 'legend-body', container);
    toggle.addEventListener('click', () => { collapsed = !collapsed; apply(); });
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    apply();
    return container;
  };
  onLanguageChange(() => { if (toggle) apply(); });
  return {
    show(html) { if (!container) control.addTo(state.map); body.innerHTML = html; container.hidden = !html; },
    hide() { if (container) container.hidden = true; },
  };
}
