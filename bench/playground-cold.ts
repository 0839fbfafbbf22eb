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
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../playground/test/serve.js';
import { OBSERVER, type Seen } from './playground-seen.js';

const args = process.argv.slice(2);
const visits = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 5;
const dirs = args.length ? args.map((a) => resolve(a)) : [fileURLToPath(new URL('../playground/dist', import.meta.url))];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json', '.svg': 'image/svg+xml' };
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!.split('#')[0]!));
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    ok({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
  }));
}

const servers = await Promise.all(dirs.map(serve));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const results: Seen[][] = dirs.map(() => []);
try {
  for (let v = 0; v < visits; v++) {
    for (const [i, { url }] of servers.entries()) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addInitScript(OBSERVER);
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => {
        const s = (window as unknown as { __seen: Record<string, number> }).__seen;
        return s['diagnostics']! > 0 && s['whatIf']! > 0 && s['editor']! > 0;
      }, null, { timeout: 60_000 });
      results[i]!.push(await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen));
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const { server } of servers) server.close();
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
