// The first requests of a page start here, as the page begins to load: this module imports
// nothing, so it runs long before the app's forty modules have arrived and main.js asks for
// the same answers (about half a second on the demo, see docs/map-page.md). With no token held
// nothing is asked: the sign-in form comes first. Each early answer is taken at most once, by
// api.js, and only if the token is still the one it was asked with.

export const TOKEN_KEY = 'scenemonitor.token';

/** The request headers every API call sends: the accepted types, and the bearer token when held. */
export function apiHeaders(extra = {}) {
  const h = { Accept: 'application/json, application/geo+json, application/problem+json', ...extra };
  const t = sessionStorage.getItem(TOKEN_KEY);
  if (t) h.Authorization = `Bearer ${t}`;
  return h;
}

const EARLY = ['/api/auth/me', '/api/info', '/api/categories'];
const early = new Map();
const heldAtStart = sessionStorage.getItem(TOKEN_KEY);
if (heldAtStart) {
  for (const path of EARLY) {
    const response = fetch(path, { headers: apiHeaders() });
    response.catch(() => {}); // a failure is seen by whoever takes it, or by nobody
    early.set(path, response);
  }
}

/** The response already asked for this GET, or undefined (once only; not after a sign-in). */
export function takeEarly(path) {
  const response = early.get(path);
  early.delete(path);
  return response && sessionStorage.getItem(TOKEN_KEY) === heldAtStart ? response : undefined;
}
