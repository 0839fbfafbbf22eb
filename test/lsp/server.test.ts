/**
 * `pledge lsp --stdio` through a real client over the child process's pipes: initialize, open,
 * incremental change, each feature, workspace-wide references and rename, malformed input, and
 * the exit codes of shutdown + exit.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { ROOT, startClient, type Client } from './client.js';

const SOURCE = readFileSync(path.join(ROOT, 'contracts/realtime-messaging.pledge'), 'utf8');
let dir: string;
let client: Client;
let uri: string;
let otherUri: string;

/** LSP position of the first `needle` (plus `delta` characters). */
function at(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pledge-lsp-'));
  cpSync(path.join(ROOT, 'contracts/realtime-messaging.pledge'), path.join(dir, 'a.pledge'));
  cpSync(path.join(ROOT, 'contracts/tiered-plans.pledge'), path.join(dir, 'b.pledge'));
  uri = pathToFileURL(path.join(dir, 'a.pledge')).href;
  otherUri = pathToFileURL(path.join(dir, 'b.pledge')).href;
  client = await startClient(dir);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: SOURCE } });
}, 60_000);

afterAll(() => {
  client?.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

const req = <R = unknown>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<R>;

describe('pledge lsp --stdio', () => {
  it('publishes the same diagnostics as a fresh check on open', async () => {
    const d = await client.waitDiagnostics(uri, (x) => x.version === 1 && x.diagnostics.length > 0);
    expect(d.diagnostics.map((x) => x.code)).toEqual(analyze(SOURCE).diagnostics.map((x) => x.code));
  });

  it('applies incremental changes: fast checks at once, all checks after a pause', async () => {
    const pos = at(SOURCE, 'response 15m on always', 'response 15m on '.length);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 'always'.length } }, text: 'alwayz' }],
    });
    const d = await client.waitDiagnostics(uri, (x) => x.version === 2);
    const unknown = d.diagnostics.find((x) => x.code === 'PLG2001')!;
    expect(unknown.message).toMatch(/unknown calendar `alwayz`/);
    expect(unknown.range.start).toEqual(pos);
    // The fix is offered as a code action at the diagnostic.
    const actions = await req<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    expect(actions.map((a) => a.title)).toContain('replace with always');
    expect(actions.find((a) => a.title === 'replace with always')!.edit.changes[uri]![0]!.newText).toBe('always');
    // Undo the change.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 'alwayz'.length } }, text: 'always' }],
    });
    const back = await client.waitDiagnostics(uri, (x) => x.version === 3 && !x.diagnostics.some((y) => y.code === 'PLG2001'));
    expect(back.diagnostics.map((x) => x.code)).toEqual(analyze(SOURCE).diagnostics.map((x) => x.code));
  });

  it('answers hover, completion and definition', async () => {
    const hover = await req<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(SOURCE, 'response 4h on business', 9) });
    expect(hover.contents.value).toMatch(/Worst case: at most .* of real time, when filed/);
    const completion = await req<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: at(SOURCE, 'response 15m on always', 'response 15m on '.length) });
    expect(completion.map((c) => c.label)).toEqual(expect.arrayContaining(['business', 'always']));
    const def = await req<{ uri: string; range: { start: { line: number } } }>('textDocument/definition', { textDocument: { uri }, position: at(SOURCE, 'on business', 4) });
    expect(def).toEqual({ uri, range: { start: at(SOURCE, 'calendar business', 9), end: at(SOURCE, 'calendar business', 17) } });
  });

  it('finds references and renames across the workspace folder', async () => {
    const pos = at(SOURCE, 'calendar business', 10);
    const refs = await req<{ uri: string }[]>('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } });
    const inOther = analyze(readFileSync(path.join(dir, 'b.pledge'), 'utf8')).ast;
    expect(new Set(refs.map((r) => r.uri))).toEqual(new Set([uri, otherUri]));
    expect(refs.filter((r) => r.uri === uri).length).toBe((SOURCE.match(/\bbusiness\b/g) ?? []).length);
    expect(inOther.declarations.length).toBeGreaterThan(0);
    const prepared = await req<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: pos });
    expect(prepared.placeholder).toBe('business');
    const edit = await req<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', { textDocument: { uri }, position: pos, newName: 'office' });
    expect(Object.keys(edit.changes).sort()).toEqual([uri, otherUri].sort());
    expect(edit.changes[uri]!.every((e) => e.newText === 'office')).toBe(true);
    await expect(req('textDocument/rename', { textDocument: { uri }, position: pos, newName: 'zone' })).rejects.toThrow(/keyword/);
  });

  it('formats, outlines, folds, colours and hints', async () => {
    const fmt = await req<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(fmt).toEqual([]); // the library contracts are formatted
    const symbols = await req<{ name: string; children: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toContain('P0');
    const folds = await req<{ startLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    expect(folds.length).toBeGreaterThan(8);
    const tokens = await req<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(500);
    const hints = await req<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    expect(hints.length).toBe(8);
    expect(hints[0]!.label).toMatch(/^⏱ ≤ /);
  });

  it('runs the what-if and render commands', async () => {
    const text = await req<string>('workspace/executeCommand', { command: 'pledge.server.whatIf', arguments: [uri, { priority: 'P2', filed: '2026-11-20T17:00', events: [] }] });
    expect(text).toMatch(/^P2 filed/);
    const terms = await req<string>('workspace/executeCommand', { command: 'pledge.server.renderTerms', arguments: [uri, 'md'] });
    expect(terms).toMatch(/^# /m);
  });

  it('survives garbage: malformed requests, unknown documents and a document of noise', async () => {
    await expect(req('textDocument/hover', { textDocument: { uri: 'file:///nowhere.pledge' }, position: { line: 0, character: 0 } })).resolves.toBeNull();
    await expect(req('textDocument/hover', { nonsense: true })).resolves.toBeNull();
    await expect(req('textDocument/completion', { textDocument: { uri }, position: { line: -5, character: 1e9 } })).resolves.toBeDefined();
    const noise = 'file:///noise.pledge';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: noise, languageId: 'pledge', version: 1, text: '}{"\u0000 priority { on on on /* 99999999999999999999d' } });
    const d = await client.waitDiagnostics(noise, (x) => x.version === 1);
    expect(d.diagnostics.length).toBeGreaterThan(0);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/formatting']) {
      await expect(req(method, { textDocument: { uri: noise }, options: { tabSize: 2, insertSpaces: true } })).resolves.toBeDefined();
    }
    await expect(req('textDocument/inlayHint', { textDocument: { uri: noise }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } })).resolves.toEqual([]);
    expect(client.child.exitCode).toBeNull();
  });

  it('exits 0 after shutdown and exit', async () => {
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    expect(await client.exited).toBe(0);
    expect(client.stderr()).not.toMatch(/^\s+at /m);
  });
});

describe('exit without shutdown', () => {
  it('exits 1', async () => {
    const c = await startClient(ROOT);
    await c.connection.sendNotification('exit');
    expect(await c.exited).toBe(1);
  }, 60_000);
});
