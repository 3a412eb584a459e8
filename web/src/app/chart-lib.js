// Chart.js (about 200 KB) is loaded when a chart is first drawn, not with the page: the map's first
// view does not need it, and on a slow device its parsing delayed the first data on the map.
// Loaded as a classic script (it defines window.Chart), from wwwroot/lib like the other libraries;
// the service worker keeps it for offline use as it keeps every file of the shell.

let loading = null;

/** The Chart constructor, loading the library on first use. */
export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'lib/chart.js/chart.umd.min.js';
    script.onload = () => { themeCharts(window.Chart); resolve(window.Chart); };
    script.onerror = () => { loading = null; script.remove(); reject(new Error('Chart.js could not be loaded')); };
    document.head.append(script);
  });
  return loading;
}

/** Runs `draw(Chart)` now if the library is there, else once it has loaded; a chart that cannot be
 *  loaded (offline before it was ever stored) is left out, the rest of the view works without it. */
export function withChart(draw) {
  if (window.Chart) return draw(window.Chart);
  loadChart().then(draw, () => {});
  return null;
}

/** Chart.js draws on a canvas, out of reach of CSS: its axis text and grid take the theme's
 *  colours before every update, for every chart (one plugin for all views). */
function themeCharts(Chart) {
  Chart.register({
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
