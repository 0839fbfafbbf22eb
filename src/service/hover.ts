/**
 * Hovers: a target in words with its exact worst-case real time, a calendar's closures in the
 * term, a clock's events. Markdown, with every piece of contract text escaped so it shows as typed.
 * (Moved here from the playground's worker, which now calls this module.)
 */
import type * as A from '../ast/nodes.js';
import { walk } from '../ast/walk.js';
import type { CheckContext } from '../check/checker.js';
import { calendarZone, TICKET_EVENTS, type TicketEvent } from '../check/model.js';
import { worstCaseText } from '../check/rules/clocks.js';
import type { PledgeDocument } from './document.js';
import { occurrenceAt, touches, type Pos } from './symbols.js';
import { isoDateLit } from '../ast/dates.js';

export interface Hover {
  /** Markdown paragraphs. */
  readonly lines: readonly string[];
  readonly range: A.Range;
}

/** Escapes text from the contract for markdown, so it always shows as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`);
}

const EVENT_WORDS: Record<TicketEvent, string> = {
  filed: 'the ticket is filed',
  confirmed: 'the problem is confirmed',
  first_reply: 'the first reply',
  awaiting_customer: 'the ticket waits on the customer',
  customer_replied: 'the customer replies',
  resolved: 'the ticket is resolved',
  reopened: 'the ticket is reopened',
  reclassified: 'the ticket is reclassified',
};

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

const eventWords = (names: readonly A.Name[]): string =>
  names.map((n) => ((TICKET_EVENTS as readonly string[]).includes(n.text) ? EVENT_WORDS[n.text as TicketEvent] : code(n.text))).join(' or ');

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `4h` → "4 hours", `1h30m` → "1 hour 30 minutes", `5d` → "5 days". */
function durationWords(d: A.DurationLit): string {
  if (d.unit === 'day') return plural(d.amount, 'day');
  const h = Math.floor(d.amount / 60);
  const m = d.amount % 60;
  return [h ? plural(h, 'hour') : '', m ? plural(m, 'minute') : ''].filter(Boolean).join(' ') || '0 minutes';
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** The check context the worst-case helpers read: the engine when the contract has no errors. */
export function worstCaseContext(doc: PledgeDocument): CheckContext {
  const runtime = doc.runtime;
  return { model: doc.model, ...(runtime ? { runtime: () => runtime } : {}), report: () => undefined };
}

/** The target under the cursor, with the priority (or plan override) that owns it. */
function targetAt(ast: A.Contract, p: Pos): { target: A.TargetStmt; owner?: string } | undefined {
  let found: { target: A.TargetStmt; owner?: string } | undefined;
  walk(ast, (n, parent) => {
    if (n.kind === 'Target' && touches(n.range, p)) {
      const owner = parent && (parent.kind === 'Priority' || parent.kind === 'PriorityOverride') ? parent.name.text : undefined;
      found = { target: n, ...(owner !== undefined ? { owner } : {}) };
    }
  });
  return found;
}

/** Hover on a target: what it means in words and its worst-case real time. */
export function targetHover(doc: PledgeDocument, t: A.TargetStmt, owner?: string): Hover {
  const { model } = doc;
  const lines: string[] = [];
  lines.push(`**${owner ? `${code(owner)} ` : ''}${code(t.clock.text)}** ${escapeMarkdown(t.duration.text)} on ${code(t.calendar.text)}`);
  const clock = model.clocks.get(t.clock.text);
  if (clock) {
    const { on } = clock;
    const pause = on.pauses.length ? `; it pauses while ${eventWords(on.pauses)}${on.resumes.length ? ` until ${eventWords(on.resumes)}` : ''}` : '';
    lines.push(`The ${code(t.clock.text)} clock starts when ${eventWords(on.starts) || 'nothing'} and stops at ${eventWords(on.stops) || 'nothing'}${pause}.`);
  } else lines.push(`No clock ${code(t.clock.text)} is declared.`);
  const cal = model.calendars.get(t.calendar.text);
  if (cal) {
    const title = cal.title ? `${escapeMarkdown(cal.title.value)}, ` : '';
    const zone = calendarZone(cal);
    const regions = cal.body.filter((s): s is A.HolidaysStmt => s.kind === 'Holidays').map((s) => escapeMarkdown(s.region.value));
    const where = `${code(t.calendar.text)} (${title}${zone ? escapeMarkdown(zone) : 'no zone'}${regions.length ? `, ${regions.join(', ')} holidays closed` : ''})`;
    lines.push(
      t.duration.unit === 'day'
        ? `It must stop by the same time of day on the ${t.duration.amount === 1 ? 'next' : `${ordinal(t.duration.amount)}`} open day of ${where}.`
        : `It must stop within ${durationWords(t.duration)} of open time, counting only the hours ${where} is open.`,
    );
  } else lines.push(`No calendar ${code(t.calendar.text)} is declared.`);
  const worst = worstCaseText(worstCaseContext(doc), t);
  if (worst) lines.push(`Worst case: ${worst}.`);
  return { lines, range: t.range };
}

const ISO_DATE = isoDateLit;

/** Hover on a calendar's name: its zone and the first closures of the term. */
function calendarHover(doc: PledgeDocument, decl: A.CalendarDecl, range: A.Range): Hover {
  const zone = calendarZone(decl);
  const lines = [`**calendar ${code(decl.name.text)}**${decl.title ? ` ${escapeMarkdown(decl.title.value)}` : ''}, ${zone ? `in ${escapeMarkdown(zone)}` : 'with no zone'}`];
  const term = doc.model.term;
  const cal = doc.runtime?.calendars.get(decl.name.text);
  if (cal && term) {
    const closures = cal
      .days(ISO_DATE(term.from), ISO_DATE(term.to))
      .filter((d) => d.source.kind === 'closed' || d.source.kind === 'holiday')
      .slice(0, 5)
      .map((d) => `${d.date} ${d.source.kind === 'holiday' ? escapeMarkdown(d.source.holiday.name) : d.source.kind === 'closed' && d.source.stmt.reason ? escapeMarkdown(d.source.stmt.reason.value) : 'closed'}`);
    lines.push(closures.length ? `First closures in the term: ${closures.join('; ')}.` : 'No closures in the term besides the weekly hours.');
  }
  return { lines, range };
}

/** Hover on a clock's name: the events that drive it. */
function clockHover(doc: PledgeDocument, name: string, range: A.Range): Hover | undefined {
  const clock = doc.model.clocks.get(name);
  if (!clock) return undefined;
  const { on } = clock;
  const verb = { starts: 'starts when', pauses: 'pauses while', resumes: 'resumes when', stops: 'stops at', restarts: 'restarts when' } as const;
  const parts = (['starts', 'pauses', 'resumes', 'stops', 'restarts'] as const).filter((a) => on[a].length).map((a) => `${verb[a]} ${eventWords(on[a])}`);
  return { lines: [`**clock ${code(name)}**`, `It ${parts.join('; it ') || 'has no rules'}.`], range };
}

/** The hover at a position, or undefined. */
export function hover(doc: PledgeDocument, p: Pos): Hover | undefined {
  const ast = doc.parse.ast;
  const o = occurrenceAt(doc.occurrences, p);
  if (o?.kind === 'calendar') {
    const decl = doc.model.calendars.get(o.name);
    if (decl && o.declaration) return calendarHover(doc, decl, o.range);
  }
  if (o?.kind === 'clock' && o.declaration) return clockHover(doc, o.name, o.range);
  if (o?.kind === 'event') return { lines: [`ticket event ${code(o.name)}${(TICKET_EVENTS as readonly string[]).includes(o.name) ? `: ${EVENT_WORDS[o.name as TicketEvent]}` : ''}`], range: o.range };
  const t = targetAt(ast, p);
  return t ? targetHover(doc, t.target, t.owner) : undefined;
}
