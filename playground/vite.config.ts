/**
 * The playground's build: a static folder (`playground/dist/`) that works offline. Two things keep
 * the bundle lean: Monaco comes in as the bare editor API plus the few editor features the page
 * uses (no built-in languages, no language workers), and date-holidays' data set (0.8 MB) and the
 * time zones it computes in (0.7 MB) are split into one chunk per country that the checker worker
 * loads only when a contract names it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { countryModule, shellModule } from './holiday-chunks.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SHELL = 'virtual:pledge-holidays';
const COUNTRY = 'virtual:pledge-holidays/';
const MOMENT = 'virtual:pledge-moment-timezone';

/**
 * date-holidays builds its instances from one object, `data` in `date-holidays/src/data.js`, and
 * computes dates with moment-timezone, whose entry point loads every zone. This plugin replaces
 * the first with a shell (every field but the countries, plus a loader per country: a dynamic
 * import, so a chunk of its own) and the second with moment-timezone's core without data;
 * `loadHolidayRegions` in the worker adds a country's rules and zones before they are read.
 */
function holidaysByCountry(): Plugin {
  return {
    name: 'pledge-holidays-by-country',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === SHELL || id === MOMENT || id.startsWith(COUNTRY)) return `\0${id}`;
      const from = importer?.replace(/\\/g, '/') ?? '';
      // The package's own import of its data set, and moment-timezone with all its zones.
      if (id === './data.js' && from.endsWith('/date-holidays/src/Holidays.js')) return `\0${SHELL}`;
      if (id === 'moment-timezone' && /\/(date-holidays-parser|caldate)\//.test(from)) return `\0${MOMENT}`;
      return undefined;
    },
    load(id) {
      if (id === `\0${SHELL}`) return shellModule((code) => COUNTRY + code);
      if (id === `\0${MOMENT}`) return `import moment from 'moment-timezone/moment-timezone.js';\nexport default moment;\n`;
      if (id.startsWith(`\0${COUNTRY}`)) return countryModule(id.slice(`\0${COUNTRY}`.length));
      return undefined;
    },
  };
}

/**
 * Parts of Monaco the page never runs, replaced by classes that say so if anything ever constructs
 * them (issue 18: each was downloaded by every first visit):
 * - the diff editors (41 KB gzipped with their views and the line diff they run in the page): the
 *   editor API's standalone module imports both widgets for `createDiffEditor` and
 *   `createMultiFileDiffEditor`; Compare shows `pledge diff` in words and a redline of its own;
 * - the experimental GPU renderer (10 KB): `view.js` builds it only when the option
 *   `experimentalGpuAcceleration` is `on`, which the page never sets (the default is `off`);
 * - Monarch, Monaco's declarative tokenizer (6 KB), behind `setMonarchTokensProvider`: the page
 *   highlights with `setTokensProvider` (`src/highlight.ts`); the colorizer only asks whether a
 *   tokenizer is a Monarch one (`instanceof`), which the stub class answers no.
 * Each stub is used only for the one importer named, so anything else importing those modules
 * still gets the real ones.
 */
const MONACO_UNUSED: { importer: RegExp; module: string; exports: string[] }[] = [
  { importer: /\/editor\/standalone\/browser\/standaloneCodeEditor\.js$/, module: '/widget/diffEditor/diffEditorWidget.js', exports: ['DiffEditorWidget'] },
  { importer: /\/editor\/standalone\/browser\/standaloneEditor\.js$/, module: '/widget/multiDiffEditor/multiDiffEditorWidget.js', exports: ['MultiDiffEditorWidget'] },
  { importer: /\/editor\/browser\/view\.js$/, module: '/gpu/viewGpuContext.js', exports: ['ViewGpuContext'] },
  { importer: /\/editor\/browser\/view\.js$/, module: '/viewParts/viewLinesGpu/viewLinesGpu.js', exports: ['ViewLinesGpu'] },
  { importer: /\/editor\/browser\/view\.js$/, module: '/viewParts/gpuMark/gpuMark.js', exports: ['GpuMarkOverlay'] },
  { importer: /\/editor\/standalone\/browser\/(standaloneLanguages|colorizer)\.js$/, module: '/monarch/monarchLexer.js', exports: ['MonarchTokenizer'] },
  { importer: /\/editor\/standalone\/browser\/standaloneLanguages\.js$/, module: '/monarch/monarchCompile.js', exports: ['compile'] },
];
function monacoUnused(): Plugin {
  const PREFIX = '\0pledge-monaco-unused:';
  return {
    name: 'pledge-monaco-unused',
    enforce: 'pre',
    resolveId(id, importer) {
      const from = importer?.replace(/\\/g, '/') ?? '';
      if (!from.includes('/monaco-editor/esm/vs/')) return undefined;
      const hit = MONACO_UNUSED.findIndex((u) => u.importer.test(from) && id.endsWith(u.module));
      return hit < 0 ? undefined : `${PREFIX}${hit}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const unused = MONACO_UNUSED[Number(id.slice(PREFIX.length))]!;
      const fail = (name: string) => `throw new Error('${name}: not part of the playground (playground/vite.config.ts)');`;
      return unused.exports
        .map((name) => (/^[A-Z]/.test(name) ? `export class ${name} { constructor() { ${fail(name)} } }\n` : `export function ${name}() { ${fail(name)} }\n`))
        .join('');
    },
  };
}

/**
 * The library's `startLanguageServer` loads `src/lsp/server.ts` on demand, and that module speaks
 * LSP over Node's stdio (`vscode-languageserver/node`, which has no browser build). The playground
 * runs the same language service in its worker without a server, so this swaps the server module
 * for one whose `startServer` says where the server does run.
 */
function noStdioServer(): Plugin {
  const STUB = '\0pledge-no-stdio-server';
  return {
    name: 'pledge-no-stdio-server',
    enforce: 'pre',
    resolveId(id, importer) {
      const from = importer?.replace(/\\/g, '/') ?? '';
      if (id === './lsp/server.js' && /\/src\/index\.ts$/.test(from)) return STUB;
      return undefined;
    },
    load(id) {
      if (id !== STUB) return undefined;
      return "export function startServer() { throw new Error('the language server runs under Node: pledge lsp --stdio'); }\n";
    },
  };
}

/**
 * ical.js (23 KB gzipped) parses the files of `holidays file "x.ics"` (src/time/ics-holidays.ts).
 * The playground has no file reader, so the checker answers such a line with PLG2130 before
 * anything is parsed, and nothing in the page ever calls the parser; yet the import put it in the
 * checker worker, which every first visit loads (1,050 KB gzipped with it, over the 1,024 KB budget).
 * This swaps the package, for that importer only, for an object that says so if it is ever used.
 */
function noIcalParser(): Plugin {
  const STUB = '\0pledge-no-ical-parser';
  return {
    name: 'pledge-no-ical-parser',
    enforce: 'pre',
    resolveId(id, importer) {
      const from = importer?.replace(/\\/g, '/') ?? '';
      if (id === 'ical.js' && /\/src\/time\/ics-holidays\.ts$/.test(from)) return STUB;
      return undefined;
    },
    load(id) {
      if (id !== STUB) return undefined;
      return "export default new Proxy({}, { get(_, key) { throw new Error(`ical.js (${String(key)}): the playground reads no iCalendar file, since it cannot read files (PLG2130); see playground/vite.config.ts`); } });\n";
    },
  };
}

/**
 * Which modules the checker worker's build keeps for their side effects alone. The library's own
 * modules (`src/`, none runs code at load) and the packages only the assert search, the simulator
 * and the replay use are marked free of them, so what `src/index.ts` re-exports but the worker
 * never calls (`runAsserts`, `simulate`, `replay`) is dropped instead of riding along, and the
 * worker's `import()` of the assert search and the simulator becomes a chunk of its own, loaded
 * when the Test or Simulate panel first runs (issue 18: fast-check, csv-parse and d3 were 130 KB
 * gzipped of every first visit). Every other package keeps its side effects (moment-timezone's
 * core, for one, attaches itself to moment at load). astronomia, which date-holidays computes lunar
 * and solar-term dates with, is pure arithmetic over tables: marked free of side effects, the parts
 * of it that nothing calls (Saturn's moons, Pluto, …) are dropped (7 KB gzipped); the calendars of
 * CN, KR, VN, HK, TW and SG come out the same to the byte.
 */
const LIBRARY_SRC = fileURLToPath(new URL('../src/', import.meta.url)).replace(/\\/g, '/');
const LAZY_PACKAGES = /\/node_modules\/(fast-check|pure-rand|csv-parse|d3-[a-z-]+|astronomia)\//;
function workerSideEffects(id: string): boolean {
  const file = id.replace(/\\/g, '/');
  return !(file.startsWith(LIBRARY_SRC) || LAZY_PACKAGES.test(file));
}

export default defineConfig({
  root: HERE,
  base: './',
  plugins: [holidaysByCountry(), noStdioServer(), noIcalParser(), monacoUnused()],
  // The library's replay reads CSV with csv-parse, whose Node build uses `Buffer`; the package
  // ships a browser build for exactly this (its exports map, `./browser/esm/sync` and
  // `./browser/esm`, the streaming parser the file replay uses). Exact matches only, so the
  // first alias does not rewrite the second.
  resolve: {
    alias: [
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
      { find: /^csv-parse$/, replacement: 'csv-parse/browser/esm' },
    ],
  },
  worker: {
    format: 'es',
    plugins: () => [holidaysByCountry(), noStdioServer(), noIcalParser()],
    rolldownOptions: { treeshake: { moduleSideEffects: workerSideEffects } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    // Plugin timing reports are build-tool diagnostics, noise in the test output.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
});
