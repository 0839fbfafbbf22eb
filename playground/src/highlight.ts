/**
 * Highlighting from the language's own lexer (`src/syntax/lexer.ts`), so it cannot drift from the
 * parser: each line is tokenized by `PledgeLexer` itself and every token type is given a Monaco
 * scope below. The only state carried between lines is "inside a block comment", which the
 * lexer's `UnterminatedComment` token (a `/*` with no `*\/` on the line) tells us about.
 */
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import * as T from '../../src/syntax/lexer.js';

/** A Monaco token: where it starts on the line and its scope (`keyword`, `number`, …). */
export interface LineToken {
  readonly startIndex: number;
  readonly scopes: string;
}

/** Scopes by token name; every token of `allTokens` has one (a test holds this). */
export const SCOPES: Readonly<Record<string, string>> = {
  WhiteSpace: '',
  LineComment: 'comment',
  BlockComment: 'comment',
  UnterminatedComment: 'comment',
  StringLit: 'string',
  UnterminatedString: 'string.invalid',
  LCurly: 'delimiter.curly',
  RCurly: 'delimiter.curly',
  Comma: 'delimiter',
  DotDot: 'delimiter',
  Dash: 'delimiter',
  DateLit: 'number.date',
  TimeLit: 'number.time',
  PercentLit: 'number.percent',
  DurationLit: 'number.duration',
  NumberLit: 'number',
  Multiplier: 'number',
  MalformedNumber: 'invalid',
  Identifier: 'identifier',
  // Categories: every keyword token is one of these.
  Keyword: 'keyword',
  Day: 'keyword.day',
  PeriodKw: 'keyword.period',
};

/** The scope of a token type: its own entry, else its most specific keyword category. */
export function scopeOf(type: TokenType): string | undefined {
  const own = SCOPES[type.name];
  if (own !== undefined) return own;
  // tokenMatcher reads the index chevrotain assigned when the lexer was built.
  const probe = { tokenType: type, tokenTypeIdx: type.tokenTypeIdx } as IToken;
  for (const category of [T.Day, T.PeriodKw, T.Keyword]) if (tokenMatcher(probe, category)) return SCOPES[category.name];
  return undefined;
}

/** Where the block-comment closer is searched for: from the lexer's own BlockComment pattern. */
const COMMENT_CLOSE = '*/';

/**
 * Tokenizes one line. `inComment` says the line starts inside a block comment; the result says
 * whether the next line does.
 * @example tokenizeLine('  response 4h on business', false).tokens.map((t) => t.scopes)
 */
export function tokenizeLine(line: string, inComment: boolean): { tokens: LineToken[]; inComment: boolean } {
  const tokens: LineToken[] = [];
  let start = 0;
  if (inComment) {
    const close = line.indexOf(COMMENT_CLOSE);
    tokens.push({ startIndex: 0, scopes: 'comment' });
    if (close < 0) return { tokens, inComment: true };
    start = close + COMMENT_CLOSE.length;
  }
  const rest = line.slice(start);
  const lexed = T.PledgeLexer.tokenize(rest);
  const found: { offset: number; length: number; scopes: string }[] = [];
  for (const t of [...lexed.tokens, ...(lexed.groups['comments'] ?? [])]) {
    found.push({ offset: t.startOffset, length: t.image.length, scopes: scopeOf(t.tokenType) ?? 'invalid' });
  }
  for (const e of lexed.errors) found.push({ offset: e.offset, length: e.length, scopes: 'invalid' });
  found.sort((a, b) => a.offset - b.offset);
  let end = start;
  for (const f of found) {
    const at = start + f.offset;
    if (at > end) tokens.push({ startIndex: end, scopes: '' });
    tokens.push({ startIndex: at, scopes: f.scopes });
    end = at + f.length;
  }
  if (end < line.length) tokens.push({ startIndex: end, scopes: '' });
  const last = lexed.groups['comments']?.at(-1);
  const open = last !== undefined && last.tokenType === T.UnterminatedComment && last.startOffset + last.image.length >= rest.length;
  return { tokens: tokens.length ? tokens : [{ startIndex: 0, scopes: '' }], inComment: open };
}
