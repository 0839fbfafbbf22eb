/**
 * `replay`: a real ticket history (one CSV row per event) run through the contract's clocks, with
 * the same tally as the simulator: every ticket's clocks, breaches and credits, and the totals.
 * A malformed row is an error naming its line, or with `lenient` is skipped and counted by reason.
 *
 * This file holds what a row and a ticket mean (reading a row, judging a ticket's rows); how the
 * log is read (in memory or streamed, in two passes) and totalled is in `replay-stream.ts`.
 */
import { TICKET_EVENTS, type TicketEvent } from '../check/model.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { isoInstant } from '../time/instant-format.js';
import type { RuntimeContract } from '../time/contract.js';
import type { EventInput } from '../time/timeline.js';
import { claimDeadline, claimOf, creditZone, isPastDue, monthKey } from '../time/credits.js';
import { ticketUpdates } from '../time/updates.js';
import { EVENT_LOG_COLUMNS } from './event-log.js';
import type { TicketEvaluator, TicketOutcome } from './outcome.js';
import type { Report } from './report.js';
import { LocalTimes, commonInstant, commonInstantBytes, parseLogInstant } from './replay-time.js';

export type Column = (typeof EVENT_LOG_COLUMNS)[number];

export interface ReplayOptions {
  /** Header names of the log's columns, where they differ from `ticket,event,time,priority,plan`. */
  readonly columns?: Partial<Record<Column, string>>;
  /** Help-desk event names to Pledge's: `Waiting on customer` → `awaiting_customer`. */
  readonly events?: ReadonlyMap<string, string>;
  /** Help-desk priority names to the contract's: `Urgent` → `P0`. */
  readonly priorities?: ReadonlyMap<string, string>;
  /** The zone of timestamps written without an offset; without it such a timestamp is an error. */
  readonly zone?: string;
  /** Skip malformed rows (and tickets without a `filed` row) and count them, instead of stopping. */
  readonly lenient?: boolean;
  /** The instant open tickets are judged at (default: the latest timestamp in the log). */
  readonly now?: number;
  /** Rows over this count are refused (documented limit). */
  readonly maxRows?: number;
}

export const REPLAY_MAX_ROWS = 5_000_000;
/** Skipped rows listed one by one in a report; all of them are counted by reason. */
export const REPLAY_MAX_LISTED = 1000;

export class ReplayError extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** The diagnostic code, for the errors that have one (PLG5003, PLG5004). */
    readonly code?: RowCode,
    /**
     * For an error about a row, the column of the field at fault (grammar/reference.md, "Where a
     * row's problem is"); for a log that is not CSV, of the character at fault ("A log that is not
     * CSV at all"); 1-based, UTF-16 code units.
     */
    readonly column?: number,
    /** True for a log that is not CSV: an error of the whole log, which `--lenient` does not skip. */
    readonly notCsv = false,
  ) {
    super(message);
  }
}

/** Why a row was not used (`--lenient`). */
export type SkipReason =
  | 'columns'
  | 'ticket'
  | 'event'
  | 'time'
  | 'offset'
  | 'priority'
  | 'plan'
  | 'not-filed'
  | 'filed-twice'
  | 'before-filed'
  | 'plan-coverage';

export interface ReplayTicket {
  readonly id: string;
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly events: readonly EventInput[];
  readonly outcome: TicketOutcome;
}

/**
 * The codes of the row errors about a ticket as a whole (grammar/reference.md, "Reading a replayed
 * log"): PLG5003 an event before its ticket's filing (`before-filed`), PLG5004 a filing or a
 * reclassification to a priority the ticket's plan does not cover (`plan-coverage`).
 */
export type RowCode = 'PLG5003' | 'PLG5004';

export interface Skipped {
  /** The line and column of the row's field at fault (grammar/reference.md, "Where a row's problem is"). */
  readonly line: number;
  readonly column: number;
  readonly reason: SkipReason;
  /** For the reasons that have one (`before-filed`: PLG5003, `plan-coverage`: PLG5004), the code the row's error has without --lenient. */
  readonly code?: RowCode;
  readonly message: string;
}

/** One ticket's line of a replay report. */
export interface ReplayTicketReport {
  readonly ticket: string;
  readonly priority: string;
  readonly plan: string | null;
  readonly filed: string;
  readonly clocks: readonly { readonly clock: string; readonly priority: string; readonly state: string; readonly due: string | null; readonly stopped: string | null }[];
  /**
   * Each credit: its clock, percent of the monthly fee, the instant it was earned, and with a
   * `claim within` statement its claim deadline (`claimBy`, exclusive, ISO in the first calendar's
   * zone) and `expired` (the deadline is at or before the report's "as of" instant). An expired
   * credit is still listed and counted (grammar/reference.md, "Service credits").
   */
  readonly credits: readonly { readonly clock: string; readonly priority: string; readonly percent: number; readonly time: string; readonly amount?: number; readonly claimBy?: string; readonly expired?: boolean }[];
  /**
   * The `update every` promise judged as of the report's horizon (grammar/reference.md, "Periodic
   * updates"): intervals met and breached, and each breach's instant; absent without the promise.
   */
  readonly updates?: { readonly met: number; readonly breached: number; readonly breaches: readonly string[] };
}

export interface ReplayReport extends Report {
  readonly kind: 'pledge-replay';
  /**
   * Events after a ticket's `resolved` (a late customer reply, a note) stay in its history and do
   * not reopen it; only `reopened` does. `eventsAfterResolved` counts them. In a contract with
   * plans, `withoutPlan` counts the tickets filed with no plan: they use the top-level targets.
   */
  readonly history: { readonly rows: number; readonly eventsAfterResolved: number; readonly withoutPlan?: number };
  /**
   * With `--zone`, the rows whose time without an offset fell in a daylight-saving gap (PLG5001)
   * or a repeated hour (PLG5002), one entry per kind; absent when there are none
   * (grammar/reference.md, "Reading a replayed log").
   */
  readonly localTimes?: readonly ReplayLocalTime[];
  /**
   * What `pledge replay` says about the tickets as judged (issue 14): PLG3012 when some were filed
   * outside the contract's term, with their count and the first one; absent when none were. Added
   * by the command line, which sees each ticket as it is judged.
   */
  readonly notices?: readonly { readonly code: 'PLG3012'; readonly severity: 'warning'; readonly message: string; readonly tickets: number; readonly ticket: string; readonly filed: string }[];
  readonly perTicket: readonly ReplayTicketReport[];
  /** Every row not used, counted by reason (`tickets.skipped` is their sum). */
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** The first `REPLAY_MAX_LISTED` skipped rows, in file order. */
  readonly skipped: readonly Skipped[];
}

/** Rows whose local time did not name one instant, of one kind: how many, and the first of them. */
export interface ReplayLocalTime {
  readonly code: 'PLG5001' | 'PLG5002';
  readonly kind: 'gap' | 'repeated';
  readonly rows: number;
  /** The line and column of the first such row's time. */
  readonly line: number;
  readonly column: number;
  /** Its time as written. */
  readonly time: string;
  /** The instant used, ISO 8601 in the `--zone` zone. */
  readonly read: string;
  readonly message: string;
}

/** A row as read: its record index (0 = the first row after the header), event, and what `filed` carries. */
export interface Row {
  readonly index: number;
  readonly event: EventInput;
  readonly filedPriority?: string;
  readonly plan?: string;
}

/** A row that is not used: its record index, why, what to tell the user, and the field at fault (its index in the record). */
export class RowProblem {
  constructor(
    readonly index: number,
    readonly reason: SkipReason,
    readonly message: string,
    readonly code: RowCode | undefined,
    readonly field: number,
  ) {}
}

/** A row read from its places in the text (`RowReader.readSpans`): reused for the next row, so copy what is kept. */
export interface ScannedRow {
  /** The ticket id is text[idFrom, idTo) (no string is made for it: `TicketIds` finds it in place). */
  text: string;
  idFrom: number;
  idTo: number;
  event: TicketEvent;
  at: number;
  /** The contract's priority (`filed` and `reclassified` rows), else ''. */
  priority: string;
  /** The plan of a `filed` row, else ''. */
  plan: string;
}

/** Names as written in the log and what they stand for (`--map-event`, `--map-priority` applied). */
type Names = readonly (readonly [raw: string, meant: string])[];

function names(valid: readonly string[], map: ReadonlyMap<string, string> | undefined): Names {
  const out: [string, string][] = [];
  for (const [raw, meant] of map ?? []) if (valid.includes(meant)) out.push([raw, meant]);
  for (const v of valid) if (!map?.has(v)) out.push([v, v]);
  return out;
}

/** What text[a, b) stands for, without slicing it out; undefined when none (the slow path decides). */
function lookup(list: Names, text: string, a: number, b: number): string | undefined {
  const n = b - a;
  for (let k = 0; k < list.length; k++) {
    const [raw, meant] = list[k]!;
    if (raw.length === n && text.startsWith(raw, a)) return meant;
  }
  return undefined;
}

/** `lookup` of ASCII bytes (bytes[a, b), each byte the code unit `latin1` reads it as). */
function lookupBytes(list: Names, bytes: Uint8Array, a: number, b: number): string | undefined {
  const n = b - a;
  for (let k = 0; k < list.length; k++) {
    const [raw, meant] = list[k]!;
    if (raw.length !== n) continue;
    let i = 0;
    while (i < n && raw.charCodeAt(i) === bytes[a + i]) i++;
    if (i === n) return meant;
  }
  return undefined;
}

/** Reads rows of the log (as arrays of fields) against the header and the contract. */
export class RowReader {
  private readonly at: Record<Column, number>;
  private readonly priorities: Set<string>;
  private readonly plans: string[];
  private readonly width: number;
  private readonly eventNames: Names;
  private readonly priorityNames: Names;
  private readonly planNames: Names;
  private readonly scanned: ScannedRow = { text: '', idFrom: 0, idTo: 0, event: 'filed', at: 0, priority: '', plan: '' };
  private readonly localTimes: LocalTimes | undefined;
  /** Called with each offset-less time read in a gap or a repeated hour (`--zone`): the row, the text and the instant used. */
  onLocalTime?: (index: number, kind: 'gap' | 'repeated', text: string, at: number) => void;

  constructor(
    runtime: RuntimeContract,
    private readonly options: ReplayOptions,
    header: readonly string[],
    private readonly zone: string,
  ) {
    const name = (c: Column) => options.columns?.[c] ?? c;
    for (const c of ['ticket', 'event', 'time'] as const) {
      if (!header.includes(name(c))) {
        throw new ReplayError(1, `no column \`${name(c)}\` in the header (${header.map((h) => `\`${h}\``).join(', ')})${didYouMeanText(name(c), header)}; name it with --column ${c}=NAME`);
      }
    }
    this.at = Object.fromEntries(EVENT_LOG_COLUMNS.map((c) => [c, header.indexOf(name(c))])) as Record<Column, number>;
    this.width = header.length;
    this.priorities = new Set(runtime.model.priorities.map((p) => p.name));
    this.plans = [...runtime.model.plans.keys()];
    this.eventNames = names(TICKET_EVENTS, options.events);
    this.priorityNames = names([...this.priorities], options.priorities);
    this.planNames = names(this.plans, undefined);
    this.localTimes = options.zone !== undefined ? new LocalTimes(options.zone) : undefined;
  }

  /** The header's width and the columns of the ticket, the event and the time. */
  layout(): { width: number; ticket: number; event: number; time: number } {
    return { width: this.width, ticket: this.at.ticket, event: this.at.event, time: this.at.time };
  }

  /** The index in a row of the field `column` is; the event's for a column the log does not have (a missing priority). */
  fieldIndex(column: Column): number {
    const i = this.at[column];
    return i >= 0 ? i : this.at.event;
  }

  /** The names in the log that stand for `event` (after `--map-event`). */
  rawEvents(event: TicketEvent): string[] {
    return this.eventNames.filter(([, meant]) => meant === event).map(([raw]) => raw);
  }

  /**
   * `read` of a row given as places in the text (`FastCsv`'s spans): the same row or problem,
   * making no string for the usual row (a known event, priority and plan, a
   * time `commonInstant` reads); anything else is sliced into fields and given to `read`.
   */
  readSpans(text: string, b: Int32Array, n: number, index: number): ScannedRow | RowProblem {
    const at = this.at;
    const out = this.scanned;
    fast: if (n === this.width) {
      const ti = at.ticket;
      if (b[2 * ti] === b[2 * ti + 1]) break fast;
      const ei = at.event;
      const event = lookup(this.eventNames, text, b[2 * ei]!, b[2 * ei + 1]!) as TicketEvent | undefined;
      if (event === undefined) break fast;
      const mi = at.time;
      let time = commonInstant(text, b[2 * mi]!, b[2 * mi + 1]!);
      // Without an offset, with --zone: an ordinary local time by its hour's offset (a gap or a repeated hour is read by `read`).
      if (time !== time && this.localTimes) time = this.localTimes.instant(text, b[2 * mi]!, b[2 * mi + 1]!);
      if (time !== time) break fast;
      let priority = '';
      let plan = '';
      if (event === 'filed' || event === 'reclassified') {
        const pi = at.priority;
        const p = pi < 0 ? undefined : lookup(this.priorityNames, text, b[2 * pi]!, b[2 * pi + 1]!);
        if (p === undefined) break fast;
        priority = p;
        if (event === 'filed') {
          const li = at.plan;
          if (li >= 0 && b[2 * li] !== b[2 * li + 1]) {
            const l = lookup(this.planNames, text, b[2 * li]!, b[2 * li + 1]!);
            if (l === undefined) break fast;
            plan = l;
          }
        }
      }
      out.text = text;
      out.idFrom = b[2 * ti]!;
      out.idTo = b[2 * ti + 1]!;
      out.event = event;
      out.at = time;
      out.priority = priority;
      out.plan = plan;
      return out;
    }
    const fields: string[] = new Array(n);
    for (let k = 0; k < n; k++) fields[k] = text.slice(b[2 * k]!, b[2 * k + 1]!);
    return this.readScanned(fields, index);
  }

  /**
   * `readSpans` of a row read from an ASCII piece's bytes (`FastCsv.pushBytes`: field `k` is
   * `bytes.latin1Slice(b[2k], b[2k + 1])`), for the usual row only: its `ScannedRow` with `text`
   * empty (the ticket id is bytes[idFrom, idTo)), or undefined for any other row (the caller then
   * gives the row's text to `readSpans`, which decides). When it gives a row, it is the row
   * `readSpans` gives for the `latin1` text.
   */
  readBytes(bytes: Uint8Array, b: Int32Array, n: number): ScannedRow | undefined {
    if (n !== this.width) return undefined;
    const at = this.at;
    const ti = at.ticket;
    if (b[2 * ti] === b[2 * ti + 1]) return undefined;
    const ei = at.event;
    const event = lookupBytes(this.eventNames, bytes, b[2 * ei]!, b[2 * ei + 1]!) as TicketEvent | undefined;
    if (event === undefined) return undefined;
    const mi = at.time;
    let time = commonInstantBytes(bytes, b[2 * mi]!, b[2 * mi + 1]!);
    if (time !== time && this.localTimes) time = this.localTimes.instantBytes(bytes, b[2 * mi]!, b[2 * mi + 1]!);
    if (time !== time) return undefined;
    let priority = '';
    let plan = '';
    if (event === 'filed' || event === 'reclassified') {
      const pi = at.priority;
      const p = pi < 0 ? undefined : lookupBytes(this.priorityNames, bytes, b[2 * pi]!, b[2 * pi + 1]!);
      if (p === undefined) return undefined;
      priority = p;
      if (event === 'filed') {
        const li = at.plan;
        if (li >= 0 && b[2 * li] !== b[2 * li + 1]) {
          const l = lookupBytes(this.planNames, bytes, b[2 * li]!, b[2 * li + 1]!);
          if (l === undefined) return undefined;
          plan = l;
        }
      }
    }
    const out = this.scanned;
    out.text = '';
    out.idFrom = b[2 * ti]!;
    out.idTo = b[2 * ti + 1]!;
    out.event = event;
    out.at = time;
    out.priority = priority;
    out.plan = plan;
    return out;
  }

  /** `read`, giving a `ScannedRow` (reused for the next row). */
  readScanned(fields: readonly string[], index: number): ScannedRow | RowProblem {
    const r = this.read(fields, index);
    if (r instanceof RowProblem) return r;
    const [id, row] = r;
    const out = this.scanned;
    out.text = id;
    out.idFrom = 0;
    out.idTo = id.length;
    out.event = row.event.event;
    out.at = row.event.at;
    out.priority = row.filedPriority ?? row.event.priority ?? '';
    out.plan = row.plan ?? '';
    return out;
  }

  private field(f: readonly string[], c: Column): string {
    const i = this.at[c];
    return i < 0 ? '' : (f[i] ?? '');
  }

  /** The ticket id and row, or the problem with it. */
  read(f: readonly string[], index: number): [string, Row] | RowProblem {
    const { options } = this;
    const name = (c: Column) => options.columns?.[c] ?? c;
    // A row with more or fewer fields than the header is never read as something else (issue 19: an extra column made a new ticket).
    // Its first field past the header's width, or its last.
    if (f.length !== this.width) return new RowProblem(index, 'columns', `the row has ${f.length} fields; the header has ${this.width}`, undefined, Math.min(f.length - 1, this.width));
    const at = this.at;
    const id = this.field(f, 'ticket');
    if (id === '') return new RowProblem(index, 'ticket', `empty \`${name('ticket')}\``, undefined, at.ticket);
    const rawEvent = this.field(f, 'event');
    const event = options.events?.get(rawEvent) ?? rawEvent;
    if (!(TICKET_EVENTS as readonly string[]).includes(event)) {
      return new RowProblem(index, 'event', `unknown event \`${rawEvent}\`${didYouMeanText(event, TICKET_EVENTS)}; map a help desk's name with --map-event '${rawEvent}=<event>'`, undefined, at.event);
    }
    const timeText = this.field(f, 'time');
    let local: 'gap' | 'repeated' | undefined;
    const time = parseLogInstant(timeText, options.zone ?? this.zone, options.zone !== undefined, this.onLocalTime && ((kind) => void (local = kind)));
    if (typeof time === 'object') return new RowProblem(index, time.reason, time.message, undefined, at.time);
    const rawPriority = this.field(f, 'priority');
    const priority = options.priorities?.get(rawPriority) ?? rawPriority;
    const needsPriority = event === 'filed' || event === 'reclassified';
    if (needsPriority && !this.priorities.has(priority)) {
      return new RowProblem(index, 'priority', priority === '' ? `a \`${event}\` row needs a priority` : `unknown priority \`${rawPriority}\`${didYouMeanText(priority, [...this.priorities])}; map it with --map-priority '${rawPriority}=<priority>'`, undefined, this.fieldIndex('priority'));
    }
    const plan = this.field(f, 'plan');
    if (event === 'filed' && plan !== '' && !this.plans.includes(plan)) {
      return new RowProblem(index, 'plan', `unknown plan \`${plan}\`${this.plans.length ? didYouMeanText(plan, this.plans) : '; the contract has no plans'}`, undefined, at.plan);
    }
    const e: EventInput = event === 'reclassified' ? { event: event as TicketEvent, at: time, priority } : { event: event as TicketEvent, at: time };
    // Told only for a row that is used: a gap or repeated hour is said once per row read (issue 14).
    if (local) this.onLocalTime!(index, local, timeText, time);
    return [id, { index, event: e, ...(event === 'filed' ? { filedPriority: priority, ...(plan !== '' ? { plan } : {}) } : {}) }];
  }
}

/**
 * A ticket from all its rows, or the problem that keeps it out (every one of its rows is then
 * skipped with that reason).
 */
export function judgeTicket(
  runtime: RuntimeContract,
  evaluator: TicketEvaluator,
  id: string,
  rows: readonly Row[],
  iso: (t: number) => string = (x) => isoInstant(x, 'UTC'),
  /** The index in a row of a column's field (`RowReader.fieldIndex`), for the problem's place. */
  fieldOf: (column: Column) => number = () => 0,
): ReplayTicket | RowProblem {
  // One look at the rows for the filing (and a second one), then one for an event before it.
  let filed: Row | undefined;
  let twice: Row | undefined;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (r.event.event !== 'filed') continue;
    if (filed === undefined) filed = r;
    else if (twice === undefined) twice = r;
  }
  if (filed === undefined) return new RowProblem(rows[0]!.index, 'not-filed', `ticket \`${id}\` has no \`filed\` row`, undefined, fieldOf('ticket'));
  if (twice !== undefined) return new RowProblem(twice.index, 'filed-twice', `ticket \`${id}\` is filed twice`, undefined, fieldOf('event'));
  const filedAt = filed.event.at;
  const others: Row[] = [];
  let sorted = true;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (r.event.at < filedAt) return new RowProblem(r.index, 'before-filed', `this \`${r.event.event}\` of ticket \`${id}\` at ${iso(r.event.at)} comes before the ticket was filed at ${iso(filedAt)}`, 'PLG5003', fieldOf('time'));
    if (r === filed) continue;
    if (others.length && r.event.at < others[others.length - 1]!.event.at) sorted = false;
    others.push(r);
  }
  // Help desks export in any order: a ticket's events are taken in time order, ties as written
  // (rows come in file order, so an already ordered ticket needs no sort).
  if (!sorted) others.sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  const events: EventInput[] = new Array(others.length);
  for (let k = 0; k < others.length; k++) events[k] = others[k]!.event;
  const input = { priority: filed.filedPriority!, ...(filed.plan ? { plan: filed.plan } : {}), filed: filed.event.at, events };
  // A filing, or a reclassification, to a priority the plan does not cover is an error, as in
  // `what-if` (PLG3014): judged, its clocks would silently keep the old targets (reference,
  // "Changing priority", rule 5).
  if (runtime.targets(input.priority, input.plan) === undefined) {
    return new RowProblem(filed.index, 'plan-coverage', `ticket \`${id}\` is filed at ${iso(filedAt)} as \`${input.priority}\`, and ${notCovered(runtime, input.plan, input.priority)}`, 'PLG5004', fieldOf('priority'));
  }
  for (let k = 0; k < others.length; k++) {
    const r = others[k]!;
    const to = r.event.priority;
    if (r.event.event === 'reclassified' && to !== undefined && runtime.targets(to, input.plan) === undefined) {
      return new RowProblem(r.index, 'plan-coverage', `ticket \`${id}\` is reclassified at ${iso(r.event.at)} to \`${to}\`, and ${notCovered(runtime, input.plan, to)}, so the ticket cannot be reclassified to it`, 'PLG5004', fieldOf('priority'));
    }
  }
  return { id, priority: input.priority, ...(filed.plan ? { plan: filed.plan } : {}), filed: input.filed, events, outcome: evaluator.evaluate(input) };
}

/** `plan \`basic\` does not cover \`P0\` (it covers \`P1\`, \`P2\`)`, as `what-if` says it. */
function notCovered(runtime: RuntimeContract, plan: string | undefined, priority: string): string {
  const covered = runtime.model.priorities.map((p) => p.name).filter((p) => runtime.targets(p, plan) !== undefined);
  return `plan \`${plan}\` does not cover \`${priority}\` (it covers ${covered.length ? covered.map((p) => `\`${p}\``).join(', ') : 'no priority'})`;
}

/** A ticket's line of the report, judged at `horizon`. */
export function ticketReport(runtime: RuntimeContract, t: ReplayTicket, zone: string, horizon: number, iso: (t: number) => string = (x) => isoInstant(x, zone)): ReplayTicketReport {
  return recordReport(ticketRecord(runtime, t, horizon, iso));
}

/**
 * `ticketReport` with its instants as numbers (milliseconds) and the function that writes them
 * (`iso`): the line in a form that is smaller to keep (`pledge replay --json` spools it, and
 * writes its text only when the report is printed). `recordReport` makes the line of it.
 */
export interface ReplayTicketRecord {
  readonly ticket: string;
  readonly priority: string;
  readonly plan: string | null;
  readonly filed: number;
  readonly clocks: readonly { readonly clock: string; readonly priority: string; readonly state: string; readonly due: number | undefined; readonly stopped: number | undefined }[];
  readonly credits: readonly { readonly clock: string; readonly priority: string; readonly percent: number; readonly time: number; readonly amount?: number; readonly claimBy?: number; readonly expired?: boolean }[];
  readonly updates?: { readonly met: number; readonly breached: number; readonly breaches: readonly number[] };
  /** Writes an instant as the report does (ISO 8601 in the report's zone). */
  readonly iso: (t: number) => string;
}

/** A ticket's line, its instants as numbers (`ReplayTicketRecord`), judged at `horizon`. */
export function ticketRecord(runtime: RuntimeContract, t: ReplayTicket, horizon: number, iso: (t: number) => string): ReplayTicketRecord {
  const fee = runtime.monthlyFee;
  const updates = updatesRecord(runtime, t, horizon);
  return {
    ticket: t.id,
    priority: t.priority,
    plan: t.plan ?? null,
    filed: t.filed,
    clocks: t.outcome.clocks.map((c) => ({
      clock: c.clock,
      priority: c.priority,
      state: c.stopped === undefined && c.due !== undefined && isPastDue(c.due, horizon) && c.state !== 'no-target' ? 'breached' : c.state,
      due: c.due,
      stopped: c.stopped,
    })),
    credits: t.outcome.credits.map((c) => {
      const by = claimBy(runtime, c.time);
      return { clock: c.clock, priority: c.priority, percent: c.percent, time: c.time, ...(fee ? { amount: (fee.amount * c.percent) / 100 } : {}), ...(by !== undefined ? { claimBy: by, expired: by <= horizon } : {}) };
    }),
    ...(updates ? { updates } : {}),
    iso,
  };
}

/** The report's line of a ticket from its record: each instant written by `r.iso`. */
export function recordReport(r: ReplayTicketRecord): ReplayTicketReport {
  const iso = r.iso;
  return {
    ticket: r.ticket,
    priority: r.priority,
    plan: r.plan,
    filed: iso(r.filed),
    clocks: r.clocks.map((c) => ({ clock: c.clock, priority: c.priority, state: c.state, due: c.due !== undefined ? iso(c.due) : null, stopped: c.stopped !== undefined ? iso(c.stopped) : null })),
    credits: r.credits.map((c) => ({
      clock: c.clock,
      priority: c.priority,
      percent: c.percent,
      time: iso(c.time),
      ...(c.amount !== undefined ? { amount: c.amount } : {}),
      ...(c.claimBy !== undefined ? { claimBy: iso(c.claimBy), expired: c.expired! } : {}),
    })),
    ...(r.updates ? { updates: { met: r.updates.met, breached: r.updates.breached, breaches: r.updates.breaches.map((t) => iso(t)) } } : {}),
  };
}

function updatesRecord(runtime: RuntimeContract, t: ReplayTicket, horizon: number): ReplayTicketRecord['updates'] {
  const { updates } = ticketUpdates(runtime, t.priority, t.plan, t.filed, t.events, horizon);
  if (!updates) return undefined;
  const breached = updates.filter((u) => u.state === 'breached');
  return { met: updates.filter((u) => u.state === 'met').length, breached: breached.length, breaches: breached.map((u) => u.due) };
}

/**
 * The claim deadline of a credit earned at `t` (exclusive), or undefined with no `claim within`:
 * the credit falls in its month in the first calendar's zone, and the deadline counts from there.
 */
export function claimBy(runtime: RuntimeContract, t: number): number | undefined {
  const claim = claimOf(runtime.model);
  if (!claim) return undefined;
  const zone = creditZone(runtime.model);
  return claimDeadline(monthKey(t, zone), claim, zone, runtime.model.fee?.period);
}

function didYouMeanText(word: string, options: readonly string[]): string {
  const best = didYouMean(word, options);
  return best ? `; did you mean \`${best}\`?` : '';
}
