/**
 * The VS Code extension's TextMate grammar against the real lexer. The committed file must be
 * what `npm run gen` writes (test/generated.test.ts checks that); here a small TextMate-style
 * matcher (patterns tried in order at each position, begin/end for comments and strings) runs the
 * grammar over every library contract, and each lexer token must get a scope of its own kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textmatePatterns, type TmPattern } from '../../scripts/gen-textmate.js';
import * as T from '../../src/syntax/lexer.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Scopes by start offset, as a TextMate tokenizer would give them (single-line matches). */
function scopes(text: string, patterns: readonly TmPattern[]): Map<number, { scope: string; length: number }> {
  const compiled = patterns.map((p) => ({ p, re: new RegExp(p.match ?? p.begin!, 'my') }));
  const out = new Map<number, { scope: string; length: number }>();
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let matched = false;
    for (const { p, re } of compiled) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      let end = i + m[0].length;
      if (p.end) {
        const close = new RegExp(p.end, 'gm');
        // Escapes inside strings are skipped over before looking for the end.
        let from = end;
        for (;;) {
          close.lastIndex = from;
          const e = close.exec(text);
          if (!e) {
            end = text.length;
            break;
          }
          const escaped = p.patterns && text.slice(from, e.index).match(/\\+$/)?.[0].length;
          if (escaped && escaped % 2 === 1) {
            from = e.index + 1;
            continue;
          }
          end = e.index + e[0].length;
          break;
        }
      }
      out.set(i, { scope: p.name, length: end - i });
      i = end;
      matched = true;
      break;
    }
    if (!matched) {
      const word = /[A-Za-z0-9_]+/y;
      word.lastIndex = i;
      i += word.exec(text)?.[0].length ?? 1;
    }
  }
  return out;
}

/** The scope family a lexer token must get. */
function expected(t: import('chevrotain').TokenType): RegExp | undefined {
  if (t === T.LineComment || t === T.BlockComment) return /^comment\./;
  if (t === T.StringLit) return /^string\./;
  if (t === T.MalformedNumber) return /^invalid\./;
  if ([T.DateLit, T.TimeLit, T.PercentLit, T.DurationLit, T.NumberLit].includes(t)) return /^constant\.numeric\./;
  if (t.CATEGORIES?.includes(T.Day) || t.CATEGORIES?.includes(T.PeriodKw)) return /^constant\.language\./;
  if (t.CATEGORIES?.includes(T.Keyword)) return /^(keyword|storage)\./;
  if (t === T.Multiplier || t === T.Dash || t === T.DotDot) return /^keyword\.operator\./;
  if (t === T.LCurly || t === T.RCurly || t === T.Comma) return /^punctuation\./;
  return undefined;
}

describe('the TextMate grammar follows the lexer', () => {
  const patterns = textmatePatterns();
  const files = readdirSync(path.join(ROOT, 'contracts')).filter((f) => f.endsWith('.pledge'));
  const extra = 'priority P0 { response 15min on x3 } scenario "s" { peak mon-fri 18:00-22:00 x3 work P0 30m..2h burst 2026-03-14 20:00-23:00 x10 }\n"a \\" b" // c\n/* d\n e */';
  for (const [name, text] of [...files.map((f) => [f, readFileSync(path.join(ROOT, 'contracts', f), 'utf8')] as const), ['edge cases', extra] as const]) {
    it(name, () => {
      const got = scopes(text, patterns);
      const lexed = T.PledgeLexer.tokenize(text);
      const wrong: string[] = [];
      for (const t of [...lexed.tokens, ...(lexed.groups['comments'] ?? [])]) {
        const want = expected(t.tokenType);
        const s = got.get(t.startOffset);
        if (want === undefined) {
          // Names: the grammar leaves them alone, or marks a ticket event.
          if (s && !/^support\.constant\.event\./.test(s.scope)) wrong.push(`${t.image} (${t.tokenType.name}) got ${s.scope}`);
          continue;
        }
        if (!s || !want.test(s.scope) || s.length !== t.image.length) wrong.push(`${t.image} (${t.tokenType.name}) at ${t.startLine}:${t.startColumn} got ${s ? `${s.scope} +${s.length}` : 'nothing'}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('names every keyword of the lexer', () => {
    const all = patterns.map((p) => p.match ?? '').join('\n');
    expect(Object.keys(T.keywords).filter((k) => !new RegExp(`[|:]${k}[|)]`).test(all))).toEqual([]);
  });
});
