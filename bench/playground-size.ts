/**
 * The playground bundle's size, raw and gzipped (level 9), from `playground/dist` (build it first:
 * `npm run build:playground`). What a first visit loads is listed apart from the files loaded on
 * demand (`bench/playground-files.ts` says which, and a browser test holds it to what Chromium fetches).
 * Exits 1 when the first visit is above its budget (issue 18: 1 MB gzipped). Run: `npm run size:playground`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BUNDLED_COUNTRY, isCountry, isOnDemand as isLazy } from './playground-files.js';

const DIST = fileURLToPath(new URL('../playground/dist/', import.meta.url));
const files = ['index.html', ...readdirSync(join(DIST, 'assets')).map((f) => `assets/${f}`)];
const sizes = files.map((f) => {
  const bytes = readFileSync(join(DIST, f));
  return { file: f, raw: statSync(join(DIST, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
});
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
/** First visit at most this many gzipped bytes (issue 18). */
const BUDGET_GZIP = 1024 * 1024;
const sum = (xs: typeof sizes) => xs.reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip }), { raw: 0, gzip: 0 });
const line = (name: string, s: { raw: number; gzip: number }) => `${name.padEnd(44)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)}`;

console.log(`${'file'.padEnd(44)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)}`);
for (const s of sizes.filter((x) => !isCountry(x.file)).sort((a, b) => b.raw - a.raw)) console.log(line(`${s.file}${isLazy(s.file) ? ' (on demand)' : ''}`, s));
const countries = sizes.filter((x) => isCountry(x.file));
const largest = countries.reduce((a, b) => (b.raw > a.raw ? b : a));
const cn = countries.find((c) => c.file.startsWith(`assets/${BUNDLED_COUNTRY}-`));
console.log(line(`${countries.length} holiday countries, together`, sum(countries)));
if (cn) console.log(line(`  ${BUNDLED_COUNTRY} (the bundled example's, in the first visit)`, cn));
console.log(line(`  largest: ${largest.file.slice(7, 9)}`, largest));
const first = sum(sizes.filter((x) => !isLazy(x.file)));
console.log(line('first visit (all but on-demand files)', first));
console.log(line('whole folder', sum(sizes)));
if (first.gzip > BUDGET_GZIP) {
  console.error(`first visit ${kb(first.gzip)} gzipped is above the budget of ${kb(BUDGET_GZIP)}`);
  process.exitCode = 1;
} else console.log(`first visit within the budget of ${kb(BUDGET_GZIP)} gzipped`);
