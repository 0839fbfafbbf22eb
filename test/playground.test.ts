/**
 * The playground's logic that runs outside the browser: highlighting by the lexer, the worker's
 * session (what the panels and the editor are sent), sharing, and the per-country holiday chunks.
 * The page itself is tested in Chromium by `playground/test/playground.e2e.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import HolidaysParser from 'date-holidays-parser';
import { countryChunk, holidayData, shellNames, zonesFor } from '../playground/holiday-chunks.js';
import { SCOPES, tokenizeLine, type LineToken } from '../playground/src/highlight.js';
import { decodeFragment, encodeFragment } from '../playground/src/share.js';
import { holidayRegions, Problem, Session } from '../playground/src/worker/session.js';
import { languageService, parse } from '../src/index.js';
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import * as T from '../src/syntax/lexer.js';
import { allTokens } from '../src/syntax/lexer.js';

const EXAMPLE = readFileSync(new URL('../contracts/realtime-messaging.pledge', import.meta.url), 'utf8');

/** The scope of a token type: its own entry, else its most specific keyword category. */
function scopeOf(type: TokenType): string | undefined {
  const own = SCOPES[type.name];
  if (own !== undefined) return own;
  // tokenMatcher reads the index chevrotain assigned when the lexer was built.
  const probe = { tokenType: type, tokenTypeIdx: type.tokenTypeIdx } as IToken;
  for (const category of [T.Day, T.PeriodKw, T.Keyword]) if (tokenMatcher(probe, category)) return SCOPES[category.name];
  return undefined;
}

/**
 * The reference: one line tokenized by `PledgeLexer` itself (what the page ran before issue 18 took
 * Chevrotain out of it), scoped the same way; the page's scanner must agree with it token for token.
 */
function lexerTokenizeLine(line: string, inComment: boolean): { tokens: LineToken[]; inComment: boolean } {
  const tokens: LineToken[] = [];
  let start = 0;
  if (inComment) {
    const close = line.indexOf('*/');
    tokens.push({ startIndex: 0, scopes: 'comment' });
    if (close < 0) return { tokens, inComment: true };
    start = close + 2;
  }
  const rest = line.slice(start);
  const lexed = T.PledgeLexer.tokenize(rest);
  const found: { offset: number; length: number; scopes: string }[] = [];
  for (const t of [...lexed.tokens, ...(lexed.groups['comments'] ?? [])]) found.push({ offset: t.startOffset, length: t.image.length, scopes: scopeOf(t.tokenType) ?? 'invalid' });
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

describe('highlighting by the lexer', () => {
  it('scans every line of every bundled contract exactly as PledgeLexer does', () => {
    let lines = 0;
    for (const file of readdirSync(new URL('../contracts/', import.meta.url)).filter((f) => f.endsWith('.pledge'))) {
      let page = false;
      let lexer = false;
      for (const line of readFileSync(new URL(`../contracts/${file}`, import.meta.url), 'utf8').split('\n')) {
        const a = tokenizeLine(line, page);
        const b = lexerTokenizeLine(line, lexer);
        expect({ file, line, ...a }).toEqual({ file, line, ...b });
        page = a.inComment;
        lexer = b.inComment;
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(500);
  });

  it('scans generated lines exactly as PledgeLexer does: near-keywords, malformed numbers, strings, comments, stray characters', () => {
    const pieces = ['priority', 'period', 'per', 'periods', 'mon', 'monthly', 'monx', 'x3', 'x3.5', 'x3a', 'x', '15min', '4h', '1h30m', '5d', '2026-01-31', '2026-01-31x', '17:30', '9:0', '99.9%', '3.5', '7', '7.', '..', '.', '-', '{', '}', ',', '"a b"', '"open', '"esc\\"', '// note', '/* c */', '/* open', '*/', '§', '€€', '#', ' ', '  ', '\t', 'P2', '_x', 'on', 'business'];
    // xorshift32: deterministic, and every piece and pair of pieces comes up.
    let seed = 2463534242;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % 65536;
    };
    for (let n = 0; n < 3000; n++) {
      const count = 1 + (next() % 8);
      let line = '';
      for (let i = 0; i < count; i++) line += pieces[next() % pieces.length]! + (next() % 3 === 0 ? '' : ' ');
      const inComment = next() % 5 === 0;
      expect({ line, starts: inComment, ...tokenizeLine(line, inComment) }).toEqual({ line, starts: inComment, ...lexerTokenizeLine(line, inComment) });
    }
  });

  it('gives every token type of the lexer a scope', () => {
    const missing = allTokens.filter((t) => scopeOf(t) === undefined).map((t) => t.name);
    expect(missing).toEqual([]);
    expect(scopeOf(allTokens.find((t) => t.name === 'Kw_priority')!)).toBe(SCOPES['Keyword']);
    expect(scopeOf(allTokens.find((t) => t.name === 'Kw_mon')!)).toBe(SCOPES['Day']);
  });

  it('scopes a target line word by word, whitespace included', () => {
    const line = '  response 4h on business // why';
    const { tokens, inComment } = tokenizeLine(line, false);
    const words = tokens.map((t, i) => [line.slice(t.startIndex, tokens[i + 1]?.startIndex ?? line.length), t.scopes]);
    expect(words).toEqual([
      ['  ', ''],
      ['response', 'identifier'],
      [' ', ''],
      ['4h', 'number.duration'],
      [' ', ''],
      ['on', 'keyword'],
      [' ', ''],
      ['business', 'identifier'],
      [' ', ''],
      ['// why', 'comment'],
    ]);
    expect(inComment).toBe(false);
  });

  it('carries a block comment across lines, and marks what the lexer rejects', () => {
    const first = tokenizeLine('clock r { /* starts', false);
    expect(first.inComment).toBe(true);
    expect(first.tokens.at(-1)).toEqual({ startIndex: 10, scopes: 'comment' });
    const middle = tokenizeLine('still a comment', true);
    expect(middle).toEqual({ tokens: [{ startIndex: 0, scopes: 'comment' }], inComment: true });
    const last = tokenizeLine('end */ stops 15min', true);
    expect(last.inComment).toBe(false);
    expect(last.tokens.map((t) => t.scopes)).toEqual(['comment', '', 'keyword', '', 'invalid']);
    expect(tokenizeLine('fee 5 § CNY', false).tokens.map((t) => t.scopes)).toEqual(['keyword', '', 'number', '', 'invalid', '', 'identifier']);
  });
});

describe('the worker session', () => {
  it('answers what-if as `pledge what-if` does: P2 filed Friday 17:00 is due Monday 12:30', () => {
    const result = new Session().whatIf(EXAMPLE, { priority: 'P2', filed: '2026-11-20T17:00', events: [] });
    expect(result.text).toMatch(/due\s+Mon 2026-11-23 12:30 \+08:00/);
    expect(result.json.clocks[0]).toMatchObject({ clock: 'response', due: '2026-11-23T12:30:00+08:00', state: 'breached' }); // as of the end of the term, with no reply given (issue 13, "As of")
    // The axis: from before the filing to past the last due time, with the calendar's open hours.
    const { view } = result;
    expect(view.from).toBeLessThan(Date.parse('2026-11-20T09:00:00Z'));
    expect(view.to).toBeGreaterThan(Date.parse('2026-11-25T07:30:00Z'));
    expect(view.rows.map((r) => r.clock)).toEqual(['response', 'resolution']);
    expect(view.rows[0]!.open).toContainEqual({ start: Date.parse('2026-11-23T01:00:00Z'), end: Date.parse('2026-11-23T09:30:00Z') });
    expect(view.marks.filter((m) => m.kind === 'breach').map((m) => m.label)).toContain('response breached Mon 2026-11-23 12:30 +08:00');
    expect(view.ticks.filter((t) => t.major).map((t) => t.label)).toContain('Mon 11-23');
  });

  it('pauses a clock for waiting on the customer and marks a breach', () => {
    const result = new Session().whatIf(EXAMPLE, {
      priority: 'P0',
      filed: '2026-11-20T17:00',
      events: [
        { event: 'first_reply', at: '2026-11-20T17:10' },
        { event: 'awaiting_customer', at: '2026-11-20T17:30' },
        { event: 'customer_replied', at: '2026-11-20T18:30' },
        { event: 'resolved', at: '2026-11-20T21:00' },
      ],
    });
    const resolution = result.json.clocks.find((c) => c.clock === 'resolution')!;
    expect(resolution.pauses).toEqual([{ from: '2026-11-20T17:30:00+08:00', to: '2026-11-20T18:30:00+08:00' }]);
    expect(resolution).toMatchObject({ due: '2026-11-20T20:00:00+08:00', state: 'breached' });
    expect(result.json.credits).toMatchObject([{ clock: 'resolution', percent: 10 }]);
    expect(result.view.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(['filed', 'event', 'escalation', 'breach', 'credit']));
  });

  it('says which instant a time in a daylight-saving gap or repeated hour was read as, and refuses events before the filing, as the CLI does', () => {
    const newYork = EXAMPLE.replaceAll('zone "Asia/Shanghai"', 'zone "America/New_York"');
    const gap = new Session().whatIf(newYork, { priority: 'P2', filed: '2026-03-08T02:30', events: [{ event: 'first_reply', at: '2026-11-01T01:30' }] });
    expect(gap.json.notices).toEqual(expect.arrayContaining([
      { code: 'PLG3010', severity: 'warning', message: 'filed: `2026-03-08T02:30` does not exist in America/New_York (the clocks spring forward): read as 2026-03-08T03:00:00-04:00, the first instant after the gap', at: '2026-03-08T03:00:00-04:00' },
      { code: 'PLG3011', severity: 'warning', message: 'first reply to the customer: `2026-11-01T01:30` happens twice in America/New_York (the clocks fall back): read as 2026-11-01T01:30:00-04:00, its first occurrence', at: '2026-11-01T01:30:00-04:00' },
    ]));
    expect(gap.text).toContain('warning PLG3010: filed: `2026-03-08T02:30` does not exist');
    const plain = new Session().whatIf(newYork, { priority: 'P2', filed: '2026-03-09T10:00', events: [] });
    expect(plain.json.notices).toEqual([]);
    expect(() => new Session().whatIf(EXAMPLE, { priority: 'P2', filed: '2026-11-20T17:00', events: [{ event: 'first_reply', at: '2026-11-20T16:00' }] })).toThrow(/error PLG3013: first reply to the customer at 2026-11-20T16:00 \(2026-11-20T16:00:00\+08:00\) comes before the filing/);
  });

  it('shows the `update every` promise: a summary in words, and a timeline row with each interval due, late ones as breaches', () => {
    const tiered = readFileSync(new URL('../contracts/tiered-plans.pledge', import.meta.url), 'utf8');
    // P0 every 2h on always: filed 10:00, a reply at 11:00 (first interval met), then silence: late at
    // 13:00 and 15:00, and the interval from 15:00 ends met at the resolution, 16:00.
    const result = new Session().whatIf(tiered, {
      priority: 'P0',
      plan: 'emergency',
      filed: '2027-03-01T10:00',
      events: [
        { event: 'first_reply', at: '2027-03-01T11:00' },
        { event: 'resolved', at: '2027-03-01T16:00' },
      ],
    });
    expect(result.json.updates?.map((u) => u.state)).toEqual(['met', 'breached', 'breached', 'met']);
    const row = result.view.rows.find((r) => r.clock === 'update')!;
    expect(row).toMatchObject({ label: 'updates · every 2h on always', state: '2 late' });
    expect(row.open.length).toBeGreaterThan(0);
    const marks = result.view.marks.filter((m) => m.row === 'update');
    expect(marks.map((m) => `${m.kind} ${m.label}`)).toEqual([
      'breach update late Mon 2027-03-01 13:00 +01:00',
      'breach update late Mon 2027-03-01 15:00 +01:00',
    ]);
  });

  it('refuses to run a contract with errors and lists them', () => {
    const broken = EXAMPLE.replace('response 4h on business', 'response 4h on businessx');
    expect(() => new Session().whatIf(broken, { priority: 'P2', filed: '2026-11-20T17:00', events: [] })).toThrow(Problem);
    try {
      new Session().calendar(broken, 'business', '2026-10-01', '2026-10-07');
    } catch (error) {
      expect((error as Problem).details).toEqual(['50:18: PLG2001: unknown calendar `businessx`']);
    }
  });

  it('sends markers with code and help as editor ranges, and their fixes as the language service\'s code actions', () => {
    const broken = EXAMPLE.replace('response 4h on business', 'response 4h on businessx');
    const session = new Session();
    const { markers, names } = session.check(broken, 'fast');
    const m = markers.find((x) => x.code === 'PLG2001')!;
    expect(m).toMatchObject({ severity: 'error', message: 'unknown calendar `businessx`', help: 'did you mean `business`?', startLineNumber: 50, startColumn: 18, endLineNumber: 50, endColumn: 27 });
    const actions = session.codeActions(broken, { startLineNumber: 50, startColumn: 20, endLineNumber: 50, endColumn: 20 });
    expect(actions).toEqual([{ code: 'PLG2001', marker: m, title: 'replace with `business`', edits: [{ startLineNumber: 50, startColumn: 18, endLineNumber: 50, endColumn: 27, text: 'business' }] }]);
    expect(session.codeActions(broken, { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 })).toEqual([]);
    expect(names).toMatchObject({ calendars: ['business', 'always'], priorities: ['P0', 'P1', 'P2', 'P3'], zone: 'Asia/Shanghai', term: { from: '2026-01-01', to: '2026-12-31' }, notable: '2026-10-01' });
    expect(names.scenarios).toEqual([{ title: 'March evening peak', seed: 42 }]);
  });

  it('marks the findings only full checks make, so the page keeps them while fast checks run', () => {
    const unknownRegion = EXAMPLE.replace('holidays "CN"', 'holidays "XX"');
    const session = new Session();
    expect(session.check(unknownRegion, 'fast').markers.map((m) => m.code)).toEqual(['PLG2022']);
    const full = session.check(unknownRegion, 'all').markers;
    expect(full.map((m) => [m.code, m.slow ?? false])).toEqual([['PLG2037', true], ['PLG2022', false]]);
  });

  it('explains a target on hover, in words, with the exact worst case', () => {
    const hover = new Session().hover(EXAMPLE, 50, 14)!;
    expect(hover.range.start.line).toBe(50);
    expect(hover.lines.join('\n')).toContain('starts when the ticket is filed and stops at the first reply');
    expect(hover.lines.join('\n')).toContain('within 4 hours of open time');
    expect(hover.lines.at(-1)).toBe('Worst case: at most 9d 19h 30m of real time, when filed Sat 2026-02-14 17:30 +08:00.');
    expect(new Session().hover(EXAMPLE, 1, 1)).toBeUndefined();
  });

  it('completes with the language service: declared calendars after `on`, replacing the word typed', () => {
    const text = EXAMPLE.replace('response 4h on business', 'response 4h on bus');
    const { items, range } = new Session().complete(text, 50, 21);
    expect(items.filter((i) => i.kind === 'module').map((i) => i.label)).toEqual(['business', 'always']);
    expect(range).toEqual({ startLineNumber: 50, startColumn: 18, endLineNumber: 50, endColumn: 21 });
  });

  it('escapes contract text for markdown hovers', () => {
    expect(languageService.escapeMarkdown('[x](javascript:alert(1)) <b>*')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>\\*');
  });

  it('names the holiday regions a contract uses, for the worker to load first', () => {
    expect(holidayRegions(parse(EXAMPLE).ast)).toEqual(['CN']);
  });
});

describe('sharing in the URL fragment', () => {
  it('round-trips any text, compressed', async () => {
    const text = `${EXAMPLE}// 中文, emoji 🎉, "quotes" and <tags>\n`;
    const fragment = await encodeFragment(text);
    expect(fragment).toMatch(/^c=[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(new TextEncoder().encode(text).length);
    expect(await decodeFragment(`#${fragment}`)).toBe(text);
  });

  it('ignores other fragments and refuses damaged or oversized ones', async () => {
    expect(await decodeFragment('#section-2')).toBeUndefined();
    await expect(decodeFragment('#c=%%%')).rejects.toThrow();
    await expect(decodeFragment('#c=AAAA')).rejects.toThrow();
    const bomb = await encodeFragment(' '.repeat(11 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(decodeFragment(bomb)).rejects.toThrow('too large');
  });
});

describe('holiday data split per country', () => {
  it('gives each country chunk every zone date-holidays computes its dates in', () => {
    const { holidays } = holidayData();
    const missing: string[] = [];
    for (const code of Object.keys(holidays)) {
      const { zones, links } = zonesFor(holidays[code]);
      const have = new Set([...zones.map((z) => z.split('|')[0]), ...links.map((l) => l.split('|')[1])]);
      const hd = new Holidays(code);
      const wanted = new Set(hd.getTimezones());
      for (const state of Object.keys(hd.getStates(code) ?? {})) for (const z of new Holidays(code, state).getTimezones()) wanted.add(z);
      for (const z of wanted) if (!have.has(z)) missing.push(`${code}: ${z}`);
    }
    expect(Object.keys(holidays).length).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it('names every holiday as the whole data set does, from the shell and the country chunk alone', () => {
    const { version, license, holidays } = holidayData();
    const differ: string[] = [];
    for (const code of Object.keys(holidays)) {
      // What the worker's loader puts in the data object: the country's chunk and those it requires.
      const split = { version, license, names: { ...shellNames() }, holidays: {} as Record<string, unknown> };
      const install = (c: string): string[] => {
        const chunk = countryChunk(c);
        split.holidays[c] = chunk.holidays;
        Object.assign(split.names, chunk.names);
        return chunk.requires;
      };
      install(code).forEach(install);
      const whole = new Holidays(code);
      const part = new HolidaysParser(split, code);
      for (const lang of ['en', 'zh', ...(whole.getLanguages() ?? [])]) {
        const a = JSON.stringify(whole.getHolidays(2026, lang));
        const b = JSON.stringify(part.getHolidays(2026, lang));
        if (a !== b) differ.push(`${code} ${lang}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
