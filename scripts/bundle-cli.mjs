// Bundles the compiled CLI (dist/cli/main.js) and the simulator's worker into dist/cli-bundle/,
// split per command, so `pledge` loads a handful of files instead of ~900 modules (chevrotain's
// lodash-es alone is hundreds): start-up time, issue 15. Run by `npm run build` after tsc.
// The bundle sits two folders below the package root like dist/cli/, so the CLI's
// `../../package.json` and the pool's `./worker.js` resolve the same way from either build.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist/cli-bundle', { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/simulate/worker.js' },
  outdir: 'dist/cli-bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  // CommonJS dependencies (date-holidays) call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as __pledgeRequire } from 'node:module'; const require = __pledgeRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
