/**
 * The canonical formatter (`pledge fmt`): one layout for every contract, keeping every comment.
 *
 * The AST is flattened into `Item`s: a leaf is one line (`zone "Asia/Shanghai"`), a block is a
 * header line, child items and a closing `}`. Comments are not in the tree, so the printer walks
 * items in source order with a cursor into the comment list and, at each item, takes the comments
 * that lie before it (leading), inside it (moved to the end of its line or above it) and after it
 * on the same source line (trailing). Because items and comments are both consumed in source
 * order, every comment is printed exactly once and the order of comments never changes.
 *
 * Blank lines are the one piece of layout kept from the source: inside a block, one blank line
 * stays wherever the source had one or more (compared by source line numbers); top-level
 * declarations are always separated by exactly one.
 */
import * as A from '../ast/nodes.js';

const INDENT = '  ';

/** One line of output. */
interface Leaf {
  readonly type: 'leaf';
  readonly text: string;
  readonly range: A.Range;
}

/** `header {`, the children, `}`. */
interface Block {
  readonly type: 'block';
  readonly header: string;
  /** Where the header's last token ends: comments up to here are inside the header. */
  readonly headerEnd: A.Position;
  readonly items: readonly Item[];
  readonly range: A.Range;
}

type Item = Leaf | Block;

/**
 * Prints an AST in canonical layout, keeping `comments` where they stood.
 * @example printContract(parse('clock r{starts filed stops first_reply}').ast) // 'clock r {\n  starts filed\n  stops first_reply\n}\n'
 */
export function printContract(ast: A.Contract, comments: readonly A.Comment[] = []): string {
  const printer = new Printer(comments);
  printer.sequence(ast.declarations.map(declItem), '', Number.POSITIVE_INFINITY, true);
  return printer.finish();
}

// ---------------------------------------------------------------------------------------------
// Comment placement

/** Where the previous output came from, to decide on a blank line before the next thing. */
type Prev = 'none' | 'declaration' | 'other';

class Printer {
  private readonly lines: string[] = [];
  private readonly comments: readonly A.Comment[];
  /** Index of the next comment not yet printed. */
  private next = 0;
  /** Source line where the last printed thing ended, for blank-line preservation. */
  private lastLine = 0;

  constructor(comments: readonly A.Comment[]) {
    // Stable sort: the parser already gives source order; this only guards hand-built input.
    this.comments = [...comments].sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  /** Prints sibling items at one indent; `boundary` is the offset of the enclosing `}`. */
  sequence(items: readonly Item[], indent: string, boundary: number, topLevel: boolean): void {
    let prev: Prev = 'none';
    items.forEach((item, k) => {
      for (const c of this.takeWhile((c) => c.range.start.offset < item.range.start.offset)) {
        this.separate(prev, c.range.start.line);
        this.emitComment(indent, c);
        prev = 'other';
      }
      this.separate(prev, item.range.start.line);
      this.item(item, indent, items[k + 1]?.range.start.offset ?? boundary);
      prev = topLevel ? 'declaration' : 'other';
    });
    // Comments after the last item: before the `}` (or at the end of the file).
    for (const c of this.takeWhile((c) => c.range.start.offset < boundary)) {
      this.separate(prev, c.range.start.line);
      this.emitComment(indent, c);
      prev = 'other';
    }
  }

  /** Joins the lines; any comment the walk did not reach (hand-built ranges) goes at the end. */
  finish(): string {
    for (const c of this.takeWhile(() => true)) {
      this.separate(this.lines.length === 0 ? 'none' : 'other', c.range.start.line);
      this.emitComment('', c);
    }
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  /** A blank line after a declaration, or where the source had at least one. */
  private separate(prev: Prev, line: number): void {
    if (prev === 'declaration' || (prev === 'other' && line - this.lastLine >= 2)) this.lines.push('');
  }

  private item(item: Item, indent: string, nextStart: number): void {
    if (item.type === 'block' && (item.items.length > 0 || this.hasCommentBetween(item.headerEnd.offset, item.range.end.offset))) {
      this.block(item, indent, nextStart);
    } else {
      // An empty block with no comment inside its braces prints as `name {}` on one line.
      const text = item.type === 'leaf' ? item.text : `${item.header} {}`;
      const inner = this.takeWhile((c) => c.range.start.offset < item.range.end.offset);
      this.line(indent, text, inner, this.trailing(item.range.end.line, nextStart), item.range);
    }
  }

  private block(item: Block, indent: string, nextStart: number): void {
    const inner = this.takeWhile((c) => c.range.start.offset < item.headerEnd.offset);
    const firstChild = item.items[0]?.range.start.offset ?? item.range.end.offset;
    const onHeaderLine = this.trailing(item.headerEnd.line, firstChild);
    this.line(indent, `${item.header} {`, inner, onHeaderLine, { start: item.range.start, end: item.headerEnd });
    this.sequence(item.items, indent + INDENT, item.range.end.offset, false);
    this.line(indent, '}', [], this.trailing(item.range.end.line, nextStart), { start: item.range.end, end: item.range.end });
  }

  /**
   * Emits one line of code. Comments from inside it go to the end of the line when that keeps
   * them in order and no `//` comment would swallow what follows; otherwise they go above it.
   */
  private line(indent: string, text: string, inner: readonly A.Comment[], trailing: readonly A.Comment[], range: A.Range): void {
    let after = [...inner, ...trailing];
    if (!canTrail(after)) {
      for (const c of inner) this.emitComment(indent, c);
      after = [...trailing];
    }
    this.lines.push(indent + [text, ...after.map((c) => c.text)].join(' '));
    this.lastLine = Math.max(this.lastLine, range.end.line, ...after.map((c) => c.range.end.line));
  }

  /**
   * Comments that start on `line` (where a statement ended) before the next item, chained: a
   * comment that starts on the line where a multi-line trailing block comment ends trails too.
   */
  private trailing(line: number, nextStart: number): A.Comment[] {
    let current = line;
    return this.takeWhile((c) => {
      if (c.range.start.offset >= nextStart || c.range.start.line !== current) return false;
      current = c.range.end.line;
      return true;
    });
  }

  private emitComment(indent: string, c: A.Comment): void {
    // Block comments print verbatim, so only their first line takes the indent.
    this.lines.push(indent + c.text);
    this.lastLine = Math.max(this.lastLine, c.range.end.line);
  }

  /** True when a comment not yet printed starts in `[from, to)`. */
  private hasCommentBetween(from: number, to: number): boolean {
    for (let i = this.next; i < this.comments.length && this.comments[i]!.range.start.offset < to; i++) {
      if (this.comments[i]!.range.start.offset >= from) return true;
    }
    return false;
  }

  private takeWhile(test: (c: A.Comment) => boolean): A.Comment[] {
    const out: A.Comment[] = [];
    while (this.next < this.comments.length && test(this.comments[this.next]!)) out.push(this.comments[this.next++]!);
    return out;
  }
}

/** Comments can share a code line when only the last one may be a `//` comment. */
function canTrail(list: readonly A.Comment[]): boolean {
  return list.every((c, i) => c.block || i === list.length - 1);
}

// ---------------------------------------------------------------------------------------------
// AST → items

function leaf(text: string, range: A.Range): Leaf {
  return { type: 'leaf', text, range };
}

function block(header: string, headerEnd: A.Position, items: readonly Item[], range: A.Range): Block {
  return { type: 'block', header, headerEnd, items, range };
}

/** The end of a declaration's leading keyword, for headers with nothing after it (`credits {`). */
function keywordEnd(range: A.Range, keyword: string): A.Position {
  const { line, column, offset } = range.start;
  return { line, column: column + keyword.length, offset: offset + keyword.length };
}

function declItem(d: A.Declaration): Item {
  switch (d.kind) {
    case 'Sla':
      return block(`sla ${str(d.title)}`, d.title.range.end, d.body.map(slaStmt), d.range);
    case 'Calendar':
      return block(join('calendar', d.name.text, d.title && str(d.title)), (d.title ?? d.name).range.end, d.body.map(calendarStmt), d.range);
    case 'Clock':
      return block(`clock ${d.name.text}`, d.name.range.end, d.body.map((s) => leaf(`${s.action} ${names(s.events)}`, s.range)), d.range);
    case 'Priority':
      return block(join('priority', d.name.text, d.title && str(d.title)), (d.title ?? d.name).range.end, d.body.map(priorityStmt), d.range);
    case 'Reclassify':
      return leaf(`reclassify ${d.policy === 'keeps-elapsed' ? 'keeps elapsed' : d.policy}`, d.range);
    case 'Escalation': {
      const last = d.priorities[d.priorities.length - 1] ?? d.title;
      const header = join('escalation', d.title && str(d.title), d.priorities.length > 0 ? `for ${names(d.priorities)}` : undefined);
      const steps = d.steps.map((s) => leaf(`at ${literal(s.at)} of ${s.clock.text} notify ${s.notify.map(str).join(', ')}`, s.range));
      return block(header, last ? last.range.end : keywordEnd(d.range, 'escalation'), steps, d.range);
    }
    case 'Contact':
      return leaf(join('contact', str(d.name), 'on', d.calendar.text, d.via && `via ${str(d.via)}`), d.range);
    case 'Availability': {
      const header = `availability ${percent(d.target)} ${d.period}`;
      // No braces at all for an empty body: `{}` would add nothing to the meaning.
      if (d.body.length === 0) return leaf(header, d.range);
      // The period keyword has no range; the target is the last header token we can place.
      return block(header, d.target.range.end, d.body.map(maintenance), d.range);
    }
    case 'Credits':
      return block('credits', keywordEnd(d.range, 'credits'), d.body.map(creditStmt), d.range);
    case 'Assert':
      return block(`assert ${str(d.title)}`, d.title.range.end, d.body.map((s) => leaf(join(names(s.priorities), s.clock.text, 'within', s.bound.text, s.wall ? 'wall' : undefined, s.excludingPauses ? 'excluding pauses' : undefined, s.under.length ? `under ${names(s.under)}` : undefined), s.range)), d.range);
    case 'Scenario':
      return block(`scenario ${str(d.title)}`, d.title.range.end, d.body.map(scenarioStmt), d.range);
    case 'Plan':
      return block(
        join('plan', d.name.text, d.title && str(d.title), d.parent && `extends ${d.parent.text}`),
        (d.parent ?? d.title ?? d.name).range.end,
        d.body.map(planStmt),
        d.range,
      );
    default:
      return A.assertNever(d);
  }
}

function slaStmt(s: A.SlaStmt): Item {
  switch (s.kind) {
    case 'Party':
      return leaf(`${s.role} ${str(s.name)}`, s.range);
    case 'Term':
      return leaf(`term ${date(s.from)} to ${date(s.to)}`, s.range);
    case 'Fee':
      return leaf(`fee ${s.amount.text} ${s.currency.text} ${s.period}`, s.range);
    default:
      return A.assertNever(s);
  }
}

function calendarStmt(s: A.CalendarStmt): Item {
  switch (s.kind) {
    case 'Zone':
      return leaf(`zone ${str(s.zone)}`, s.range);
    case 'Hours':
      return leaf(`hours ${days(s.days)} ${timeRanges(s.ranges)}`, s.range);
    case 'Holidays':
      return leaf(join('holidays', str(s.region), s.types.length > 0 ? `types ${names(s.types)}` : undefined), s.range);
    case 'HolidaysFile':
      return leaf(`holidays file ${str(s.file)}`, s.range);
    case 'Closed':
      return leaf(join('closed', date(s.from), s.to && `to ${date(s.to)}`, s.reason && str(s.reason)), s.range);
    case 'Open':
      return leaf(join('open', date(s.date), timeRanges(s.ranges), s.reason && str(s.reason)), s.range);
    default:
      return A.assertNever(s);
  }
}

function priorityStmt(s: A.PriorityStmt): Item {
  switch (s.kind) {
    case 'Means':
      return leaf(`means ${str(s.text)}`, s.range);
    case 'Target':
      return leaf(`${s.clock.text} ${s.duration.text} on ${s.calendar.text}`, s.range);
    case 'Update':
      return leaf(`update every ${s.every.text} on ${s.calendar.text}`, s.range);
    default:
      return A.assertNever(s);
  }
}

function maintenance(s: A.MaintenanceStmt): Item {
  return leaf(join(s.excluded ? 'excludes' : undefined, 'maintenance', days(s.days), timeRange(s.window), 'on', s.calendar.text), s.range);
}

function creditStmt(s: A.CreditStmt): Item {
  switch (s.kind) {
    case 'BreachCredit':
    {
      const money = (m: A.MoneyLit) => `${m.amount.text} ${m.currency.text}`;
      const amount = s.amount.kind === 'Money' ? money(s.amount) : `${percent(s.amount)} of fee`;
      const graded = s.perLate ? ` per started ${s.perLate.text} late${s.upTo ? `, up to ${s.upTo.kind === 'Money' ? money(s.upTo) : percent(s.upTo)}` : ''}` : '';
      return leaf(`per breach of ${s.priority.text} ${s.clock.text} ${amount}${graded}`, s.range);
    }
    case 'AvailabilityCredit': {
      const tier = s.from ? `from ${percent(s.from)} to ${percent(s.below)}` : `below ${percent(s.below)}`;
      return leaf(`when availability ${tier} ${percent(s.amount)} of fee`, s.range);
    }
    case 'Cap':
      return leaf(join('cap', percent(s.amount), 'of fee', s.period, s.rolling && `per ${s.rolling.text} ${s.rolling.unit.text}`), s.range);
    case 'Claim':
      return leaf(`claim within ${s.within.kind === 'Cycles' ? `${s.within.count.text} cycles` : s.within.text}`, s.range);
    default:
      return A.assertNever(s);
  }
}

function distribution(d: A.Distribution): string {
  return d.kind === 'Uniform' ? `${d.min.text}..${d.max.text}` : `median ${d.median.text} p90 ${d.p90.text}`;
}

function scenarioStmt(s: A.ScenarioStmt): Item {
  switch (s.kind) {
    case 'Period':
      return leaf(`period ${date(s.from)} to ${date(s.to)}`, s.range);
    case 'Arrivals':
      return leaf(`arrivals ${s.count.text} ${s.per}`, s.range);
    case 'Peak':
      return leaf(`peak ${days(s.days)} ${timeRange(s.window)} x${s.factor.text}`, s.range);
    case 'Burst':
      return leaf(join('burst', date(s.date), s.window && timeRange(s.window), `x${s.factor.text}`), s.range);
    case 'Mix':
      return leaf(`mix ${s.shares.map((m) => `${m.priority.text} ${percent(m.share)}`).join(', ')}`, s.range);
    case 'Staff':
      return leaf(`staff ${s.groups.map((g) => join(g.count.text, g.tier && str(g.tier), 'on', g.calendar.text)).join(', ')}`, s.range);
    case 'Work':
    case 'Reply':
      return leaf(`${s.kind.toLowerCase()} ${s.items.map((w) => `${w.priority.text} ${distribution(w.dist)}`).join(', ')}`, s.range);
    case 'PlanMix':
      return leaf(`plans ${s.shares.map((m) => `${m.plan.text} ${percent(m.share)}`).join(', ')}`, s.range);
    case 'Queue':
      return leaf(join('queue', s.discipline, s.preemptive ? 'preemptive' : undefined), s.range);
    case 'Waits':
      return leaf(`waits ${percent(s.share)} for ${distribution(s.dist)}`, s.range);
    case 'Reopens':
      return leaf(`reopens ${percent(s.share)} after ${distribution(s.dist)}`, s.range);
    case 'Reclass':
      return leaf(`reclassify ${s.moves.map((m) => `${percent(m.share)} ${m.direction}`).join(', ')}`, s.range);
    case 'Outages':
      return leaf(`outages ${s.count.text} ${s.per} for ${distribution(s.dist)}`, s.range);
    case 'Outage':
      return leaf(`outage ${date(s.date)} ${timeRange(s.window)}`, s.range);
    case 'Seed':
      return leaf(`seed ${s.seed.text}`, s.range);
    default:
      return A.assertNever(s);
  }
}

function planStmt(s: A.PlanStmt): Item {
  switch (s.kind) {
    case 'Channel':
      return leaf(`channel ${s.channels.map(str).join(', ')}`, s.range);
    case 'Covers':
      return leaf(`covers ${names(s.priorities)}`, s.range);
    case 'PriorityOverride':
      return block(`priority ${s.name.text}`, s.name.range.end, s.body.map(priorityStmt), s.range);
    default:
      return A.assertNever(s);
  }
}

// ---------------------------------------------------------------------------------------------
// Literals

/** Words joined by single spaces, skipping absent optional parts. */
function join(...parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined).join(' ');
}

function names(list: readonly A.Name[]): string {
  return list.map((n) => n.text).join(', ');
}

function literal(x: A.PercentLit | A.DurationLit): string {
  return x.kind === 'Percent' ? percent(x) : x.text;
}

function percent(p: A.PercentLit): string {
  return `${p.text}%`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function date(d: A.DateLit): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

function time(t: A.TimeLit): string {
  return `${pad(Math.floor(t.minutes / 60), 2)}:${pad(t.minutes % 60, 2)}`;
}

function timeRange(r: A.TimeRange): string {
  return `${time(r.from)}-${time(r.to)}`;
}

function timeRanges(list: readonly A.TimeRange[]): string {
  return list.map(timeRange).join(', ');
}

function days(list: readonly A.DayRange[]): string {
  return list.map((d) => (d.from === d.to ? d.from : `${d.from}-${d.to}`)).join(', ');
}

/**
 * A string literal with the escapes the lexer reads back. Control characters and the Unicode
 * line separators are escaped so a string never breaks a line, in the file or in an editor.
 */
function str(s: A.Str): string {
  let out = '"';
  for (const ch of s.value) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x2028 || cp === 0x2029) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}
