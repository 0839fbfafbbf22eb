/**
 * Editor features as marked text, in the style of Langium's test helpers (`expectCompletion`,
 * `expectHover`, `expectGoToDefinition`): each file in `cases/` is one contract with a `<|>`
 * cursor and the expected result beside it. A new case is a new file; the format is in
 * `cases/README.md`. Every case runs through the language service; those marked `server: yes`
 * run through `pledge lsp --stdio` too, and must give the same answer there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageService as LS } from '../../src/index.js';
import { startClient, type Client } from './client.js';

const DIR = path.join(import.meta.dirname, 'cases');

interface Case {
  readonly file: string;
  readonly feature: string;
  /** Header values by key (a key may repeat: `contains:` twice is two entries). */
  readonly keys: ReadonlyMap<string, readonly string[]>;
  /** The contract without its markers. */
  readonly text: string;
  /** The `<|>` cursor, as a 0-based offset into `text`. */
  readonly cursor?: number;
  /** The `<<…>>` ranges, as 0-based [start, end) offsets into `text`. */
  readonly ranges: readonly [number, number][];
  /** The `=== after` section: the text after the edit (rename, fix, format). */
  readonly after?: string;
}

/** Parses one case file: `key: value` lines, then `=== contract` and optional `=== after`. */
export function parseCase(file: string, source: string): Case {
  const sections = source.split(/^=== (\w+)\n/m);
  const keys = new Map<string, string[]>();
  for (const line of sections[0]!.split('\n')) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line);
    if (m) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), m[2]!.trim()]);
  }
  const section = (name: string) => {
    const i = sections.indexOf(name);
    return i > 0 && i % 2 === 1 ? sections[i + 1] : undefined;
  };
  const marked = section('contract');
  if (marked === undefined) throw new Error(`${file}: no \`=== contract\` section`);
  let text = '';
  let cursor: number | undefined;
  const ranges: [number, number][] = [];
  const open: number[] = [];
  for (let i = 0; i < marked.length; ) {
    if (marked.startsWith('<|>', i)) {
      cursor = text.length;
      i += 3;
    } else if (marked.startsWith('<<', i)) {
      open.push(text.length);
      i += 2;
    } else if (marked.startsWith('>>', i)) {
      ranges.push([open.pop()!, text.length]);
      i += 2;
    } else text += marked[i++];
  }
  const feature = keys.get('feature')?.[0];
  if (!feature) throw new Error(`${file}: no \`feature:\``);
  const after = section('after');
  return { file, feature, keys, text, ...(cursor !== undefined ? { cursor } : {}), ranges: ranges.sort((a, b) => a[0] - b[0]), ...(after !== undefined ? { after } : {}) };
}

const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.pledge-case'))
  .sort()
  .map((f) => parseCase(f, readFileSync(path.join(DIR, f), 'utf8')));

const list = (c: Case, key: string): string[] => (c.keys.get(key) ?? []).flatMap((v) => v.split(',').map((x) => x.trim())).filter(Boolean);

/** A range as people read it in a failure: `12:5-12:13 "business"`. */
function show(text: string, [s, e]: readonly [number, number]): string {
  const at = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return `${before.length}:${before[before.length - 1]!.length + 1}`;
  };
  return `${at(s)}-${at(e)} ${JSON.stringify(text.slice(s, e))}`;
}

/** Applies non-overlapping edits given as offsets. */
function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** What a feature answered, in one shape for the service and the server. */
interface Answer {
  completion?: string[];
  hover?: string | null;
  ranges?: [number, number][];
  edited?: string;
  error?: string;
  outline?: string[];
  folding?: string[];
  tokens?: string[];
  hints?: string[];
  codes?: string[];
}

function viaService(c: Case): Answer {
  const doc = new LS.PledgeDocument(c.text);
  const pos = () => {
    if (c.cursor === undefined) throw new Error(`${c.file}: no <|> cursor`);
    const p = doc.positionAt(c.cursor);
    return { line: p.line, column: p.column };
  };
  const offsets = (r: { start: { offset: number }; end: { offset: number } }): [number, number] => [r.start.offset, r.end.offset];
  const edits = (es: readonly { range: { start: { offset: number }; end: { offset: number } }; newText: string }[]) => es.map((e) => ({ start: e.range.start.offset, end: e.range.end.offset, newText: e.newText }));
  switch (c.feature) {
    case 'completion':
      return { completion: LS.complete(doc, pos()).items.map((i) => i.label) };
    case 'hover': {
      const h = LS.hover(doc, pos());
      return { hover: h ? h.lines.join('\n\n') : null };
    }
    case 'definition': {
      const d = LS.definition(doc, pos());
      return { ranges: d ? [offsets(d.range)] : [] };
    }
    case 'references':
      return { ranges: LS.references(doc, pos(), c.keys.get('include-declaration')?.[0] !== 'no').map((o) => offsets(o.range)) };
    case 'rename': {
      const r = LS.rename(doc, pos(), c.keys.get('new-name')?.[0] ?? '');
      return 'error' in r ? { error: r.error } : { edited: applyEdits(c.text, edits(r.edits)) };
    }
    case 'code-action': {
      const p = pos();
      const actions = LS.codeActions(doc, { start: p, end: p });
      const title = c.keys.get('title')?.[0];
      const a = actions.find((x) => title === undefined || x.fix.title === title);
      return a ? { edited: applyEdits(c.text, edits(a.fix.edits)) } : { error: `no action; offered: ${actions.map((x) => x.fix.title).join(', ')}` };
    }
    case 'format': {
      const range = c.ranges[0];
      const r = range ? { start: doc.positionAt(range[0]), end: doc.positionAt(range[1]) } : undefined;
      const f = LS.formatting(doc, r);
      return f ? { edited: applyEdits(c.text, edits(f)) } : { error: 'not formatted (syntax errors)' };
    }
    case 'symbols': {
      const out: string[] = [];
      const walk = (s: readonly LS.DocumentSymbol[], depth: number) => s.forEach((x) => (out.push(`${'> '.repeat(depth)}${x.kind} ${x.name}${x.detail ? ` (${x.detail})` : ''}`), walk(x.children, depth + 1)));
      walk(LS.documentSymbols(doc), 0);
      return { outline: out };
    }
    case 'folding':
      return { folding: LS.foldingRanges(doc).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`) };
    case 'semantic-tokens':
      return { tokens: LS.semanticTokens(doc).map((t) => `${c.text.slice(doc.offsetAt(t.line, t.column), doc.offsetAt(t.line, t.column) + t.length)}=${t.type}${t.declaration ? '+declaration' : ''}`) };
    case 'inlay-hints':
      return { hints: LS.inlayHints(doc).map((h) => `${h.position.line}: ${h.label}`) };
    case 'diagnostics':
      return { codes: LS.diagnostics(doc, c.keys.get('speed')?.[0] === 'fast' ? 'fast' : 'all').map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}`) };
    default:
      throw new Error(`${c.file}: unknown feature \`${c.feature}\``);
  }
}

/** Checks an answer against the case's expectations; every case asserts something. */
function expectAnswer(c: Case, a: Answer): void {
  let asserted = 0;
  const check = (f: () => void) => (f(), asserted++);
  if (a.completion) {
    const labels = a.completion;
    for (const l of list(c, 'includes')) check(() => expect(labels, `completion includes ${l}`).toContain(l));
    for (const l of list(c, 'excludes')) check(() => expect(labels, `completion excludes ${l}`).not.toContain(l));
    if (c.keys.has('exactly')) check(() => expect([...labels].sort()).toEqual(list(c, 'exactly').sort()));
    if (c.keys.get('empty')?.[0] === 'yes') check(() => expect(labels).toEqual([]));
  }
  if (a.hover !== undefined) {
    if (c.keys.get('hover')?.[0] === 'none') check(() => expect(a.hover).toBeNull());
    for (const s of c.keys.get('contains') ?? []) check(() => expect(a.hover ?? '', `hover contains ${s}`).toContain(s));
    for (const s of c.keys.get('lacks') ?? []) check(() => expect(a.hover ?? '').not.toContain(s));
  }
  if (a.ranges) check(() => expect(a.ranges!.sort((x, y) => x[0] - y[0]).map((r) => show(c.text, r))).toEqual(c.ranges.map((r) => show(c.text, r))));
  if (c.keys.has('error')) check(() => expect(a.error ?? '(no error)').toContain(c.keys.get('error')![0]!));
  if (c.after !== undefined) check(() => expect(a.error ?? a.edited).toBe(c.after));
  if (a.outline) check(() => expect(a.outline).toEqual(c.keys.get('symbol') ?? []));
  if (a.folding) check(() => expect(a.folding).toEqual(list(c, 'folds')));
  if (a.tokens) for (const t of list(c, 'token')) check(() => expect(a.tokens).toContain(t));
  if (a.hints) {
    for (const h of c.keys.get('hint') ?? []) check(() => expect(a.hints!.some((x) => x.includes(h)), `a hint with ${h} in ${a.hints!.join(' | ')}`).toBe(true));
    if (c.keys.has('hints')) check(() => expect(a.hints!.length).toBe(Number(c.keys.get('hints')![0])));
  }
  if (a.codes) check(() => expect(a.codes).toEqual(list(c, 'codes')));
  expect(asserted, `${c.file} expects nothing`).toBeGreaterThan(0);
}

describe('feature cases through the language service', () => {
  it('has cases for every feature', () => {
    const features = new Set(CASES.map((c) => c.feature));
    expect([...features].sort()).toEqual(['code-action', 'completion', 'definition', 'diagnostics', 'folding', 'format', 'hover', 'inlay-hints', 'references', 'rename', 'semantic-tokens', 'symbols']);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it('parses markers: a cursor and nested ranges leave the text as typed', () => {
    const c = parseCase('x', 'feature: definition\n=== contract\nclock <<r>> { starts <<fi<|>led>> }\n');
    expect(c.text).toBe('clock r { starts filed }\n');
    expect(c.cursor).toBe(19);
    expect(c.ranges).toEqual([[6, 7], [17, 22]]);
  });

  for (const c of CASES) it(c.file, () => expectAnswer(c, viaService(c)));
});

// ─── The same cases through `pledge lsp --stdio` ───

const SERVER_CASES = CASES.filter((c) => c.keys.get('server')?.[0] === 'yes');

let client: Client;
let dir: string;

/** LSP position ↔ offset in a case's text. */
function lspPos(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}
function lspOffset(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

async function viaServer(c: Case, uri: string): Promise<Answer> {
  const req = <R>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<R>;
  const textDocument = { uri };
  const position = lspPos(c.text, c.cursor!);
  const offsets = (r: LspRange): [number, number] => [lspOffset(c.text, r.start), lspOffset(c.text, r.end)];
  const edited = (edits: { range: LspRange; newText: string }[]) => applyEdits(c.text, edits.map((e) => ({ start: lspOffset(c.text, e.range.start), end: lspOffset(c.text, e.range.end), newText: e.newText })));
  switch (c.feature) {
    case 'completion': {
      const items = await req<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument, position });
      return { completion: (Array.isArray(items) ? items : items.items).map((i) => i.label) };
    }
    case 'hover': {
      const h = await req<{ contents: { value: string } } | null>('textDocument/hover', { textDocument, position });
      return { hover: h ? h.contents.value : null };
    }
    case 'definition': {
      const d = await req<{ uri: string; range: LspRange } | null>('textDocument/definition', { textDocument, position });
      return { ranges: d ? [offsets(d.range)] : [] };
    }
    case 'references': {
      const refs = await req<{ uri: string; range: LspRange }[]>('textDocument/references', { textDocument, position, context: { includeDeclaration: c.keys.get('include-declaration')?.[0] !== 'no' } });
      return { ranges: refs.filter((r) => r.uri === uri).map((r) => offsets(r.range)) };
    }
    case 'rename': {
      try {
        const e = await req<{ changes?: Record<string, { range: LspRange; newText: string }[]> }>('textDocument/rename', { textDocument, position, newName: c.keys.get('new-name')?.[0] ?? '' });
        return { edited: edited(e.changes?.[uri] ?? []) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    }
    default:
      throw new Error(`${c.file}: ${c.feature} has no server runner`);
  }
}

describe('feature cases through pledge lsp --stdio', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pledge-cases-'));
    client = await startClient(dir);
  }, 60_000);
  afterAll(() => {
    client?.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a few cases of each navigation feature', () => {
    expect(new Set(SERVER_CASES.map((c) => c.feature))).toEqual(new Set(['completion', 'hover', 'definition', 'references', 'rename']));
  });

  for (const [i, c] of SERVER_CASES.entries()) {
    it(c.file, async () => {
      const uri = pathToFileURL(path.join(dir, `case-${i}.pledge`)).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'pledge', version: 1, text: c.text } });
      const answer = await viaServer(c, uri);
      expectAnswer(c, answer);
      // And the same answer as the service gives.
      expect(answer).toEqual(viaService(c));
    }, 20_000);
  }
});
