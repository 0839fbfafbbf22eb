/**
 * The playground in a real browser: Debian's Chromium driven by playwright-core against the built
 * page served locally. Screenshots of each panel go to `test-output/` for review.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground, CHROMIUM, CHROMIUM_ARGS, fixNow, PLAYGROUND, servePlayground } from './serve.js';

const OUT = join(PLAYGROUND, '..', 'test-output');
const EXAMPLE = readFileSync(join(PLAYGROUND, '..', 'contracts', 'realtime-messaging.pledge'), 'utf8');

let browser: Browser;
let server: PreviewServer;
let url: string;

interface Probe {
  probe: { checks: number; fullChecks: number };
  markers(): { code: string; line: number; column: number; severity: number; message: string }[];
  text(): string;
  editor: { setPosition(p: { lineNumber: number; column: number }): void; revealLineInCenter(n: number): void; focus(): void; trigger(source: string, id: string, payload: unknown): void; getModel(): { getLineContent(n: number): string; getLineMaxColumn(n: number): number } };
}
declare global {
  interface Window {
    __pledge: Probe;
    __pwned?: unknown;
  }
}

/** A page with every console message (page and workers) collected. */
async function open(address: string): Promise<{ page: Page; messages: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const messages: string[] = [];
  const record = (where: string) => (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${where} ${m.type()}: ${m.text()}`);
  };
  page.on('console', record('page'));
  page.on('pageerror', (e) => messages.push(`page exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', record(`worker ${w.url()}`)));
  // What-if judges at "now" by default: a fixed instant inside the bundled contract's term.
  await fixNow(page, '2026-12-01T00:00:00Z');
  await page.goto(address);
  await page.waitForFunction(() => window.__pledge?.probe.fullChecks > 0, null, { timeout: 30_000 });
  return { page, messages };
}

/** Waits until the newest check has answered for the text now in the editor. */
async function settled(page: Page): Promise<void> {
  const before = await page.evaluate(() => window.__pledge.probe.fullChecks);
  await page.waitForFunction((n) => window.__pledge.probe.fullChecks > n, before, { timeout: 20_000 });
}

async function tab(page: Page, id: string): Promise<void> {
  await page.click(`#tab-${id}`);
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

describe('the playground in Chromium', () => {
  it('loads the bundled example with no console errors and no worker warnings', async () => {
    const { page, messages } = await open(url);
    expect(await page.evaluate(() => window.__pledge.text())).toBe(EXAMPLE);
    // The example's one finding: 24h of open time is about three business days.
    const markers = await page.evaluate(() => window.__pledge.markers());
    expect(markers.map((m) => `${m.code}@${m.line}`)).toEqual(['PLG2022@51']);
    expect(markers[0]!.message).toContain('help: at most 11d 22h 30m of real time');
    // Highlighting by the lexer: `priority` and `P2` on line 48 get different token classes.
    const classes = await page.locator('.view-line', { hasText: 'priority P2 "Normal"' }).locator('span > span').evaluateAll((spans) => spans.map((s) => `${s.textContent}=${s.className}`));
    const classOf = (word: string) => classes.find((c) => c.startsWith(`${word}=`))?.split('=')[1];
    expect(classOf('priority')).toBeDefined();
    expect(classOf('priority')).not.toBe(classOf('P2'));
    await page.waitForSelector('#whatif-text');
    expect(messages).toEqual([]);
    await page.close();
  });

  it('typing an error gives a marker with its code on its line, and its quick fix repairs it', async () => {
    const { page, messages } = await open(url);
    const line = 50; // `  response 4h on business` in P2
    expect(await page.evaluate((n) => window.__pledge.editor.getModel().getLineContent(n), line)).toBe('  response 4h on business');
    await page.evaluate((n) => {
      const e = window.__pledge.editor;
      e.setPosition({ lineNumber: n, column: e.getModel().getLineMaxColumn(n) });
      e.focus();
    }, line);
    await page.keyboard.type('x');
    await page.waitForFunction((n) => window.__pledge.markers().some((m) => m.code === 'PLG2001' && m.line === n), line, { timeout: 10_000 });
    const marker = (await page.evaluate(() => window.__pledge.markers())).find((m) => m.code === 'PLG2001')!;
    expect(marker.line).toBe(line);
    expect(marker.message).toContain('`businessx`');
    expect(marker.message).toContain('help: did you mean `business`?');
    await page.waitForSelector('.squiggly-error');
    await page.screenshot({ path: join(OUT, 'playground-marker.png') });
    // The diagnostic carries a fix: the quick-fix menu offers it, Enter applies it.
    await page.evaluate((n) => {
      const e = window.__pledge.editor;
      e.setPosition({ lineNumber: n, column: 20 });
      e.trigger('test', 'editor.action.quickFix', null);
    }, line);
    await page.locator('.action-widget', { hasText: 'replace with' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(OUT, 'playground-quick-fix.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__pledge.editor.getModel().getLineContent(n) === '  response 4h on business', line, { timeout: 10_000 });
    await page.waitForFunction(() => !window.__pledge.markers().some((m) => m.code === 'PLG2001'), null, { timeout: 10_000 });
    expect(messages).toEqual([]);
    await page.close();
  });

  it('hovering a target explains it in words with its worst-case real time; completion offers declared names', async () => {
    const { page, messages } = await open(url);
    await page.evaluate(() => {
      const e = window.__pledge.editor;
      e.revealLineInCenter(50); // a hover shows only on a line in view
      e.setPosition({ lineNumber: 50, column: 14 });
      e.focus();
      e.trigger('test', 'editor.action.showHover', null);
    });
    const hover = page.locator('.monaco-hover-content', { hasText: 'Worst case' });
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    expect(text).toContain('4 hours of open time');
    expect(text).toContain('Worst case: at most');
    await page.screenshot({ path: join(OUT, 'playground-hover.png') });
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      const e = window.__pledge.editor;
      e.setPosition({ lineNumber: 50, column: e.getModel().getLineMaxColumn(50) });
      e.focus();
    });
    await page.keyboard.press('Enter');
    await page.keyboard.type('resolution 2h on al');
    await page.evaluate(() => window.__pledge.editor.trigger('test', 'editor.action.triggerSuggest', {}));
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'always' });
    await suggestion.first().waitFor({ timeout: 10_000 });
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the what-if panel shows Monday 12:30 for a P2 filed Friday 17:00, on a time axis', async () => {
    const { page, messages } = await open(url);
    await tab(page, 'whatif');
    await page.selectOption('#whatif-priority', 'P2');
    await page.fill('#whatif-filed', '2026-11-20T17:00');
    await page.click('#whatif-run');
    await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('filed Fri 2026-11-20 17:00'), null, { timeout: 10_000 });
    const report = await page.locator('#whatif-text').innerText();
    expect(report).toContain('response: 4h on business');
    expect(report).toMatch(/due\s+Mon 2026-11-23 12:30 \+08:00/);
    // The axis: one row per clock, open hours shaded, the due time marked. With no reply given, the
    // response is breached as of the end of the term (reference, "As of"), so its mark is a breach.
    expect(await page.locator('svg.timeline .row-label').count()).toBe(2);
    expect(await page.locator('svg.timeline rect.open').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline .mark.breach title').allTextContents()).toContain('response breached Mon 2026-11-23 12:30 +08:00');
    await page.screenshot({ path: join(OUT, 'playground-what-if.png') });
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the calendar panel shows Golden Week, its make-up Saturday and their sources', async () => {
    const { page, messages } = await open(url);
    await tab(page, 'calendar');
    await page.selectOption('#calendar-name', 'business');
    await page.fill('#calendar-date', '2026-10-05');
    await page.waitForSelector('#calendar-output .day[data-date="2026-10-10"]');
    const saturday = await page.locator('#calendar-output .day[data-date="2026-10-10"]').innerText();
    expect(saturday).toContain('09:00–17:30');
    expect(saturday).toContain('make-up day: Make-up working Saturday (line 16)');
    expect(await page.locator('#calendar-output .day[data-date="2026-10-05"]').innerText()).toContain('closed: National Day Golden Week (line 15)');
    expect(await page.locator('#calendar-output .sources').innerText()).toContain('line 14: holidays "CN"');
    // China's official schedule: 2026-10-07 is the notice's last National Day day off as well as the contract's.
    expect(await page.locator('#calendar-output .day[data-date="2026-10-08"]').innerText()).toContain('09:00–17:30');
    await page.screenshot({ path: join(OUT, 'playground-calendar-week.png') });
    await page.selectOption('#calendar-mode', 'month');
    await page.waitForSelector('#calendar-output .month');
    await page.screenshot({ path: join(OUT, 'playground-calendar-month.png') });
    await page.fill('#calendar-date', '2026-02-14');
    await page.waitForSelector('#calendar-output .day[data-date="2026-02-14"]');
    expect(await page.locator('#calendar-output .day[data-date="2026-02-14"]').innerText()).toContain(
      'make-up day: official make-up working day (调休) for Spring Festival (CN), source: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    );
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the test panel runs the asserts, and a failing counterexample opens in the what-if panel', async () => {
    const { page, messages } = await open(url);
    await tab(page, 'test');
    await page.waitForSelector('#test-output .verdict', { timeout: 30_000 });
    expect(await page.locator('#test-output .verdict').innerText()).toBe('0 passed, 1 failed');
    expect(await page.locator('#test-text').innerText()).toContain('worst case 9d 19h 30m of real time, filed Sat 2026-02-14 17:30 +08:00');
    await page.screenshot({ path: join(OUT, 'playground-test.png') });
    await page.click('#test-output .open-whatif');
    await page.waitForFunction(() => document.querySelector('#whatif-text')?.textContent?.includes('filed Sat 2026-02-14 17:30'), null, { timeout: 10_000 });
    expect(await page.inputValue('#whatif-filed')).toBe('2026-02-14T17:30');
    expect(await page.locator('#panel-whatif').isVisible()).toBe(true);
    // The make-up Saturday closes at 17:30; 02-15..02-23 are the 2026 notice's Spring Festival days off.
    expect(await page.locator('#whatif-text').innerText()).toMatch(/due\s+Tue 2026-02-24 13:00 \+08:00/);
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the simulate panel runs the scenario in the worker and shows the report with its charts', async () => {
    const { page, messages } = await open(url);
    await tab(page, 'simulate');
    expect(await page.inputValue('#simulate-scenario')).toBe('March evening peak');
    expect(await page.inputValue('#simulate-seed')).toBe('42');
    await page.click('#simulate-run');
    await page.waitForSelector('#simulate-message', { timeout: 60_000 });
    // The same run as `pledge simulate contracts/realtime-messaging.pledge` (seed 42).
    expect(await page.locator('#simulate-message').innerText()).toMatch(/^1,503 tickets simulated with seed 42; most breached: P0 response 79\.2%; credits after the cap 50% \(25000\.00 CNY\)$/);
    const frame = page.frameLocator('#simulate-report');
    await frame.locator('svg').first().waitFor();
    expect(await frame.locator('svg').count()).toBe(4);
    expect(await frame.locator('body').innerText()).toContain('March evening peak');
    await page.screenshot({ path: join(OUT, 'playground-simulate.png'), fullPage: true });
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the simulate panel shows the update every tallies, in the message and the report, as `pledge simulate` does', async () => {
    const { page, messages } = await open(url);
    const before = await page.evaluate(() => window.__pledge.probe.fullChecks);
    await page.selectOption('#examples', 'online-education.pledge');
    await page.waitForFunction((n) => window.__pledge.probe.fullChecks > n, before, { timeout: 20_000 });
    await tab(page, 'simulate');
    await page.waitForFunction(() => (document.querySelector('#simulate-scenario') as HTMLSelectElement | null)?.value === 'Spring term weekday evenings', null, { timeout: 10_000 });
    expect(await page.inputValue('#simulate-seed')).toBe('7');
    await page.click('#simulate-run');
    await page.waitForSelector('#simulate-message', { timeout: 60_000 });
    // The line `pledge simulate contracts/online-education.pledge` (seed 7) prints under its clock table.
    const line = 'P0 update every 30m on always: 91 met, 72 breached, 0 open';
    expect(await page.locator('#simulate-message').innerText()).toMatch(new RegExp(`^4,114 tickets simulated with seed 7; .*; ${line}$`));
    const frame = page.frameLocator('#simulate-report');
    await frame.locator('h2', { hasText: 'Periodic updates' }).waitFor();
    expect(await frame.locator('ul.updates li').allInnerTexts()).toEqual([line]);
    expect(messages).toEqual([]);
    await page.close();
  });

  it('offers every bundled contract in the examples menu; each checks cleanly and its panels render', async () => {
    const { page, messages } = await open(url);
    const names = await page.locator('#examples option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(names).toEqual(readdirSync(join(PLAYGROUND, '..', 'contracts')).filter((f) => f.endsWith('.pledge')).sort());
    for (const name of names) {
      const before = await page.evaluate(() => window.__pledge.probe.fullChecks);
      await page.selectOption('#examples', name);
      await page.waitForFunction((n) => window.__pledge.probe.fullChecks > n, before, { timeout: 20_000 });
      const text = readFileSync(join(PLAYGROUND, '..', 'contracts', name), 'utf8');
      expect(await page.evaluate(() => window.__pledge.text())).toBe(text);
      const errors = (await page.evaluate(() => window.__pledge.markers())).filter((m) => m.severity === 8);
      // The library's deliberately flawed draft says so in its header; every other contract is clean.
      if (/flawed/i.test(text.split('\n\n')[0]!)) {
        expect(errors.length, name).toBeGreaterThan(0);
        continue;
      }
      expect(errors, name).toEqual([]);
      // Panels show this contract: its first calendar's zone.
      const zone = /zone "([^"]+)"/.exec(text)![1]!;
      await tab(page, 'whatif');
      // An availability-only contract (no priorities) has no ticket timeline to show.
      if (/^priority /m.test(text)) {
        await page
          .waitForFunction((z) => document.querySelector('#whatif-text')?.textContent?.includes(`(${z})`), zone, { timeout: 10_000 })
          .catch((e: Error) => Promise.reject(new Error(`${name}: what-if did not show ${zone}: ${e.message}`)));
      }
      await tab(page, 'calendar');
      await page
        .waitForFunction((z) => document.querySelector('#calendar-output h3')?.textContent?.includes(`(${z})`), zone, { timeout: 10_000 })
        .catch((e: Error) => Promise.reject(new Error(`${name}: calendar did not show ${zone}: ${e.message}`)));
    }
    expect(messages).toEqual([]);
    await page.close();
  });

  it('a shared URL restores the same contract, and its text is only ever text', async () => {
    const { page, messages } = await open(url);
    // A contract whose strings look like markup and script.
    const hostile = EXAMPLE.replace('"Beijing office hours"', '"<img src=x onerror=window.__pwned=1> **bold** [link](javascript:alert(1))"');
    await page.evaluate((text) => (window.__pledge.editor as unknown as { setValue(t: string): void }).setValue(text), hostile);
    await settled(page);
    await page.click('#share');
    await page.waitForFunction(() => location.hash.startsWith('#c='));
    const shared = await page.evaluate(() => location.href);
    expect(shared.length).toBeLessThan(hostile.length); // compressed
    await page.close();

    const again = await open(shared);
    expect(await again.page.evaluate(() => window.__pledge.text())).toBe(hostile);
    await tab(again.page, 'calendar');
    await again.page.selectOption('#calendar-name', 'business');
    const heading = again.page.locator('#calendar-output h3');
    await heading.waitFor();
    expect(await heading.innerText()).toContain('<img src=x onerror=window.__pwned=1> **bold**');
    expect(await again.page.locator('#calendar-output img').count()).toBe(0);
    expect(await again.page.evaluate(() => window.__pwned)).toBeUndefined();
    expect([...messages, ...again.messages]).toEqual([]);
    await again.page.close();

    // A damaged link leaves a message and the bundled example, and runs nothing.
    const damaged = await open(`${url}#c=%%%not-base64`);
    expect(await damaged.page.evaluate(() => window.__pledge.text())).toBe(EXAMPLE);
    expect(await damaged.page.locator('#notice').innerText()).toContain('damaged');
    await damaged.page.close();
  });

  it('a check that does not answer in time is stopped and the page says so instead of spinning', async () => {
    // The watchdog is 10 × the documented 2 s check budget; `?watchdog-ms=1` makes every full check and request "too slow".
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await fixNow(page, '2026-12-01T00:00:00Z');
    await page.goto(`${url}?watchdog-ms=1`);
    await page.waitForFunction(() => ((window.__pledge?.probe as unknown as { stopped?: number } | undefined)?.stopped ?? 0) > 0, null, { timeout: 30_000 });
    await expect.poll(() => page.locator('#status').innerText()).toContain('all checks stopped: over the limit (no answer in 1 ms)');
    // The keystroke worker keeps its own watchdog, so the fast findings still arrive and are shown.
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/^\d+ errors, \d+ warnings · fast checks \d+ ms · all checks stopped/);
    // The what-if request meets the same watchdog: an answer in words, not a spinner.
    await expect.poll(() => page.locator('#panels').innerText(), { timeout: 20_000 }).toContain('stopped: over the limit');
    expect(errors).toEqual([]);
    await page.close();
  });
});
