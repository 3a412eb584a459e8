// Start-up: language, sign-in, the map, then the views, switched by the URL hash
// (#/observations, #/record, #/evolution, #/displacement, #/scene-size, #/download; optionally /zoom/lat/lon after it).
import { api, token } from './api.js';
import { initAuth } from './auth.js';
import { applyStatic, onLanguageChange, setLanguage, t } from './i18n.js';
import { setRegion } from './region.js';
import { createMap, state as mapState } from './map.js';
import { canRecord, store } from './store.js';
import { installDefs } from './symbols.js';
import { observationsView } from './views/observations.js';
import { recordView } from './views/record.js';
import { downloadView } from './views/download.js';
import { initTheme } from './theme.js';
import { installTapPopups } from './tap-popups.js';
import { addressFilterChanged, filterFromAddress, readAddress, writeAddress } from './view-state.js';
import { startOffline } from './offline/sw-register.js';
import { afterFirstData } from './first-data.js';

// The map, the record form and the download are there from the start; the analysis views (a
// third of the app's code) are loaded on first use, or in the background once the first data is
// on the map, so that the first visit does not fetch and compile them before it can draw.
const views = { observations: observationsView, record: recordView, download: downloadView };
const later = {
  evolution: () => import('./views/evolution.js').then((m) => m.evolutionView),
  displacement: () => import('./views/displacement.js').then((m) => m.displacementView),
  'scene-size': () => import('./views/scene-size.js').then((m) => m.sceneSizeView),
};
const loading = new Map();
let active = null;

/** The view `name`, loaded and initialised once. */
function loadView(name) {
  if (!loading.has(name)) {
    loading.set(name, later[name]().then((view) => { view.init(); views[name] = view; return view; }, (e) => {
      loading.delete(name); // offline before the file was ever stored: a later attempt may work
      throw e;
    }));
  }
  return loading.get(name);
}

async function start() {
  applyStatic();
  initTheme();
  installDefs(document.getElementById('shared-defs'));
  document.querySelectorAll('[data-lang]').forEach((b) => b.addEventListener('click', () => setLanguage(b.dataset.lang)));

  // With a token already held, the sign-in check, the app's info and the categories go out at
  // once instead of one after the other; if the check asks for a sign-in, they are asked again.
  const early = token.get() ? Promise.all([api.info({ quiet401: true }), api.categories({ quiet401: true })]).catch(() => null) : null;
  await initAuth();

  const [info, categories] = (await early) || await Promise.all([api.info(), api.categories()]);
  store.info = info;
  setRegion(info); // names, time zone, start view and layer labels of the region pack
  applyStatic();
  store.categories = categories;
  document.getElementById('demo-banner').hidden = !info.syntheticDemoData;

  createMap(info);
  installTapPopups(mapState.map);
  for (const view of Object.values(views)) view.init();
  restoreFilter();
  startOffline(); // the service worker and the offline queue; not awaited: the map does not wait for it

  window.addEventListener('hashchange', () => { if (addressFilterChanged()) restoreFilter(); route(); });
  document.addEventListener('user-changed', () => { updateNav(); active?.hide(); active = null; route(); });
  onLanguageChange(() => active?.onLanguage?.());
  updateNav();
  route();
  keepPositionInAddress();
  document.body.classList.add('ready');
  afterFirstData().then(() => { for (const name of Object.keys(later)) loadView(name).catch(() => {}); });
}

/** The filter (and map display) named in the address, handed to the views (view-state.js). */
function restoreFilter() {
  document.dispatchEvent(new CustomEvent('filter-restored', { detail: { display: filterFromAddress() } }));
}

/** The address follows the map and the filter (#/view/zoom/lat/lon?filter), so a view can be
 *  bookmarked or shared. */
function keepPositionInAddress() {
  const write = () => {
    const view = document.body.dataset.currentView;
    if (!view || /^#\/?displacement\/analysis\//.test(location.hash)) return;
    // The address names another view: the user just navigated and the hashchange event has not
    // run yet; rewriting the address now would undo that navigation.
    const addressed = readAddress().parts[0];
    if (addressed && addressed !== view) return;
    writeAddress(view, document.body.dataset.mapDisplay);
  };
  mapState.map.on('moveend', write);
  for (const event of ['filter-changed', 'display-changed', 'view-shown']) document.addEventListener(event, write);
}

function updateNav() {
  const record = document.querySelector('[data-view-link="record"]');
  record.hidden = !canRecord();
}

/** Reads #/view[/zoom/lat/lon] and shows that view. */
function route() {
  const [name, zoom, lat, lon] = readAddress().parts;
  let next = views[name] || later[name] ? name : 'observations';
  if (next === 'record' && !canRecord()) next = 'observations';
  if (!views[next]) {
    // Shown once its module has arrived (tens of milliseconds; from the offline cache without a network).
    loadView(next).then(() => { if (readAddress().parts[0] === next) route(); }, (e) => showStartError(e));
    return;
  }
  if (zoom && lat && lon && [zoom, lat, lon].every((x) => Number.isFinite(Number(x)))) {
    // At once, not animated: during an animation the map still reports the old view, and the
    // first request of a shared link went out for the start view and then again for the link's.
    mapState.map.setView([Number(lat), Number(lon)], Number(zoom), { animate: false });
  }
  if (next === 'displacement' && zoom === 'analysis' && lat) views.displacement.openSaved(lat);
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
  document.dispatchEvent(new CustomEvent('view-shown'));
  // The map's size changes with the layout of some views (phone layout).
  setTimeout(() => mapState.map.invalidateSize(), 0);
}

function showStartError(e) {
  console.error(e);
  const status = document.getElementById('map-status');
  status.hidden = false;
  status.textContent = `${t('error.network')}: ${e.message}`;
}

start().catch(showStartError);
