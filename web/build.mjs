// Builds the front end into the API's static files (src/SceneMonitor.Api/wwwroot).
// Our ES modules (web/src/app) are bundled by esbuild into two entry points, app/main.js (the
// page) and app/report.js (the printable report), plus shared chunks and one chunk per view loaded
// on first use; minified, with source maps. The page then loads a handful of files instead of forty
// modules: on the 2-core bench machine that took a tenth off the first visit and a fifth off a
// return visit (docs/map-page.md). app/early.js, a classic script, is copied as it is, as are the
// HTML, CSS and icons; the vendor libraries (Leaflet, Leaflet.markercluster, Leaflet.heat,
// Chart.js) are copied from node_modules into wwwroot/lib. Everything under wwwroot is build
// output (git-ignored); the source lives in web/src.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeServiceWorker } from './service-worker.mjs';
import { build } from 'esbuild';
import { staticImports, withModulePreloads } from './module-graph.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const modules = join(here, 'node_modules');
const out = join(here, '..', 'src', 'SceneMonitor.Api', 'wwwroot');

const vendor = [
  ['leaflet/dist/leaflet.js', 'lib/leaflet/leaflet.js'],
  ['leaflet/dist/leaflet.css', 'lib/leaflet/leaflet.css'],
  ['leaflet/dist/images', 'lib/leaflet/images'],
  ['leaflet/LICENSE', 'lib/leaflet/LICENSE'],
  ['leaflet.markercluster/dist/leaflet.markercluster.js', 'lib/leaflet.markercluster/leaflet.markercluster.js'],
  ['leaflet.markercluster/dist/MarkerCluster.css', 'lib/leaflet.markercluster/MarkerCluster.css'],
  ['leaflet.markercluster/MIT-LICENCE.txt', 'lib/leaflet.markercluster/MIT-LICENCE.txt'],
  ['leaflet.heat/dist/leaflet-heat.js', 'lib/leaflet.heat/leaflet-heat.js'],
  ['leaflet.heat/LICENSE', 'lib/leaflet.heat/LICENSE'],
  ['chart.js/dist/chart.umd.min.js', 'lib/chart.js/chart.umd.min.js'],
  ['chart.js/LICENSE.md', 'lib/chart.js/LICENSE.md'],
];

if (!existsSync(modules)) {
  console.error('web/node_modules is missing: run `npm ci` in web/ first.');
  process.exit(1);
}

// wwwroot holds only what this script writes, so it is emptied and written anew.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let files = 0;
const count = (path) => {
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) count(join(path, f));
  else files++;
};

for (const [from, to] of vendor) {
  const source = join(modules, from);
  if (!existsSync(source)) {
    if (to.endsWith('LICENSE') || to.endsWith('.txt') || to.endsWith('.md')) continue; // licences vary by release
    console.error(`missing ${from}: is web/node_modules up to date (npm ci)?`);
    process.exit(1);
  }
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(source, join(out, to), { recursive: true });
}
// Everything of web/src but the modules, which esbuild writes.
cpSync(src, out, { recursive: true, filter: (from) => !from.startsWith(join(src, 'app')) || from === join(src, 'app') || from === join(src, 'app', 'early.js') });
const bundled = await build({
  entryPoints: [join(src, 'app', 'main.js'), join(src, 'app', 'report.js')],
  outdir: join(out, 'app'),
  bundle: true, splitting: true, format: 'esm', target: 'es2022',
  minify: true, sourcemap: 'linked', metafile: true, logLevel: 'warning',
  chunkNames: '[name]-[hash]',
});
const index = join(out, 'index.html');
writeFileSync(index, withModulePreloads(readFileSync(index, 'utf8'), staticImports(bundled.metafile, out, 'app/main.js')));

const shell = writeServiceWorker(out); // after every other file: it lists and hashes them
count(out);
console.log(`web: ${files} files written to ${relative(process.cwd(), out) || out} (service worker: ${shell} shell files)`);
