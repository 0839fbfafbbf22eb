/**
 * `replay`: a real ticket history (one CSV row per event) run through the contract's clocks, with
 * the same tally as the simulator: every ticket's clocks, breaches and credits, and the totals.
 * A malformed row is an error naming its line, or with `lenient` is skipped and counted.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { TICKET_EVENTS, type TicketEvent } from '../check/model.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { isoInstant, parseInstant } from '../time/instant-format.js';
import type { RuntimeContract } from '../time/contract.js';
import type { EventInput } from '../time/timeline.js';
import { isPastDue } from '../time/credits.js';
import { EVENT_LOG_COLUMNS } from './event-log.js';
import { scenarioZone } from './load.js';
import { TicketEvaluator, type TicketOutcome } from './outcome.js';
import { clockRows, creditsReport, escalationRows, type Report } from './report.js';
import { breachCreditOf, monthsBetween } from './simulate.js';
import { Months, Tally } from './tally.js';

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

export class ReplayError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ReplayTicket {
  readonly id: string;
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly events: readonly EventInput[];
  readonly outcome: TicketOutcome;
}

export interface Skipped {
  readonly line: number;
  readonly message: string;
}

export interface ReplayReport extends Report {
  readonly kind: 'pledge-replay';
  readonly perTicket: readonly {
    readonly ticket: string;
    readonly priority: string;
    readonly plan: string | null;
    readonly filed: string;
    readonly clocks: readonly { readonly clock: string; readonly priority: string; readonly state: string; readonly due: string | null; readonly stopped: string | null }[];
    readonly credits: readonly { readonly clock: string; readonly priority: string; readonly percent: number; readonly time: string }[];
  }[];
  readonly skipped: readonly Skipped[];
}

interface Row {
  readonly line: number;
  readonly event: EventInput;
  readonly filedPriority?: string;
  readonly plan?: string;
}

export function replay(runtime: RuntimeContract, csv: string, options: ReplayOptions = {}): ReplayReport {
  const zone = scenarioZone(runtime);
  const name = (c: Column) => options.columns?.[c] ?? c;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(csv, { columns: true, info: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: options.lenient ?? false }) as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new ReplayError(e.lines ?? 1, `the file is not valid CSV: ${(e.message ?? String(error)).replace(/^Invalid Record Length: /, '')}`);
  }
  if ((options.maxRows ?? REPLAY_MAX_ROWS) < records.length) throw new ReplayError(1, `the log has ${records.length.toLocaleString('en-US')} rows; replay reads at most ${(options.maxRows ?? REPLAY_MAX_ROWS).toLocaleString('en-US')}`);
  // An empty or header-only log is an error, never an empty report that exits 0 (issue 19).
  if (records.length === 0) throw new ReplayError(1, csv.trim() === '' ? 'the log is empty; expected a header line and one row per event' : 'the log has a header but no rows');
  const header = records.length > 0 ? Object.keys(records[0]!.record) : [];
  for (const c of ['ticket', 'event', 'time'] as const) {
    if (records.length > 0 && !header.includes(name(c))) {
      throw new ReplayError(1, `no column \`${name(c)}\` in the header (${header.map((h) => `\`${h}\``).join(', ')})${didYouMeanText(name(c), header)}; name it with --column ${c}=NAME`);
    }
  }
  const priorities = new Set(runtime.model.priorities.map((p) => p.name));
  const plans = [...runtime.model.plans.keys()];
  const skipped: Skipped[] = [];
  const fail = (line: number, message: string): undefined => {
    if (!options.lenient) throw new ReplayError(line, message);
    skipped.push({ line, message });
    return undefined;
  };

  const byTicket = new Map<string, Row[]>();
  let latest = -Infinity;
  for (const { record, info } of records) {
    const line = info.lines;
    const row = readRow(record, line);
    if (!row) continue;
    const [id, r] = row;
    latest = Math.max(latest, r.event.at);
    let list = byTicket.get(id);
    if (!list) byTicket.set(id, (list = []));
    list.push(r);
  }

  function readRow(record: Record<string, string>, line: number): [string, Row] | undefined {
    const id = record[name('ticket')] ?? '';
    if (id === '') return fail(line, `empty \`${name('ticket')}\``);
    const rawEvent = record[name('event')] ?? '';
    const event = options.events?.get(rawEvent) ?? rawEvent;
    if (!(TICKET_EVENTS as readonly string[]).includes(event)) {
      return fail(line, `unknown event \`${rawEvent}\`${didYouMeanText(event, TICKET_EVENTS)}; map a help desk's name with --map-event '${rawEvent}=<event>'`);
    }
    const timeText = record[name('time')] ?? '';
    const hasOffset = /(Z|[+-]\d\d:?\d\d)$/.test(timeText);
    if (!hasOffset && !options.zone) return fail(line, `the time \`${timeText}\` has no offset; write it like 2026-03-02T09:15:00+08:00, or give --zone`);
    const offset = /([+-])(\d\d):?(\d\d)$/.exec(timeText);
    // Offsets beyond ±18:00 do not exist (ISO 8601 / RFC 3339 practice, luxon accepts +99:00): an error, never a shifted event.
    if (offset && (Number(offset[2]) * 60 + Number(offset[3]) > 18 * 60 || Number(offset[3]) > 59)) return fail(line, `the offset \`${offset[0]}\` in \`${timeText}\` is outside -18:00..+18:00`);
    const at = parseInstant(timeText.replace(' ', 'T'), options.zone ?? zone);
    if (at === undefined) return fail(line, `\`${timeText}\` is not a date-time; write it like 2026-03-02T09:15:00+08:00`);
    const rawPriority = record[name('priority')] ?? '';
    const priority = options.priorities?.get(rawPriority) ?? rawPriority;
    const needsPriority = event === 'filed' || event === 'reclassified';
    if (needsPriority && !priorities.has(priority)) {
      return fail(line, priority === '' ? `a \`${event}\` row needs a priority` : `unknown priority \`${rawPriority}\`${didYouMeanText(priority, [...priorities])}; map it with --map-priority '${rawPriority}=<priority>'`);
    }
    const plan = record[name('plan')] ?? '';
    if (event === 'filed' && plan !== '' && !plans.includes(plan)) return fail(line, `unknown plan \`${plan}\`${plans.length ? didYouMeanText(plan, plans) : '; the contract has no plans'}`);
    const e: EventInput = event === 'reclassified' ? { event: event as TicketEvent, at, priority } : { event: event as TicketEvent, at };
    return [id, { line, event: e, ...(event === 'filed' ? { filedPriority: priority, ...(plan !== '' ? { plan } : {}) } : {}) }];
  }

  const evaluator = new TicketEvaluator(runtime);
  const tickets: ReplayTicket[] = [];
  for (const [id, rows] of byTicket) {
    const filedRows = rows.filter((r) => r.event.event === 'filed');
    if (filedRows.length !== 1) {
      fail(rows[0]!.line, filedRows.length === 0 ? `ticket \`${id}\` has no \`filed\` row` : `ticket \`${id}\` is filed twice (lines ${filedRows.map((r) => r.line).join(' and ')})`);
      continue;
    }
    const filed = filedRows[0]!;
    const early = rows.find((r) => r.event.at < filed.event.at);
    if (early) {
      fail(early.line, `this \`${early.event.event}\` of ticket \`${id}\` comes before the ticket was filed`);
      continue;
    }
    // Help desks export in any order: a ticket's events are taken in time order, ties as written.
    const events = rows.filter((r) => r !== filed).sort((a, b) => a.event.at - b.event.at || a.line - b.line).map((r) => r.event);
    const input = { priority: filed.filedPriority!, ...(filed.plan ? { plan: filed.plan } : {}), filed: filed.event.at, events };
    if (runtime.targets(input.priority, input.plan) === undefined) {
      fail(filed.line, `plan \`${filed.plan}\` does not cover \`${input.priority}\``);
      continue;
    }
    tickets.push({ id, priority: input.priority, ...(filed.plan ? { plan: filed.plan } : {}), filed: input.filed, events, outcome: evaluator.evaluate(input) });
  }

  const horizon = options.now ?? (Number.isFinite(latest) ? latest : 0);
  // A loop, not Math.min(...array): spreading 125,000+ values overflows the call stack (issue 19).
  let first = Infinity;
  let lastFiled = -Infinity;
  for (const t of tickets) {
    if (t.filed < first) first = t.filed;
    if (t.filed > lastFiled) lastFiled = t.filed;
  }
  const months = new Months(zone, Number.isFinite(first) ? first : horizon, Math.max(horizon, Number.isFinite(lastFiled) ? lastFiled : horizon));
  const tally = new Tally([...runtime.model.clocks.keys()], months, horizon, breachCreditOf(runtime));
  for (const t of tickets) tally.add(t.outcome);
  const filedMonths = tickets.length ? monthsBetween(zone, first, lastFiled + 1).map((m) => m.month) : [];
  const resolved = tickets.filter((t) => t.events[t.events.length - 1]?.event === 'resolved').length;
  const fee = runtime.monthlyFee;
  return {
    kind: 'pledge-replay',
    version: 1,
    title: runtime.model.sla?.title.value ?? 'ticket history',
    zone,
    horizon: isoInstant(horizon, zone),
    tickets: { filed: tickets.length, resolved, open: tickets.length - resolved, skipped: skipped.length },
    clocks: clockRows(runtime, tally),
    escalations: escalationRows(runtime, tally),
    credits: creditsReport(runtime, tally, filedMonths, undefined),
    perTicket: tickets.map((t) => ({
      ticket: t.id,
      priority: t.priority,
      plan: t.plan ?? null,
      filed: isoInstant(t.filed, zone),
      clocks: t.outcome.clocks.map((c) => ({
        clock: c.clock,
        priority: c.priority,
        state: c.stopped === undefined && c.due !== undefined && isPastDue(c.due, horizon) && c.state !== 'no-target' ? 'breached' : c.state,
        due: c.due !== undefined ? isoInstant(c.due, zone) : null,
        stopped: c.stopped !== undefined ? isoInstant(c.stopped, zone) : null,
      })),
      credits: t.outcome.credits.map((c) => ({ clock: c.clock, priority: c.priority, percent: c.percent, time: isoInstant(c.time, zone), ...(fee ? { amount: (fee.amount * c.percent) / 100 } : {}) })),
    })),
    skipped,
  };
}

function didYouMeanText(word: string, options: readonly string[]): string {
  const best = didYouMean(word, options);
  return best ? `; did you mean \`${best}\`?` : '';
}
