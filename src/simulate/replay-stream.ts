/**
 * How `replay` reads a ticket log and totals it. Memory is bounded by the tickets open at once in
 * the log, not by its rows: the log is read twice (csv-parse's stream API over a file, or its sync
 * API over a string, the same code either way). The first pass finds each ticket's last row, the
 * log's latest instant (the default `--now`) and its first and last filing; the second holds a
 * ticket's rows only until its last row is read, then judges the ticket, adds it to the tally,
 * hands its line of the report to `onTicket` and forgets it. The first pass keeps a few numbers
 * per ticket id (`TicketIds`: typed arrays, no object or string per ticket), nothing per row.
 *
 * Without `--lenient` the streamed first pass does not read rows (`LogIndex.quick`): it numbers
 * each row's ticket id in place and reads a time only for a filing (or for every row when the
 * latest instant is the horizon). The second pass reads every row and stops at the first bad one,
 * the error the first pass used to give; a ticket that cannot be judged (filed twice, ...) is held
 * until the log is read, since a bad row after it is the first error in file order. With
 * `--lenient` both passes read every row (which rows are used decides where a ticket ends).
 *
 * Records are counted, not given line numbers, while reading (csv-parse's `info` halves its speed);
 * the lines and columns of the few rows a report names are found by a third look at the log, only
 * when needed (`placesOf`, replay-places.ts: each problem carries the index of its field).
 *
 * A log with no quote is read by hand at every pass: an ASCII piece is taken as its bytes
 * (`latin1`), others through the UTF-8 decoder; `FastCsv` gives each record as places in the text
 * and `RowReader.readSpans` reads the usual row without a string per field (with `--zone`, an
 * offset-less time by its wall-clock hour's offset, `LocalTimes`). Ticket ids are numbered in the
 * first pass; the second finds each row's number from the id's place in the text and keeps open
 * tickets' rows in an array by that number. The quick first pass with `--now` takes an ASCII piece
 * as bytes, making no text of it (`FastCsv.pushBytes`, `LogIndex.quickBytes`).
 */
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { isAscii } from 'node:buffer';
import { Transform, pipeline, type Readable } from 'node:stream';
import type { RuntimeContract } from '../time/contract.js';
import { isoInstant, localTimeNote } from '../time/instant-format.js';
import { scenarioZone } from './load.js';
import { TicketEvaluator } from './outcome.js';
import { clockRows, creditsReport, escalationRows, updateRows } from './report.js';
import { REPLAY_MAX_LISTED, REPLAY_MAX_ROWS, ReplayError, RowProblem, RowReader, judgeTicket, ticketReport, ticketRecord, type Column, type ReplayOptions, type ReplayReport, type ReplayTicketReport, type ReplayTicketRecord, type ReplayLocalTime, type Row, type RowCode, type ScannedRow, type SkipReason } from './replay.js';
import type { EventInput } from '../time/timeline.js';
import { commonInstant, isoWriter } from './replay-time.js';
import { FastCsv } from './csv-fast.js';
import { TicketIds } from './replay-ids.js';
import { faultIn, faultOf, placesIn, placesOf, type Place, type Places, type Wanted } from './replay-places.js';
import { breachCreditOf, monthsBetween } from './simulate.js';
import { Months, Tally } from './tally.js';

const CSV = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true } as const;

export interface ReplayStreamOptions extends ReplayOptions {
  /** Called with each ticket's line of the report as soon as its last row is read; the report's `perTicket` is then empty. */
  readonly onTicket?: (t: ReplayTicketReport) => void;
  /**
   * Called instead of `onTicket`, when given, with each ticket's line with its instants as numbers
   * (`recordReport` gives the line `onTicket` would get): smaller to keep than the line's text.
   */
  readonly onTicketRecord?: (t: ReplayTicketRecord) => void;
}

/** A skipped row before its line is known. */
interface Skip {
  readonly index: number;
  readonly reason: SkipReason;
  readonly message: string;
  readonly code?: RowCode;
  /** The field at fault (its index in the row). */
  readonly field: number;
}

/** The first pass: each ticket's last row, the latest instant, the first and last filing. */
class LogIndex {
  /** Each ticket id's number (in order of first appearance) and its last row; the second pass keeps its rows by number. */
  readonly ids = new TicketIds();
  latest = -Infinity;
  firstFiled = Infinity;
  lastFiled = -Infinity;
  rows = 0;
  /** Rows whose local time fell in a gap or a repeated hour: the count and the first (PLG5001, PLG5002). */
  readonly local: Partial<Record<'gap' | 'repeated', { rows: number; index: number; text: string; at: number }>> = {};
  /** `quick`: the header's width and columns, the raw names of \`filed\` (after --map-event), and whether the latest instant is needed. */
  private readonly width: number;
  private readonly ticketAt: number;
  private readonly eventAt: number;
  private readonly timeAt: number;
  private readonly filedNames: readonly string[];
  constructor(
    readonly reader: RowReader,
    private readonly lenient: boolean,
    private readonly maxRows: number,
    private readonly needLatest = true,
  ) {
    ({ width: this.width, ticket: this.ticketAt, event: this.eventAt, time: this.timeAt } = reader.layout());
    this.filedNames = reader.rawEvents('filed');
  }

  /** Counts the rows whose local time names no single instant, from now on (only one pass may tell). */
  tell(on: boolean): void {
    this.reader.onLocalTime = on
      ? (index, kind, text, at) => {
          const seen = this.local[kind];
          if (seen) seen.rows++;
          else this.local[kind] = { rows: 1, index, text, at };
        }
      : undefined;
  }

  row(r: ScannedRow | RowProblem, index: number): void {
    if (++this.rows > this.maxRows) throw this.tooMany();
    if (r instanceof RowProblem) {
      if (!this.lenient) throw r;
      return;
    }
    this.ids.see(r.text, r.idFrom, r.idTo, index);
    const at = r.at;
    if (at > this.latest) this.latest = at;
    if (r.event === 'filed') {
      if (at < this.firstFiled) this.firstFiled = at;
      if (at > this.lastFiled) this.lastFiled = at;
    }
  }

  tooMany(): ReplayError {
    return new ReplayError(1, `the log has more than ${this.maxRows.toLocaleString('en-US')} rows; replay reads at most ${this.maxRows.toLocaleString('en-US')}`);
  }

  /**
   * \`row\` without reading the row (not \`--lenient\`): the ticket id found in place and numbered,
   * the time read only for a filing (or for every row when the latest instant is the horizon).
   * A malformed row is not looked at: the second pass reads every row and stops at the first
   * bad one, the error \`row\` would have given. False past the row limit (the caller then
   * reads the log with \`row\`, which says which comes first, a bad row or the limit).
   */
  quick(text: string, b: Int32Array, n: number, index: number): boolean {
    if (++this.rows > this.maxRows) return false;
    return this.quickRow(text, b, n, index);
  }

  /** Bounds of a filing's line as text of its own (`quickBytes`). */
  private lineBounds = new Int32Array(64);

  /**
   * `quick` of a row read from an ASCII piece's bytes, only when the latest instant is not needed:
   * a row that is no filing is numbered from its bytes; a filing's line is made text and read by `quick`.
   */
  quickBytes(bytes: Buffer, b: Int32Array, n: number, index: number): boolean {
    if (++this.rows > this.maxRows) return false;
    if (n !== this.width) return true;
    const ti = this.ticketAt;
    const from = b[2 * ti]!;
    const to = b[2 * ti + 1]!;
    if (from === to) return true;
    const ea = b[2 * this.eventAt]!;
    const el = b[2 * this.eventAt + 1]! - ea;
    let filed = false;
    for (const f of this.filedNames) {
      if (f.length !== el) continue;
      let k = 0;
      while (k < el && f.charCodeAt(k) === bytes[ea + k]) k++;
      if (k === el) filed = true;
    }
    if (!filed) {
      this.ids.seeBytes(bytes, from, to, index);
      return true;
    }
    const start = b[0]!;
    if (this.lineBounds.length < 2 * n) this.lineBounds = new Int32Array(2 * n);
    const lb = this.lineBounds;
    for (let k = 0; k < 2 * n; k++) lb[k] = b[k]! - start;
    return this.quickRow(bytes.toString('latin1', start, b[2 * n - 1]!), lb, n, index);
  }

  private quickRow(text: string, b: Int32Array, n: number, index: number): boolean {
    if (n !== this.width) return true;
    const ti = this.ticketAt;
    const from = b[2 * ti]!;
    const to = b[2 * ti + 1]!;
    if (from === to) return true;
    this.ids.see(text, from, to, index);
    const ea = b[2 * this.eventAt]!;
    const el = b[2 * this.eventAt + 1]! - ea;
    let filed = false;
    for (const f of this.filedNames) if (f.length === el && text.startsWith(f, ea)) filed = true;
    if (!filed && !this.needLatest) return true;
    let at = commonInstant(text, b[2 * this.timeAt]!, b[2 * this.timeAt + 1]!);
    if (at !== at) {
      const r = this.reader.readSpans(text, b, n, index);
      if (r instanceof RowProblem) return true;
      at = r.at;
    }
    if (at > this.latest) this.latest = at;
    if (filed) {
      if (at < this.firstFiled) this.firstFiled = at;
      if (at > this.lastFiled) this.lastFiled = at;
    }
    return true;
  }
}

/** The second pass: open tickets' rows, the tally and the counts. */
class ReplayTotals {
  /** The rows read so far of each open ticket, by its number (`LogIndex.ids`). */
  private readonly open: (Row[] | undefined)[];
  private readonly evaluator: TicketEvaluator;
  private readonly tally: Tally;
  private readonly iso: (t: number) => string;
  readonly skipped: Skip[] = [];
  readonly byReason: Partial<Record<SkipReason, number>> = {};
  skippedRows = 0;
  perTicket: ReplayTicketReport[] = [];
  filed = 0;
  resolved = 0;
  afterResolved = 0;
  /** Tickets filed with no plan in a contract that has plans (they use the top-level targets). */
  withoutPlan = 0;
  firstFiled = Infinity;
  lastFiled = -Infinity;

  constructor(
    private readonly runtime: RuntimeContract,
    private readonly options: ReplayStreamOptions,
    private readonly reader: RowReader,
    private readonly index: LogIndex,
    private readonly zone: string,
    readonly horizon: number,
  ) {
    this.open = new Array<Row[] | undefined>(index.ids.size).fill(undefined);
    this.evaluator = new TicketEvaluator(runtime, horizon);
    const from = Number.isFinite(index.firstFiled) ? index.firstFiled : horizon;
    const months = new Months(zone, from, Math.max(horizon, Number.isFinite(index.lastFiled) ? index.lastFiled : horizon));
    this.tally = new Tally([...runtime.model.clocks.keys()], months, horizon, breachCreditOf(runtime));
    this.iso = isoWriter(zone);
  }

  private skip(index: number, reason: SkipReason, message: string, code: RowCode | undefined, field: number): void {
    this.skippedRows++;
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    if (this.skipped.length < REPLAY_MAX_LISTED) this.skipped.push({ index, reason, message, ...(code ? { code } : {}), field });
  }

  private readonly fieldOf = (c: Column) => this.reader.fieldIndex(c);

  /** Without --lenient, the first ticket that could not be judged: a bad row later in the log comes first (it is the first error in file order). */
  private refused: RowProblem | undefined;

  row(r: ScannedRow | RowProblem, index: number): void {
    if (r instanceof RowProblem) {
      if (!this.options.lenient) throw r;
      this.skip(r.index, r.reason, r.message, r.code, r.field);
      return;
    }
    const n = this.index.ids.next(r.text, r.idFrom, r.idTo);
    if (n < 0) throw new ReplayError(1, 'the log changed while it was read (a ticket in the second reading not in the first)');
    const e: EventInput = r.event === 'reclassified' ? { event: r.event, at: r.at, priority: r.priority } : { event: r.event, at: r.at };
    const row: Row = r.event === 'filed' ? (r.plan !== '' ? { index, event: e, filedPriority: r.priority, plan: r.plan } : { index, event: e, filedPriority: r.priority }) : { index, event: e };
    let rows = this.open[n];
    if (rows === undefined) this.open[n] = rows = [row];
    else rows.push(row);
    if (this.index.ids.last[n] === index) {
      this.open[n] = undefined;
      if (this.refused === undefined) this.finish(ownString(r.text, r.idFrom, r.idTo), rows);
    }
  }

  /** Bounds of a line as text of its own (`rowBytes`, a row `readBytes` leaves to `readSpans`). */
  private lineBounds = new Int32Array(64);

  /**
   * `row` of a row read from an ASCII piece's bytes (`FastCsv.pushBytes`): the usual row is read
   * from its bytes (`RowReader.readBytes`), any other is made text and read by `readSpans`, so
   * each row is read as `row(readSpans(its latin1 text))` reads it.
   */
  rowBytes(bytes: Buffer, b: Int32Array, n: number, index: number): void {
    const r = this.reader.readBytes(bytes, b, n);
    if (r === undefined) {
      const start = b[0]!;
      if (this.lineBounds.length < 2 * n) this.lineBounds = new Int32Array(2 * n);
      const lb = this.lineBounds;
      for (let k = 0; k < 2 * n; k++) lb[k] = b[k]! - start;
      return this.row(this.reader.readSpans(bytes.toString('latin1', start, b[2 * n - 1]!), lb, n, index), index);
    }
    const ids = this.index.ids;
    const n0 = ids.nextBytes(bytes, r.idFrom, r.idTo);
    if (n0 < 0) throw new ReplayError(1, 'the log changed while it was read (a ticket in the second reading not in the first)');
    const e: EventInput = r.event === 'reclassified' ? { event: r.event, at: r.at, priority: r.priority } : { event: r.event, at: r.at };
    const row: Row = r.event === 'filed' ? (r.plan !== '' ? { index, event: e, filedPriority: r.priority, plan: r.plan } : { index, event: e, filedPriority: r.priority }) : { index, event: e };
    let rows = this.open[n0];
    if (rows === undefined) this.open[n0] = rows = [row];
    else rows.push(row);
    if (ids.last[n0] === index) {
      this.open[n0] = undefined;
      if (this.refused === undefined) this.finish(bytes.toString('latin1', r.idFrom, r.idTo), rows);
    }
  }

  /** The end of the log: the ticket that could not be judged, if any (without --lenient). */
  end(): void {
    if (this.refused) throw this.refused;
  }

  private finish(id: string, rows: Row[]): void {
    const t = judgeTicket(this.runtime, this.evaluator, id, rows, this.iso, this.fieldOf);
    if (t instanceof RowProblem) {
      if (!this.options.lenient) return void (this.refused = t);
      // Every row of a ticket that is not used is counted, with the reason (and code) the ticket was refused; the others at their ticket id.
      for (const r of rows) this.skip(r.index, t.reason, r.index === t.index ? t.message : `a row of ticket \`${id}\`, which is not replayed: ${t.message}`, t.code, r.index === t.index ? t.field : this.fieldOf('ticket'));
      return;
    }
    this.filed++;
    if (t.filed < this.firstFiled) this.firstFiled = t.filed;
    if (t.filed > this.lastFiled) this.lastFiled = t.filed;
    // Only `reopened` reopens a resolved ticket; later events (a customer's thanks) stay in its history and are counted.
    let resolved = false;
    for (const e of t.events) {
      if (e.event === 'resolved') resolved = true;
      else if (e.event === 'reopened') resolved = false;
      else if (resolved) this.afterResolved++;
    }
    if (resolved) this.resolved++;
    this.tally.add(t.outcome);
    if (this.options.onTicketRecord) {
      const record = ticketRecord(this.runtime, t, this.horizon, this.iso);
      if (record.plan === null && this.runtime.model.plans.size > 0) this.withoutPlan++;
      return this.options.onTicketRecord(record);
    }
    const line = ticketReport(this.runtime, t, this.zone, this.horizon, this.iso);
    if (line.plan === null && this.runtime.model.plans.size > 0) this.withoutPlan++;
    if (this.options.onTicket) this.options.onTicket(line);
    else this.perTicket.push(line);
  }

  report(places: Places): ReplayReport {
    const { runtime, zone, tally } = this;
    const filedMonths = this.filed ? monthsBetween(zone, this.firstFiled, this.lastFiled + 1).map((m) => m.month) : [];
    const skipped = [...this.skipped].sort((a, b) => a.index - b.index).map((s) => {
      const p = places.get(s.index)?.get(s.field);
      return { line: p?.line ?? 0, column: p?.column ?? 0, reason: s.reason, ...(s.code ? { code: s.code } : {}), message: s.message };
    });
    return {
      kind: 'pledge-replay',
      version: 1,
      title: runtime.model.sla?.title.value ?? 'ticket history',
      zone,
      horizon: isoInstant(this.horizon, zone),
      tickets: { filed: this.filed, resolved: this.resolved, open: this.filed - this.resolved, skipped: this.skippedRows },
      clocks: clockRows(runtime, tally),
      escalations: escalationRows(runtime, tally),
      ...updateRows(runtime, tally),
      credits: creditsReport(runtime, tally, filedMonths, undefined),
      history: { rows: this.index.rows, eventsAfterResolved: this.afterResolved, ...(runtime.model.plans.size > 0 ? { withoutPlan: this.withoutPlan } : {}) },
      ...localTimes(this.index, this.options.zone, places),
      perTicket: this.perTicket,
      skippedByReason: this.byReason,
      skipped,
    };
  }
}

/** text[from, to) as a string of its own: a slice of 13 characters or more would keep the whole piece of the log it came from alive. */
function ownString(text: string, from: number, to: number): string {
  if (from === 0 && to === text.length) return text;
  const s = text.slice(from, to);
  return to - from < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The report's `localTimes`: one entry per kind of local time that named no single instant, none when all did. */
function localTimes(index: LogIndex, zone: string | undefined, places: Places): { localTimes?: ReplayLocalTime[] } {
  const out: ReplayLocalTime[] = [];
  for (const kind of ['gap', 'repeated'] as const) {
    const l = index.local[kind];
    if (!l || zone === undefined) continue;
    const p = places.get(l.index)?.get(index.reader.layout().time);
    const line = p?.line ?? 0;
    const column = p?.column ?? 0;
    const what = kind === 'gap' ? 'does not exist' : 'happens twice';
    const note = localTimeNote(l.text.replace(' ', 'T'), zone)?.replace(`\`${l.text.replace(' ', 'T')}\``, `\`${l.text}\``) ?? '';
    out.push({
      code: kind === 'gap' ? 'PLG5001' : 'PLG5002',
      kind,
      rows: l.rows,
      line,
      column,
      time: l.text,
      read: isoInstant(l.at, zone),
      message: `${l.rows.toLocaleString('en-US')} row${l.rows === 1 ? ' has' : 's have'} a local time that ${what} in ${zone}; the first, line ${line}, column ${column}: ${note}`,
    });
  }
  return out.length ? { localTimes: out } : {};
}

/** The rows and fields a report names by line and column: the skipped ones listed and the first of each kind of local time (its time). */
function namedRows(totals: ReplayTotals, index: LogIndex): Wanted {
  const out = new Map<number, number[]>();
  const add = (i: number, field: number) => {
    const fields = out.get(i);
    if (!fields) out.set(i, [field]);
    else if (!fields.includes(field)) fields.push(field);
  };
  for (const s of totals.skipped) add(s.index, s.field);
  for (const l of Object.values(index.local)) if (l) add(l.index, index.reader.layout().time);
  return out;
}

/** The error for a row's problem, at its field's place. */
function rowError(e: RowProblem, places: Places): ReplayError {
  const p = places.get(e.index)?.get(e.field);
  return new ReplayError(p?.line ?? 1, e.message, e.code, p?.column ?? 1);
}

/** The reader for a log's header; an empty or header-only log is an error, never an empty report. */
function headerReader(runtime: RuntimeContract, options: ReplayOptions, header: string[] | undefined, hasRows: boolean): RowReader {
  if (header === undefined) throw new ReplayError(1, 'the log is empty; expected a header line and one row per event');
  if (!hasRows) throw new ReplayError(1, 'the log has a header but no rows');
  return new RowReader(runtime, options, header, scenarioZone(runtime));
}

function horizonOf(options: ReplayOptions, index: LogIndex): number {
  return options.now ?? (Number.isFinite(index.latest) ? index.latest : 0);
}

/**
 * Runs a ticket history held in a string (CSV, one row per event) through a compiled contract.
 * @example replay(runtime, 'ticket,event,time,priority,plan\nT-1,filed,2026-11-20T17:00:00+08:00,P2,\n')
 */
export function replay(runtime: RuntimeContract, csv: string, options: ReplayStreamOptions = {}): ReplayReport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseSync(csv, { ...CSV, info: true }) as unknown as typeof records;
  } catch (error) {
    throw isCsvError(error) ? csvError(error, faultIn(csv)) : error;
  }
  const atLine = (e: unknown) => (e instanceof RowProblem ? rowError(e, placesIn(csv, new Map([[e.index, [e.field]]]))) : e);
  try {
    const reader = headerReader(runtime, options, records[0]?.record, records.length > 1);
    const index = new LogIndex(reader, options.lenient ?? false, options.maxRows ?? REPLAY_MAX_ROWS);
    index.tell(true);
    for (let i = 1; i < records.length; i++) index.row(reader.readScanned(records[i]!.record, i - 1), i - 1);
    const totals = new ReplayTotals(runtime, options, reader, index, scenarioZone(runtime), horizonOf(options, index));
    index.tell(false);
    for (let i = 1; i < records.length; i++) totals.row(reader.readScanned(records[i]!.record, i - 1), i - 1);
    totals.end();
    return totals.report(placesIn(csv, namedRows(totals, index)));
  } catch (error) {
    throw atLine(error);
  }
}

/**
 * Runs a ticket history read from a stream (a file of up to 5,000,000 rows) through a compiled
 * contract. `open` is called for each pass over the log, so it must give the same bytes each time.
 * A log with no quote character is split by hand (`FastCsv`, the same records at several times the
 * speed); one with a quote is read by csv-parse, both passes.
 * @example await replayStream(runtime, () => createReadStream('history.csv'), { onTicket: (t) => print(t) })
 */
export async function replayStream(runtime: RuntimeContract, open: () => Readable, options: ReplayStreamOptions = {}): Promise<ReplayReport> {
  let fast = true;
  const lenient = options.lenient ?? false;
  // Without --lenient the first pass only numbers ticket ids (`LogIndex.quick`); the second finds any bad row.
  let quick = !lenient;
  let over = false;
  try {
    let reader: RowReader | undefined;
    let index: LogIndex | undefined;
    let header: string[] | undefined;
    const start = (i: number) => {
      if (!reader) {
        reader = headerReader(runtime, options, header, true);
        index = new LogIndex(reader, lenient, options.maxRows ?? REPLAY_MAX_ROWS, options.now === undefined);
        index.tell(!quick);
      }
    };
    const first = (fields: string[], i: number) => {
      if (i < 0) return void (header = fields);
      start(i);
      index!.row(reader!.readScanned(fields, i), i);
    };
    const firstSpans = (text: string, b: Int32Array, n: number, i: number) => {
      if (i < 0) return void (header = spanFields(text, b, n));
      start(i);
      if (!quick) index!.row(reader!.readSpans(text, b, n, i), i);
      else if (!over && !index!.quick(text, b, n, i)) over = true;
    };
    // Quick, with `--now`: ASCII pieces are read as bytes (`LogIndex.quickBytes`), not made text.
    const firstBytes = (bytes: Buffer, b: Int32Array, n: number, i: number) => {
      if (i < 0) return firstSpans(bytes.toString('latin1'), b, n, i);
      start(i);
      if (!over && !index!.quickBytes(bytes, b, n, i)) over = true;
    };
    let read = await eachSpanFast(open, firstSpans, () => over, quick && options.now !== undefined ? firstBytes : undefined);
    if (read && over) {
      // Past the row limit: read again, every row, to say which comes first, a bad row or the limit.
      quick = false;
      reader = index = header = undefined;
      read = await eachSpanFast(open, firstSpans);
    }
    if (!read) {
      // A quote: csv-parse reads the log, from the start.
      fast = false;
      quick = false;
      reader = index = header = undefined;
      await eachRecord(open, first);
    }
    if (!reader || !index) throw headerReader(runtime, options, header, false);
    const r = reader;
    const totals = new ReplayTotals(runtime, options, r, index, scenarioZone(runtime), horizonOf(options, index));
    // The second pass reads the same rows again: times in a gap are told by one of the two.
    index.tell(quick);
    const second = (fields: string[], i: number) => {
      if (i >= 0) totals.row(r.readScanned(fields, i), i);
    };
    const secondSpans = (text: string, b: Int32Array, n: number, i: number) => {
      if (i >= 0) totals.row(r.readSpans(text, b, n, i), i);
    };
    // ASCII pieces are read as bytes (`ReplayTotals.rowBytes`), not made text.
    const secondBytes = (bytes: Buffer, b: Int32Array, n: number, i: number) => {
      if (i >= 0) totals.rowBytes(bytes, b, n, i);
    };
    if (!fast) await eachRecord(open, second);
    else if (!(await eachSpanFast(open, secondSpans, undefined, secondBytes))) throw new ReplayError(1, 'the log changed while it was read (a quote in the second reading, none in the first)');
    totals.end();
    return totals.report(await placesOf(open, namedRows(totals, index)));
  } catch (error) {
    if (error instanceof RowProblem) throw rowError(error, await placesOf(open, new Map([[error.index, [error.field]]])));
    throw error;
  }
}

/** Fails on bytes that are not UTF-8, rather than reading them as U+FFFD (a silently different ticket id). */
function utf8Check(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(notUtf8(at));
      }
      at += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
      } catch {
        return done(notUtf8End());
      }
      done();
    },
  });
}

const notUtf8 = (at: number) => new ReplayError(1, `the log is not UTF-8 text (an invalid byte near byte ${at.toLocaleString('en-US')})`);
const notUtf8End = () => new ReplayError(1, 'the log is not UTF-8 text (it ends inside a character)');

/** Visits every record of the log: the header with index -1, then the rows from 0. */
async function eachRecord(open: () => Readable, visit: (fields: string[], index: number) => void, info = false): Promise<void> {
  const parser = parse({ ...CSV, info });
  pipeline(open(), utf8Check(), parser, () => {});
  let i = -1;
  try {
    for await (const record of parser) visit(record as string[], i++);
  } catch (error) {
    // Only here is the log read again, to find the fault's place.
    throw isCsvError(error) ? csvError(error, await faultOf(open)) : error;
  }
}

function spanFields(text: string, b: Int32Array, n: number): string[] {
  const out: string[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = text.slice(b[2 * k]!, b[2 * k + 1]!);
  return out;
}

/** Visits every record of the log as places in the text (`FastCsv`'s spans), not strings: the header with index -1, then the rows from 0. */
async function eachSpanFast(
  open: () => Readable,
  visit: (text: string, bounds: Int32Array, n: number, index: number) => void,
  stop = () => false,
  visitBytes?: (bytes: Buffer, bounds: Int32Array, n: number, index: number) => void,
): Promise<boolean> {
  let i = -1;
  return feedFast(open, new FastCsv(() => {}, false, (text, b, n) => visit(text, b, n, i++), visitBytes && ((bytes, b, n) => visitBytes(bytes, b, n, i++))), stop);
}

/** Decodes (and checks) the log's UTF-8 into `csv`; false at a quote; stops early when `stop()`. */
async function feedFast(open: () => Readable, csv: FastCsv, stop: () => boolean): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const stream = open();
  let at = 0;
  // While every piece is ASCII its bytes are its text: \`latin1\` reads them several times faster
  // than the UTF-8 decoder. From the first other piece on, the decoder reads (and checks) the rest.
  let ascii = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      if (ascii && csv.bytesReady && isAscii(chunk)) {
        at += chunk.length;
        if (!csv.pushBytes(chunk)) return false;
        if (stop()) return true;
        continue;
      }
      try {
        if (ascii && isAscii(chunk)) text = chunk.toString('latin1');
        else {
          ascii = false;
          text = decoder.decode(chunk, { stream: true });
        }
      } catch {
        throw notUtf8(at);
      }
      at += chunk.length;
      if (!csv.push(text, false)) return false;
      if (stop()) return true;
    }
    let text: string;
    try {
      text = decoder.decode();
    } catch {
      throw notUtf8End();
    }
    return csv.push(text, true);
  } finally {
    stream.destroy();
  }
}

/** Whether an error is csv-parse's: the log is not CSV. */
function isCsvError(error: unknown): boolean {
  if (error instanceof ReplayError || error instanceof RowProblem) return false;
  const e = error as { code?: string };
  // csv-parse's codes start with CSV_, except INVALID_OPENING_QUOTE (csv-parse 7.0.3,
  // lib/api/index.js): a quote inside an unquoted field was an internal error until that was seen.
  return error instanceof CsvError || (typeof e.code === 'string' && e.code.startsWith('CSV_'));
}

/**
 * csv-parse's error as an error of the log, at the fault's place (`faultIn`, `faultOf`;
 * grammar/reference.md, "A log that is not CSV at all"), or at csv-parse's line if the scanner
 * found none.
 */
function csvError(error: unknown, at: Place | undefined): ReplayError {
  const e = error as { lines?: number; message?: string };
  const message = `the file is not valid CSV: ${(e.message ?? String(error)).replace(/^Invalid Record Length: /, '')}`;
  return at ? new ReplayError(at.line, message, undefined, at.column, true) : new ReplayError(e.lines ?? 1, message, undefined, undefined, true);
}
