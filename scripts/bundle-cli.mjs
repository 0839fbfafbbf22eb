// Bundles the compiled CLI (dist/cli/main.js) and the simulator's worker into dist/cli-bundle/,
// split per command, so `pledge` loads a handful of files instead of ~900 modules (chevrotain's
// lodash-es alone is hundreds): start-up time, issue 15. Run by `npm run build` after tsc.
// The bundle sits two folders below the package root like dist/cli/, so the CLI's
// `../../package.json` and the pool's `./worker.js` resolve the same way from either build.
//
// Holiday data per region on demand (issue 15), as the playground does it
// (playground/holiday-chunks.ts): date-holidays' whole data set (0.8 MB) and moment-timezone's every
// zone (0.7 MB) were compiled on every start. The bundle now carries a shell in their place: the
// countries' names and languages (what listing regions and checking a code read) and, per country,
// a JSON file in dist/cli-bundle/holidays/ with its rules and the packed zones those rules use,
// read synchronously the first time date-holidays touches anything else of that country.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { holidayData, zonesFor } from '../playground/holiday-chunks.ts';

const OUT = 'dist/cli-bundle';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(`${OUT}/holidays`, { recursive: true });

const { version, license, holidays: countries, names } = holidayData();
const index = {};
for (const [code, country] of Object.entries(countries)) {
  writeFileSync(`${OUT}/holidays/${code}.json`, JSON.stringify({ holidays: country, ...zonesFor(country) }));
  index[code] = { names: country.names, langs: country.langs, ...(country.name === undefined ? {} : { name: country.name }) };
}

const SHELL = `
import { readFileSync } from 'node:fs';
import moment from 'moment-timezone/moment-timezone.js';
const index = ${JSON.stringify(index)};
const dir = new URL('./holidays/', import.meta.url);
const SUMMARY = new Set(['names', 'langs', 'name']);
function lazyCountry(code) {
  const target = {};
  let loaded = false;
  const ensure = () => {
    if (loaded) return;
    loaded = true;
    const chunk = JSON.parse(readFileSync(new URL(code + '.json', dir), 'utf8'));
    moment.tz.add(chunk.zones);
    moment.tz.link(chunk.links);
    Object.assign(target, chunk.holidays);
  };
  return new Proxy(target, {
    get(t, key) {
      if (!loaded && typeof key === 'string' && SUMMARY.has(key)) return index[code][key];
      ensure();
      return Reflect.get(t, key);
    },
    has(t, key) { ensure(); return Reflect.has(t, key); },
    ownKeys(t) { ensure(); return Reflect.ownKeys(t); },
    getOwnPropertyDescriptor(t, key) { ensure(); return Reflect.getOwnPropertyDescriptor(t, key); },
  });
}
const holidays = {};
for (const code of Object.keys(index)) holidays[code] = lazyCountry(code);
export const data = { version: ${JSON.stringify(version)}, license: ${JSON.stringify(license)}, names: ${JSON.stringify(names)}, holidays };
`;

/** date-holidays' data set and moment-timezone's zones, replaced by the shell above. */
const holidaysByCountry = {
  name: 'pledge-holidays-by-country',
  setup(b) {
    b.onResolve({ filter: /^\.\/data\.js$/ }, (args) =>
      /[\\/]date-holidays[\\/]src[\\/]Holidays\.js$/.test(args.importer) ? { path: 'shell', namespace: 'pledge-holidays' } : undefined,
    );
    b.onResolve({ filter: /^moment-timezone$/ }, async (args) => {
      if (!/[\\/](date-holidays-parser|caldate)[\\/]/.test(args.importer)) return undefined;
      const core = await b.resolve('moment-timezone/moment-timezone.js', { kind: args.kind, resolveDir: args.resolveDir });
      return { path: core.path };
    });
    b.onLoad({ filter: /.*/, namespace: 'pledge-holidays' }, () => ({ contents: SHELL, loader: 'js', resolveDir: process.cwd() }));
  },
};

await build({
  // The language server's full-check thread sits beside the chunk that starts it, as in dist/lsp/.
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/simulate/worker.js', 'check-worker': 'dist/lsp/check-worker.js' },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  plugins: [holidaysByCountry],
  // CommonJS dependencies (date-holidays) call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __pledgeRequire } from 'node:module'; const require = __pledgeRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
