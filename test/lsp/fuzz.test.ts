/**
 * Fuzz: random edits of the library's contracts, sent to `pledge lsp` as incremental changes.
 * The server never exits, each change's first (fast) diagnostics equal a fresh fast check of the
 * same text, and once typing pauses its diagnostics equal a fresh `pledge check` (all checks).
 * The random choices come from the printed seed (FC_SEED, as the property tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { toLspDiagnostic } from '../../src/lsp/server.js';
import { ROOT, startClient, type Client } from './client.js';

const SEED = Number(process.env['FC_SEED'] ?? 20261121);
const EDITS_PER_FILE = 25;
const SNIPPETS = ['{', '}', '"', ' on ', 'always', 'business', ' 4h', '24h', '\n', '/*', '*/', '//', 'priority P9 {', 'clock c { starts filed }', ' P0', ',', '-', '09:00-17:00', '2026-13-45', '99.9%', 'x3', '..', 'zone "Mars/Base"', '\u00e9', '\t'];

let client: Client;
beforeAll(async () => {
  client = await startClient(path.join(ROOT, 'contracts'));
}, 60_000);
afterAll(() => client?.child.kill());

/** A comparable view of diagnostics (code, range, message). */
const view = (list: readonly { code?: string | number | undefined; range: unknown; message: unknown }[]) => list.map((d) => JSON.stringify([d.code, d.range, d.message]));

/** Line and character of an offset. */
function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe(`fuzzing pledge lsp with incremental edits (seed ${SEED})`, () => {
  const files = readdirSync(path.join(ROOT, 'contracts')).filter((f) => f.endsWith('.pledge'));
  for (const [index, file] of files.entries()) {
    it(file, async () => {
      const rng = xoroshiro128plus(SEED + index);
      const int = (lo: number, hi: number) => uniformInt(rng, lo, hi);
      const uri = pathToFileURL(path.join('/fuzz', file)).href;
      let text = readFileSync(path.join(ROOT, 'contracts', file), 'utf8');
      const texts = new Map<number, string>([[1, text]]);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text } });
      for (let version = 2; version <= EDITS_PER_FILE + 1; version++) {
        const start = int(0, text.length);
        const end = Math.min(text.length, start + (int(0, 3) === 0 ? int(0, 40) : 0));
        const insert = int(0, 4) === 0 ? '' : SNIPPETS[int(0, SNIPPETS.length - 1)]!;
        const range = { start: position(text, start), end: position(text, end) };
        text = text.slice(0, start) + insert + text.slice(end);
        texts.set(version, text);
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
      }
      const last = EDITS_PER_FILE + 1;
      // Every version's first publication is its fast check.
      await client.waitDiagnostics(uri, (d) => d.version === last);
      const firsts = new Map<number, string[]>();
      for (const d of client.history.get(uri) ?? []) if (d.version !== undefined && !firsts.has(d.version)) firsts.set(d.version, view(d.diagnostics));
      for (const [version, got] of firsts) {
        const fresh = analyze(texts.get(version)!, { speed: 'fast' }).diagnostics.map((d) => toLspDiagnostic(d, uri));
        expect(got, `fast diagnostics of version ${version}`).toEqual(view(fresh));
      }
      // After the pause, all checks.
      const full = view(analyze(text).diagnostics.map((d) => toLspDiagnostic(d, uri)));
      const settled = await client.waitDiagnostics(uri, (d) => d.version === last && JSON.stringify(view(d.diagnostics)) === JSON.stringify(full), 20_000).catch(() => client.diagnostics.get(uri)!);
      expect(view(settled.diagnostics)).toEqual(full);
      // Every feature still answers on the mangled text.
      const pos = position(text, int(0, text.length));
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/prepareRename']) await client.connection.sendRequest(method, { textDocument: { uri }, position: pos });
      await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
      await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(client.child.exitCode).toBeNull();
    }, 60_000);
  }
});
