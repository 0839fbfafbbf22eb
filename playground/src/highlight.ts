/**
 * Highlighting by the language's own vocabulary: `grammar/tokens.json`, which `npm run gen` writes
 * from `src/syntax/lexer.ts` (test/generated.test.ts fails when it is out of date). The page used
 * to run `PledgeLexer` itself on each line, which brought Chevrotain into the page script (35 KB
 * gzipped of every first visit, issue 18); this scanner reads the same patterns in the same order,
 * with the lexer's two tie rules, and test/playground.test.ts holds it token for token to
 * `PledgeLexer` on every line of every bundled contract and on generated lines. The lexer's rules:
 * - at each position the first pattern that matches wins, in the order of `allTokens`: the
 *   literals of tokens.json up to `Dash`, then the keywords, then `Multiplier` and `Identifier`;
 * - a date, duration or number followed by more of a word is one `MalformedNumber`, and a keyword
 *   or factor followed by more of a name is an `Identifier` (Chevrotain's `longer_alt`: taken when
 *   it matches strictly longer);
 * - where nothing matches, the characters up to the next position where something does are one
 *   error (scoped `invalid`).
 * The only state carried between lines is "inside a block comment".
 */
import tokens from '../../grammar/tokens.json' with { type: 'json' };

/** A Monaco token: where it starts on the line and its scope (`keyword`, `number`, …). */
export interface LineToken {
  readonly startIndex: number;
  readonly scopes: string;
}

/** Scopes by token name; every token of the lexer's `allTokens` has one (a test holds this). */
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

interface Rule {
  readonly name: string;
  readonly scope: string;
  readonly re: RegExp;
  /** Chevrotain's `longer_alt`: this rule's match gives way to that one when it is longer. */
  readonly longer?: Rule;
}

const sticky = (pattern: string) => new RegExp(pattern, 'y');
const literal = (name: string) => {
  const found = tokens.literals.find((l) => l.name === name);
  if (!found) throw new Error(`grammar/tokens.json has no ${name}`);
  return found.pattern;
};
const rule = (name: string, longer?: Rule): Rule => ({ name, scope: SCOPES[name] ?? 'invalid', re: sticky(literal(name)), ...(longer ? { longer } : {}) });

const identifier = rule('Identifier');
const malformed = rule('MalformedNumber');
const LONGER: Record<string, Rule> = { DateLit: malformed, DurationLit: malformed, NumberLit: malformed, Multiplier: identifier };
const days = new Set(tokens.dayWords);
const periods = new Set(tokens.periodWords);
/** The keywords as the lexer tries them: longest first, so `per` cannot take the front of `period`. */
const keywordRules: Rule[] = [...tokens.keywords]
  .sort((a, b) => b.length - a.length || a.localeCompare(b))
  .map((word) => ({ name: `Kw_${word}`, scope: SCOPES[days.has(word) ? 'Day' : periods.has(word) ? 'PeriodKw' : 'Keyword']!, re: sticky(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), longer: identifier }));
const literals = tokens.literals.map((l) => l.name);
const dash = literals.indexOf('Dash');
/** Every rule in the lexer's order. */
const RULES: Rule[] = [
  ...literals.slice(0, dash + 1).map((name) => (name === 'MalformedNumber' ? malformed : rule(name, LONGER[name]))),
  ...keywordRules,
  ...literals.slice(dash + 1).map((name) => (name === 'Identifier' ? identifier : rule(name, LONGER[name]))),
];

function matchAt(rule: Rule, text: string, at: number): number {
  rule.re.lastIndex = at;
  const m = rule.re.exec(text);
  return m ? m[0].length : -1;
}

/** The token at `at`: its rule and length, or undefined when no pattern matches there. */
function tokenAt(text: string, at: number): { rule: Rule; length: number } | undefined {
  for (const r of RULES) {
    const length = matchAt(r, text, at);
    if (length < 0) continue;
    if (r.longer) {
      const alt = matchAt(r.longer, text, at);
      if (alt > length) return { rule: r.longer, length: alt };
    }
    return { rule: r, length };
  }
  return undefined;
}

/** Where a block comment that runs past its line closes. */
const COMMENT_CLOSE = '*/';

/**
 * Tokenizes one line. `inComment` says the line starts inside a block comment; the result says
 * whether the next line does.
 * @example tokenizeLine('  response 4h on business', false).tokens.map((t) => t.scopes)
 */
export function tokenizeLine(line: string, inComment: boolean): { tokens: LineToken[]; inComment: boolean } {
  const out: LineToken[] = [];
  let start = 0;
  if (inComment) {
    const close = line.indexOf(COMMENT_CLOSE);
    out.push({ startIndex: 0, scopes: 'comment' });
    if (close < 0) return { tokens: out, inComment: true };
    start = close + COMMENT_CLOSE.length;
  }
  let at = start;
  let end = start;
  let open = false;
  const push = (from: number, length: number, scopes: string) => {
    if (from > end) out.push({ startIndex: end, scopes: '' });
    out.push({ startIndex: from, scopes });
    end = from + length;
  };
  while (at < line.length) {
    const found = tokenAt(line, at);
    if (!found) {
      let next = at + 1;
      while (next < line.length && !tokenAt(line, next)) next++;
      push(at, next - at, 'invalid');
      at = next;
      continue;
    }
    if (found.rule.name !== 'WhiteSpace') push(at, found.length, found.rule.scope);
    open = found.rule.name === 'UnterminatedComment';
    at += found.length;
  }
  if (end < line.length) out.push({ startIndex: end, scopes: '' });
  return { tokens: out.length ? out : [{ startIndex: 0, scopes: '' }], inComment: open && at >= line.length };
}
