/**
 * What a person sees of a first visit, timed in the page (`bench/playground.ts` and
 * `bench/playground-cold.ts`): an observer installed before any page script runs notes when
 * - diagnostics: the status line shows the check's counts ("0 errors, 1 warnings …");
 * - whatIf: the What-if answer's text (`#whatif-text`) is in the page;
 * - editor: Monaco's editor is in the page (`.monaco-editor`);
 * each at the `requestAnimationFrame` after the change was seen (the frame that draws it), in
 * milliseconds from the navigation (the page's time origin).
 */
import type { Browser } from 'playwright-core';

/** In the page before its scripts (a string: tsx would wrap named functions in `__name`, which the page lacks). */
export const OBSERVER = `(() => {
  const seen = (window.__seen = {});
  const at = (name) => {
    if (name in seen) return;
    seen[name] = -1;
    requestAnimationFrame(() => (seen[name] = performance.now()));
  };
  const look = () => {
    const status = document.getElementById('status');
    if (status && /\\d+ errors?, \\d+ warnings?/.test(status.textContent || '')) at('diagnostics');
    if (document.getElementById('whatif-text')?.textContent) at('whatIf');
    if (document.querySelector('.monaco-editor')) at('editor');
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export interface Seen {
  diagnostics: number;
  whatIf: number;
  editor: number;
}

/** One cold first visit of `url`: a fresh context (empty cache, nothing saved), timed until all three are seen. */
export async function coldVisit(browser: Browser, url: string): Promise<Seen> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    await context.addInitScript(OBSERVER);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => {
      const s = (window as unknown as { __seen: Record<string, number> }).__seen;
      return s['diagnostics']! > 0 && s['whatIf']! > 0 && s['editor']! > 0;
    }, null, { timeout: 60_000 });
    return await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
  } finally {
    await context.close();
  }
}
