/**
 * Tokens of the Pledge language. This file is the single source of truth for the vocabulary:
 * the parser, the generated grammar docs and the playground's highlighting all read it.
 */
import { createToken, Lexer, type ILexerConfig, type IToken, type TokenType } from 'chevrotain';

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

/** Every keyword belongs to this category, so a declaration name can report "keyword used as name". */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** Weekday keywords (`mon` … `sun`). */
export const Day = createToken({ name: 'Day', pattern: Lexer.NA, categories: [Keyword] });
/** Period keywords (`daily` … `yearly`). */
export const PeriodKw = createToken({ name: 'PeriodKw', pattern: Lexer.NA, categories: [Keyword] });

/** All keyword tokens by their text. */
export const keywords: Record<string, TokenType> = {};

function kw(word: string, categories: TokenType[] = []): TokenType {
  const token = createToken({
    name: `Kw_${word}`,
    label: `\`${word}\``,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Keyword, ...categories],
  });
  keywords[word] = token;
  return token;
}

// Declarations
export const Sla = kw('sla');
export const Calendar = kw('calendar');
export const Clock = kw('clock');
export const Priority = kw('priority');
export const Reclassify = kw('reclassify');
export const Escalation = kw('escalation');
export const Contact = kw('contact');
export const Availability = kw('availability');
export const Credits = kw('credits');
export const Assert = kw('assert');
export const Scenario = kw('scenario');
export const Plan = kw('plan');
// sla
export const Provider = kw('provider');
export const Customer = kw('customer');
export const Term = kw('term');
export const Fee = kw('fee');
// calendar
export const Zone = kw('zone');
export const Hours = kw('hours');
export const Holidays = kw('holidays');
export const Types = kw('types');
export const Closed = kw('closed');
export const Open = kw('open');
// clock
export const Starts = kw('starts');
export const Stops = kw('stops');
export const Pauses = kw('pauses');
export const Resumes = kw('resumes');
export const Restarts = kw('restarts');
// priority
export const Means = kw('means');
export const Update = kw('update');
export const Every = kw('every');
// reclassify
export const Keeps = kw('keeps');
export const Elapsed = kw('elapsed');
export const Stricter = kw('stricter');
// escalation and contacts
export const For = kw('for');
export const At = kw('at');
export const Notify = kw('notify');
export const Via = kw('via');
// availability and credits
export const Excludes = kw('excludes');
export const Maintenance = kw('maintenance');
export const Per = kw('per');
export const Breach = kw('breach');
export const When = kw('when');
export const Below = kw('below');
export const From = kw('from');
export const Cap = kw('cap');
export const Claim = kw('claim');
export const Within = kw('within');
export const Cycles = kw('cycles');
export const Started = kw('started');
export const Late = kw('late');
// assert
export const Wall = kw('wall');
export const Excluding = kw('excluding');
export const Under = kw('under');
// scenario
export const PeriodKwd = kw('period');
export const Arrivals = kw('arrivals');
export const Peak = kw('peak');
export const Burst = kw('burst');
export const Mix = kw('mix');
export const Staff = kw('staff');
export const Work = kw('work');
export const Seed = kw('seed');
export const Plans = kw('plans');
export const Queue = kw('queue');
export const Preemptive = kw('preemptive');
export const Fifo = kw('fifo');
export const Deadline = kw('deadline');
export const Reply = kw('reply');
export const Median = kw('median');
export const P90 = kw('p90');
export const Waits = kw('waits');
export const Reopens = kw('reopens');
export const After = kw('after');
export const Up = kw('up');
export const Down = kw('down');
export const Outages = kw('outages');
export const Outage = kw('outage');
// plans
export const Extends = kw('extends');
export const Channel = kw('channel');
export const Covers = kw('covers');
// shared
export const On = kw('on');
export const Of = kw('of');
export const To = kw('to');

export const DAY_WORDS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const PERIOD_WORDS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
for (const d of DAY_WORDS) kw(d, [Day]);
for (const p of PERIOD_WORDS) kw(p, [PeriodKw]);

// Literals. A digit-led run that is not a valid literal lexes as one `MalformedNumber` token, so
// `15min` is reported as a whole ("not a duration") rather than as `15m` followed by `in`.
export const MalformedNumber = createToken({ name: 'MalformedNumber', pattern: /\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_]*/ });
export const DateLit = createToken({ name: 'DateLit', label: 'a date (2026-01-31)', pattern: /\d{4}-\d{2}-\d{2}/, longer_alt: MalformedNumber });
export const TimeLit = createToken({ name: 'TimeLit', label: 'a time (17:30)', pattern: /\d{1,2}:\d{2}/ });
export const PercentLit = createToken({ name: 'PercentLit', label: 'a percentage (99.9%)', pattern: /\d+(?:\.\d+)?%/ });
export const DurationLit = createToken({ name: 'DurationLit', label: 'a duration (15m, 4h, 1h30m, 5d)', pattern: /(?:\d+[dhm])+/, longer_alt: MalformedNumber });
export const NumberLit = createToken({ name: 'NumberLit', label: 'a number', pattern: /\d+(?:\.\d+)?/, longer_alt: MalformedNumber });
export const Multiplier = createToken({ name: 'Multiplier', label: 'a factor (x3)', pattern: /x\d+(?:\.\d+)?/, longer_alt: Identifier });

export const StringLit = createToken({ name: 'StringLit', label: 'a string', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** A string missing its closing quote: the parser accepts it as a string; the AST step reports it. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', label: 'a string', pattern: /"(?:[^"\\\r\n]|\\.)*\\?/, categories: [StringLit] });

export const LCurly = createToken({ name: 'LCurly', label: '`{`', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', label: '`}`', pattern: /\}/ });
export const Comma = createToken({ name: 'Comma', label: '`,`', pattern: /,/ });
export const DotDot = createToken({ name: 'DotDot', label: '`..`', pattern: /\.\./ });
export const Dash = createToken({ name: 'Dash', label: '`-`', pattern: /-/ });

export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, line_breaks: true, group: 'comments' });
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, line_breaks: true, group: 'comments' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED, line_breaks: true });

/** Token order matters: the first pattern that matches wins, `longer_alt` aside. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLit,
  UnterminatedString,
  LCurly,
  RCurly,
  Comma,
  DotDot,
  DateLit,
  TimeLit,
  PercentLit,
  DurationLit,
  NumberLit,
  MalformedNumber,
  Dash,
  // Longest first, so `per` cannot take the front of `period` nor `mon` of `monthly`.
  ...Object.entries(keywords)
    .sort(([a], [b]) => b.length - a.length || a.localeCompare(b))
    .map(([, token]) => token),
  Multiplier,
  Identifier,
  Keyword,
  Day,
  PeriodKw,
];

/** The lexer's options; `skipValidations` is off only in the test that validates the token set. */
export const LEXER_CONFIG = {
  ensureOptimizations: true,
  // The token definitions' validations cost ~80 ms of every start-up; test/grammar-validation.test.ts
  // runs them on every `npm test` instead.
  skipValidations: true,
  positionTracking: 'full',
  // Lines end at `\n` only, as in `endPosition` and the diagnostics' (line, column): Chevrotain's
  // default also breaks at a lone `\r`, which put positions and offsets out of step.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ['\n'],
} satisfies ILexerConfig;

export const PledgeLexer = new Lexer(allTokens, LEXER_CONFIG);

/**
 * The lexer `parse` uses: offsets only (lines and columns come from `LineIndex` for the tokens that
 * reach the AST), which makes each token five fields instead of nine and skips the per-token
 * line-break scan. The parser's node locations need each token's `endOffset`, which Chevrotain's
 * offset-only tokens lack: it is added as the token is made, in the same object literal.
 */
class OffsetLexer extends Lexer {
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
    return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType };
  }
}

let offsetLexer: Lexer | undefined;

/** Tokens with `startOffset` and `endOffset` only (no lines or columns), for the parser. */
export function tokenizeOffsets(text: string): ReturnType<Lexer['tokenize']> {
  offsetLexer ??= new OffsetLexer(allTokens, { ...LEXER_CONFIG, positionTracking: 'onlyOffset' });
  const lexed = offsetLexer.tokenize(text);
  // Should a Chevrotain release stop calling the method above, the offsets are still right.
  if (lexed.tokens.length > 0 && lexed.tokens[0]!.endOffset === undefined) {
    for (const t of lexed.tokens) t.endOffset = t.startOffset + t.image.length - 1;
  }
  return lexed;
}
