// Completes the service worker after the build has copied everything into wwwroot: the list of
// shell files it stores at install, and a version (a hash of those files' contents), so that every
// change of any file makes the browser install the new worker and fetch the new files.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Not needed offline: licence texts (kept in wwwroot for distribution), source maps (read by a
// browser's developer tools only) and the worker itself.
const skip = (path) => path === 'sw.js' || path.endsWith('.map') || /(^|\/)(LICEN[CS]E|MIT-LICENCE)[^/]*$/.test(path);

export function writeServiceWorker(out) {
  const files = [];
  (function walk(dir) {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(relative(out, p).split(sep).join('/'));
    }
  })(out);
  const shell = files.filter((f) => !skip(f));
  const hash = createHash('sha256');
  for (const f of shell) hash.update(f).update(readFileSync(join(out, f)));
  const worker = join(out, 'sw.js');
  const text = readFileSync(worker, 'utf8')
    .replace('__BUILD_VERSION__', hash.digest('hex').slice(0, 16))
    .replace("['__SHELL_FILES__']", JSON.stringify(shell, null, 0));
  writeFileSync(worker, text);
  return shell.length;
}
