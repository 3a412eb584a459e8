// Sign-in: the token lives in sessionStorage and api.js sends it as a bearer token. When the
// server has no /api/auth endpoints yet (404), the app runs with open access.
import { ApiError, api, onUnauthorized, token } from './api.js';
import { onLanguageChange, t } from './i18n.js';
import { store } from './store.js';

const dialog = () => document.getElementById('login-dialog');
let waiting = null; // resolves when a sign-in succeeds

/** Finds out who is signed in; shows the sign-in form when the server asks for one. */
export async function initAuth() {
  takeTokenFromAddress();
  onUnauthorized(() => { token.set(null); store.user = null; showLogin(t('auth.expired')); });
  document.getElementById('login-form').addEventListener('submit', submitLogin);
  document.getElementById('sign-out').addEventListener('click', signOut);
  dialog().addEventListener('cancel', (e) => e.preventDefault()); // the form cannot be dismissed
  onLanguageChange(renderUser);

  try {
    const me = await api.me();
    store.authEnabled = true;
    store.user = me.user || me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      store.authEnabled = false; // auth not built on this server: open access
    } else if (e instanceof ApiError && e.status === 401) {
      store.authEnabled = true;
      token.set(null);
      await new Promise((resolve) => { waiting = resolve; showLogin(); });
    } else {
      store.authEnabled = false;
    }
  }
  renderUser();
}

/** After sign-in at a city's identity provider the server returns to /#token=…&expiresAt=…:
 *  keep the token and clear it from the address bar (and the history). */
function takeTokenFromAddress() {
  const m = /^#token=([^&]+)/.exec(location.hash);
  if (!m) return;
  token.set(decodeURIComponent(m[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/observations`);
}

function showLogin(message) {
  const d = dialog();
  const error = document.getElementById('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  if (!d.open) d.showModal();
  document.getElementById('login-username').focus();
}

async function submitLogin(event) {
  event.preventDefault();
  const username = document.getElementById('login-username').value.trim();
  const password = document.getElementById('login-password').value;
  const error = document.getElementById('login-error');
  try {
    const result = await api.login(username, password);
    token.set(result.token);
    store.authEnabled = true;
    store.user = result.user;
    document.getElementById('login-password').value = '';
    dialog().close();
    renderUser();
    document.dispatchEvent(new CustomEvent('user-changed'));
    waiting?.(); waiting = null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      store.authEnabled = false;
      dialog().close();
      waiting?.(); waiting = null;
      return;
    }
    error.hidden = false;
    error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 400 || e.status === 422)
      ? t('auth.failed') : e.message;
  }
}

function signOut() {
  token.set(null);
  store.user = null;
  renderUser();
  showLogin();
  document.dispatchEvent(new CustomEvent('user-changed'));
}

function renderUser() {
  const chip = document.getElementById('user-chip');
  chip.hidden = !store.user;
  if (!store.user) return;
  document.getElementById('user-name').textContent = store.user.name || '';
  document.getElementById('user-role').textContent = t(`role.${store.user.role}`);
}
