/**
 * The editor features that read the tree and the symbol index: navigation and rename, code
 * actions from the diagnostics' fixes, formatting, the outline, folding, semantic tokens and the
 * worst-case inlay hints. Positions are the library's: 1-based lines and columns.
 */
import type * as A from '../ast/nodes.js';
import { walk } from '../ast/walk.js';
import { worstCaseText } from '../check/rules/clocks.js';
import type { Diagnostic, Fix, TextEdit } from '../diagnostics/diagnostic.js';
import { printContract } from '../format/format.js';
import * as T from '../syntax/lexer.js';
import type { PledgeDocument } from './document.js';
import { SLOW_ONLY_CODES } from './document.js';
import { worstCaseContext } from './hover.js';
import { occurrenceAt, sameSymbol, type Occurrence, type Pos, type SymbolKind } from './symbols.js';

/** Diagnostics after fast checks (every change) or all checks (after a pause). */
export function diagnostics(doc: PledgeDocument, speed: 'fast' | 'all'): readonly Diagnostic[] {
  return doc.check(speed).diagnostics;
}

/** Whether a diagnostic comes only from slow rules (a fast check cannot tell whether it still holds). */
export const isSlowOnly = (d: Diagnostic): boolean => SLOW_ONLY_CODES.has(d.code);

// ─── Navigation ───

/** The declaration of the name under the cursor. */
export function definition(doc: PledgeDocument, p: Pos): Occurrence | undefined {
  const o = occurrenceAt(doc.occurrences, p);
  if (!o) return undefined;
  return sameSymbol(doc.occurrences, o).find((x) => x.declaration);
}

/** Every occurrence of the symbol under the cursor, its declaration first when asked. */
export function references(doc: PledgeDocument, p: Pos, includeDeclaration = true): Occurrence[] {
  const o = occurrenceAt(doc.occurrences, p);
  if (!o) return [];
  return sameSymbol(doc.occurrences, o).filter((x) => includeDeclaration || !x.declaration);
}

/** The symbol a rename at the cursor would rename: declared names only (not ticket events). */
export function prepareRename(doc: PledgeDocument, p: Pos): Occurrence | undefined {
  const o = occurrenceAt(doc.occurrences, p);
  if (!o || o.kind === 'event') return undefined;
  return sameSymbol(doc.occurrences, o).some((x) => x.declaration) ? o : undefined;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `newName` cannot name a symbol of `kind`, or undefined when it can. */
export function invalidName(kind: SymbolKind, newName: string): string | undefined {
  if (kind === 'contact') return newName.length === 0 || /[\r\n]/.test(newName) ? 'a contact is a one-line string' : undefined;
  if (!IDENT.test(newName)) return `\`${newName}\` is not a name: use letters, digits and _ and start with a letter`;
  if (Object.hasOwn(T.keywords, newName)) return `\`${newName}\` is a keyword`;
  return undefined;
}

/** The edit that makes an occurrence read `newName`. */
export function renameEdit(o: Occurrence, newName: string): TextEdit {
  return { range: o.range, newText: o.kind === 'contact' ? JSON.stringify(newName) : newName };
}

/** The edits renaming the symbol under the cursor, or a reason it cannot be renamed. */
export function rename(doc: PledgeDocument, p: Pos, newName: string): { edits: TextEdit[] } | { error: string } {
  const o = prepareRename(doc, p);
  if (!o) return { error: 'only a declared calendar, clock, priority, plan or contact can be renamed' };
  const bad = invalidName(o.kind, newName);
  if (bad) return { error: bad };
  return { edits: sameSymbol(doc.occurrences, o).map((x) => renameEdit(x, newName)) };
}

// ─── Code actions ───

const overlaps = (a: A.Range, b: { start: Pos; end: Pos }): boolean => {
  const before = (x: Pos, y: Pos) => x.line < y.line || (x.line === y.line && x.column < y.column);
  return !before(a.end, b.start) && !before(b.end, a.start);
};

/** The diagnostics' fixes whose diagnostic overlaps `range` (a cursor is an empty range). */
export function codeActions(doc: PledgeDocument, range: { start: Pos; end: Pos }, speed: 'fast' | 'all' = 'all'): { diagnostic: Diagnostic; fix: Fix }[] {
  return doc
    .check(speed)
    .diagnostics.filter((d) => d.fix && overlaps(d.range, range))
    .map((d) => ({ diagnostic: d, fix: d.fix! }));
}

// ─── Formatting ───

/**
 * The edits that format the document as `pledge fmt` does, or undefined when it has syntax errors
 * (nothing is rewritten then). With `range`, only the changed lines that meet it are rewritten.
 */
export function formatting(doc: PledgeDocument, range?: { start: Pos; end: Pos }): TextEdit[] | undefined {
  const p = doc.parse;
  if (p.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const formatted = printContract(p.ast, p.comments);
  if (formatted === doc.text) return [];
  // Lines with their line breaks, so every hunk is an exact replacement of whole lines.
  const oldLines = doc.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const newLines = formatted.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const offsets = [0];
  for (const l of oldLines) offsets.push(offsets[offsets.length - 1]! + l.length);
  const edits: TextEdit[] = [];
  for (const h of lineHunks(oldLines, newLines)) {
    // Old lines [a0, a1) become new lines [b0, b1); 0-based. A range keeps the hunks it meets.
    if (range && !(h.a0 + 1 <= range.end.line && Math.max(h.a1, h.a0 + 1) >= range.start.line)) continue;
    edits.push({ range: { start: doc.positionAt(offsets[h.a0]!), end: doc.positionAt(offsets[h.a1]!) }, newText: newLines.slice(h.b0, h.b1).join('') });
  }
  return edits;
}

/** Differing runs of lines between `a` and `b` (an LCS by dynamic programming, fine for contracts). */
function lineHunks(a: readonly string[], b: readonly string[]): { a0: number; a1: number; b0: number; b1: number }[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A0 = a.slice(pre, a.length - suf);
  const B0 = b.slice(pre, b.length - suf);
  const n = A0.length;
  const m = B0.length;
  if (n * m > 4_000_000) return [{ a0: pre, a1: a.length - suf, b0: pre, b1: b.length - suf }];
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = A0[i] === B0[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const hunks: { a0: number; a1: number; b0: number; b1: number }[] = [];
  let i = 0;
  let j = 0;
  let open: { a0: number; b0: number } | undefined;
  const close = () => {
    if (open) hunks.push({ a0: open.a0 + pre, a1: i + pre, b0: open.b0 + pre, b1: j + pre });
    open = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && A0[i] === B0[j]) {
      close();
      i++;
      j++;
    } else {
      open ??= { a0: i, b0: j };
      if (j >= m || (i < n && dp[i + 1]![j]! >= dp[i]![j + 1]!)) i++;
      else j++;
    }
  }
  close();
  return hunks;
}

// ─── Outline and folding ───

export interface DocumentSymbol {
  readonly name: string;
  readonly kind: 'sla' | 'calendar' | 'clock' | 'priority' | 'reclassify' | 'escalation' | 'contact' | 'availability' | 'credits' | 'assert' | 'scenario' | 'plan' | 'target';
  readonly detail?: string;
  readonly range: A.Range;
  /** The name (or title) to select. */
  readonly selection: A.Range;
  readonly children: readonly DocumentSymbol[];
}

function targetSymbols(body: readonly A.PriorityStmt[]): DocumentSymbol[] {
  return body
    .filter((s): s is A.TargetStmt => s.kind === 'Target')
    .map((t) => ({ name: t.clock.text, kind: 'target', detail: `${t.duration.text} on ${t.calendar.text}`, range: t.range, selection: t.clock.range, children: [] }));
}

/** The outline: one symbol per declaration, with a priority's targets and a plan's overrides inside. */
export function documentSymbols(doc: PledgeDocument): DocumentSymbol[] {
  return doc.parse.ast.declarations.map((d): DocumentSymbol => {
    switch (d.kind) {
      case 'Sla': return { name: d.title.value || 'sla', kind: 'sla', range: d.range, selection: d.title.range, children: [] };
      case 'Calendar': return { name: d.name.text, kind: 'calendar', ...(d.title ? { detail: d.title.value } : {}), range: d.range, selection: d.name.range, children: [] };
      case 'Clock': return { name: d.name.text, kind: 'clock', range: d.range, selection: d.name.range, children: [] };
      case 'Priority': return { name: d.name.text, kind: 'priority', ...(d.title ? { detail: d.title.value } : {}), range: d.range, selection: d.name.range, children: targetSymbols(d.body) };
      case 'Plan':
        return {
          name: d.name.text,
          kind: 'plan',
          ...(d.title ? { detail: d.title.value } : {}),
          range: d.range,
          selection: d.name.range,
          children: d.body.filter((s): s is A.PriorityOverride => s.kind === 'PriorityOverride').map((o) => ({ name: o.name.text, kind: 'priority', range: o.range, selection: o.name.range, children: targetSymbols(o.body) })),
        };
      case 'Contact': return { name: d.name.value || 'contact', kind: 'contact', range: d.range, selection: d.name.range, children: [] };
      case 'Escalation': return { name: d.title?.value || 'escalation', kind: 'escalation', ...(d.priorities.length ? { detail: `for ${d.priorities.map((p) => p.text).join(', ')}` } : {}), range: d.range, selection: d.title?.range ?? d.range, children: [] };
      case 'Assert': return { name: d.title.value || 'assert', kind: 'assert', range: d.range, selection: d.title.range, children: [] };
      case 'Scenario': return { name: d.title.value || 'scenario', kind: 'scenario', range: d.range, selection: d.title.range, children: [] };
      case 'Reclassify': return { name: 'reclassify', kind: 'reclassify', detail: d.policy, range: d.range, selection: d.range, children: [] };
      case 'Availability': return { name: 'availability', kind: 'availability', detail: `${d.target.text} ${d.period}`, range: d.range, selection: d.target.range, children: [] };
      case 'Credits': return { name: 'credits', kind: 'credits', range: d.range, selection: d.range, children: [] };
    }
  });
}

export interface FoldingRange {
  /** 1-based lines. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment';
}

/** Every block that spans lines (declarations, plan overrides) and every block comment that does. */
export function foldingRanges(doc: PledgeDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const p = doc.parse;
  walk(p.ast, (n) => {
    if (n.kind === 'Contract') return;
    const body = (n as { body?: unknown }).body ?? (n.kind === 'Escalation' ? n.steps : undefined);
    if (Array.isArray(body) && n.range.end.line > n.range.start.line) out.push({ startLine: n.range.start.line, endLine: n.range.end.line });
  });
  for (const c of p.comments) if (c.block && c.range.end.line > c.range.start.line) out.push({ startLine: c.range.start.line, endLine: c.range.end.line, kind: 'comment' });
  return out.sort((a, b) => a.startLine - b.startLine);
}

// ─── Semantic tokens ───

/** The legend: token types in this order (their index is what LSP sends). */
export const SEMANTIC_TOKEN_TYPES = ['keyword', 'string', 'number', 'comment', 'operator', 'namespace', 'variable', 'enumMember', 'class', 'event', 'property'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration'] as const;

export interface SemanticToken {
  /** 1-based line and column; a token never spans lines (block comments are split). */
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly type: SemanticTokenType;
  readonly declaration: boolean;
}

const SYMBOL_TYPE: Record<SymbolKind, SemanticTokenType> = { calendar: 'namespace', clock: 'variable', priority: 'enumMember', plan: 'class', contact: 'string', event: 'event' };

function lexicalType(t: import('chevrotain').TokenType): SemanticTokenType | undefined {
  if (t === T.LineComment || t === T.BlockComment || t === T.UnterminatedComment) return 'comment';
  if (t === T.StringLit || t === T.UnterminatedString) return 'string';
  if (t === T.DateLit || t === T.TimeLit || t === T.PercentLit || t === T.DurationLit || t === T.NumberLit || t === T.Multiplier || t === T.MalformedNumber) return 'number';
  if (t === T.Dash || t === T.DotDot || t === T.Comma) return 'operator';
  if (t.CATEGORIES?.includes(T.Keyword)) return 'keyword';
  if (t === T.Identifier) return 'property';
  return undefined;
}

/** Tokens from the language's own lexer; names are typed by what they name. */
export function semanticTokens(doc: PledgeDocument): SemanticToken[] {
  const lexed = T.PledgeLexer.tokenize(doc.text);
  const byOffset = new Map(doc.occurrences.map((o) => [o.range.start.offset, o]));
  const all = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  const out: SemanticToken[] = [];
  for (const t of all) {
    let type = lexicalType(t.tokenType);
    if (!type) continue;
    const o = byOffset.get(t.startOffset);
    if (o && (t.tokenType === T.Identifier || o.kind === 'contact')) type = SYMBOL_TYPE[o.kind];
    const declaration = o?.declaration ?? false;
    // Split multi-line tokens (block comments) into one token per line.
    const lines = t.image.split('\n');
    let line = t.startLine!;
    let column = t.startColumn!;
    for (const piece of lines) {
      if (piece.length) out.push({ line, column, length: piece.length, type, declaration });
      line++;
      column = 1;
    }
  }
  return out;
}

// ─── Inlay hints ───

export interface InlayHint {
  /** Where the hint goes: just after the target. */
  readonly position: A.Position;
  readonly label: string;
}

/** After each target, its worst-case real time over the term (needs a contract without errors). */
export function inlayHints(doc: PledgeDocument, range?: { start: Pos; end: Pos }): InlayHint[] {
  const ctx = worstCaseContext(doc);
  const out: InlayHint[] = [];
  walk(doc.parse.ast, (n) => {
    if (n.kind !== 'Target') return;
    if (range && (n.range.end.line < range.start.line || n.range.start.line > range.end.line)) return;
    const w = worstCaseText(ctx, n);
    if (w) out.push({ position: n.range.end, label: `⏱ ${w.replace(/^at most /, '≤ ')}` });
  });
  return out;
}
