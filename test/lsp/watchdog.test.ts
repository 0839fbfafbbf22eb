/**
 * The language server's watchdog (issue 14: the same guarantees in every entry point): all checks
 * run in a worker thread, and one that has not answered in the watchdog's time is stopped, its
 * thread replaced, and the document shows the fast checks' findings with PLG2094 "stopped: over
 * the limit" instead of nothing. The watchdog is the limits' 2 s × 10; `PLEDGE_LSP_WATCHDOG_MS`
 * (for tests, like the playground's `?watchdog-ms=`) shortens it here to 400 ms, and the contract
 * is the slowest of the check-cost shapes (about 2.8 s of CPU), so it is stopped. Without the
 * variable the same test fails: the check finishes and publishes its findings, no PLG2094.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { PledgeDocument } from '../../src/service/index.js';
import { shapes } from '../check-shapes-gen.js';
import { startClient, type Client } from './client.js';

const SLOW = shapes().find((s) => s.name.startsWith('40 calendars'))!.text;
const SMALL = 'sla "S" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n}\nclock r {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  r 24h on c\n}\n';
const WATCHDOG_MS = 400;
const INFO = 3;

let dir: string;
let client: Client;
let uri: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pledge-lsp-watchdog-'));
  uri = pathToFileURL(path.join(dir, 'slow.pledge')).href;
  client = await startClient(dir, { env: { PLEDGE_LSP_WATCHDOG_MS: String(WATCHDOG_MS) } });
}, 60_000);

afterAll(() => {
  client?.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

const req = <R = unknown>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<R>;

describe('pledge lsp: the full check has a watchdog', () => {
  it('stops a check over the limit and says so, with the fast findings', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: SLOW } });
    const d = await client.waitDiagnostics(uri, (x) => x.version === 1 && x.diagnostics.some((y) => y.code === 'PLG2094'), 60_000);
    const notice = d.diagnostics.find((y) => y.code === 'PLG2094')!;
    expect(notice.severity).toBe(INFO);
    expect(notice.message).toMatch(/^stopped: over the limit \(all checks gave no answer in 400 ms\)/);
    expect(notice.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    // The rest is the fast check of the same text, as before the pause.
    const fast = new PledgeDocument(SLOW).check('fast').diagnostics.map((x) => x.code);
    expect(d.diagnostics.filter((y) => y.code !== 'PLG2094').map((y) => y.code)).toEqual(fast);
  }, 90_000);

  it('keeps answering on the stopped document without running the slow work again', async () => {
    const t0 = performance.now();
    // The hints come from the weekly hours alone: the engine (the slow part) is not compiled.
    const hints = await req<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } } });
    expect(hints.length).toBeGreaterThan(0);
    for (const h of hints) expect(h.label).toMatch(/\(weekly hours; holidays aside\)$/);
    const hover = await req<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(hover === null || typeof hover.contents.value === 'string').toBe(true);
    const symbols = await req<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.length).toBeGreaterThan(0);
    // Far less than the slow check itself (seconds): nothing waited for it.
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('checks the next version on a fresh thread', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: SMALL }] });
    const d = await client.waitDiagnostics(uri, (x) => x.version === 2 && client.history.get(uri)!.filter((h) => h.version === 2).length >= 2, 60_000);
    expect(d.diagnostics.map((y) => y.code)).toEqual(analyze(SMALL).diagnostics.map((y) => y.code));
    expect(d.diagnostics.some((y) => y.code === 'PLG2094')).toBe(false);
    expect(client.stderr()).not.toMatch(/internal error/);
  }, 90_000);
});
