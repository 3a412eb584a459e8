// Chart.js (about 200 KB) is loaded when a chart is first drawn, not with the page: the map's first
// view does not need it, and on a slow device its parsing delayed the first data on the map.
// Loaded as a classic script (it defines window.Chart), from wwwroot/lib like the other libraries;
// the service worker keeps it for offline use as it keeps every file of the shell.

let loading = null;

/** True when Chart.js is there. Else it is loaded and `again()` runs once it has: a draw function
 *  that reads its view's state (observations, scene size) then draws that state's data, one that
 *  closes over its arguments (timeline) draws those. A chart that cannot be loaded (offline before
 *  the file was ever stored) is left out; the rest of the view works without it. */
export function chartReady(again) {
  if (window.Chart) return true;
  loadChart().then(again, () => {});
  return false;
}

function loadChart() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'lib/chart.js/chart.umd.min.js';
    script.onload = () => { themeCharts(window.Chart); resolve(window.Chart); };
    script.onerror = () => { loading = null; script.remove(); reject(new Error('Chart.js could not be loaded')); };
    document.head.append(script);
  });
  return loading;
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
