/**
 * Builds the playground once and serves the static folder, for the browser tests and the
 * benchmark: the page is tested as it ships (`vite build`), not through the dev server.
 */
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

export const PLAYGROUND = fileURLToPath(new URL('..', import.meta.url));

/** The Chromium the tests drive: Debian's (`apt-get install -y chromium`); never a downloaded one. */
export const CHROMIUM = process.env['PLEDGE_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

export async function buildPlayground(): Promise<void> {
  await build({ root: PLAYGROUND, configFile: `${PLAYGROUND}vite.config.ts`, logLevel: 'warn' });
}

/**
 * Serves `playground/dist` (or another built copy of it, `outDir`, for benchmarks comparing builds)
 * on a free local port, with the page's own headers; resolves to the server and its address.
 */
export async function servePlayground(outDir?: string): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root: PLAYGROUND,
    configFile: `${PLAYGROUND}vite.config.ts`,
    ...(outDir ? { build: { outDir } } : {}),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no address');
  return { server, url };
}

/**
 * Makes `Date.now()` and `new Date()` in the page return `iso`, leaving timers and the
 * `performance` API alone. Playwright's `page.clock.setFixedTime` also fakes `performance`, whose
 * `getEntriesByName` then answers nothing, and Monaco's input-latency probe
 * (monaco-editor/esm/vs/base/browser/performance.js) throws "reading 'duration'" on every key.
 */
export async function fixNow(page: import('playwright-core').Page, iso: string): Promise<void> {
  await page.addInitScript((fixed: number) => {
    const RealDate = Date;
    class FixedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(fixed);
        else super(...(args as [string]));
      }
      static override now(): number {
        return fixed;
      }
    }
    (globalThis as { Date: DateConstructor }).Date = FixedDate as DateConstructor;
  }, Date.parse(iso));
}
