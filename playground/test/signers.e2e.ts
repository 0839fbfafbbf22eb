/**
 * The playground for the people who sign (issue 18), in Debian's Chromium: no lost work, the Terms
 * and Compare panels, keyboard and ARIA, the phone layout, an axe-core check of every panel, and
 * screenshots of every panel at 1440×900 and 390×844 in `test-output/`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnDemand } from '../../bench/playground-files.js';
import { buildPlayground, CHROMIUM, CHROMIUM_ARGS, fixNow, PLAYGROUND, servePlayground } from './serve.js';

const OUT = join(PLAYGROUND, '..', 'test-output');
const EXAMPLE = readFileSync(join(PLAYGROUND, '..', 'contracts', 'realtime-messaging.pledge'), 'utf8');
const OTHER = 'tiered-plans.pledge';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TABS = ['whatif', 'calendar', 'test', 'simulate', 'terms', 'compare'];
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

let browser: Browser;
let server: PreviewServer;
let url: string;

interface Editor {
  setPosition(p: { lineNumber: number; column: number }): void;
  getPosition(): { lineNumber: number; column: number };
  focus(): void;
  hasTextFocus(): boolean;
  getModel(): { getLineContent(n: number): string; getLineMaxColumn(n: number): number };
}

async function open(context: BrowserContext, address = url): Promise<{ page: Page; messages: string[] }> {
  const page = await context.newPage();
  const messages: string[] = [];
  const record = (where: string) => (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${where} ${m.type()}: ${m.text()}`);
  };
  page.on('console', record('page'));
  page.on('pageerror', (e) => messages.push(`page exception: ${e.message}`));
  page.on('worker', (wk) => wk.on('console', record(`worker ${wk.url()}`)));
  // What-if judges at "now" by default: a fixed instant inside the bundled contract's term.
  await fixNow(page, '2026-12-01T00:00:00Z');
  await page.goto(address);
  await page.waitForFunction(() => (window as unknown as { __pledge?: { probe: { fullChecks: number } } }).__pledge?.probe.fullChecks! > 0, null, { timeout: 30_000 });
  return { page, messages };
}

// bypassCSP: axe-core is injected as an inline script, which the page's CSP (rightly) refuses.
const fresh = (size = { width: 1440, height: 900 }) => browser.newContext({ viewport: size, bypassCSP: true });

/** Types at the end of a line of the editor, as a person would. */
async function typeAt(page: Page, line: number, text: string): Promise<void> {
  await page.evaluate((n) => {
    const e = (window as unknown as { __pledge: { editor: Editor } }).__pledge.editor;
    e.setPosition({ lineNumber: n, column: e.getModel().getLineMaxColumn(n) });
    e.focus();
  }, line);
  await page.keyboard.type(text);
}

/** Replaces `4h` by `6h` on P2's response line (line 50) with keystrokes. */
async function loosenP2(page: Page): Promise<void> {
  await page.evaluate(() => {
    const e = (window as unknown as { __pledge: { editor: Editor } }).__pledge.editor;
    e.setPosition({ lineNumber: 50, column: 13 });
    e.focus();
  });
  await page.keyboard.press('Backspace');
  await page.keyboard.type('6');
  await page.waitForFunction(() => (window as unknown as { __pledge: { text(): string } }).__pledge.text().includes('response 6h on business'));
}

async function axe(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Opens a panel and waits until it shows its answer. */
async function showPanel(page: Page, id: string): Promise<void> {
  await page.click(`#tab-${id}`);
  const ready: Record<string, string> = {
    whatif: '#whatif-text',
    calendar: '#calendar-output h3',
    test: '#test-output .verdict',
    simulate: '#simulate-run',
    terms: '#terms-output article',
    compare: '#compare-summary',
  };
  await page.waitForSelector(ready[id]!, { timeout: 30_000 });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await buildPlayground();
  ({ server, url } = await servePlayground());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('never lose work', () => {
  it('the text is saved in the browser and restored on reload', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await typeAt(page, 1, ' my note');
    await page.waitForFunction(() => localStorage.getItem('pledge-playground:text')?.includes('my note'), null, { timeout: 5000 });
    await page.reload();
    await page.waitForFunction(() => (window as any).__pledge?.probe.fullChecks > 0, null, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction(() => (window as unknown as { __pledge?: { text(): string } }).__pledge?.text().includes('my note'), null, { timeout: 30_000 });
    expect(await page.locator('#notice').innerText()).toContain('restored your text');
    expect(messages).toEqual([]);
    await context.close();
  });

  it('loading an example asks first when there are edits, and can be undone', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await typeAt(page, 1, ' mine');
    const edited = await page.evaluate(() => (window as any).__pledge.text());
    // Declined: nothing changes.
    page.once('dialog', (d) => void d.dismiss());
    await page.selectOption('#examples', OTHER);
    expect(await page.evaluate(() => (window as any).__pledge.text())).toBe(edited);
    // Accepted: the example is loaded, and Undo brings the edits back.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.selectOption('#examples', OTHER);
    expect(asked).toContain('Replace your edits');
    expect(await page.evaluate(() => (window as any).__pledge.text())).toBe(readFileSync(join(PLAYGROUND, '..', 'contracts', OTHER), 'utf8'));
    await page.click('#undo-example');
    expect(await page.evaluate(() => (window as any).__pledge.text())).toBe(edited);
    // An unedited example is replaced without a question (no dialog handler: one would fail the test).
    await page.evaluate(() => ((window as any).__pledge.editor as unknown as { setValue(t: string): void }).setValue(''));
    await page.selectOption('#examples', 'realtime-messaging.pledge');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.selectOption('#examples', OTHER);
    expect(dialogs).toBe(0);
    expect(messages).toEqual([]);
    await context.close();
  });

  it('Share copies and confirms without moving the layout, and the link then follows the text', async () => {
    const context = await fresh();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, messages } = await open(context);
    const before = await page.locator('main').boundingBox();
    await page.click('#share');
    await page.waitForFunction(() => location.hash.startsWith('#c='));
    await page.locator('#share-toast').waitFor();
    expect(await page.locator('#share-toast .message').innerText()).toContain('Link copied');
    expect(await page.locator('main').boundingBox()).toEqual(before);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.evaluate(() => location.href));
    await page.screenshot({ path: join(OUT, 'signers-share.png') });
    const first = await page.evaluate(() => location.hash);
    await typeAt(page, 1, ' later edit');
    await page.waitForFunction((h) => location.hash !== h, first, { timeout: 5000 });
    const link = await page.evaluate(() => location.href);
    expect(await page.inputValue('#share-url')).toBe(link);
    const other = await fresh();
    const again = await open(other, link);
    expect(await again.page.evaluate(() => (window as any).__pledge.text())).toContain('later edit');
    expect([...messages, ...again.messages]).toEqual([]);
    await other.close();
    await context.close();
  });
});

describe('terms and redlines', () => {
  it('Terms shows the rendered contract, linked to its lines, in English or Chinese, following the text', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await showPanel(page, 'terms');
    const terms = page.locator('#terms-output article');
    expect(await terms.locator('h2').first().innerText()).toBe('Realtime Messaging SDK - Enterprise Support');
    expect(await terms.innerText()).toContain('4 business hours (Beijing office hours)');
    // The calendar's paragraph links to `calendar business` (line 11); the click shows that line.
    const calendarLine = lineOf(EXAMPLE, 'calendar business');
    await terms.locator('p', { hasText: 'Calendar “Beijing office hours”' }).locator('.source-link').click();
    expect(await page.evaluate(() => (window as any).__pledge.editor.getPosition().lineNumber)).toBe(calendarLine);
    expect(await page.locator('#terms-output .source-link').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(OUT, 'signers-terms.png') });
    await page.selectOption('#terms-lang', 'zh');
    await page.waitForFunction(() => document.querySelector('#terms-output article')?.textContent?.includes('协议双方与期限'), null, { timeout: 10_000 });
    await page.selectOption('#terms-lang', 'en');
    await page.waitForFunction(() => document.querySelector('#terms-output article h3')?.textContent?.includes('Parties and term'), null, { timeout: 10_000 });
    // Updated as the text changes.
    await loosenP2(page);
    await page.waitForFunction(() => document.querySelector('#terms-output article')?.textContent?.includes('6 business hours (Beijing office hours)'), null, { timeout: 10_000 });
    expect(messages).toEqual([]);
    await context.close();
  });

  it('Compare shows pledge diff in words, linked to lines, and a redline of the terms', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await showPanel(page, 'compare');
    expect(await page.locator('#compare-summary').innerText()).toBe('no change in obligations');
    await loosenP2(page);
    await page.waitForFunction(() => document.querySelector('#compare-summary')?.textContent?.startsWith('1 change'), null, { timeout: 15_000 });
    expect(await page.locator('#compare-summary').innerText()).toContain('1 better for the provider');
    const change = page.locator('#compare-changes li').first();
    expect(await change.innerText()).toContain('P2 response: 4 business hours -> 6 business hours');
    await change.locator('.source-link').click();
    expect(await page.evaluate(() => (window as any).__pledge.editor.getPosition().lineNumber)).toBe(50);
    expect(await page.locator('#compare-redline del', { hasText: '4 business hours' }).count()).toBeGreaterThan(0);
    expect(await page.locator('#compare-redline ins', { hasText: '6 business hours' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'signers-compare.png') });
    // Against an example, and against pasted text with an error (refused in words, like the CLI).
    await page.selectOption('#compare-base', `example:${OTHER}`);
    await page.waitForFunction(() => /changes? in obligations/.test(document.querySelector('#compare-summary')?.textContent ?? ''), null, { timeout: 15_000 });
    await page.selectOption('#compare-base', 'pasted');
    await page.fill('#compare-pasted', 'calender x {}');
    await page.waitForFunction(() => document.querySelector('#compare-output .problem')?.textContent?.includes('the earlier version has'), null, { timeout: 15_000 });
    expect(messages).toEqual([]);
    await context.close();
  });

  it('render and diff load only when their panel opens', async () => {
    const context = await fresh();
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(r.url()));
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__pledge?.probe.fullChecks > 0, null, { timeout: 30_000 });
    expect(loaded.filter((u) => /terms/.test(u))).toEqual([]);
    await showPanel(page, 'terms');
    expect(loaded.filter((u) => /terms\.worker/.test(u)).length).toBe(1);
    await context.close();
  });
});

describe('a lighter first visit', () => {
  it('a first visit downloads only what the size script counts; the editor worker and icon font wait until used', async () => {
    const context = await fresh();
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(url)) fetched.push(r.url().slice(url.length).split(/[?#]/)[0] || 'index.html');
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__pledge?.probe.fullChecks > 0 && document.querySelector('#whatif-text'), null, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    const first = [...new Set(fetched)];
    expect(first.filter(isOnDemand)).toEqual([]);
    expect(first.some((f) => /^assets\/index-.*\.js$/.test(f)) && first.some((f) => /^assets\/checker\.worker-/.test(f))).toBe(true);
    // Completion draws the icons (the font) and, for word completions, asks Monaco's worker.
    await typeAt(page, 50, '');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible', { timeout: 10_000 });
    await page.waitForFunction(() => document.fonts.check('16px codicon'), null, { timeout: 10_000 });
    await page.waitForTimeout(500);
    expect(fetched.filter((f) => !first.includes(f)).some((f) => /^assets\/codicon-/.test(f))).toBe(true);
    await context.close();
  });

  it('before the editor loads, the page shows the text read-only, the check and the first What-if answer; the editor then opens where the reader was', async () => {
    const context = await fresh();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await fixNow(page, '2026-12-01T00:00:00Z');
    // Monaco's chunk is held back until the preview has been looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    await page.route(/\/assets\/main-[^/]*\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(url);
    await page.waitForSelector('#whatif-text', { timeout: 30_000 });
    expect(await page.locator('.monaco-editor').count()).toBe(0);
    // The text as the editor will hold it (line numbers are not part of it), its highlighting and the warning.
    expect(await page.locator('#preview').innerText()).toBe(EXAMPLE);
    expect(await page.locator('#preview .line[data-line="4"] .t-keyword').first().textContent()).toBe('sla');
    const squiggle = page.locator('#preview .squiggle-warning');
    expect(await squiggle.count()).toBeGreaterThan(0);
    expect(await squiggle.first().getAttribute('title')).toMatch(/^PLG\d{4}: /);
    expect(await page.locator('#status').textContent()).toMatch(/^0 errors, 1 warnings · fast checks \d+ ms$/);
    expect(await page.locator('#whatif-text').textContent()).toContain('P2 filed Fri 2026-01-02 17:00 +08:00');
    expect(await page.locator('#examples').isDisabled()).toBe(true);
    expect(await axe(page)).toEqual([]);
    // The editor is asked for once the answers are shown; nothing can be typed meanwhile.
    await expect.poll(() => asked, { timeout: 10_000 }).toBe(true);
    await page.click('#preview .line[data-line="20"]');
    await page.keyboard.type('xyz');
    expect(await page.locator('#preview').innerText()).toBe(EXAMPLE);
    // Scrolled to line 31 and lines 31-32 selected: the editor opens there.
    await page.evaluate(() => {
      const pre = document.getElementById('preview')!;
      pre.scrollTop = 30 * 18;
      const line = (n: number) => pre.querySelector(`.line[data-line="${n}"]`)!;
      const range = document.createRange();
      range.setStart(line(31), 0);
      range.setEnd(document.createTreeWalker(line(32), NodeFilter.SHOW_TEXT).nextNode()!, 1);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    release();
    await page.waitForFunction(() => (window as unknown as { __pledge?: { probe: { fullChecks: number } } }).__pledge?.probe.fullChecks! > 0, null, { timeout: 30_000 });
    expect(await page.locator('#preview').count()).toBe(0);
    const view = await page.evaluate(() => {
      const e = (window as unknown as { __pledge: { editor: { getScrollTop(): number; getSelection(): { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }; getValue(): string } } }).__pledge.editor;
      return { top: e.getScrollTop(), selection: e.getSelection(), text: e.getValue() };
    });
    expect(view.text).toBe(EXAMPLE);
    expect(view.top).toBe(30 * 18);
    expect(view.selection).toMatchObject({ startLineNumber: 31, startColumn: 1, endLineNumber: 32, endColumn: 2 });
    expect(await page.locator('#examples').isDisabled()).toBe(false);
    expect(await page.locator('[role="tab"]').count()).toBe(TABS.length);
    expect(await page.locator('#whatif-text').textContent()).toContain('P2 filed Fri 2026-01-02 17:00 +08:00');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('keyboard, screen readers and phones', () => {
  it('the tabs follow the WAI-ARIA tabs pattern', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    for (const id of TABS) {
      const tab = page.locator(`#tab-${id}`);
      expect(await tab.getAttribute('role')).toBe('tab');
      const panel = await tab.getAttribute('aria-controls');
      expect(await page.locator(`#${panel}`).getAttribute('role')).toBe('tabpanel');
      expect(await page.locator(`#${panel}`).getAttribute('aria-labelledby')).toBe(`tab-${id}`);
    }
    await page.focus('#tab-whatif');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-calendar');
    expect(await page.getAttribute('#tab-calendar', 'aria-selected')).toBe('true');
    expect(await page.getAttribute('#tab-calendar', 'tabindex')).toBe('0');
    expect(await page.getAttribute('#tab-whatif', 'tabindex')).toBe('-1');
    expect(await page.locator('#panel-calendar').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-compare');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-whatif');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-compare');
    // Tab from the selected tab goes into its panel, which is focusable (it scrolls).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-compare');
    expect(messages).toEqual([]);
    await context.close();
  });

  it('Tab leaves the editor after Esc or with Ctrl+M, and F1 opens the command palette', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await typeAt(page, 3, '');
    await page.keyboard.press('Tab'); // indents: still in the editor
    expect(await page.evaluate(() => (window as any).__pledge.editor.hasTextFocus())).toBe(true);
    expect(await page.evaluate(() => (window as any).__pledge.editor.getModel().getLineContent(3).endsWith('  '))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (window as any).__pledge.editor.hasTextFocus())).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('splitter');
    // Ctrl+M: Tab moves focus out (Monaco's tab focus mode).
    await typeAt(page, 3, '');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (window as any).__pledge.editor.hasTextFocus())).toBe(false);
    await typeAt(page, 3, '');
    await page.keyboard.press('Control+m');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Escape');
    expect(messages).toEqual([]);
    await context.close();
  });

  it('Test and Simulate results are marked stale when the text changes; a simulation can be cancelled', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await showPanel(page, 'test');
    expect(await page.locator('#test-stale').count()).toBe(0);
    await typeAt(page, 1, ' ');
    await page.locator('#test-stale').waitFor({ timeout: 5000 });
    expect(await page.locator('#test-output').getAttribute('class')).toContain('stale-result');
    await page.click('#test-stale button');
    await page.waitForSelector('#test-output .verdict');
    expect(await page.locator('#test-stale').count()).toBe(0);
    await page.click('#tab-simulate');
    // Both clicks in one task, so the run cannot finish in between.
    await page.evaluate(() => {
      document.getElementById('simulate-run')!.click();
      document.getElementById('simulate-cancel')!.click();
    });
    await page.locator('#simulate-cancelled').waitFor();
    expect(await page.locator('#simulate-cancel').isHidden()).toBe(true);
    // The worker was replaced: the other panels still answer.
    await showPanel(page, 'whatif');
    await page.click('#whatif-run');
    await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('filed'), null, { timeout: 15_000 });
    await page.click('#tab-simulate');
    await page.click('#simulate-run');
    await page.waitForSelector('#simulate-message', { timeout: 60_000 });
    await typeAt(page, 1, ' ');
    await page.locator('#simulate-stale').waitFor({ timeout: 5000 });
    expect(messages).toEqual([]);
    await context.close();
  });

  it('at 390×844 the layout stacks, every tab is reachable and nothing overflows', async () => {
    const context = await fresh({ width: 390, height: 844 });
    const { page, messages } = await open(context);
    const editor = (await page.locator('#editor').boundingBox())!;
    const panels = (await page.locator('#panels').boundingBox())!;
    expect(editor.y + editor.height).toBeLessThanOrEqual(panels.y + 1);
    expect(editor.width).toBeGreaterThan(380);
    expect(await page.locator('#splitter').isVisible()).toBe(false);
    for (const id of TABS) {
      await page.locator(`#tab-${id}`).click(); // scrolls the tab list to it: fails if unreachable
      const box = (await page.locator(`#tab-${id}`).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(391);
      expect(await page.locator(`#panel-${id}`).isVisible()).toBe(true);
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(overflow.doc, id).toBeLessThanOrEqual(overflow.width);
    }
    expect(messages).toEqual([]);
    await context.close();
  });

  it('dark mode follows the system setting', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    const { page } = await open(context);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    expect(await page.locator('.monaco-editor.vs-dark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'signers-dark.png') });
    await context.close();
  });
});

describe('plain wording and a readable timeline', () => {
  for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`at ${size.width}×${size.height}: timeline labels are at least 11 px and inside the drawing; events and dates in words`, async () => {
      const context = await fresh(size);
      const { page, messages } = await open(context);
      await page.click('#tab-whatif');
      await page.selectOption('#whatif-priority', 'P2');
      await page.fill('#whatif-filed', '2026-11-20T17:00');
      await page.click('#whatif-run');
      await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('filed Fri 2026-11-20 17:00'), null, { timeout: 10_000 });
      await page.locator('#panel-whatif button', { hasText: '+ event' }).click();
      // The click redraws the timeline; under load the old drawing's labels could be measured as
      // they were replaced (a font size of NaN). Measure once every label is in the page and styled.
      await page.waitForFunction(() => {
        const ts = [...document.querySelectorAll('svg.timeline text')];
        return ts.length > 5 && ts.every((t) => t.isConnected && parseFloat(getComputedStyle(t).fontSize) > 0);
      }, null, { timeout: 10_000 });
      const labels = await page.locator('svg.timeline text').evaluateAll((ts) => {
        const svg = (ts[0] as SVGElement).ownerSVGElement!;
        const width = svg.getBoundingClientRect().width;
        const left = svg.getBoundingClientRect().left;
        return ts.map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize), left: r.left - left, right: r.right - left, width };
        });
      });
      expect(labels.length).toBeGreaterThan(5);
      for (const l of labels) {
        expect(l.px, l.text!).toBeGreaterThanOrEqual(11);
        expect(l.left, l.text!).toBeGreaterThanOrEqual(-0.5);
        expect(l.right, l.text!).toBeLessThanOrEqual(l.width + 0.5);
      }
      // The drawing is not scaled: its user units are screen pixels.
      const box = await page.locator('svg.timeline').evaluate((svg) => ({ shown: svg.getBoundingClientRect().width, drawn: (svg as SVGSVGElement).viewBox.baseVal.width }));
      expect(Math.abs(box.shown - box.drawn)).toBeLessThan(1.5);
      expect(await page.locator('#panel-whatif .event-kind option:checked').innerText()).toBe('waiting on the customer');
      expect(await page.locator('#whatif-output .summary').innerText()).toMatch(/due Mon 2026-11-23 12:30/);
      await page.screenshot({ path: join(OUT, `signers-timeline-${size.width}x${size.height}.png`) });
      expect(messages).toEqual([]);
      await context.close();
    });
  }
});

describe('answers that stay true', () => {
  it('what-if judges the clocks as of a time: now by default, within the term; a clock past due is breached', async () => {
    const context = await fresh();
    const { page, messages } = await open(context);
    await page.selectOption('#whatif-priority', 'P2');
    await page.fill('#whatif-filed', '2026-11-20T17:00');
    await page.click('#whatif-run');
    await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('filed Fri 2026-11-20 17:00'), null, { timeout: 10_000 });
    // The fixed clock: 2026-12-01T00:00Z is 08:00 in Asia/Shanghai.
    expect(await page.locator('#whatif-asof-note').innerText()).toBe('(now: 2026-12-01 08:00)');
    expect(await page.locator('#whatif-text').innerText()).toContain('as of Tue 2026-12-01 08:00');
    const response = page.locator('#whatif-output .summary li').first();
    expect(await response.innerText()).toContain('(breached)');
    await page.fill('#whatif-asof', '2026-11-23T10:00');
    await page.dispatchEvent('#whatif-asof', 'change');
    await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('as of Mon 2026-11-23 10:00'), null, { timeout: 10_000 });
    expect(await response.innerText()).not.toContain('(breached)');
    expect(await page.locator('#whatif-asof-note').innerText()).toBe('');
    expect(messages).toEqual([]);
    await context.close();
  });
});

describe('every panel, checked by axe-core and photographed', () => {
  for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`at ${size.width}×${size.height}: no serious or critical axe violations`, async () => {
      const context = await fresh(size);
      const { page, messages } = await open(context);
      const found: Record<string, unknown> = {};
      for (const id of TABS) {
        await showPanel(page, id);
        if (id === 'simulate') {
          await page.click('#simulate-run');
          await page.waitForSelector('#simulate-message', { timeout: 60_000 });
        }
        await page.screenshot({ path: join(OUT, `panel-${id}-${size.width}x${size.height}.png`) });
        const violations = await axe(page);
        if (violations.length) found[id] = violations;
      }
      expect(found).toEqual({});
      expect(messages).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
