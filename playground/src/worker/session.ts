/**
 * What the checker worker does, as plain functions over contract text so that they run (and are
 * tested) in Node too. Everything is the library in `src/`: the language service, the time engine and the
 * report shapes the CLI prints; this file only adapts them to the editor and the panels.
 */
import { DateTime } from 'luxon';
import {
  calendarDays,
  calendarZone,
  languageService as LS,
  localTimeNotice,
  TICKET_EVENTS,
  timeline,
  whatIfJson,
  whatIfText,
  type Ast as A,
  type Diagnostic,
  type EventInput,
  type RuntimeContract,
  type TicketEvent,
} from '../../../src/index.js';
import { suggestionHelp } from '../../../src/cli/suggest.js';
import { humanInstant, isoInstant, parseInstant } from '../../../src/report/time-format.js';
import {
  Problem,
  EVENT_WORDS,
  type CalendarResult,
  type CodeActionData,
  type CompletionData,
  type DeclaredNames,
  type EditData,
  type EventRequest,
  type MarkerData,
  type TestResult,
  type TimelineRow,
  type TimelineView,
  type WhatIfResult,
} from '../protocol.js';

export { Problem };

const position = (p: A.Position) => ({ line: p.line, column: p.column });

/** A library text edit as an editor edit. */
const editOf = (e: { range: A.Range; newText: string }): EditData => ({
  startLineNumber: e.range.start.line,
  startColumn: e.range.start.column,
  endLineNumber: e.range.end.line,
  endColumn: e.range.end.column,
  text: e.newText,
});

/** A library diagnostic as editor marker data (its fix is offered by `codeActions`). */
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
    ...(LS.isSlowOnly(d) ? { slow: true } : {}),
    ...(d.related ? { related: d.related.map((r) => ({ message: r.message, ...position(r.range.start) })) } : {}),
  };
}

const ISO_DATE = (d: A.DateLit): string => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

type Checked = LS.Checked;

/** The first calendar's zone, as `pledge what-if` reads times without an offset. */
export function defaultZone(checked: Checked): string {
  const first = [...checked.model.calendars.values()][0];
  return (first && calendarZone(first)) ?? 'UTC';
}

/** The names a contract declares. */
export function declaredNames(checked: Checked): DeclaredNames {
  const { model } = checked;
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
    zone: defaultZone(checked),
    ...(model.term ? { term: { from: ISO_DATE(model.term.from), to: ISO_DATE(model.term.to) } } : {}),
    ...(notable.length ? { notable: notable.sort()[0] } : {}),
  };
}

/** Holiday regions a contract names (`holidays "CN"`, only inside calendars), for the worker to load before a full check. */
export function holidayRegions(ast: A.Contract): string[] {
  const out = new Set<string>();
  for (const d of ast.declarations) if (d.kind === 'Calendar') for (const s of d.body) if (s.kind === 'Holidays') out.add(s.region.value);
  return [...out];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Monaco's completion kinds by the language service's (monaco.languages.CompletionItemKind values). */
const COMPLETION_KIND: Record<LS.CompletionKind, CompletionData['items'][number]['kind']> = {
  keyword: 'keyword',
  calendar: 'module',
  clock: 'variable',
  priority: 'enumMember',
  plan: 'struct',
  contact: 'value',
  event: 'event',
  zone: 'value',
  region: 'value',
};

/**
 * One contract text at a time, as a language-service document: the parse, the fast and the full
 * analysis, the compiled contract and the symbol index are each computed once per text.
 */
export class Session {
  private doc = new LS.PledgeDocument('');

  private use(text: string): LS.PledgeDocument {
    if (text !== this.doc.text) this.doc = new LS.PledgeDocument(text);
    return this.doc;
  }

  /** Parse + fast checks (every keystroke), or every check (debounced). */
  analysis(text: string, speed: 'fast' | 'all'): Checked {
    return this.use(text).check(speed);
  }

  /** Holiday regions the text names, from the document's parse (cached per text). */
  regions(text: string): string[] {
    if (!text.includes('holidays')) return [];
    return holidayRegions(this.use(text).parse.ast);
  }

  check(text: string, speed: 'fast' | 'all'): { markers: MarkerData[]; names: DeclaredNames } {
    const a = this.analysis(text, speed);
    return { markers: a.diagnostics.map(markerOf), names: declaredNames(a) };
  }

  /** A checked contract ready to run, or a Problem listing its errors as `pledge check` would. */
  private loaded(text: string): { analysis: Checked; runtime: RuntimeContract; zone: string } {
    const analysis = this.analysis(text, 'all');
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      throw new Problem(`the contract has ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} first`, errors.map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`));
    }
    const runtime = this.doc.runtime;
    if (!runtime) throw new Problem('the contract could not be compiled');
    return { analysis, runtime, zone: defaultZone(analysis) };
  }

  /** The language service's hover: a target in words with its worst case, a calendar's closures, a clock's events. */
  hover(text: string, line: number, column: number): LS.Hover | undefined {
    return LS.hover(this.use(text), { line, column });
  }

  /** The language service's completions at a position, with the range they replace. */
  complete(text: string, line: number, column: number): CompletionData {
    const doc = this.use(text);
    const { items, replace } = LS.complete(doc, { line, column });
    const start = doc.positionAt(replace.start);
    const end = doc.positionAt(replace.end);
    return {
      items: items.map((i) => ({ label: i.label, kind: COMPLETION_KIND[i.kind], detail: i.detail, insertText: i.insertText })),
      range: { startLineNumber: start.line, startColumn: start.column, endLineNumber: end.line, endColumn: end.column },
    };
  }

  /** The language service's code actions (the diagnostics' fixes) for a range, after all checks. */
  codeActions(text: string, range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }): CodeActionData[] {
    const actions = LS.codeActions(this.use(text), { start: { line: range.startLineNumber, column: range.startColumn }, end: { line: range.endLineNumber, column: range.endColumn } });
    return actions.map(({ diagnostic, fix }) => ({ code: diagnostic.code, marker: markerOf(diagnostic), title: fix.title, edits: fix.edits.map(editOf) }));
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
    // As `pledge what-if` (reference, "Times given on the command line"): an event before the filing
    // (PLG3013) or a reclassification the plan does not cover (PLG3014) is refused, and a time in a
    // repeated hour or a spring-forward gap (PLG3011, PLG3010) says which instant was used.
    request.events.forEach((e, i) => {
      if (events[i]!.at < filed) throw new Problem(`error PLG3013: ${EVENT_WORDS[e.event] ?? e.event} at ${e.at} (${isoInstant(events[i]!.at, zone)}) comes before the filing (${request.filed}: ${isoInstant(filed, zone)}); a ticket's events happen after it is filed`);
      const to = events[i]!.priority;
      if (to !== undefined && !runtime.targets(to, request.plan)) throw new Problem(`error PLG3014: reclassified to \`${to}\` at ${e.at}: plan \`${request.plan}\` does not cover \`${to}\`, so the ticket cannot be reclassified to it; nothing was computed`);
    });
    const asOf = request.asOf ? instant('as of', request.asOf, zone) : undefined;
    const typed: [string, string][] = [['filed', request.filed], ...request.events.map((e): [string, string] => [EVENT_WORDS[e.event] ?? e.event, e.at]), ...(request.asOf ? [['as of', request.asOf] as [string, string]] : [])];
    const notes = typed.flatMap(([name, value]) => localTimeNotice(`${name}:`, value, zone) ?? []);
    const judged = timeline(runtime, { priority: request.priority, filed, events, zone, ...(request.plan !== undefined ? { plan: request.plan } : {}), ...(asOf !== undefined ? { asOf } : {}) });
    const result = notes.length ? { ...judged, notices: [...notes, ...judged.notices] } : judged;
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
/** The timeline row of the `update every` promise (a clock cannot be named this: `update` is a keyword). */
export const UPDATE_ROW = 'update';

/** What the what-if axis draws: each clock's calendar open hours, the clock's run, and the events on it. */
export function timelineView(runtime: RuntimeContract, t: ReturnType<typeof timeline>, events: readonly EventInput[], zone: string): TimelineView {
  const times: number[] = [t.filed, ...events.map((e) => e.at)];
  for (const c of t.clocks) times.push(...[c.starts, c.due, c.stopped].filter((x): x is number => x !== undefined), ...c.pauses.flatMap((p) => [p.from, p.to ?? p.from]));
  for (const e of t.escalations) if (e.time !== undefined) times.push(e.time);
  for (const u of t.updates ?? []) times.push(u.from, ...(u.ended !== undefined ? [u.ended] : []));
  const finite = times.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = Math.max(hi - lo, 12 * HOUR_MS);
  const from = lo - span * 0.04;
  const to = Math.min(lo + span * 1.06, lo + 400 * 24 * HOUR_MS);

  const rows: TimelineRow[] = t.clocks.map((c): TimelineRow => {
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

  // The `update every` promise as one more row: its calendar's open hours and each interval's due
  // instant while running, late ones marked as breaches (the intervals are listed in the text below the drawing).
  const updates = t.updates ?? [];
  if (updates.length) {
    const first = updates[0]!;
    const late = updates.filter((u) => u.state === 'breached').length;
    const cal = runtime.calendars.get(first.calendar);
    rows.push({ clock: UPDATE_ROW, label: `updates · every ${first.every} on ${first.calendar}`, state: late ? `${late} late` : 'none late', open: cal ? cal.spans(from, to) : [], pauses: [] });
  }

  const at = (x: number) => humanInstant(x, zone);
  const marks: TimelineView['marks'][number][] = [{ at: t.filed, kind: 'filed', label: `filed ${at(t.filed)}` }];
  for (const u of updates) {
    // A met interval ended before its due instant: only late and still-running ones are marked.
    if (u.state === 'met' || !Number.isFinite(u.due) || u.due > to) continue;
    marks.push({ at: u.due, kind: u.state === 'breached' ? 'breach' : 'due', row: UPDATE_ROW, label: `update ${u.state === 'breached' ? 'late' : 'due'} ${at(u.due)}` });
  }
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
