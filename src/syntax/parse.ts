/**
 * text → tokens → CST → AST, with every lexing and syntax problem as a diagnostic.
 * Never throws on any input: that is pinned by property tests on arbitrary strings.
 */
import { EOF, type IRecognitionException, type IToken } from 'chevrotain';
import type * as A from '../ast/nodes.js';
import { diagnostic, sortDiagnostics, type Diagnostic, FILE_START } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/catalog.js';
import { AstBuilder, endPosition, tokenRange } from './cst-to-ast.js';
import * as T from './lexer.js';
import { LIMITS } from './limits.js';
import { parserInstance, TOP_LEVEL } from './parser.js';

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

function syntaxDiagnostic(err: IRecognitionException, text: string): Diagnostic {
  const token = err.token;
  const atEof = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const range = atEof ? { start: endPosition(text), end: endPosition(text) } : tokenRange(token);
  const found = describe(token);
  const rule = err.context.ruleStack[err.context.ruleStack.length - 1] ?? 'contract';
  let code: Code = 'PLG1002';
  let message: string;
  let help: string | undefined;
  if (token.tokenType === T.MalformedNumber) {
    message = `${found} is not a number, duration or date`;
    help = 'durations are written `15m`, `4h`, `1h30m` or `5d`; dates `2026-01-31`; times `17:30`';
  } else if (err.message === TOP_LEVEL) {
    code = 'PLG1004';
    message = `unexpected ${found} at the top level`;
    help = 'a contract is a list of declarations: sla, calendar, clock, priority, reclassify, escalation, contact, availability, credits, assert, scenario, plan';
  } else if (err.name === 'MismatchedTokenException') {
    code = 'PLG1003';
    message = `${err.message}, found ${found}`;
  } else {
    code = STATEMENT_RULES.has(rule) ? 'PLG1004' : 'PLG1002';
    message = `unexpected ${found}, expected ${err.message}`;
  }
  return diagnostic(code, message, range, help === undefined ? {} : { help });
}

/**
 * Parses Pledge source text. Never throws; problems come back as diagnostics.
 * @example const { ast, diagnostics } = parse('clock response { starts filed stops first_reply }')
 */
export function parse(text: string): ParseResult {
  if (text.length > LIMITS.maxFileBytes) {
    return {
      ast: EMPTY,
      comments: [],
      diagnostics: [diagnostic('PLG1000', `the file is larger than the limit of ${LIMITS.maxFileBytes / 1024 / 1024} MB`, FILE_START, { help: 'a real contract is a few kilobytes; split it or check that this is the right file' })],
    };
  }
  const lexed = T.PledgeLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  for (const err of lexed.errors) {
    const start = { line: err.line ?? 1, column: err.column ?? 1, offset: err.offset };
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
  for (const err of parser.errors) diagnostics.push(syntaxDiagnostic(err, text));

  const builder = new AstBuilder();
  const ast = builder.contract(cst, text);
  diagnostics.push(...builder.diagnostics);

  return { ast, comments, diagnostics: capSyntaxErrors(sortDiagnostics(dedupe(diagnostics))) };
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
