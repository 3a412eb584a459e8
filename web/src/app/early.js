// The first requests of a page start here, as the page begins to load. A classic script, not a
// module, and not async: the parser runs it the moment it arrives, before the page is laid out.
// (As an async module it waited behind the first layout and paint, 200–500 ms on the 2-core bench
// machine, and the answers came after the app's modules were ready; see docs/map-page.md.)
// The page names what to ask in data-ask; with no token held nothing is asked: the sign-in form
// comes first. Each early answer is taken at most once, by api.js, and only if the token is still
// the one it was asked with. api.js reads these functions from window.sceneMonitorEarly.
(() => {
  const TOKEN_KEY = 'scenemonitor.token';

  /** The request headers every API call sends: the accepted types, and the bearer token when held. */
  function apiHeaders(extra = {}) {
    const h = { Accept: 'application/json, application/geo+json, application/problem+json', ...extra };
    const t = sessionStorage.getItem(TOKEN_KEY);
    if (t) h.Authorization = `Bearer ${t}`;
    return h;
  }

  const early = new Map();
  const heldAtStart = sessionStorage.getItem(TOKEN_KEY);
  const ask = (document.currentScript?.dataset.ask || '').split(/\s+/).filter(Boolean);
  if (heldAtStart) {
    for (const path of ask) {
      const response = fetch(path, { headers: apiHeaders() });
      response.catch(() => {}); // a failure is seen by whoever takes it, or by nobody
      early.set(path, response);
    }
  }

  /** The response already asked for this GET, or undefined (once only; not after a sign-in). */
  function takeEarly(path) {
    const response = early.get(path);
    early.delete(path);
    return response && sessionStorage.getItem(TOKEN_KEY) === heldAtStart ? response : undefined;
  }

  // Light or dark, set here before the page is first drawn: no flash of the other theme, and no
  // second styling of the whole page when the app's modules start (theme.js keeps it up to date).
  const THEME_KEY = 'scenemonitor.theme';
  /** 'dark' or 'light': the user's choice on this device, else the system's. */
  function currentTheme() {
    const chosen = localStorage.getItem(THEME_KEY);
    if (chosen === 'dark' || chosen === 'light') return chosen;
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = currentTheme();

  window.sceneMonitorEarly = Object.freeze({ TOKEN_KEY, THEME_KEY, apiHeaders, takeEarly, currentTheme });
})();
