// Light or dark: follows the system (prefers-color-scheme) until the user chooses with the
// button in the header; the choice is remembered on this device (localStorage). The colours are
// in css/theme.css, keyed on <html data-theme="dark">.
import { onLanguageChange, t } from './i18n.js';

const KEY = 'scenemonitor.theme';
const system = window.matchMedia('(prefers-color-scheme: dark)');

/** 'dark' or 'light': the user's choice, else the system's. */
export function currentTheme() {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return system.matches ? 'dark' : 'light';
}

function apply() {
  const theme = currentTheme();
  document.documentElement.dataset.theme = theme;
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    const label = t('theme.dark');
    button.setAttribute('aria-label', label);
    button.title = label;
  }
  for (const chart of Object.values(window.Chart?.instances || {})) chart.update('none');
}

/** Chart.js draws on a canvas, out of reach of CSS: its axis text and grid take the theme's
 *  colours before every update, for every chart (one plugin for all views). */
function themeCharts() {
  window.Chart?.register({
    id: 'scenemonitor-theme',
    beforeUpdate(chart) {
      const dark = document.documentElement.dataset.theme === 'dark';
      // The chart's own options (not the resolved copy), read again as the update builds the axes.
      for (const axis of Object.values(chart.config.options?.scales || {})) {
        if (axis.ticks) axis.ticks.color = dark ? '#a9b6c3' : '#52606d';
        if (axis.grid && axis.grid.display !== false) axis.grid.color = dark ? '#33414f' : '#e4e7eb';
      }
    },
  });
}

export function initTheme() {
  themeCharts();
  apply();
  system.addEventListener('change', apply);
  onLanguageChange(apply);
  document.getElementById('theme-toggle')?.addEventListener('click', () => {
    localStorage.setItem(KEY, currentTheme() === 'dark' ? 'light' : 'dark');
    apply();
  });
}
