// Light or dark: follows the system (prefers-color-scheme) until the user chooses with the
// button in the header; the choice is remembered on this device (localStorage). The colours are
// in css/theme.css, keyed on <html data-theme="dark">.
import { onLanguageChange, t } from './i18n.js';

// The choice itself is made in early.js, which sets the theme before the page is first drawn.
const { THEME_KEY: KEY, currentTheme } = window.sceneMonitorEarly;
const system = window.matchMedia('(prefers-color-scheme: dark)');

function apply() {
  const theme = currentTheme();
  if (document.documentElement.dataset.theme !== theme) document.documentElement.dataset.theme = theme;
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    const label = t('theme.dark');
    button.setAttribute('aria-label', label);
    button.title = label;
  }
  // Charts take the theme's colours at their next update (chart-lib.js); update them now.
  for (const chart of Object.values(window.Chart?.instances || {})) chart.update('none');
}

export function initTheme() {
  apply();
  system.addEventListener('change', apply);
  onLanguageChange(apply);
  document.getElementById('theme-toggle')?.addEventListener('click', () => {
    localStorage.setItem(KEY, currentTheme() === 'dark' ? 'light' : 'dark');
    apply();
  });
}
