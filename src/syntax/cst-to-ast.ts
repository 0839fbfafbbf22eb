/**
 * CST → AST. Reads the concrete tree the parser built, checks literal values (dates that exist,
 * times within the day, well-formed durations) and builds the readonly AST.
 *
 * Recovery contract: a statement whose required parts are missing (the parser already reported
 * why) is dropped, so every node in the AST is complete and later phases need no null checks.
 */
import type { CstNode, IToken } from 'chevrotain';
import * as A from '../ast/nodes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/catalog.js';
import { LIMITS } from './limits.js';
import type { LineIndex } from './line-index.js';
import * as T from './lexer.js';

type Child = CstNode | IToken;
type Ctx = Record<string, Child[] | undefined>;

/** Thrown when a required child is missing; caught where the incomplete node is dropped. */
class Incomplete extends Error {}

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

function spanRange(a: A.Range, b: A.Range): A.Range {
  return { start: a.start, end: b.end };
}

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly lines: LineIndex) {}

  /** The range of one token, end exclusive. */
  private tokenRange(t: IToken): A.Range {
    return this.lines.range(t.startOffset, t.image.length);
  }

  private report(code: Code, message: string, range: A.Range, help?: string): void {
    this.diagnostics.push(diagnostic(code, message, range, help === undefined ? {} : { help }));
  }

  // ---- child access ------------------------------------------------------------------------

  /** Tokens under `key` that the source really contains (recovery may insert virtual ones). */
  private toks(ctx: Ctx, key: string): IToken[] {
    const list = ctx[key];
    if (list === undefined) return [];
    if (list.length === 1) {
      const c = list[0]!;
      return isToken(c) && !c.isInsertedInRecovery && !Number.isNaN(c.startOffset) ? [c] : [];
    }
    return list.filter((c): c is IToken => isToken(c) && !c.isInsertedInRecovery && !Number.isNaN(c.startOffset));
  }
  private tok(ctx: Ctx, key: string): IToken | undefined {
    return this.toks(ctx, key)[0];
  }
  private need<T>(x: T | undefined): T {
    if (x === undefined) throw new Incomplete();
    return x;
  }
  private subs(ctx: Ctx, key: string): CstNode[] {
    const list = ctx[key];
    if (list === undefined) return [];
    return list.filter((c): c is CstNode => !isToken(c));
  }
  private sub(ctx: Ctx, key: string): CstNode | undefined {
    return this.subs(ctx, key)[0];
  }

  /** The node's range from its first to its last real token. */
  private nodeRange(node: CstNode): A.Range {
    const loc = node.location;
    // The parser tracks offsets only; `endOffset` is the node's last character, and no token of a
    // statement holds a line break, so the range is the characters from start to end.
    if (loc && !Number.isNaN(loc.startOffset) && loc.endOffset !== undefined && !Number.isNaN(loc.endOffset)) {
      return this.lines.range(loc.startOffset, loc.endOffset + 1 - loc.startOffset);
    }
    throw new Incomplete();
  }

  /** Runs `build`, dropping the node if it is incomplete. */
  private maybe<T>(build: () => T): T | undefined {
    try {
      return build();
    } catch (e) {
      if (e instanceof Incomplete) return undefined;
      throw e;
    }
  }
  private each<T>(nodes: CstNode[], build: (n: CstNode) => T): T[] {
    const out: T[] = [];
    for (const n of nodes) {
      const v = this.maybe(() => build(n));
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  // ---- leaves ------------------------------------------------------------------------------

  private name(t: IToken | undefined): A.Name {
    const token = this.need(t);
    return { kind: 'Name', text: token.image, range: this.tokenRange(token) };
  }

  private declName(ctx: Ctx): A.Name {
    const node = this.need(this.sub(ctx, 'declName'));
    const c = node.children as Ctx;
    const id = this.tok(c, 'Identifier');
    if (id) return this.name(id);
    const k = this.need(this.tok(c, 'Keyword'));
    this.report('PLG1017', `\`${k.image}\` is a keyword and cannot be used as a name`, this.tokenRange(k), `choose another name, such as \`${k.image}_\``);
    return this.name(k);
  }

  private str(t: IToken | undefined): A.Str {
    const token = this.need(t);
    const range = this.tokenRange(token);
    let raw = token.image;
    if (token.tokenType === T.UnterminatedString) {
      this.report('PLG1013', 'unterminated string', range, 'add the closing `"` on the same line');
      raw = raw.slice(1);
    } else {
      raw = raw.slice(1, -1);
    }
    // Most strings have no escape: their text is the value.
    if (raw.indexOf('\\') < 0) return { kind: 'Str', value: raw, range };
    let value = '';
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i]!;
      if (ch !== '\\') {
        value += ch;
        continue;
      }
      const next = raw[i + 1];
      i++;
      if (next === '\\' || next === '"') value += next;
      else if (next === 'n') value += '\n';
      else if (next === 't') value += '\t';
      else if (next === 'u' && raw[i + 1] === '{') {
        const close = raw.indexOf('}', i + 2);
        const hex = close < 0 ? '' : raw.slice(i + 2, close);
        const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (Number.isNaN(cp) || cp > 0x10ffff) {
          this.report('PLG1014', `invalid unicode escape in string`, range, 'write `\\u{` then 1 to 6 hex digits then `}`');
        } else {
          value += String.fromCodePoint(cp);
          i = close;
        }
      } else {
        this.report('PLG1014', `invalid escape \`\\${next ?? ''}\` in string`, range, 'the escapes are `\\\\`, `\\"`, `\\n`, `\\t` and `\\u{…}`');
        if (next !== undefined) value += next;
      }
    }
    return { kind: 'Str', value, range };
  }

  private date(t: IToken | undefined): A.DateLit {
    const token = this.need(t);
    const range = this.tokenRange(token);
    const [y, m, d] = token.image.split('-').map(Number) as [number, number, number];
    const valid = m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && y >= 1900 && y <= 2200;
    if (!valid) {
      this.report('PLG1010', `\`${token.image}\` is not a date`, range, y < 1900 || y > 2200 ? 'years run from 1900 to 2200' : 'write dates as YYYY-MM-DD with a real month and day');
    }
    return { kind: 'Date', year: y, month: valid ? m : Math.min(Math.max(m, 1), 12), day: valid ? d : 1, range };
  }

  private time(t: IToken | undefined): A.TimeLit {
    const token = this.need(t);
    const range = this.tokenRange(token);
    const [h, m] = token.image.split(':').map(Number) as [number, number];
    let minutes = h * 60 + m;
    if (m > 59 || minutes > 1440) {
      this.report('PLG1011', `\`${token.image}\` is not a time of day`, range, 'times run from 00:00 to 24:00, the end of the day');
      minutes = Math.min(Math.max(minutes, 0), 1440);
    }
    return { kind: 'Time', minutes, range };
  }

  private timeRange(node: CstNode): A.TimeRange {
    const c = node.children as Ctx;
    return { kind: 'TimeRange', from: this.time(this.tok(c, 'from')), to: this.time(this.tok(c, 'to')), range: this.nodeRange(node) };
  }

  private timeRanges(node: CstNode | undefined): A.TimeRange[] {
    const ranges = this.each(this.subs(this.need(node).children as Ctx, 'timeRange'), (n) => this.timeRange(n));
    if (ranges.length === 0) throw new Incomplete();
    return ranges;
  }

  private days(node: CstNode | undefined): A.DayRange[] {
    const days = this.each(this.subs(this.need(node).children as Ctx, 'dayRange'), (n) => {
      const c = n.children as Ctx;
      const from = this.need(this.tok(c, 'from')).image as A.Weekday;
      const to = (this.tok(c, 'to')?.image ?? from) as A.Weekday;
      return { kind: 'DayRange', from, to, range: this.nodeRange(n) } satisfies A.DayRange;
    });
    if (days.length === 0) throw new Incomplete();
    return days;
  }

  private duration(t: IToken | undefined): A.DurationLit {
    const token = this.need(t);
    const range = this.tokenRange(token);
    const text = token.image;
    const parts = [...text.matchAll(/(\d+)([dhm])/g)].map((m) => [Number(m[1]), m[2] as 'd' | 'h' | 'm'] as const);
    const units = parts.map(([, u]) => u).join('');
    const ordered = ['d', 'h', 'm', 'hm'].includes(units);
    if (!ordered) {
      const mixesDays = units.includes('d') && units.length > 1;
      this.report(
        'PLG1012',
        mixesDays ? `\`${text}\` mixes open days with hours or minutes` : `\`${text}\` is not a duration`,
        range,
        mixesDays ? 'a `d` duration counts whole open days; write it alone (`2d`), or in hours (`20h`)' : 'write hours before minutes, each once: `1h30m`',
      );
    }
    if (units === 'd') {
      const amount = parts[0]![0];
      if (amount > LIMITS.maxDurationDays) this.report('PLG1015', `\`${text}\` is longer than the limit of ${LIMITS.maxDurationDays} days`, range);
      return { kind: 'Duration', unit: 'day', amount, text, range };
    }
    let minutes = 0;
    for (const [n, u] of parts) minutes += u === 'd' ? n * 1440 : u === 'h' ? n * 60 : n;
    if (minutes > LIMITS.maxDurationMinutes) this.report('PLG1015', `\`${text}\` is longer than the limit of ten years`, range);
    return { kind: 'Duration', unit: 'minute', amount: minutes, text, range };
  }

  private percent(t: IToken | undefined): A.PercentLit {
    const token = this.need(t);
    const text = token.image.slice(0, -1);
    return { kind: 'Percent', value: Number(text), text, range: this.tokenRange(token) };
  }

  private number(t: IToken | undefined, whole = false, text?: string): A.NumberLit {
    const token = this.need(t);
    const range = this.tokenRange(token);
    const literal = text ?? token.image;
    const value = Number(literal);
    if (value > LIMITS.maxNumber) this.report('PLG1015', `\`${literal}\` is larger than the limit of ${LIMITS.maxNumber}`, range);
    else if (whole && !Number.isInteger(value)) this.report('PLG1015', `\`${literal}\` must be a whole number`, range);
    return { kind: 'Number', value, text: literal, range };
  }

  private multiplier(t: IToken | undefined): A.NumberLit {
    const token = this.need(t);
    return this.number(token, false, token.image.slice(1));
  }

  private period(t: IToken | undefined): A.Period {
    return this.need(t).image as A.Period;
  }

  private names(node: CstNode | undefined): A.Name[] {
    const list = this.toks(this.need(node).children as Ctx, 'Identifier').map((t) => this.name(t));
    if (list.length === 0) throw new Incomplete();
    return list;
  }

  private dateSpan(node: CstNode | undefined): { from: A.DateLit; to: A.DateLit } {
    const c = this.need(node).children as Ctx;
    return { from: this.date(this.tok(c, 'from')), to: this.date(this.tok(c, 'to')) };
  }

  // ---- declarations ------------------------------------------------------------------------

  contract(node: CstNode, text: string): A.Contract {
    const declarations = this.each(this.subs(node.children as Ctx, 'declaration'), (d) => this.declaration(d));
    const end = endPosition(text);
    return { kind: 'Contract', declarations, range: { start: { line: 1, column: 1, offset: 0 }, end } };
  }

  private declaration(node: CstNode): A.Declaration {
    // A declaration has one child, its one alternative (the first key of its children).
    let inner: CstNode | undefined;
    for (const key in node.children) {
      inner = (node.children as Ctx)[key]![0] as CstNode | undefined;
      break;
    }
    const n = this.need(inner);
    const c = n.children as Ctx;
    const range = this.nodeRange(n);
    switch (n.name) {
      case 'sla':
        return {
          kind: 'Sla',
          title: this.str(this.tok(c, 'StringLit')),
          body: this.each(this.subs(c, 'slaStmt'), (s) => this.slaStmt(s)),
          range,
        };
      case 'calendar':
        return {
          kind: 'Calendar',
          name: this.declName(c),
          ...optional('title', this.tok(c, 'StringLit') && this.str(this.tok(c, 'StringLit'))),
          body: this.each(this.subs(c, 'calendarStmt'), (s) => this.calendarStmt(s)),
          range,
        };
      case 'clock':
        return {
          kind: 'Clock',
          name: this.declName(c),
          body: this.each(this.subs(c, 'clockStmt'), (s) => {
            const sc = s.children as Ctx;
            return {
              kind: 'ClockRule',
              action: this.need(this.tok(sc, 'action')).image as A.ClockAction,
              events: this.names(this.sub(sc, 'nameList')),
              range: this.nodeRange(s),
            } satisfies A.ClockStmt;
          }),
          range,
        };
      case 'priority':
        return {
          kind: 'Priority',
          name: this.declName(c),
          ...optional('title', this.tok(c, 'StringLit') && this.str(this.tok(c, 'StringLit'))),
          body: this.priorityBody(this.sub(c, 'priorityBody')),
          range,
        };
      case 'reclassify': {
        const policy: A.ReclassifyPolicy = this.tok(c, 'Kw_keeps') ? 'keeps-elapsed' : this.tok(c, 'Kw_restarts') ? 'restarts' : this.tok(c, 'Kw_stricter') ? 'stricter' : this.need<A.ReclassifyPolicy>(undefined);
        if (policy === 'keeps-elapsed') this.need(this.tok(c, 'Kw_elapsed'));
        return { kind: 'Reclassify', policy, range };
      }
      case 'escalation':
        return {
          kind: 'Escalation',
          ...optional('title', this.tok(c, 'StringLit') && this.str(this.tok(c, 'StringLit'))),
          priorities: this.sub(c, 'nameList') ? this.names(this.sub(c, 'nameList')) : [],
          steps: this.each(this.subs(c, 'escalationStep'), (s) => {
            const sc = s.children as Ctx;
            const pct = this.tok(sc, 'PercentLit');
            return {
              kind: 'EscalationStep',
              at: pct ? this.percent(pct) : this.duration(this.tok(sc, 'DurationLit')),
              clock: this.name(this.tok(sc, 'Identifier')),
              notify: this.nonEmpty(this.toks(sc, 'StringLit').map((t) => this.str(t))),
              range: this.nodeRange(s),
            } satisfies A.EscalationStep;
          }),
          range,
        };
      case 'contact':
        return {
          kind: 'Contact',
          name: this.str(this.tok(c, 'StringLit')),
          calendar: this.name(this.tok(c, 'Identifier')),
          ...optional('via', this.tok(c, 'via') && this.str(this.tok(c, 'via'))),
          range,
        };
      case 'availability':
        return {
          kind: 'Availability',
          target: this.percent(this.tok(c, 'PercentLit')),
          period: this.period(this.tok(c, 'PeriodKw')),
          body: this.each(this.subs(c, 'maintenanceStmt'), (s) => {
            const sc = s.children as Ctx;
            return {
              kind: 'Maintenance',
              excluded: this.tok(sc, 'Kw_excludes') !== undefined,
              days: this.days(this.sub(sc, 'days')),
              window: this.timeRange(this.need(this.sub(sc, 'timeRange'))),
              calendar: this.name(this.tok(sc, 'Identifier')),
              range: this.nodeRange(s),
            } satisfies A.MaintenanceStmt;
          }),
          range,
        };
      case 'credits':
        return { kind: 'Credits', body: this.each(this.subs(c, 'creditStmt'), (s) => this.creditStmt(s)), range };
      case 'assert':
        return {
          kind: 'Assert',
          title: this.str(this.tok(c, 'StringLit')),
          body: this.each(this.subs(c, 'assertStmt'), (s) => {
            const sc = s.children as Ctx;
            return {
              kind: 'Within',
              priorities: this.names(this.sub(sc, 'nameList')),
              clock: this.name(this.tok(sc, 'clock')),
              bound: this.duration(this.tok(sc, 'DurationLit')),
              wall: this.tok(sc, 'Kw_wall') !== undefined,
              excludingPauses: this.tok(sc, 'Kw_excluding') !== undefined,
              under: this.sub(sc, 'events') ? this.names(this.sub(sc, 'events')) : [],
              range: this.nodeRange(s),
            } satisfies A.AssertStmt;
          }),
          range,
        };
      case 'scenario':
        return {
          kind: 'Scenario',
          title: this.str(this.tok(c, 'StringLit')),
          body: this.each(this.subs(c, 'scenarioStmt'), (s) => this.scenarioStmt(s)),
          range,
        };
      case 'plan':
        return {
          kind: 'Plan',
          name: this.declName(c),
          ...optional('title', this.tok(c, 'StringLit') && this.str(this.tok(c, 'StringLit'))),
          ...optional('parent', this.tok(c, 'parent') && this.name(this.tok(c, 'parent'))),
          body: this.each(this.subs(c, 'planStmt'), (s) => this.planStmt(s)),
          range,
        };
      default:
        throw new Incomplete();
    }
  }

  private nonEmpty<T>(list: T[]): T[] {
    if (list.length === 0) throw new Incomplete();
    return list;
  }

  private slaStmt(node: CstNode): A.SlaStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    if (this.tok(c, 'Kw_provider')) return { kind: 'Party', role: 'provider', name: this.str(this.tok(c, 'StringLit')), range };
    if (this.tok(c, 'Kw_customer')) return { kind: 'Party', role: 'customer', name: this.str(this.tok(c, 'StringLit')), range };
    if (this.tok(c, 'Kw_term')) return { kind: 'Term', ...this.dateSpan(this.sub(c, 'dateSpan')), range };
    if (this.tok(c, 'Kw_fee')) {
      return {
        kind: 'Fee',
        amount: this.number(this.tok(c, 'NumberLit')),
        currency: this.name(this.tok(c, 'Identifier')),
        period: this.period(this.tok(c, 'PeriodKw')),
        range,
      };
    }
    throw new Incomplete();
  }

  private calendarStmt(node: CstNode): A.CalendarStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    if (this.tok(c, 'Kw_zone')) return { kind: 'Zone', zone: this.str(this.tok(c, 'StringLit')), range };
    if (this.tok(c, 'Kw_hours')) return { kind: 'Hours', days: this.days(this.sub(c, 'days')), ranges: this.timeRanges(this.sub(c, 'timeRanges')), range };
    if (this.tok(c, 'Kw_holidays')) {
      if (this.tok(c, 'file')) return { kind: 'HolidaysFile', file: this.str(this.tok(c, 'file')), range };
      return { kind: 'Holidays', region: this.str(this.tok(c, 'region')), types: this.toks(c, 'Identifier').map((t) => this.name(t)), range };
    }
    if (this.tok(c, 'Kw_closed')) {
      return {
        kind: 'Closed',
        from: this.date(this.tok(c, 'from')),
        ...optional('to', this.tok(c, 'to') && this.date(this.tok(c, 'to'))),
        ...optional('reason', this.tok(c, 'reason') && this.str(this.tok(c, 'reason'))),
        range,
      };
    }
    if (this.tok(c, 'Kw_open')) {
      return {
        kind: 'Open',
        date: this.date(this.tok(c, 'date')),
        ranges: this.timeRanges(this.sub(c, 'timeRanges')),
        ...optional('reason', this.tok(c, 'openReason') && this.str(this.tok(c, 'openReason'))),
        range,
      };
    }
    throw new Incomplete();
  }

  private priorityBody(node: CstNode | undefined): A.PriorityStmt[] {
    const c = this.need(node).children as Ctx;
    return this.each(this.subs(c, 'priorityStmt'), (s) => this.priorityStmt(s));
  }

  private priorityStmt(node: CstNode): A.PriorityStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    if (this.tok(c, 'Kw_means')) return { kind: 'Means', text: this.str(this.tok(c, 'StringLit')), range };
    if (this.tok(c, 'Kw_update')) return { kind: 'Update', every: this.duration(this.tok(c, 'every')), calendar: this.name(this.tok(c, 'calendar')), range };
    return {
      kind: 'Target',
      clock: this.name(this.tok(c, 'clock')),
      duration: this.duration(this.tok(c, 'duration')),
      calendar: this.name(this.tok(c, 'targetCalendar')),
      range,
    };
  }

  private feeShare(node: CstNode | undefined): A.PercentLit {
    const c = this.need(node).children as Ctx;
    this.need(this.tok(c, 'Kw_fee'));
    return this.percent(this.tok(c, 'PercentLit'));
  }

  /** `500 USD` */
  private money(n: IToken | undefined, currency: IToken | undefined): A.MoneyLit {
    const amount = this.number(n);
    const cur = this.name(currency);
    return { kind: 'Money', amount, currency: cur, range: spanRange(amount.range, cur.range) };
  }

  /** `per 12 months`; the checker reports a word other than `months` or N outside 2..36 (PLG2124). */
  private rolling(n: IToken | undefined, word: IToken | undefined): A.NumberLit & { readonly unit: A.Name } {
    return { ...this.number(n, true), unit: this.name(word) };
  }

  private creditStmt(node: CstNode): A.CreditStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    // `cap … per 12 months` has a `per` too: the breach credit is the statement starting with `per breach`.
    if (this.tok(c, 'Kw_per') && this.tok(c, 'Kw_breach')) {
      return {
        kind: 'BreachCredit',
        priority: this.name(this.tok(c, 'priority')),
        clock: this.name(this.tok(c, 'clock')),
        amount: this.tok(c, 'money') ? this.money(this.tok(c, 'money'), this.tok(c, 'currency')) : this.feeShare(this.sub(c, 'feeShare')),
        ...optional('perLate', this.tok(c, 'perLate') && this.duration(this.tok(c, 'perLate'))),
        ...optional(
          'upTo',
          this.tok(c, 'upToPercent') ? this.percent(this.tok(c, 'upToPercent')) : this.tok(c, 'upToMoney') ? this.money(this.tok(c, 'upToMoney'), this.tok(c, 'upToCurrency')) : undefined,
        ),
        range,
      };
    }
    if (this.tok(c, 'Kw_when')) {
      return {
        kind: 'AvailabilityCredit',
        ...optional('from', this.tok(c, 'from') && this.percent(this.tok(c, 'from'))),
        below: this.percent(this.tok(c, 'below')),
        amount: this.feeShare(this.sub(c, 'feeShare')),
        range,
      };
    }
    if (this.tok(c, 'Kw_cap')) {
      return {
        kind: 'Cap',
        amount: this.feeShare(this.sub(c, 'feeShare')),
        ...optional('period', this.tok(c, 'PeriodKw') && this.period(this.tok(c, 'PeriodKw'))),
        ...optional('rolling', this.tok(c, 'months') && this.rolling(this.tok(c, 'months'), this.tok(c, 'monthsWord'))),
        range,
      };
    }
    if (this.tok(c, 'Kw_claim')) {
      const n = this.tok(c, 'NumberLit');
      const within: A.DurationLit | A.CyclesLit = n
        ? { kind: 'Cycles', count: this.number(n, true), range: spanRange(this.tokenRange(n), this.tokenRange(this.need(this.tok(c, 'Kw_cycles')))) }
        : this.duration(this.tok(c, 'DurationLit'));
      return { kind: 'Claim', within, range };
    }
    throw new Incomplete();
  }

  private scenarioStmt(node: CstNode): A.ScenarioStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    if (this.tok(c, 'Kw_period')) return { kind: 'Period', ...this.dateSpan(this.sub(c, 'dateSpan')), range };
    if (this.tok(c, 'Kw_arrivals')) return { kind: 'Arrivals', count: this.number(this.tok(c, 'NumberLit')), per: this.period(this.tok(c, 'PeriodKw')), range };
    if (this.tok(c, 'Kw_peak')) {
      return {
        kind: 'Peak',
        days: this.days(this.sub(c, 'days')),
        window: this.timeRange(this.need(this.sub(c, 'timeRange'))),
        factor: this.multiplier(this.tok(c, 'Multiplier')),
        range,
      };
    }
    if (this.tok(c, 'Kw_burst')) {
      const w = this.sub(c, 'timeRange');
      return {
        kind: 'Burst',
        date: this.date(this.tok(c, 'DateLit')),
        ...optional('window', w && this.timeRange(w)),
        factor: this.multiplier(this.tok(c, 'Multiplier')),
        range,
      };
    }
    if (this.tok(c, 'Kw_mix')) {
      return {
        kind: 'Mix',
        shares: this.nonEmpty(
          this.each(this.subs(c, 'mixShare'), (s) => {
            const sc = s.children as Ctx;
            return { kind: 'MixShare', priority: this.name(this.tok(sc, 'Identifier')), share: this.percent(this.tok(sc, 'PercentLit')), range: this.nodeRange(s) } satisfies A.MixShare;
          }),
        ),
        range,
      };
    }
    if (this.tok(c, 'Kw_staff')) {
      return {
        kind: 'Staff',
        groups: this.nonEmpty(
          this.each(this.subs(c, 'staffGroup'), (s) => {
            const sc = s.children as Ctx;
            const tier = this.tok(sc, 'tier');
            return {
              kind: 'StaffGroup',
              count: this.number(this.tok(sc, 'NumberLit'), true),
              ...optional('tier', tier && this.str(tier)),
              calendar: this.name(this.tok(sc, 'Identifier')),
              range: this.nodeRange(s),
            } satisfies A.StaffGroup;
          }),
        ),
        range,
      };
    }
    if (this.tok(c, 'Kw_work')) return { kind: 'Work', items: this.workRanges(c), range };
    if (this.tok(c, 'Kw_reply')) return { kind: 'Reply', items: this.workRanges(c), range };
    if (this.tok(c, 'Kw_plans')) {
      return {
        kind: 'PlanMix',
        shares: this.nonEmpty(
          this.each(this.subs(c, 'planShare'), (s) => {
            const sc = s.children as Ctx;
            return { kind: 'PlanShare', plan: this.name(this.tok(sc, 'Identifier')), share: this.percent(this.tok(sc, 'PercentLit')), range: this.nodeRange(s) } satisfies A.PlanShare;
          }),
        ),
        range,
      };
    }
    if (this.tok(c, 'Kw_queue')) {
      const discipline = this.tok(c, 'Kw_fifo') ? 'fifo' : this.tok(c, 'Kw_deadline') ? 'deadline' : this.tok(c, 'Kw_priority') ? 'priority' : undefined;
      if (!discipline) throw new Incomplete();
      return { kind: 'Queue', discipline, preemptive: this.tok(c, 'Kw_preemptive') !== undefined, range };
    }
    if (this.tok(c, 'Kw_waits')) return { kind: 'Waits', share: this.percent(this.tok(c, 'PercentLit')), dist: this.distribution(this.sub(c, 'distribution')), range };
    if (this.tok(c, 'Kw_reopens')) return { kind: 'Reopens', share: this.percent(this.tok(c, 'PercentLit')), dist: this.distribution(this.sub(c, 'distribution')), range };
    if (this.tok(c, 'Kw_reclassify')) {
      return {
        kind: 'Reclass',
        moves: this.nonEmpty(
          this.each(this.subs(c, 'reclassMove'), (s) => {
            const sc = s.children as Ctx;
            const direction = this.tok(sc, 'Kw_up') ? 'up' : this.tok(sc, 'Kw_down') ? 'down' : undefined;
            if (!direction) throw new Incomplete();
            return { kind: 'ReclassMove', share: this.percent(this.tok(sc, 'PercentLit')), direction, range: this.nodeRange(s) } satisfies A.ReclassMove;
          }),
        ),
        range,
      };
    }
    if (this.tok(c, 'Kw_outages')) {
      return { kind: 'Outages', count: this.number(this.tok(c, 'NumberLit')), per: this.period(this.tok(c, 'PeriodKw')), dist: this.distribution(this.sub(c, 'distribution')), range };
    }
    if (this.tok(c, 'Kw_outage')) return { kind: 'Outage', date: this.date(this.tok(c, 'DateLit')), window: this.timeRange(this.need(this.sub(c, 'timeRange'))), range };
    if (this.tok(c, 'Kw_seed')) return { kind: 'Seed', seed: this.number(this.tok(c, 'seed'), true), range };
    throw new Incomplete();
  }

  private workRanges(c: Ctx): A.WorkRange[] {
    return this.nonEmpty(
      this.each(this.subs(c, 'workRange'), (s) => {
        const sc = s.children as Ctx;
        return { kind: 'WorkRange', priority: this.name(this.tok(sc, 'Identifier')), dist: this.distribution(this.sub(sc, 'distribution')), range: this.nodeRange(s) } satisfies A.WorkRange;
      }),
    );
  }

  private distribution(node: CstNode | undefined): A.Distribution {
    const n = this.need(node);
    const c = n.children as Ctx;
    const range = this.nodeRange(n);
    if (this.tok(c, 'Kw_median')) return { kind: 'LogNormal', median: this.duration(this.tok(c, 'median')), p90: this.duration(this.tok(c, 'p90')), range };
    return { kind: 'Uniform', min: this.duration(this.tok(c, 'min')), max: this.duration(this.tok(c, 'max')), range };
  }

  private planStmt(node: CstNode): A.PlanStmt {
    const c = node.children as Ctx;
    const range = this.nodeRange(node);
    if (this.tok(c, 'Kw_channel')) return { kind: 'Channel', channels: this.nonEmpty(this.toks(c, 'StringLit').map((t) => this.str(t))), range };
    if (this.tok(c, 'Kw_covers')) return { kind: 'Covers', priorities: this.names(this.sub(c, 'nameList')), range };
    if (this.tok(c, 'Kw_priority')) {
      return { kind: 'PriorityOverride', name: this.name(this.tok(c, 'Identifier')), body: this.priorityBody(this.sub(c, 'priorityBody')), range };
    }
    throw new Incomplete();
  }
}

/** `{ key: value }` when value is defined, else `{}`: keeps absent optional fields absent. */
function optional<K extends string, V>(key: K, value: V | undefined | false): { [P in K]?: V } {
  return value === undefined || value === false ? {} : ({ [key]: value } as { [P in K]?: V });
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year` in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The position just past the last character of `text`. */
export function endPosition(text: string): A.Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: text.length - lineStart + 1, offset: text.length };
}
