/**
 * The report of a simulation or a replay, as a stable JSON-ready object (its shape is documented
 * in README.md, "pledge simulate"): what the text, HTML and JSON outputs all print.
 */
import type * as A from '../ast/nodes.js';
import type { RuntimeContract } from '../time/contract.js';
import { isoDuration } from '../time/instant-format.js';
import { applyCaps, capsOf } from '../time/credits.js';
import type { AvailabilityMonth } from './availability.js';
import type { Tally } from './tally.js';

export interface Percentiles {
  readonly p50: string;
  readonly p90: string;
  readonly p99: string;
}

export interface ClockRow {
  readonly priority: string;
  readonly clock: string;
  /** `4h on business`, or null when the priority has no target for the clock. */
  readonly target: string | null;
  /** Open ms of the target when it is a fixed amount (`m`/`h` targets), for charts. */
  readonly targetMinutes: number | null;
  readonly tickets: number;
  readonly met: number;
  readonly breached: number;
  /** Still running at the end of the run, deadline not yet passed. */
  readonly open: number;
  /** breached / (met + breached), or null when no clock finished. */
  readonly breachRate: number | null;
  /** Open time and real time from the clock's start to its stop, over the clocks that stopped. */
  readonly openTime: Percentiles | null;
  readonly wallTime: Percentiles | null;
  /** Minutes of open time at the 5th, 10th, … 100th percentile: the response-time distribution chart. */
  readonly openMinutesByPercentile: readonly number[];
}

export interface EscalationRow {
  readonly step: number;
  readonly priorities: readonly string[];
  readonly clock: string;
  readonly at: string;
  readonly notify: readonly string[];
  readonly fired: number;
  /** Firings when at least one contact was off their calendar. */
  readonly unreachable: number;
}

export interface CreditMonth {
  readonly month: string;
  readonly breaches: number;
  readonly breachPercent: number;
  readonly availabilityPercent: number;
  readonly percentBeforeCap: number;
  readonly percentAfterCap: number;
  readonly amountBeforeCap: number | null;
  readonly amountAfterCap: number | null;
}

export interface CreditsReport {
  readonly currency: string | null;
  readonly monthlyFee: number | null;
  readonly capPercent: number | null;
  readonly months: readonly CreditMonth[];
  readonly total: { readonly percentBeforeCap: number; readonly percentAfterCap: number; readonly amountBeforeCap: number | null; readonly amountAfterCap: number | null };
}

/**
 * The `update every` intervals of one priority (grammar/reference.md, "Periodic updates"): met,
 * breached, and still running at the horizon, each counted under the priority it was judged by.
 */
export interface UpdateRow {
  readonly priority: string;
  /** `30m on always`, or null when the priority has no top-level `update every` (a plan's, or one it was judged by no more). */
  readonly every: string | null;
  readonly met: number;
  readonly breached: number;
  readonly open: number;
}

export interface TicketCounts {
  readonly filed: number;
  readonly resolved: number;
  readonly open: number;
  readonly [key: string]: number;
}

export interface Report {
  readonly kind: 'pledge-simulation' | 'pledge-replay';
  readonly version: 1;
  readonly title: string;
  readonly zone: string;
  /** The instant open clocks were judged at: the end of the run, or replay's `--now`. */
  readonly horizon: string;
  readonly tickets: TicketCounts;
  readonly clocks: readonly ClockRow[];
  readonly escalations: readonly EscalationRow[];
  readonly credits: CreditsReport;
  /** Present when some priority has `update every` (its own or a plan's). */
  readonly updates?: readonly UpdateRow[];
}

export interface SimulationReport extends Report {
  readonly kind: 'pledge-simulation';
  readonly seed: number;
  readonly period: { readonly from: string; readonly to: string };
  readonly queue: string;
  readonly staff: readonly { readonly count: number; readonly calendar: string; readonly tier: string | null }[];
  readonly expectedTickets: number;
  readonly availability: readonly Omit<AvailabilityMonth, 'from' | 'to'>[] | null;
  readonly queueLength: { readonly from: string; readonly everyMinutes: number; readonly queued: readonly number[]; readonly inService: readonly number[] };
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

export function targetText(d: A.DurationLit, calendar: string): string {
  return `${d.text} on ${calendar}`;
}

export function clockRows(runtime: RuntimeContract, tally: Tally): ClockRow[] {
  const rows: ClockRow[] = [];
  const pct = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);
  for (const p of runtime.model.priorities) {
    for (const clock of runtime.model.clocks.keys()) {
      const t = tally.clocks.get(`${p.name}\u0000${clock}`);
      const target = runtime.targets(p.name)?.get(clock);
      if (!t && !target) continue;
      const q = (which: 'openTime' | 'wallTime'): Percentiles | null => {
        const s = t?.[which];
        if (!s || s.count === 0) return null;
        return { p50: isoDuration(s.percentile(50)!), p90: isoDuration(s.percentile(90)!), p99: isoDuration(s.percentile(99)!) };
      };
      const finished = t ? t.met + t.breached : 0;
      rows.push({
        priority: p.name,
        clock,
        target: target ? targetText(target.duration, target.calendar) : null,
        targetMinutes: target && target.duration.unit === 'minute' ? target.duration.amount : null,
        tickets: t?.tickets ?? 0,
        met: t?.met ?? 0,
        breached: t?.breached ?? 0,
        open: t?.open ?? 0,
        breachRate: finished > 0 ? round(t!.breached / finished) : null,
        openTime: q('openTime'),
        wallTime: q('wallTime'),
        openMinutesByPercentile: t && t.openTime.count > 0 ? pct.map((x) => round(t.openTime.percentile(x)! / 60_000, 3)) : [],
      });
    }
  }
  return rows;
}

/** The update tallies, one row per priority with the promise or with intervals, in model order; undefined when no priority has it. */
export function updateRows(runtime: RuntimeContract, tally: Tally): { updates?: UpdateRow[] } {
  const model = runtime.model;
  const any = model.priorities.some((p) => p.update) || [...model.plans.values()].some((pl) => pl.decl.body.some((b) => b.kind === 'PriorityOverride' && b.body.some((x) => x.kind === 'Update')));
  if (!any) return {};
  const rows: UpdateRow[] = [];
  for (const p of model.priorities) {
    const t = tally.updates.get(p.name);
    if (!t && !p.update) continue;
    rows.push({ priority: p.name, every: p.update ? targetText(p.update.every, p.update.calendar.text) : null, met: t?.met ?? 0, breached: t?.breached ?? 0, open: t?.open ?? 0 });
  }
  return { updates: rows };
}

export function escalationRows(runtime: RuntimeContract, tally: Tally): EscalationRow[] {
  const rows: EscalationRow[] = [];
  let index = 0;
  for (const esc of runtime.model.escalations) {
    for (const step of esc.steps) {
      const s = tally.steps.get(index);
      rows.push({
        step: index,
        priorities: esc.priorities.map((p) => p.text),
        clock: step.clock.text,
        at: step.at.kind === 'Percent' ? `${step.at.text}%` : step.at.text,
        notify: step.notify.map((n) => n.value),
        fired: s?.fired ?? 0,
        unreachable: s?.unreachable ?? 0,
      });
      index++;
    }
  }
  return rows;
}

/** Credits per month: per-breach credits plus the month's availability tier, then the cap. */
export function creditsReport(runtime: RuntimeContract, tally: Tally, months: readonly string[], availability: readonly AvailabilityMonth[] | undefined): CreditsReport {
  const fee = runtime.monthlyFee;
  // Every cap, by the rule what-if uses (src/time/credits.ts, applyCaps): calendar-period caps, then a rolling one.
  const caps = capsOf(runtime.model);
  const cap = caps.find((x) => !x.rolling);
  const all = [...new Set([...months, ...tally.credits.keys()])].sort();
  const beforeOf = (month: string) => round((tally.credits.get(month)?.percent ?? 0) + (availability?.find((a) => a.month === month)?.creditPercent ?? 0));
  const capped = applyCaps(all.map((month) => ({ month, percent: beforeOf(month) })), caps);
  const amount = (percent: number) => (fee ? round((fee.amount * percent) / 100, 2) : null);
  const rows = all.map((month, i): CreditMonth => {
    const b = tally.credits.get(month);
    const availabilityPercent = availability?.find((a) => a.month === month)?.creditPercent ?? 0;
    const before = round((b?.percent ?? 0) + availabilityPercent);
    const after = round(capped[i]!);
    return {
      month,
      breaches: b?.breaches ?? 0,
      breachPercent: round(b?.percent ?? 0),
      availabilityPercent,
      percentBeforeCap: before,
      percentAfterCap: after,
      amountBeforeCap: amount(before),
      amountAfterCap: amount(after),
    };
  });
  const sum = (f: (m: CreditMonth) => number) => round(rows.reduce((s, m) => s + f(m), 0));
  return {
    currency: fee?.currency ?? null,
    monthlyFee: fee ? round(fee.amount, 2) : null,
    capPercent: cap ? cap.amount.value : null,
    months: rows,
    total: {
      percentBeforeCap: sum((m) => m.percentBeforeCap),
      percentAfterCap: sum((m) => m.percentAfterCap),
      amountBeforeCap: fee ? round(sum((m) => m.amountBeforeCap ?? 0), 2) : null,
      amountAfterCap: fee ? round(sum((m) => m.amountAfterCap ?? 0), 2) : null,
    },
  };
}
