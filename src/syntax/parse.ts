/**
 * text → tokens → CST → AST, with every lexing and syntax problem as a diagnostic.
 * Never throws on any input: that is pinned by property tests on arbitrary strings.
 */
import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type * as A from '../ast/nodes.js';
import { diagnostic, sortDiagnostics, type Diagnostic, type Fix, FILE_START } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/catalog.js';
import { AstBuilder, endPosition } from './cst-to-ast.js';
import { LineIndex } from './line-index.js';
import * as T from './lexer.js';
import { LIMITS, sizeText } from './limits.js';
import { parserInstance, TOP_LEVEL } from './parser.js';
import { fractionalDuration, keywordTypo, twelveHourClock } from './typos.js';

export interface ParseResult {
  /** The tree; with syntax errors, the complete declarations and statements that were found. */
  readonly ast: A.Contract;
  readonly comments: readonly A.Comment[];
  /** Lexing and syntax diagnostics (PLG1xxx), sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY: A.Contract = {
  kind: 'Contract',
  declarations: [],
  range: { start: FILE_START.start, end: FILE_START.start },
};

/** How a token is named in messages: `}` in backticks, or "end of file". */
function describe(token: IToken): string {
  if (token.tokenType === EOF) return 'end of file';
  const image = token.image.length > 30 ? `${token.image.slice(0, 27)}…` : token.image;
  return `\`${image.replace(/`/g, "'")}\``;
}

/** Statement-level rules: a failure there means a line that starts no statement. */
const STATEMENT_RULES = new Set(['declaration', 'slaStmt', 'calendarStmt', 'clockStmt', 'priorityStmt', 'creditStmt', 'scenarioStmt', 'planStmt']);

function syntaxDiagnostic(err: IRecognitionException, text: string, lines: LineIndex): Diagnostic {
  const token = err.token;
  const atEof = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const range = atEof ? { start: endPosition(text), end: endPosition(text) } : lines.range(token.startOffset, token.image.length);
  const found = describe(token);
  const rule = err.context.ruleStack[err.context.ruleStack.length - 1] ?? 'contract';
  let code: Code = 'PLG1002';
  let message: string;
  let help: string | undefined;
  // A misspelt keyword, said first so the fix is the first thing read.
  const typo = token.tokenType === T.Identifier ? keywordTypo(token.image, err.message === TOP_LEVEL) : undefined;
  const meant = typo === undefined ? undefined : `did you mean \`${typo}\`?`;
  let fix: Fix | undefined = typo === undefined ? undefined : { title: `replace with \`${typo}\``, edits: [{ range, newText: typo }] };
  if (token.tokenType === T.MalformedNumber) {
    message = `${found} is not a number, duration or date`;
    help = 'durations are written `15m`, `4h`, `1h30m` or `5d`; dates `2026-01-31`; times `17:30`';
    const duration = fractionalDuration(token.image);
    const clock = twelveHourClock(text.slice(token.startOffset));
    if (duration !== undefined) {
      help = `did you mean \`${duration}\`? durations are whole minutes, hours or days: \`1h30m\`, not \`1.5h\``;
      fix = { title: `replace with \`${duration}\``, edits: [{ range, newText: duration }] };
    } else if (clock !== undefined) {
      const written = clock.to === undefined ? clock.from : `${clock.from}-${clock.to}`;
      const length = /^[^\n]*?(am|pm)(?:\s*-\s*\d{1,2}(?::\d{2})?\s*(am|pm))?/i.exec(text.slice(token.startOffset))![0].length;
      help = `did you mean \`${written}\`? times are written on the 24-hour clock`;
      fix = { title: `replace with \`${written}\``, edits: [{ range: { start: range.start, end: { line: range.start.line, column: range.start.column + length, offset: range.start.offset + length } }, newText: written }] };
    }
  } else if (err.message === TOP_LEVEL) {
    code = 'PLG1004';
    message = `unexpected ${found} at the top level`;
    help = meant ?? 'a contract is a list of declarations: sla, calendar, clock, priority, reclassify, escalation, contact, availability, credits, assert, scenario, plan';
  } else if (err.name === 'MismatchedTokenException') {
    code = 'PLG1003';
    message = `${err.message}, found ${found}`;
    help = meant;
  } else {
    code = STATEMENT_RULES.has(rule) ? 'PLG1004' : 'PLG1002';
    message = `unexpected ${found}, expected ${err.message}`;
    help = meant;
  }
  return diagnostic(code, message, range, { ...(help === undefined ? {} : { help }), ...(fix === undefined ? {} : { fix }) });
}

/**
 * Parses Pledge source text. Never throws; problems come back as diagnostics.
 * @example const { ast, diagnostics } = parse('clock response { starts filed stops first_reply }')
 */
export function parse(text: string): ParseResult {
  // Chevrotain recovers from each syntax error by throwing a recognition exception, and every one
  // captured a stack trace no one reads: half the parse of a file with thousands of errors (issue
  // 14). They are captured without one while parsing.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseText(text);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseText(text: string): ParseResult {
  if (text.length > LIMITS.maxFileBytes) {
    return {
      ast: EMPTY,
      comments: [],
      diagnostics: [diagnostic('PLG1000', `the file is larger than the limit of ${sizeText(LIMITS.maxFileBytes)}`, FILE_START, { help: 'a real contract is a few kilobytes; split it or check that this is the right file' })],
    };
  }
  const lexed = T.tokenizeOffsets(text);
  const lines = new LineIndex(text);
  const tokenRange = (t: IToken) => lines.range(t.startOffset, t.image.length);
  const diagnostics: Diagnostic[] = [];
  for (const err of lexed.errors) {
    const start = lines.position(err.offset);
    const snippet = text.slice(err.offset, err.offset + Math.min(err.length, 20));
    diagnostics.push(
      diagnostic('PLG1001', `unexpected character${err.length > 1 ? 's' : ''} \`${snippet.replace(/[\r\n]/g, ' ')}\``, {
        start,
        // An unlexable run never holds a `\n` (whitespace lexes), so the end is on the same line;
        // its full length, not the 20-character snippet, keeps the column in step with the offset.
        end: { line: start.line, column: start.column + err.length, offset: err.offset + err.length },
      }),
    );
  }
  const comments: A.Comment[] = [];
  for (const t of lexed.groups['comments'] ?? []) {
    if (t.tokenType === T.UnterminatedComment) {
      diagnostics.push(diagnostic('PLG1016', 'unterminated block comment', tokenRange(t), { help: 'close it with `*/`' }));
    }
    comments.push({ text: t.image, range: tokenRange(t), block: t.tokenType !== T.LineComment });
  }

  const parser = parserInstance();
  parser.input = lexed.tokens;
  const cst = parser.contract();
  const errors = parser.errors;
  // The shared parser would keep this file's tokens (tens of MB for a file at the size limit) until the
  // next parse: let them go with the CST once the AST is built.
  parser.input = [];
  for (const err of dropFollowOns(errors, text)) diagnostics.push(syntaxDiagnostic(err, text, lines));

  const builder = new AstBuilder(lines);
  const ast = builder.contract(cst, text);
  diagnostics.push(...builder.diagnostics);

  return { ast, comments, diagnostics: capSyntaxErrors(sortDiagnostics(dedupe(diagnostics))) };
}

/**
 * A malformed literal (`1.5h`, `9am`) breaks its statement, and recovery then reports the missing
 * duration or time again where the statement ends. Those follow-on errors, up to the first token of
 * the next line, say nothing new and are left out.
 */
function dropFollowOns(errors: readonly IRecognitionException[], text: string): IRecognitionException[] {
  const kept: IRecognitionException[] = [];
  let quietUntil = -1;
  for (const err of errors) {
    const at = err.token.startOffset;
    if (!Number.isNaN(at) && at > 0 && at <= quietUntil) continue;
    kept.push(err);
    if (err.token.tokenType === T.MalformedNumber) {
      const newline = text.indexOf('\n', err.token.endOffset ?? at);
      if (newline < 0) quietUntil = text.length;
      else {
        const next = text.slice(newline + 1).search(/\S/);
        quietUntil = next < 0 ? text.length : newline + 1 + next;
      }
    }
  }
  return kept;
}

/** Recovery can report the same spot twice (a missing token, then the statement it broke). */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.range.start.offset}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function capSyntaxErrors(list: Diagnostic[]): Diagnostic[] {
  if (list.length <= LIMITS.maxSyntaxErrors) return list;
  const kept = list.slice(0, LIMITS.maxSyntaxErrors);
  const last = kept[kept.length - 1]!;
  kept.push(diagnostic('PLG1005', `too many syntax errors; stopped after ${LIMITS.maxSyntaxErrors}`, last.range, { help: 'fix the first errors and run again' }));
  return kept;
}
