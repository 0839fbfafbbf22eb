/**
 * Cold first visits of built playground folders, interleaved in one browser (issue 18): for each
 * visit a fresh context (empty cache, nothing saved), navigation to what a person sees, read in the
 * page by an observer installed before any page script runs:
 * - diagnostics: the status line shows the counts ("0 errors, 1 warnings …"), and the frame after;
 * - What-if: the answer's text (`#whatif-text`) is in the page, and the frame after;
 * - editor: Monaco's editor is in the page (`.monaco-editor`), and the frame after.
 * Times are from the navigation (the page's time origin), taken at the `requestAnimationFrame`
 * after the change was seen, so the change is in the frame being drawn.
 * Run: `node --import tsx bench/playground-cold.ts [visits] dist-a dist-b …` (each folder a built
 * `playground/dist`); with no folder, this worktree's `playground/dist`. Medians per folder, and
 * each folder's ratio to the first.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, servePlayground } from '../playground/test/serve.js';
import { coldVisit, type Seen } from './playground-seen.js';

const args = process.argv.slice(2);
const visits = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 5;
const dirs = args.length ? args.map((a) => resolve(a)) : [fileURLToPath(new URL('../playground/dist', import.meta.url))];

const servers = await Promise.all(dirs.map((dir) => servePlayground(dir)));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const results: Seen[][] = dirs.map(() => []);
try {
  for (let v = 0; v < visits; v++) {
    for (const [i, { url }] of servers.entries()) {
      results[i]!.push(await coldVisit(browser, url));
    }
  }
} finally {
  await browser.close();
  for (const { server } of servers) await server.close();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(`Chromium ${browser.version()}; ${visits} cold visits per folder, interleaved; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const first = results[0]!;
for (const [i, dir] of dirs.entries()) {
  const r = results[i]!;
  const cell = (k: keyof Seen) => {
    const m = median(r.map((x) => x[k]));
    const ratio = i === 0 ? '' : ` (×${(m / median(first.map((x) => x[k]))).toFixed(2)})`;
    return `${k} ${m.toFixed(0).padStart(5)} ms${ratio.padEnd(8)}`;
  };
  const both = median(r.map((x) => Math.max(x.diagnostics, x.whatIf)));
  console.log(`${dir}\n  ${cell('diagnostics')}  ${cell('whatIf')}  ${cell('editor')}  both ${both.toFixed(0)} ms   runs: ${r.map((x) => `${x.diagnostics.toFixed(0)}/${x.whatIf.toFixed(0)}`).join(' ')}`);
}
