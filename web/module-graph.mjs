// The page's module graph, announced in index.html. The browser discovers the modules a bundle
// imports only once it has parsed it; a <link rel="modulepreload"> for each lets them all load at
// once. The list comes from esbuild's metafile (what the build wrote), so a new chunk can never be
// left out. Only static imports are followed: a chunk loaded with import() (the analysis views,
// see app/main.js) is what the first view does not need, and a preload would fetch and compile it.
import { relative } from 'node:path';

/** Every output file the entry imports statically, directly or through other outputs (paths
 *  relative to root, '/' separated), the entry excluded. */
export function staticImports(metafile, root, entry) {
  const seen = new Set();
  const visit = (output) => {
    for (const i of metafile.outputs[output]?.imports || []) {
      if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue;
      seen.add(i.path);
      visit(i.path);
    }
  };
  const key = Object.keys(metafile.outputs).find((o) => o.endsWith(`/${entry}`));
  if (!key) throw new Error(`esbuild wrote no ${entry}`);
  visit(key);
  return [...seen].map((f) => relative(root, f).split('\\').join('/')).sort();
}

const MARKER = /<!-- modulepreload -->/;

/** index.html with its marker line replaced by one modulepreload link per module in `modules`. */
export function withModulePreloads(html, modules) {
  const match = html.match(new RegExp(`^([ \\t]*)${MARKER.source}`, 'm'));
  if (!match) throw new Error('index.html: the <!-- modulepreload --> marker is missing');
  const links = modules.map((m) => `${match[1]}<link rel="modulepreload" href="${m}">`).join('\n');
  return html.replace(match[0], links);
}
