/**
 * Simulation and replay reports as text: a header, the clock table, escalations, availability and
 * credits; replication summaries with their intervals; staffing sweeps.
 */
import { Duration } from 'luxon';
import type { ReplayReport, ReplayTicketReport, Skipped } from '../simulate/replay.js';
import type { Report, SimulationReport, UpdateRow } from '../simulate/report.js';
import type { Estimate, ReplicationSummary } from '../simulate/summary.js';
import { humanDuration, humanHours } from './time-format.js';
import { PLAIN, type TextStyle } from './what-if.js';

const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number | null, digits = 1) => (x === null ? '-' : `${(x * 100).toFixed(digits)}%`);
const money = (x: number | null, currency: string | null) => (x === null ? '' : `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency ?? ''}`.trim());
/** `PT1H18M31S` → `1h 19m`. */
export const iso = (d: string) => humanDuration(Duration.fromISO(d).toMillis());
/** Open time in hours (`14h 35m`): an open day is not 24 hours. */
const isoHours = (d: string) => humanHours(Duration.fromISO(d).toMillis());

/** Left-aligned columns; numbers right-aligned. */
function table(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

function clockTable(report: Report, style: TextStyle): string[] {
  const rows = [['priority', 'clock', 'target', 'tickets', 'met', 'breached', 'open', 'breach rate', 'open time p50/p90/p99', 'real time p50/p90/p99']];
  for (const c of report.clocks) {
    rows.push([
      c.priority,
      c.clock,
      c.target ?? 'no target',
      int(c.tickets),
      int(c.met),
      int(c.breached),
      int(c.open),
      pct(c.breachRate),
      c.openTime ? `${isoHours(c.openTime.p50)} / ${isoHours(c.openTime.p90)} / ${isoHours(c.openTime.p99)}` : '-',
      c.wallTime ? `${iso(c.wallTime.p50)} / ${iso(c.wallTime.p90)} / ${iso(c.wallTime.p99)}` : '-',
    ]);
  }
  const lines = table(rows, new Set([3, 4, 5, 6, 7]));
  return lines.map((l, i) => (i === 0 ? style.dim(l) : report.clocks[i - 1]!.breached > 0 ? l.replace(/(\d+\.\d%)/, (m) => style.red(m)) : l));
}

/**
 * One priority's `update every` tally in words, the same in the text and HTML reports
 * (grammar/reference.md, "Periodic updates").
 * @example updateLine({ priority: 'P0', every: '30m on always', met: 812, breached: 37, open: 2 }) // 'P0 update every 30m on always: 812 met, 37 breached, 2 open'
 */
export function updateLine(u: UpdateRow): string {
  return `${u.priority} update every${u.every ? ` ${u.every}` : ''}: ${int(u.met)} met, ${int(u.breached)} breached, ${int(u.open)} open`;
}

/** `P0 update every 30m on always: 812 met, 37 breached, 2 open` per priority, under the clock table. */
function updateLines(report: Report, style: TextStyle): string[] {
  if (!report.updates) return [];
  return report.updates.map((u) => {
    const line = `  ${updateLine(u)}`;
    return u.breached > 0 ? style.red(line) : line;
  });
}

function tail(report: Report, style: TextStyle): string[] {
  const out: string[] = [];
  if (report.escalations.length > 0) {
    out.push('', style.bold('escalations'));
    out.push(
      ...table(
        report.escalations.map((e) => [`${e.priorities.length ? e.priorities.join(', ') : 'all'} ${e.clock} at ${e.at}`, `-> ${e.notify.join(', ')}`, `${int(e.fired)} fired`, e.unreachable ? `${int(e.unreachable)} with a contact off shift` : '']),
        new Set([2]),
      ),
    );
  }
  const c = report.credits;
  out.push('', style.bold(`credits${c.currency ? ` (${c.currency}, fee ${money(c.monthlyFee, null)} a month${c.capPercent !== null ? `, cap ${c.capPercent}%` : ''})` : ''}`));
  if (c.months.length === 0) out.push('  none');
  for (const m of c.months) {
    const parts = [`${int(m.breaches)} credited breaches ${m.breachPercent}%`, m.availabilityPercent ? `availability ${m.availabilityPercent}%` : ''].filter(Boolean).join(' + ');
    const capped = m.percentAfterCap < m.percentBeforeCap ? ` -> capped at ${m.percentAfterCap}%` : '';
    out.push(`  ${m.month}  ${parts} = ${m.percentBeforeCap}%${capped}${m.amountAfterCap !== null ? `  owed ${money(m.amountAfterCap, c.currency)}` : ''}`);
  }
  if (c.months.length > 1) out.push(`  total  ${c.total.percentBeforeCap}% before the cap, ${c.total.percentAfterCap}% after${c.total.amountAfterCap !== null ? `: ${money(c.total.amountAfterCap, c.currency)}` : ''}`);
  return out;
}

export function simulationText(report: SimulationReport, source: string, style: TextStyle = PLAIN): string {
  const t = report.tickets;
  const out = [
    style.bold(`simulated "${report.title}" against ${source}`),
    `  period ${report.period.from} to ${report.period.to} (${report.zone}), seed ${report.seed}, queue ${report.queue}`,
    `  staff: ${report.staff.map((s) => `${s.count}${s.tier ? ` "${s.tier}"` : ''} on ${s.calendar}`).join(', ')}`,
    `  tickets: ${int(t.filed)} filed (${report.expectedTickets.toLocaleString('en-US')} expected), ${int(t.resolved)} resolved, ${int(t.open)} open at the end; ` +
      `${int(t.waited ?? 0)} waited on the customer, ${int(t.reopened ?? 0)} reopened, ${int(t.reclassified ?? 0)} reclassified, ${int(t.handovers ?? 0)} shift handovers` +
      `${t.preemptions ? `, ${int(t.preemptions)} preempted` : ''}${t.escalatedToTier ? `, ${int(t.escalatedToTier)} escalated to a tier` : ''}`,
    `  queue: at most ${int(Math.max(0, ...report.queueLength.queued))} tickets waiting`,
    '',
    ...clockTable(report, style),
    ...updateLines(report, style),
  ];
  if (report.availability) {
    out.push('', style.bold('availability'));
    for (const a of report.availability) {
      const line = `  ${a.month}  ${a.achieved.toFixed(3)}% (target ${a.target}%), ${a.outages} outages, ${a.downtimeMinutes.toFixed(1)} min down, ${a.excludedMinutes.toFixed(0)} min of excluded maintenance`;
      out.push(a.met ? line : style.red(`${line}  missed`));
    }
  }
  out.push(...tail(report, style), '', style.dim(`replay this run with --seed ${report.seed}`));
  return `${out.join('\n')}\n`;
}

export function replayText(report: Report, source: string, style: TextStyle = PLAIN): string {
  const t = report.tickets;
  const r = report as Partial<ReplayReport>;
  const reasons = Object.entries(r.skippedByReason ?? {}).map(([k, n]) => `${int(n!)} ${k}`);
  const after = r.history?.eventsAfterResolved ?? 0;
  return `${[
    style.bold(`replayed ${int(t.filed)} tickets against ${source}`),
    `  ${int(t.resolved)} resolved, ${int(t.open)} open at ${report.horizon}${t.skipped ? `; ${int(t.skipped)} ${t.skipped === 1 ? 'row' : 'rows'} skipped (${reasons.join(', ')})` : ''}`,
    ...(after ? [`  ${int(after)} events after a ticket was resolved, kept in its history (only \`reopened\` reopens a ticket)`] : []),
    ...(r.localTimes ?? []).map((l) => `  warning ${l.code}: ${l.message}`),
    ...(r.notices ?? []).map((n) => `  ${n.severity} ${n.code}: ${n.message}`),
    '',
    ...clockTable(report, style),
    ...updateLines(report, style),
    ...tail(report, style),
  ].join('\n')}\n`;
}

const est = (e: Estimate | null, f: (x: number) => string) => (e === null ? '-' : e.low === e.high ? f(e.mean) : `${f(e.mean)} (${f(e.low)} to ${f(e.high)})`);

export function summaryText(s: ReplicationSummary, source: string, style: TextStyle = PLAIN): string {
  const rate = (x: number) => `${(Math.max(0, x) * 100).toFixed(1)}%`;
  const out = [
    style.bold(`simulated "${s.title}" against ${source}: ${s.replications} replications`),
    `  seeds ${s.seeds[0]}..${s.seeds[s.seeds.length - 1]}; means with 95% intervals`,
    `  tickets: ${est(s.tickets, (x) => x.toFixed(1))}`,
    '',
    ...table(
      [['priority', 'clock', 'target', 'breach rate', 'breached'], ...s.clocks.map((c) => [c.priority, c.clock, c.target ?? 'no target', est(c.breachRate, rate), est(c.breached, (x) => x.toFixed(1))])],
      new Set([3, 4]),
    ),
  ];
  if (s.escalations.length) out.push('', style.bold('escalations fired'), ...s.escalations.map((e) => `  ${e.clock} at ${e.at} -> ${e.notify.join(', ')}: ${est(e.fired, (x) => x.toFixed(1))}`));
  if (s.availability) out.push('', style.bold('availability'), ...s.availability.map((a) => `  ${a.month}  ${est(a.achieved, (x) => `${x.toFixed(3)}%`)}`));
  out.push('', style.bold('credits after the cap, whole run'), `  ${est(s.credits.percentAfterCap, (x) => `${x.toFixed(2)}%`)}${s.credits.amountAfterCap ? `  = ${est(s.credits.amountAfterCap, (x) => money(x, s.credits.currency))}` : ''}`);
  return `${out.join('\n')}\n`;
}

export interface Sweep {
  readonly kind: 'pledge-staff-sweep';
  readonly version: 1;
  readonly title: string;
  readonly seed: number;
  /** The staff group varied: its calendar and tier. */
  readonly group: { readonly index: number; readonly calendar: string; readonly tier: string | null };
  readonly runs: readonly { readonly count: number; readonly clocks: readonly { readonly priority: string; readonly clock: string; readonly breachRate: number | null }[]; readonly creditPercentAfterCap: number; readonly creditAmountAfterCap: number | null }[];
  /** The smallest head count whose run owes no credits, or null. */
  readonly smallestWithoutCredits: number | null;
}

export function sweep(reports: readonly SimulationReport[], group: number, counts: readonly number[]): Sweep {
  const first = reports[0]!;
  const runs = reports.map((r, i) => ({
    count: counts[i]!,
    clocks: r.clocks.map((c) => ({ priority: c.priority, clock: c.clock, breachRate: c.breachRate })),
    creditPercentAfterCap: r.credits.total.percentAfterCap,
    creditAmountAfterCap: r.credits.total.amountAfterCap,
  }));
  const g = first.staff[group]!;
  return {
    kind: 'pledge-staff-sweep',
    version: 1,
    title: first.title,
    seed: first.seed,
    group: { index: group, calendar: g.calendar, tier: g.tier },
    runs,
    smallestWithoutCredits: runs.find((r) => r.creditPercentAfterCap === 0)?.count ?? null,
  };
}

export function sweepText(s: Sweep, source: string, style: TextStyle = PLAIN): string {
  const clocks = s.runs[0]!.clocks;
  const head = ['staff', ...clocks.map((c) => `${c.priority} ${c.clock}`), 'credits'];
  const rows = s.runs.map((r) => [String(r.count), ...r.clocks.map((c) => pct(c.breachRate, 0)), `${r.creditPercentAfterCap}%`]);
  const out = [
    style.bold(`staffing sweep of "${s.title}" against ${source}, seed ${s.seed}`),
    `  varying: the agents on ${s.group.calendar}${s.group.tier ? ` ("${s.group.tier}")` : ''}; the same tickets in every run; breach rate per priority and clock`,
    '',
    ...table([head, ...rows], new Set(head.map((_, i) => i))),
    '',
    s.smallestWithoutCredits === null ? style.red('  no head count in this range keeps the contract without credits') : style.green(`  the smallest team that owes no credits: ${s.smallestWithoutCredits} on ${s.group.calendar}`),
  ];
  return `${out.join('\n')}\n`;
}

/** One line per ticket and clock, for `pledge replay`: the audit of what was owed. */
export function perTicketText(report: ReplayReport, style: TextStyle = PLAIN): string {
  const out = [style.bold('tickets')];
  for (const t of report.perTicket) out.push(perTicketLine(t, style));
  for (const s of report.skipped) out.push(skippedLine(s, style));
  return `${out.join('\n')}\n`;
}

/** One ticket's line of `pledge replay`'s text report. */
export function perTicketLine(t: ReplayTicketReport, style: TextStyle = PLAIN): string {
  const clocks = t.clocks
    .filter((c) => c.state !== 'no-target' && c.state !== 'not-started')
    .map((c) => {
      const text = `${c.clock} ${c.state}${c.due ? ` (due ${c.due})` : ''}`;
      return c.state === 'breached' ? style.red(text) : text;
    });
  const credit = t.credits.reduce((s, c) => s + c.percent, 0);
  // Each credit's claim deadline, once per distinct deadline (credits of one month share it).
  const claims = [...new Map(t.credits.filter((c) => c.claimBy).map((c) => [c.claimBy!, c.expired === true])).entries()].map(([by, expired]) => (expired ? style.dim(`claim by ${by} (expired)`) : `claim by ${by}`));
  return `  ${t.ticket}  ${t.priority}${t.plan ? ` (${t.plan})` : ''}  filed ${t.filed}  ${clocks.join('; ')}${credit ? `  credit ${credit}%` : ''}${claims.length ? `, ${claims.join(', ')}` : ''}${t.updates?.breached ? `  ${style.red(`update every breached ${t.updates.breached}×`)}` : ''}`;
}

/** A skipped row's line, after the tickets. */
export function skippedLine(s: Skipped, style: TextStyle = PLAIN): string {
  return style.dim(`  skipped line ${s.line}, column ${s.column}: ${s.code ? `error ${s.code}: ` : ''}${s.message}`);
}
