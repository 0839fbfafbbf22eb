/**
 * What the checker worker does, as plain functions over contract text so that they run (and are
 * tested) in Node too. Everything is the library in `src/`: `analyze`, the time engine and the
 * report shapes the CLI prints; this file only adapts them to the editor and the panels.
 */
import { DateTime } from 'luxon';
import {
  analyze,
  calendarDays,
  calendarZone,
  compileContract,
  parse,
  TICKET_EVENTS,
  timeline,
  whatIfJson,
  whatIfText,
  type Analysis,
  type Ast as A,
  type Diagnostic,
  type EventInput,
  type RuntimeContract,
  type TicketEvent,
} from '../../../src/index.js';
import { walk } from '../../../src/ast/walk.js';
import type { CheckContext } from '../../../src/check/checker.js';
import { RULES } from '../../../src/check/rules/index.js';
import { worstCaseText } from '../../../src/check/rules/clocks.js';
import { suggestionHelp } from '../../../src/cli/suggest.js';
import { humanInstant, parseInstant } from '../../../src/report/time-format.js';
import { Problem, type CalendarResult, type DeclaredNames, type EventRequest, type MarkerData, type TestResult, type TimelineRow, type TimelineView, type WhatIfResult } from '../protocol.js';

export { Problem };

const position = (p: A.Position) => ({ line: p.line, column: p.column });

/** Codes that only slow rules report: a fast check cannot say whether they still hold. */
export const SLOW_ONLY_CODES: ReadonlySet<string> = (() => {
  const fast = new Set(RULES.filter((r) => r.speed === 'fast').flatMap((r) => r.codes));
  return new Set(RULES.filter((r) => r.speed === 'slow').flatMap((r) => r.codes).filter((c) => !fast.has(c)));
})();

/** A library diagnostic as editor marker data. */
export function markerOf(d: Diagnostic): MarkerData {
  const { start, end } = d.range;
  // An empty range (end of file, a missing token) still needs one visible character.
  const empty = start.offset === end.offset;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.help !== undefined ? { help: d.help } : {}),
    startLineNumber: start.line,
    startColumn: start.column,
    endLineNumber: end.line,
    endColumn: empty ? end.column + 1 : end.column,
    ...(SLOW_ONLY_CODES.has(d.code) ? { slow: true } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, ...position(r.range.start) })) } : {}),
    ...(d.fix
      ? {
          fix: {
            title: d.fix.title,
            edits: d.fix.edits.map((e) => ({
              startLineNumber: e.range.start.line,
              startColumn: e.range.start.column,
              endLineNumber: e.range.end.line,
              endColumn: e.range.end.column,
              text: e.newText,
            })),
          },
        }
      : {}),
  };
}

const ISO_DATE = (d: A.DateLit): string => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The first calendar's zone, as `pledge what-if` reads times without an offset. */
export function defaultZone(analysis: Analysis): string {
  const first = [...analysis.model.calendars.values()][0];
  return (first && calendarZone(first)) ?? 'UTC';
}

/** The names a contract declares. */
export function declaredNames(analysis: Analysis): DeclaredNames {
  const { model } = analysis;
  const notable = [...model.calendars.values()].flatMap((c) => c.body.flatMap((s) => (s.kind === 'Closed' ? [ISO_DATE(s.from)] : s.kind === 'Open' ? [ISO_DATE(s.date)] : [])));
  return {
    calendars: [...model.calendars.keys()],
    clocks: [...model.clocks.keys()],
    priorities: model.priorities.map((p) => p.name),
    plans: [...model.plans.keys()],
    contacts: [...model.contacts.keys()],
    scenarios: model.scenarios.map((s) => {
      const seed = s.body.find((x): x is A.SeedStmt => x.kind === 'Seed');
      return { title: s.title.value, ...(seed ? { seed: seed.seed.value } : {}) };
    }),
    asserts: model.asserts.length,
    zone: defaultZone(analysis),
    ...(model.term ? { term: { from: ISO_DATE(model.term.from), to: ISO_DATE(model.term.to) } } : {}),
    ...(notable.length ? { notable: notable.sort()[0] } : {}),
  };
}

/** Holiday regions a contract names (`holidays "CN"`), for the worker to load before a full check. */
export function holidayRegions(ast: A.Contract): string[] {
  const out = new Set<string>();
  walk(ast, (n) => {
    if (n.kind === 'Holidays') out.add(n.region.value);
  });
  return [...out];
}

/** Escapes text from the contract for Monaco's markdown hovers, so it always shows as typed. */
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

const eventWords = (names: readonly A.Name[]): string =>
  names.map((n) => ((TICKET_EVENTS as readonly string[]).includes(n.text) ? EVENT_WORDS[n.text as TicketEvent] : `\`${n.text}\``)).join(' or ');

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

/** The caches one contract text needs: the analyses and the compiled contract. */
export class Session {
  private text = '';
  private fast: Analysis | undefined;
  private full: Analysis | undefined;
  private runtime: RuntimeContract | undefined;

  private use(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.fast = this.full = this.runtime = undefined;
  }

  /** Parse + fast checks (every keystroke), or every check (debounced). */
  analysis(text: string, speed: 'fast' | 'all'): Analysis {
    this.use(text);
    if (speed === 'all') return (this.full ??= analyze(text));
    return this.full ?? (this.fast ??= analyze(text, { speed: 'fast' }));
  }

  /** Holiday regions the text names, from a cached analysis when there is one, else a parse. */
  regions(text: string): string[] {
    this.use(text);
    if (!text.includes('holidays')) return [];
    const cached = this.full ?? this.fast;
    return holidayRegions(cached ? cached.ast : parse(text).ast);
  }

  check(text: string, speed: 'fast' | 'all'): { markers: MarkerData[]; names: DeclaredNames } {
    const a = this.analysis(text, speed);
    return { markers: a.diagnostics.map(markerOf), names: declaredNames(a) };
  }

  /** A checked contract ready to run, or a Problem listing its errors as `pledge check` would. */
  private loaded(text: string): { analysis: Analysis; runtime: RuntimeContract; zone: string } {
    const analysis = this.analysis(text, 'all');
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      throw new Problem(`the contract has ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} first`, errors.map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`));
    }
    this.runtime ??= compileContract(analysis.model);
    return { analysis, runtime: this.runtime, zone: defaultZone(analysis) };
  }

  /** Hover on a target: what it means in words and its worst-case real time. */
  hover(text: string, line: number, column: number): { lines: string[]; range: A.Range } | undefined {
    const analysis = this.analysis(text, 'fast');
    let target: A.TargetStmt | undefined;
    let owner: string | undefined;
    const inside = (r: A.Range) => (r.start.line < line || (r.start.line === line && r.start.column <= column)) && (r.end.line > line || (r.end.line === line && r.end.column >= column));
    walk(analysis.ast, (n, parent) => {
      if (n.kind === 'Target' && inside(n.range)) {
        target = n;
        owner = parent && (parent.kind === 'Priority' || parent.kind === 'PriorityOverride') ? parent.name.text : undefined;
      }
    });
    if (!target) return undefined;
    const t = target;
    const { model } = analysis;
    // The exact worst case needs the engine, which needs a contract without errors.
    let runtime: RuntimeContract | undefined;
    try {
      runtime = this.loaded(text).runtime;
    } catch {
      runtime = undefined;
    }
    const ctx: CheckContext = { model, ...(runtime ? { runtime: () => runtime! } : {}), report: () => undefined };
    const lines: string[] = [];
    lines.push(`**${owner ? `\`${owner}\` ` : ''}\`${t.clock.text}\`** ${escapeMarkdown(t.duration.text)} on \`${t.calendar.text}\``);
    const clock = model.clocks.get(t.clock.text);
    if (clock) {
      const { on } = clock;
      const pause = on.pauses.length ? `; it pauses while ${eventWords(on.pauses)}${on.resumes.length ? ` until ${eventWords(on.resumes)}` : ''}` : '';
      lines.push(`The \`${t.clock.text}\` clock starts when ${eventWords(on.starts) || 'nothing'} and stops at ${eventWords(on.stops) || 'nothing'}${pause}.`);
    } else lines.push(`No clock \`${t.clock.text}\` is declared.`);
    const cal = model.calendars.get(t.calendar.text);
    if (cal) {
      const title = cal.title ? `${escapeMarkdown(cal.title.value)}, ` : '';
      const zone = calendarZone(cal);
      const regions = cal.body.filter((s): s is A.HolidaysStmt => s.kind === 'Holidays').map((s) => escapeMarkdown(s.region.value));
      const where = `\`${t.calendar.text}\` (${title}${zone ? escapeMarkdown(zone) : 'no zone'}${regions.length ? `, ${regions.join(', ')} holidays closed` : ''})`;
      lines.push(
        t.duration.unit === 'day'
          ? `It must stop by the same time of day on the ${t.duration.amount === 1 ? 'next' : `${ordinal(t.duration.amount)}`} open day of ${where}.`
          : `It must stop within ${durationWords(t.duration)} of open time, counting only the hours ${where} is open.`,
      );
    } else lines.push(`No calendar \`${t.calendar.text}\` is declared.`);
    const worst = worstCaseText(ctx, t);
    if (worst) lines.push(`Worst case: ${worst}.`);
    return { lines, range: t.range };
  }

  whatIf(text: string, request: { priority: string; filed: string; events: readonly EventRequest[]; plan?: string; asOf?: string }): WhatIfResult {
    const { analysis, runtime, zone } = this.loaded(text);
    const plans = [...analysis.model.plans.keys()];
    if (request.plan !== undefined && !plans.includes(request.plan)) throw new Problem(`no plan \`${request.plan}\`${suggestionHelp(request.plan, plans)}`);
    if (!runtime.targets(request.priority, request.plan)) {
      const offered = analysis.model.priorities.map((p) => p.name).filter((p) => runtime.targets(p, request.plan));
      throw new Problem(`\`${request.priority}\` is not offered${request.plan ? ` in plan \`${request.plan}\`` : ''}${suggestionHelp(request.priority, offered)}`);
    }
    const filed = instant('filed', request.filed, zone);
    const events: EventInput[] = request.events.map((e) => {
      if (!(TICKET_EVENTS as readonly string[]).includes(e.event) || e.event === 'filed') throw new Problem(`unknown event \`${e.event}\``);
      if (e.event === 'reclassified' && (!e.priority || !analysis.model.priorityByName.has(e.priority))) throw new Problem('a reclassification needs the new priority');
      return { event: e.event as TicketEvent, at: instant(e.event, e.at, zone), ...(e.event === 'reclassified' && e.priority ? { priority: e.priority } : {}) };
    });
    const asOf = request.asOf ? instant('as of', request.asOf, zone) : undefined;
    const result = timeline(runtime, { priority: request.priority, filed, events, ...(request.plan !== undefined ? { plan: request.plan } : {}), ...(asOf !== undefined ? { asOf } : {}) });
    return { json: whatIfJson(result, zone), text: whatIfText(result, zone), view: timelineView(runtime, result, events, zone) };
  }

  calendar(text: string, name: string, from: string, to: string): CalendarResult {
    const { analysis, runtime } = this.loaded(text);
    const decl = analysis.model.calendars.get(name);
    const cal = runtime.calendars.get(name);
    if (!decl || !cal) throw new Problem(`no calendar \`${name}\`${suggestionHelp(name, [...analysis.model.calendars.keys()])}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from) throw new Problem('pick a start date');
    const source = (n: A.Node) => `line ${n.range.start.line}: ${text.slice(n.range.start.offset, n.range.end.offset)}`;
    const sources = decl.body.map((s) => (s.kind === 'Holidays' ? `${source(s)} (region holidays from date-holidays; types ${s.types.length ? s.types.map((x) => x.text).join(', ') : 'public'} close the calendar)` : source(s)));
    return { calendar: name, ...(decl.title ? { title: decl.title.value } : {}), zone: cal.zone, days: calendarDays(decl, cal, from, to), sources };
  }

  /** The contract's asserts, as `pledge test` runs them (loaded on first use: it brings the event-sequence search). */
  async test(text: string, plan: string | undefined): Promise<TestResult> {
    const { runtime, zone } = this.loaded(text);
    const [{ runAsserts }, { testJson, testText }] = await Promise.all([import('../../../src/time/asserts.js'), import('../../../src/report/test.js')]);
    const checks = runAsserts(runtime, { seed: 1, runs: 1000, ...(plan !== undefined ? { plan } : {}) });
    const file = 'contract';
    return {
      json: testJson(file, checks, zone),
      text: testText(file, checks, zone),
      replays: checks.map((c) =>
        c.passed || !c.worst
          ? undefined
          : {
              priority: c.priority,
              filed: localInput(c.worst.filed, zone),
              events: (c.events ?? []).map((e) => ({ event: e.event, at: localInput(e.at, zone), ...(e.priority ? { priority: e.priority } : {}) })),
              ...(plan !== undefined ? { plan } : {}),
            },
      ),
    };
  }

  /** The scenario to simulate, with the compiled contract. */
  scenario(text: string, title: string): { runtime: RuntimeContract; scenario: A.ScenarioDecl } {
    const { analysis, runtime } = this.loaded(text);
    const scenario = analysis.model.scenarios.find((s) => s.title.value === title);
    if (!scenario) throw new Problem(`no scenario "${title}"`);
    return { runtime, scenario };
  }
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function instant(what: string, value: string, zone: string): number {
  const t = parseInstant(value, zone);
  if (t === undefined) throw new Problem(`${what}: \`${value}\` is not a date-time; write it like 2026-11-20T17:00`);
  return t;
}

/** An instant as a `datetime-local` value in `zone` (`2026-09-30T17:30`, seconds only when needed). */
export function localInput(t: number, zone: string): string {
  const dt = DateTime.fromMillis(t, { zone });
  return dt.toFormat(dt.second ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm");
}

const HOUR_MS = 3_600_000;

/** What the what-if axis draws: each clock's calendar open hours, the clock's run, and the events on it. */
export function timelineView(runtime: RuntimeContract, t: ReturnType<typeof timeline>, events: readonly EventInput[], zone: string): TimelineView {
  const times: number[] = [t.filed, ...events.map((e) => e.at)];
  for (const c of t.clocks) times.push(...[c.starts, c.due, c.stopped].filter((x): x is number => x !== undefined), ...c.pauses.flatMap((p) => [p.from, p.to ?? p.from]));
  for (const e of t.escalations) if (e.time !== undefined) times.push(e.time);
  const finite = times.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = Math.max(hi - lo, 12 * HOUR_MS);
  const from = lo - span * 0.04;
  const to = Math.min(lo + span * 1.06, lo + 400 * 24 * HOUR_MS);

  const rows: TimelineRow[] = t.clocks.map((c) => {
    const cal = c.calendar !== undefined ? runtime.calendars.get(c.calendar) : undefined;
    return {
      clock: c.clock,
      label: `${c.clock}${c.target ? ` · ${c.target.text} on ${c.calendar}` : ''}`,
      state: c.state,
      open: cal ? cal.spans(from, to) : [],
      ...(c.starts !== undefined ? { starts: c.starts } : {}),
      ...(c.due !== undefined && Number.isFinite(c.due) ? { due: c.due } : {}),
      ...(c.stopped !== undefined ? { stopped: c.stopped } : {}),
      pauses: c.pauses.map((p) => ({ from: p.from, ...(p.to !== undefined ? { to: p.to } : {}) })),
    };
  });

  const at = (x: number) => humanInstant(x, zone);
  const marks: TimelineView['marks'][number][] = [{ at: t.filed, kind: 'filed', label: `filed ${at(t.filed)}` }];
  for (const e of events) marks.push({ at: e.at, kind: 'event', label: `${e.event}${e.priority ? ` → ${e.priority}` : ''} ${at(e.at)}` });
  for (const c of t.clocks) {
    if (c.due === undefined || !Number.isFinite(c.due)) continue;
    marks.push({ at: c.due, kind: c.state === 'breached' ? 'breach' : 'due', row: c.clock, label: `${c.clock} ${c.state === 'breached' ? 'breached' : 'due'} ${at(c.due)}` });
  }
  for (const e of t.escalations) {
    if (e.time === undefined) continue;
    marks.push({ at: e.time, kind: 'escalation', row: e.clock, label: `${e.at} of ${e.clock} → ${e.notify.map((n) => n.name).join(', ')} ${at(e.time)}` });
  }
  for (const c of t.credits) marks.push({ at: c.time, kind: 'credit', row: c.clock, label: `credit ${c.percent}% of the fee${c.amount !== undefined ? ` (${c.amount.toFixed(2)} ${c.currency})` : ''} for the ${c.priority} ${c.clock} breach` });

  // Ticks at local midnights (labelled with the date), and at noon when the axis is short.
  const ticks: TimelineView['ticks'][number][] = [];
  const days = (to - from) / (24 * HOUR_MS);
  const step = days > 60 ? 7 : days > 20 ? 2 : 1;
  let day = DateTime.fromMillis(from, { zone }).startOf('day');
  for (let i = 0; day.toMillis() <= to && i < 500; i++, day = day.plus({ days: 1 })) {
    const ms = day.toMillis();
    if (i % step === 0 && ms >= from) ticks.push({ at: ms, label: day.toFormat('ccc MM-dd'), major: true });
    const noon = day.set({ hour: 12 }).toMillis();
    if (days <= 6 && noon >= from && noon <= to) ticks.push({ at: noon, label: '12:00', major: false });
  }
  return { zone, from, to, ticks, rows, marks };
}
