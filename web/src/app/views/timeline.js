// Weekly counts around the intervention (summary.timeline): target, buffer and control as lines,
// the two analysis periods shaded and the intervention date as a vertical line. The control is
// usually far larger than the target, so it has its own axis on the right; the hint under the
// chart says so. Chart.js is loaded on first use (chart-lib.js); no plugin is needed for the
// shading, a few lines drawing on the chart's canvas do it.
import { chartReady } from '../chart-lib.js';
import { formatDate, formatNumber, t } from '../i18n.js';

export const SERIES_COLOURS = { target: '#111827', buffer: '#D55E00', control: '#6b21a8' };
const charts = new WeakMap();

/** Draws (or redraws) the timeline of `result` into `canvas`; does nothing without a timeline. */
export function drawTimeline(canvas, result, { animation = false } = {}) {
  const timeline = result?.summary?.timeline;
  if (!canvas || !timeline?.weeks?.length) return;
  if (!chartReady(() => drawTimeline(canvas, result, { animation }))) return;
  draw(window.Chart, canvas, result, timeline, animation);
}

function draw(Chart, canvas, result, timeline, animation) {
  charts.get(canvas)?.destroy();
  const weeks = timeline.weeks;
  const x = weeks.map((w) => Date.parse(`${w.start}T00:00:00`));
  const labels = weeks.map((w) => formatDate(`${w.start}T12:00:00Z`, { day: 'numeric', month: 'short', year: '2-digit' }));
  const params = result.parameters || {};
  const weekIndex = (iso) => {
    if (!iso) return null;
    const ms = Date.parse(iso);
    // Fractional index: the position of the date between the weeks' starts (a week is 7 days).
    return (ms - x[0]) / (7 * 86400000);
  };
  const marks = {
    intervention: weekIndex(timeline.interventionDate || params.after?.from),
    before: params.before ? [weekIndex(params.before.from), weekIndex(params.before.to)] : null,
    after: params.after ? [weekIndex(params.after.from), weekIndex(params.after.to)] : null,
  };
  const line = (key, data, axis = 'y') => ({
    label: t(`ev.series.${key}`), data, yAxisID: axis, borderColor: SERIES_COLOURS[key], backgroundColor: SERIES_COLOURS[key],
    borderWidth: key === 'target' ? 2.5 : 1.8, pointRadius: 0, pointHitRadius: 6, tension: 0.2,
    borderDash: key === 'control' ? [5, 4] : [],
  });
  const datasets = [line('target', weeks.map((w) => w.target))];
  if (weeks.some((w) => w.buffer !== undefined && w.buffer !== null)) datasets.push(line('buffer', weeks.map((w) => w.buffer)));
  if (weeks.some((w) => w.control !== undefined && w.control !== null)) datasets.push(line('control', weeks.map((w) => w.control), 'y2'));

  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation, interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 18, boxHeight: 2, font: { size: 11 }, color: '#323f4b' } },
        tooltip: {
          callbacks: {
            title: (items) => t('ev.weekOf', { date: formatDate(`${weeks[items[0].dataIndex].start}T12:00:00Z`) }),
            label: (ctx) => `${ctx.dataset.label}: ${formatNumber(ctx.parsed.y)}`,
          },
        },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 14, maxTicksLimit: 7, color: '#52606d', font: { size: 10.5 } } },
        y: {
          beginAtZero: true, grid: { color: '#e4e7eb' }, ticks: { precision: 0, color: '#52606d', font: { size: 10.5 }, callback: (v) => formatNumber(v) },
          title: { display: true, text: t('ev.axisTargetBuffer'), color: '#52606d', font: { size: 10.5 } },
        },
        y2: {
          display: datasets.length > 2, position: 'right', beginAtZero: true, grid: { display: false },
          ticks: { precision: 0, color: SERIES_COLOURS.control, font: { size: 10.5 }, callback: (v) => formatNumber(v) },
          title: { display: true, text: t('ev.axisControl'), color: SERIES_COLOURS.control, font: { size: 10.5 } },
        },
      },
    },
    plugins: [periodsPlugin(marks)],
  });
  charts.set(canvas, chart);
  return chart;
}

/** Shades the before and after periods and draws the intervention date, behind the lines. */
function periodsPlugin(marks) {
  return {
    id: 'periods',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales: { x } } = chart;
      // Category scale, one label per week: week index i (fractional between weeks) is linear.
      const last = Math.max(1, chart.data.labels.length - 1);
      const x0 = x.getPixelForValue(0);
      const step = (x.getPixelForValue(last) - x0) / last;
      const px = (i) => Math.max(area.left, Math.min(area.right, x0 + i * step));
      ctx.save();
      for (const [range, colour] of [[marks.before, 'rgba(0, 114, 178, 0.09)'], [marks.after, 'rgba(213, 94, 0, 0.09)']]) {
        if (!range || range[0] === null) continue;
        const [a, b] = [px(range[0]), px(range[1])];
        ctx.fillStyle = colour;
        ctx.fillRect(a, area.top, Math.max(0, b - a), area.bottom - area.top);
      }
      if (marks.intervention !== null && marks.intervention !== undefined) {
        const at = px(marks.intervention);
        ctx.strokeStyle = '#0b3a5b';
        ctx.lineWidth = 2;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#0b3a5b';
        ctx.font = '600 11px system-ui, sans-serif';
        const label = t('ev.interventionMark');
        const w = ctx.measureText(label).width;
        ctx.fillText(label, at + 4 + w > area.right ? at - w - 4 : at + 4, area.top + 12);
      }
      ctx.restore();
    },
  };
}
