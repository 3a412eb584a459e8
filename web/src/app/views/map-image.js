// The result's map as a picture: cells, the band that counts nowhere, target, rings, ellipses and
// arrows drawn on a <canvas> here, with a legend and a scale bar. Leaflet's SVG cannot be turned
// into a PNG without a library, and base-map tiles may be missing (or another origin's, which
// would taint the canvas), so the picture is drawn from the result's own GeoJSON plus the
// municipality outlines the app already has. Used for the PNG download and in the printed report.
import { formatNumber, t } from '../i18n.js';
import { CELL_CHANGE_COLOURS, CHANGE_CLASSES, GAP_COLOUR, PERIOD_COLOURS } from '../symbols.js';

/** The band between the last ring and the control (summary.catchment.gap) as a GeoJSON polygon:
 * a "gap" feature when the server sends one, else the control's hole minus the outermost ring. */
export function gapGeometry(result) {
  const features = result?.target?.features || [];
  const given = features.find((f) => f.properties?.role === 'gap');
  if (given) return given.geometry;
  if (!result?.summary?.catchment?.gap) return null;
  const control = features.find((f) => f.properties?.role === 'control');
  const rings = features.filter((f) => f.properties?.role === 'ring').sort((a, b) => b.properties.outer - a.properties.outer);
  if (!control || !rings.length) return null;
  const polygons = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
  const holes = polygons(control.geometry).flatMap((p) => p.slice(1));
  if (!holes.length) return null;
  const outerHole = holes.reduce((a, b) => (b.length > a.length ? b : a));
  return { type: 'Polygon', coordinates: [outerHole, ...polygons(rings[0].geometry).map((p) => p[0])] };
}

/** Draws the result onto a new canvas of width × height pixels (CSS px × scale). */
export function drawResultMap(result, { width = 900, height = 660, scale = 2, boundaries = [], cellMode = 'tested', title = '' } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  const cells = result.cells?.features || [];
  const areas = result.target?.features || [];
  // Framed on what the reader looks at: target, rings, arrows and the cells that changed (the
  // study area's empty cells and the region-wide control would shrink them to a dot).
  const changed = cells.filter((f) => (f.properties.change && f.properties.change !== 'none') || (f.properties.class && f.properties.class !== 'none'));
  const near = areas.filter((f) => f.properties.role === 'target' || f.properties.role === 'ring');
  const top = title ? 34 : 0;
  const project = projection([...near, ...changed, ...(result.vectors?.features || [])], width, height - top, 36, top);

  const path = (geometry) => {
    ctx.beginPath();
    const ring = (coords) => coords.forEach(([lon, lat], i) => { const [x, y] = project(lon, lat); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
    const poly = (rings) => rings.forEach((r) => { ring(r); ctx.closePath(); });
    if (geometry.type === 'Polygon') poly(geometry.coordinates);
    else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach(poly);
    else if (geometry.type === 'LineString') ring(geometry.coordinates);
    else if (geometry.type === 'MultiLineString') geometry.coordinates.forEach(ring);
  };
  const stroke = (colour, w, dash = []) => { ctx.strokeStyle = colour; ctx.lineWidth = w; ctx.setLineDash(dash); ctx.stroke(); ctx.setLineDash([]); };

  for (const f of boundaries) { path(f.geometry); stroke('#9aa5b1', 0.8); }

  const tested = cellMode === 'tested' && cells.some((f) => f.properties.change);
  for (const f of cells) {
    const p = f.properties;
    path(f.geometry);
    const colour = tested ? CELL_CHANGE_COLOURS[p.change] : CHANGE_CLASSES.find((c) => c.code === p.class)?.colour;
    if (colour) {
      ctx.globalAlpha = 0.7; ctx.fillStyle = colour; ctx.fill('evenodd'); ctx.globalAlpha = 1;
      stroke('#3e4c59', 0.5);
    } else stroke('#cbd2d9', 0.4);
  }

  const gap = gapGeometry(result);
  if (gap) {
    path(gap);
    ctx.save();
    ctx.clip('evenodd');
    ctx.strokeStyle = GAP_COLOUR; ctx.globalAlpha = 0.45; ctx.lineWidth = 1.5;
    for (let d = -height; d < width; d += 9) { ctx.beginPath(); ctx.moveTo(d, height); ctx.lineTo(d + height, 0); ctx.stroke(); }
    ctx.restore();
  }

  for (const f of areas) {
    const role = f.properties.role;
    path(f.geometry);
    if (role === 'target') stroke('#111827', 3);
    else if (role === 'ring') stroke('#3e4c59', 1.6, [6, 5]);
    else if (role === 'control') stroke('#6b21a8', 1.6, [2, 5]);
  }

  for (const f of result.ellipses?.features || []) {
    path(f.geometry);
    stroke(PERIOD_COLOURS[f.properties.period] || '#333', 2.5, f.properties.period === 'before' ? [8, 6] : []);
  }
  for (const f of result.centres?.features || []) {
    const [x, y] = project(...f.geometry.coordinates);
    ctx.beginPath(); ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fillStyle = PERIOD_COLOURS[f.properties.period] || '#333'; ctx.fill(); stroke('#ffffff', 2);
  }

  const vectors = result.vectors?.features || [];
  const maxWeight = Math.max(1, ...vectors.map((v) => Math.abs(v.properties.weight || 0)));
  for (const v of vectors) {
    const pts = v.geometry.coordinates.map(([lon, lat]) => project(lon, lat));
    const w = 2.5 + 7.5 * Math.sqrt(Math.abs(v.properties.weight || 0) / maxWeight);
    arrow(ctx, pts, w);
  }

  if (title) {
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, width, top);
    ctx.fillStyle = '#111827'; ctx.font = '600 16px system-ui, sans-serif'; ctx.fillText(title, 12, 23, width - 24);
    ctx.strokeStyle = '#cbd2d9'; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(0, top); ctx.lineTo(width, top); ctx.stroke();
  }
  legend(ctx, { tested, hasGap: !!gap, hasVectors: vectors.length > 0, width, top });
  scaleBar(ctx, project, width, height);
  return canvas;
}

/** Equirectangular projection at the data's latitude, fitted into the canvas with a margin
 * (`top` pixels are left free for the title). */
function projection(features, width, height, margin, top = 0) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') { minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]); minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]); } else c.forEach(visit);
  };
  features.forEach((f) => f.geometry && visit(f.geometry.coordinates));
  if (!Number.isFinite(minX)) { [minX, minY, maxX, maxY] = [4.3, 50.8, 4.4, 50.9]; }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const s = Math.min((width - 2 * margin) / ((maxX - minX) * k || 1e-6), (height - 2 * margin) / ((maxY - minY) || 1e-6));
  const ox = (width - (maxX - minX) * k * s) / 2;
  const oy = (height - (maxY - minY) * s) / 2;
  const project = (lon, lat) => [ox + (lon - minX) * k * s, top + height - oy - (lat - minY) * s];
  project.metresPerPixel = 111320 / s;
  return project;
}

function arrow(ctx, pts, w) {
  if (pts.length < 2) return;
  const [x1, y1] = pts[pts.length - 2];
  const [x2, y2] = pts[pts.length - 1];
  const a = Math.atan2(y2 - y1, x2 - x1);
  const head = Math.max(10, w * 2.4);
  const bx = x2 - head * 0.8 * Math.cos(a), by = y2 - head * 0.8 * Math.sin(a);
  for (const [colour, extra] of [['#ffffff', 3], ['#1b1b1b', 0]]) {
    ctx.beginPath();
    pts.slice(0, -1).forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.lineTo(bx, by);
    ctx.strokeStyle = colour; ctx.lineWidth = w + extra; ctx.lineCap = 'round'; ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x2 + extra * Math.cos(a), y2 + extra * Math.sin(a));
    ctx.lineTo(x2 - head * Math.cos(a - 0.45), y2 - head * Math.sin(a - 0.45));
    ctx.lineTo(x2 - head * Math.cos(a + 0.45), y2 - head * Math.sin(a + 0.45));
    ctx.closePath(); ctx.fillStyle = colour; ctx.fill();
  }
}

function legend(ctx, { tested, hasGap, hasVectors, width, top }) {
  const items = [];
  if (tested) {
    items.push(['fill', CELL_CHANGE_COLOURS.decrease, t('ev.legendDecrease')], ['fill', CELL_CHANGE_COLOURS.increase, t('ev.legendIncrease')]);
  } else {
    for (const c of CHANGE_CLASSES.filter((x) => !x.code.startsWith('cold_'))) items.push(['fill', c.colour, t(`class.${c.code}`)]);
  }
  if (hasGap) items.push(['hatch', GAP_COLOUR, t('ev.legendGap')]);
  items.push(['line', '#111827', t('dis.target')], ['dash', '#3e4c59', t('dis.rings')]);
  if (hasVectors) items.push(['arrow', '#1b1b1b', t('dis.vector')]);
  items.push(['dash', PERIOD_COLOURS.before, t('dis.ellipseBefore')], ['line', PERIOD_COLOURS.after, t('dis.ellipseAfter')]);

  ctx.font = '13px system-ui, sans-serif';
  const boxW = 34 + Math.max(...items.map((i) => ctx.measureText(i[2]).width));
  const boxH = 12 + items.length * 20;
  const x0 = width - boxW - 10, y0 = top + 10;
  ctx.fillStyle = 'rgba(255,255,255,0.93)'; ctx.fillRect(x0, y0, boxW, boxH);
  ctx.strokeStyle = '#cbd2d9'; ctx.lineWidth = 1; ctx.strokeRect(x0, y0, boxW, boxH);
  let y = y0 + 18;
  for (const [kind, colour, label] of items) {
    const sx = x0 + 8, sy = y - 10;
    ctx.setLineDash(kind === 'dash' ? [4, 3] : []);
    if (kind === 'fill') { ctx.globalAlpha = 0.7; ctx.fillStyle = colour; ctx.fillRect(sx, sy, 16, 12); ctx.globalAlpha = 1; } else if (kind === 'hatch') {
      ctx.strokeStyle = colour; ctx.lineWidth = 1.2; for (let d = 0; d < 16; d += 4) { ctx.beginPath(); ctx.moveTo(sx + d, sy + 12); ctx.lineTo(sx + d + 4, sy); ctx.stroke(); }
    } else if (kind === 'arrow') { arrow(ctx, [[sx, sy + 6], [sx + 16, sy + 6]], 2.5); } else {
      ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.beginPath(); ctx.moveTo(sx, sy + 6); ctx.lineTo(sx + 16, sy + 6); ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.fillStyle = '#1f2933'; ctx.fillText(label, sx + 22, y);
    y += 20;
  }
}

function scaleBar(ctx, project, width, height) {
  const target = project.metresPerPixel * width * 0.2;
  const metres = [100, 200, 250, 500, 1000, 2000, 5000].reduce((best, m) => (m <= target ? m : best), 100);
  const px = metres / project.metresPerPixel;
  const x = 16, y = height - 18;
  ctx.fillStyle = 'rgba(255,255,255,0.9)'; ctx.fillRect(x - 6, y - 18, px + 60, 26);
  ctx.strokeStyle = '#1f2933'; ctx.lineWidth = 2;
  ctx.beginPath(); ctx.moveTo(x, y - 6); ctx.lineTo(x, y); ctx.lineTo(x + px, y); ctx.lineTo(x + px, y - 6); ctx.stroke();
  ctx.fillStyle = '#1f2933'; ctx.font = '12px system-ui, sans-serif';
  ctx.fillText(metres >= 1000 ? `${formatNumber(metres / 1000)} km` : `${formatNumber(metres)} m`, x + px + 6, y);
}
