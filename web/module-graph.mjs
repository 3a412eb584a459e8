// The page's module graph, announced in index.html. Without a bundler the browser discovers the
// modules one import level at a time (four levels: about 300 ms on the demo before the first API
// request); a <link rel="modulepreload"> for every module lets them all load at once. The list is
// written by the build from the imports themselves, so a new module can never be left out.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const IMPORT = /\bimport\s*(?:[^'";()]+?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every module reachable from the entry modules (paths relative to root, '/' separated), entries excluded. */
export function moduleGraph(root, entries) {
  const seen = new Set();
  const visit = (file) => {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = join(dirname(file), m[1] || m[2]);
      if (seen.has(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  for (const entry of entries) visit(join(root, entry));
  const entrySet = new Set(entries.map((e) => join(root, e)));
  return [...seen].filter((f) => !entrySet.has(f)).map((f) => relative(root, f).split('\\').join('/')).sort();
}

const MARKER = /<!-- modulepreload -->/;

/** index.html with its marker line replaced by one modulepreload link per module of the graph. */
export function withModulePreloads(html, root, entries) {
  const match = html.match(new RegExp(`^([ \\t]*)${MARKER.source}`, 'm'));
  if (!match) throw new Error('index.html: the <!-- modulepreload --> marker is missing');
  const links = moduleGraph(root, entries).map((m) => `${match[1]}<link rel="modulepreload" href="${m}">`).join('\n');
  return html.replace(match[0], links);
}
