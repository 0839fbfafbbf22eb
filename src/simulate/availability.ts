/**
 * Availability per month of a scenario: simulated outages against the contract's maintenance
 * windows, by the formula of grammar/reference.md, "Availability".
 */
import type * as A from '../ast/nodes.js';
import { calendarZone } from '../check/model.js';
import { MINUTE_MS, type CompiledCalendar } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import { RANGE, windowCalendar, type Load } from './load.js';
import { Random } from './random.js';

export interface AvailabilityMonth {
  /** `2026-03`, in the scenario's zone. */
  readonly month: string;
  readonly from: number;
  readonly to: number;
  readonly minutes: number;
  readonly excludedMinutes: number;
  readonly downtimeMinutes: number;
  readonly outages: number;
  /** Percent, e.g. 99.97. */
  readonly achieved: number;
  readonly target: number;
  readonly met: boolean;
  /** The availability credit of the tier that applies, in percent of the fee; 0 for none. */
  readonly creditPercent: number;
}

function weekly(zone: string, m: A.MaintenanceStmt): CompiledCalendar {
  return windowCalendar(zone, [{ kind: 'Hours', days: m.days, ranges: [m.window], range: RANGE }]);
}

/** The availability credit for a month: the applicable tier with the lowest threshold (reference, "Service credits"). */
export function availabilityCredit(model: RuntimeContract['model'], achieved: number): number {
  let best: A.AvailabilityCredit | undefined;
  for (const c of model.credits.flatMap((x) => x.body)) {
    if (c.kind !== 'AvailabilityCredit') continue;
    if (achieved >= c.below.value || (c.from && achieved < c.from.value)) continue;
    if (!best || c.below.value < best.below.value) best = c;
  }
  return best ? best.amount.value : 0;
}

function merge(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Months of the period with their availability; undefined when the contract promises none.
 * `monthStarts` are the month boundaries within [load.from, load.to] in the scenario's zone.
 */
export function simulateAvailability(runtime: RuntimeContract, load: Load, monthBounds: readonly { month: string; from: number; to: number }[]): AvailabilityMonth[] | undefined {
  const decl = runtime.model.availability;
  if (!decl) return undefined;
  const zoneOf = (m: A.MaintenanceStmt) => {
    const cal = runtime.model.calendars.get(m.calendar.text);
    return (cal && calendarZone(cal)) ?? load.zone;
  };
  // A window covers only its calendar's open hours (reference, "Availability"): its spans are cut
  // to the calendar's; an undeclared calendar is open at all times.
  const window = (m: A.MaintenanceStmt) => {
    const w = weekly(zoneOf(m), m);
    const cal = runtime.calendars.get(m.calendar.text);
    return {
      spans: (from: number, to: number) => {
        const own = w.spans(from, to);
        if (!cal) return own;
        const open = cal.spans(from, to);
        const out: { start: number; end: number }[] = [];
        for (const a of own) for (const b of open) {
          const start = Math.max(a.start, b.start);
          const end = Math.min(a.end, b.end);
          if (end > start) out.push({ start, end });
        }
        return out;
      },
    };
  };
  const excluded = decl.body.filter((m) => m.excluded).map(window);
  const counted = decl.body.filter((m) => !m.excluded).map(window);

  // Random outages: a Poisson stream of starts over the period, from the scenario's second stream.
  const outages: { start: number; end: number }[] = [...load.outageWindows.map((w) => ({ ...w }))];
  if (load.outages) {
    const r = new Random(load.seed, 1);
    let t = load.from;
    for (;;) {
      t += r.exponential(load.outages.perMs);
      if (t >= load.to) break;
      const start = Math.ceil(t / 1000) * 1000;
      outages.push({ start, end: start + load.outages.duration(r) });
    }
  }

  return monthBounds.map(({ month, from, to }) => {
    // Excluded windows may overlap each other; count their union by merging their spans.
    const excludedSpans = merge(excluded.flatMap((cal) => cal.spans(from, to)));
    const excludedMs = excludedSpans.reduce((s, x) => s + x.end - x.start, 0);
    const inMonth = outages.filter((o) => o.end > from && o.start < to).map((o) => ({ start: Math.max(from, o.start), end: Math.min(to, o.end) }));
    const down = merge([...inMonth, ...counted.flatMap((cal) => cal.spans(from, to))]);
    let downtime = 0;
    for (const d of down) {
      let inside = 0;
      for (const x of excludedSpans) inside += Math.max(0, Math.min(d.end, x.end) - Math.max(d.start, x.start));
      downtime += d.end - d.start - inside;
    }
    const total = to - from - excludedMs;
    const achieved = total > 0 ? (100 * (total - downtime)) / total : 100;
    return {
      month,
      from,
      to,
      minutes: (to - from) / MINUTE_MS,
      excludedMinutes: excludedMs / MINUTE_MS,
      downtimeMinutes: downtime / MINUTE_MS,
      outages: inMonth.length,
      achieved,
      target: decl.target.value,
      met: achieved >= decl.target.value,
      creditPercent: availabilityCredit(runtime.model, achieved),
    };
  });
}
