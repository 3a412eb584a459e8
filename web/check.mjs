// Checks the translations: every key used in the HTML (data-i18n*) or in code (t('key')) exists
// in Dutch, French and English, and no language has keys the others lack. Run: npm run check.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messages } from './src/app/messages.js';

const src = join(dirname(fileURLToPath(import.meta.url)), 'src');
const files = [];
(function walk(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|html)$/.test(f) && !/^(messages|i18n)\.js$/.test(f)) files.push(p);
  }
})(src);

const used = new Set();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
  for (const m of text.matchAll(/\bt\(\s*'([^'$`]+)'/g)) used.add(m[1]);
}

const problems = [];
const languages = Object.keys(messages);
for (const key of used) {
  for (const l of languages) if (!(key in messages[l])) problems.push(`${l}: missing '${key}'`);
}
const all = new Set(languages.flatMap((l) => Object.keys(messages[l])));
for (const key of all) {
  for (const l of languages) if (!(key in messages[l])) problems.push(`${l}: missing '${key}' (present in another language)`);
  const placeholders = languages.map((l) => [...(messages[l][key] || '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(','));
  if (new Set(placeholders).size > 1) problems.push(`'${key}': placeholders differ between languages (${placeholders.join(' | ')})`);
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} translation problems`);
  process.exit(1);
}
console.log(`translations: ${used.size} keys used, ${all.size} defined in ${languages.join(', ')}; all complete`);
