// Start-up: language, sign-in, the map, then the views, switched by the URL hash
// (#/observations, #/record, #/evolution, #/displacement, #/scene-size, #/download; optionally /zoom/lat/lon after it).
import { api } from './api.js';
import { initAuth } from './auth.js';
import { applyStatic, onLanguageChange, setLanguage, t } from './i18n.js';
import { createMap, state as mapState } from './map.js';
import { canRecord, store } from './store.js';
import { installDefs } from './symbols.js';
import { observationsView } from './views/observations.js';
import { recordView } from './views/record.js';
import { displacementView } from './views/displacement.js';
import { evolutionView } from './views/evolution.js';
import { downloadView } from './views/download.js';
import { sceneSizeView } from './views/scene-size.js';

const views = { observations: observationsView, record: recordView, evolution: evolutionView, displacement: displacementView, 'scene-size': sceneSizeView, download: downloadView };
let active = null;

async function start() {
  applyStatic();
  installDefs(document.getElementById('shared-defs'));
  document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));

  await initAuth();

  const [info, categories] = await Promise.all([api.info(), api.categories()]);
  store.info = info;
  store.categories = categories;
  document.getElementById('demo-banner').hidden = !info.syntheticDemoData;

  createMap(info);
  for (const view of Object.values(views)) view.init();

  window.addEventListener('hashchange', route);
  document.addEventListener('user-changed', () => { updateNav(); active?.hide(); active = null; route(); });
  onLanguageChange(() => active?.onLanguage?.());
  updateNav();
  route();
  keepPositionInAddress();
  document.body.classList.add('ready');
}

/** The address follows the map (#/view/zoom/lat/lon), so a view can be bookmarked or shared. */
function keepPositionInAddress() {
  mapState.map.on('moveend', () => {
    const view = document.body.dataset.currentView;
    if (!view || /^#\/?displacement\/analysis\//.test(location.hash)) return;
    // The address names another view: the user just navigated and the hashchange event has not
    // run yet; rewriting the address now would undo that navigation.
    const addressed = location.hash.replace(/^#\/?/, '').split('/')[0];
    if (addressed && addressed !== view) return;
    const c = mapState.map.getCenter();
    history.replaceState(null, '', `#/${view}/${Number(mapState.map.getZoom().toFixed(2))}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
  });
}

function updateNav() {
  const record = document.querySelector('[data-view-link="record"]');
  record.hidden = !canRecord();
}

/** Reads #/view[/zoom/lat/lon] and shows that view. */
function route() {
  const [name, zoom, lat, lon] = location.hash.replace(/^#\/?/, '').split('/');
  let next = views[name] ? name : 'observations';
  if (next === 'record' && !canRecord()) next = 'observations';
  if (zoom && lat && lon && [zoom, lat, lon].every((x) => Number.isFinite(Number(x)))) {
    mapState.map.setView([Number(lat), Number(lon)], Number(zoom));
  }
  if (next === 'displacement' && zoom === 'analysis' && lat) displacementView.openSaved(lat);
  if (active && active !== views[next]) active.hide();
  document.querySelectorAll('[data-view]').forEach((s) => { s.hidden = s.dataset.view !== next; });
  document.querySelectorAll('[data-view-link]').forEach((a) => {
    if (a.dataset.viewLink === next) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.body.dataset.currentView = next;
  const changed = active !== views[next];
  active = views[next];
  if (changed) active.show();
  // The map's size changes with the layout of some views (phone layout).
  setTimeout(() => mapState.map.invalidateSize(), 0);
}

start().catch((e) => {
  console.error(e);
  const status = document.getElementById('map-status');
  status.hidden = false;
  status.textContent = `${t('error.network')}: ${e.message}`;
});
