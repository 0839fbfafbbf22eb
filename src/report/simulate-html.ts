/**
 * `pledge simulate --html` / `pledge replay --html`: the report as one self-contained, printable
 * page (inline CSS, inline SVG charts, no scripts, no external resources). The charts are SVG
 * strings built from d3-scale and d3-shape path generators, never a DOM, so the same report always
 * gives the same bytes. Every string that comes from the report is escaped with `escapeHtml`.
 */
import { escapeHtml } from './escape.js';
import { scaleBand, scaleLinear, scaleLog } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { ClockRow, CreditsReport, Report, SimulationReport } from '../simulate/report.js';
import type { ReplayLocalTime, ReplayReport } from '../simulate/replay.js';
import { humanDuration, humanHours } from './time-format.js';
import { updateLine } from './simulate.js';

export interface ReportHtmlOptions {
  /** The contract file path shown in the page. */
  readonly source: string;
}

const e = escapeHtml;
const PALETTE = ['#2f6db5', '#d9822b', '#3a9b5c', '#b8423a', '#7b5ea7', '#8c6d3f', '#c2579c', '#5f6b73'];
const colour = (i: number) => PALETTE[i % PALETTE.length]!;

// ---- numbers: fixed decimals and hand-made grouping, so nothing depends on the machine's locale ----

const fixed = (x: number, digits: number) => (Object.is(x, -0) ? 0 : x).toFixed(digits);
const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const num = (x: number, digits: number) => {
  const [whole, decimals] = fixed(x, digits).split('.');
  return decimals === undefined ? group(whole!) : `${group(whole!)}.${decimals}`;
};
const int = (n: number) => num(n, 0);
const pct = (x: number, digits = 1) => `${fixed(x, digits)}%`;
const rate = (r: number | null) => (r === null ? '–' : pct(r * 100));
function money(amount: number | null, currency: string | null): string {
  if (amount === null) return '–';
  return `${currency ? `${e(currency)} ` : ''}${num(amount, 2)}`;
}

/** `PT1H18M31S` → 78.5 minutes of milliseconds; `P9999Y` (never stopped) → Infinity. */
export function isoDurationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m) return Infinity;
  return (((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
}

/** `PT1H18M31S` → `1h 18m` (open time, in hours) or, with `days`, `2d 19h 30m` (real time). */
function human(iso: string, days = false): string {
  const ms = isoDurationMs(iso);
  if (ms < 60_000) return `${fixed(ms / 1000, 0)}s`;
  return days ? humanDuration(ms) : humanHours(ms);
}

/** Ticks of a log axis of minutes, at durations people think in: 1m, 5m, 15m, 1h, 4h, 1 day, 1 week… */
const LOG_TICKS = [0.1, 0.5, 1, 5, 15, 60, 240, 1440, 10080, 43200, 129600];

/** Axis label for a number of minutes: `45m`, `2h`, `1.5h`, `30s`. */
function minutesLabel(m: number): string {
  if (m === 0) return '0';
  if (m < 1) return `${fixed(m * 60, 0)}s`;
  if (m < 60) return `${Number(fixed(m, 1))}m`;
  return `${Number(fixed(m / 60, 1))}h`;
}

// ---- tables and charts as strings ----

type Cell = string | number;
/** A table whose first `textColumns` columns are left-aligned text and the rest right-aligned numbers. */
function table(head: readonly string[], rows: readonly (readonly Cell[])[], textColumns = 1, caption?: string): string {
  const tr = (cells: readonly Cell[], tag: string) => `<tr>${cells.map((c, i) => `<${tag}${i < textColumns ? ' class="text"' : ''}>${c}</${tag}>`).join('')}</tr>`;
  return `<div class="wide"><table>${caption ? `<caption>${caption}</caption>` : ''}<thead>${tr(head, 'th')}</thead><tbody>${rows.map((r) => tr(r, 'td')).join('\n')}</tbody></table></div>`;
}

const W = 720;
const H = 300;
const M = { top: 16, right: 20, bottom: 44, left: 56 };

interface Tick {
  readonly at: number;
  readonly label: string;
}

function axes(x: readonly Tick[], y: readonly Tick[], xTitle: string, yTitle: string): string {
  const base = H - M.bottom;
  const xs = x.map((t) => `<line x1="${fixed(t.at, 1)}" x2="${fixed(t.at, 1)}" y1="${base}" y2="${base + 5}"/><text x="${fixed(t.at, 1)}" y="${base + 18}" text-anchor="middle">${t.label}</text>`);
  const ys = y.map((t) => `<line x1="${M.left - 5}" x2="${W - M.right}" y1="${fixed(t.at, 1)}" y2="${fixed(t.at, 1)}" class="grid"/><text x="${M.left - 8}" y="${fixed(t.at + 4, 1)}" text-anchor="end">${t.label}</text>`);
  return [
    `<g class="axis">${ys.join('')}${xs.join('')}`,
    `<line x1="${M.left}" x2="${W - M.right}" y1="${base}" y2="${base}"/><line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${base}"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle" class="axis-title">${xTitle}</text>`,
    `<text transform="translate(14 ${(M.top + base) / 2}) rotate(-90)" text-anchor="middle" class="axis-title">${yTitle}</text></g>`,
  ].join('\n');
}

function legend(names: readonly string[]): string {
  return `<p class="legend">${names.map((n, i) => `<span><i style="background:${colour(i)}"></i>${n}</span>`).join(' ')}</p>`;
}

function figure(id: string, title: string, svgBody: string, legendNames: readonly string[], numbers: string): string {
  return `<figure id="${id}">
<figcaption>${title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${title}</title>
${svgBody}
</svg>
${legendNames.length > 1 ? legend(legendNames) : ''}
<details><summary>The numbers behind it</summary>${numbers}</details>
</figure>`;
}

const yLinear = (max: number) => scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
const yTicks = (y: ReturnType<typeof yLinear>, label: (v: number) => string) => y.ticks(5).map((v) => ({ at: y(v), label: label(v) }));

/** (1) Breach rate by priority, one bar per clock. */
function breachChart(clocks: readonly ClockRow[]): string {
  const priorities = [...new Set(clocks.map((c) => c.priority))];
  const names = [...new Set(clocks.map((c) => c.clock))];
  const x = scaleBand().domain(priorities).range([M.left, W - M.right]).padding(0.2);
  const inner = scaleBand().domain(names).range([0, x.bandwidth()]).padding(0.08);
  const y = yLinear(Math.max(0.01, ...clocks.map((c) => c.breachRate ?? 0)) * 100);
  const bars = clocks
    .filter((c) => c.breachRate !== null)
    .map((c) => {
      const x0 = x(c.priority)! + inner(c.clock)!;
      const top = y(c.breachRate! * 100);
      const label = `<text x="${fixed(x0 + inner.bandwidth() / 2, 1)}" y="${fixed(top - 3, 1)}" text-anchor="middle">${rate(c.breachRate)}</text>`;
      return `<rect x="${fixed(x0, 1)}" y="${fixed(top, 1)}" width="${fixed(inner.bandwidth(), 1)}" height="${fixed(H - M.bottom - top, 1)}" fill="${colour(names.indexOf(c.clock))}"><title>${e(c.priority)} ${e(c.clock)}: ${rate(c.breachRate)}</title></rect>${label}`;
    });
  const xt = priorities.map((p) => ({ at: x(p)! + x.bandwidth() / 2, label: e(p) }));
  const numbers = table(['Priority', 'Clock', 'Met', 'Breached', 'Breach rate'], clocks.map((c) => [e(c.priority), e(c.clock), int(c.met), int(c.breached), rate(c.breachRate)]), 2);
  return figure('chart-breach', 'Breach rate by priority', `${axes(xt, yTicks(y, (v) => pct(v, 0)), 'priority', 'breach rate')}\n${bars.join('\n')}`, names.map(e), numbers);
}

/** (2) The open-time distribution of each priority's response clock, as a CDF against the target. */
function distributionChart(clocks: readonly ClockRow[]): string | undefined {
  const series: ClockRow[] = [];
  for (const p of new Set(clocks.map((c) => c.priority))) {
    const own = clocks.filter((c) => c.priority === p && c.openMinutesByPercentile.length > 0);
    const pick = own.find((c) => c.clock === 'response') ?? own[0];
    if (pick) series.push(pick);
  }
  if (series.length === 0) return undefined;
  const values = series.flatMap((s) => [...s.openMinutesByPercentile, ...(s.targetMinutes === null ? [] : [s.targetMinutes])]);
  const max = Math.max(1, ...values);
  const minPositive = Math.min(max, ...values.filter((v) => v > 0));
  // A long tail squashes the body of a linear axis; past two decades, use a log axis.
  const log = max / minPositive >= 100;
  const x = log
    ? scaleLog().domain([minPositive, max]).range([M.left, W - M.right]).clamp(true).nice()
    : scaleLinear().domain([0, max]).range([M.left, W - M.right]).nice();
  const [lo, hi] = x.domain() as [number, number];
  const ticks = log ? LOG_TICKS.filter((v) => v >= lo && v <= hi) : hi >= 180 ? scaleLinear().domain([0, hi / 60]).ticks(6).map((h) => h * 60) : x.ticks(6);
  const xt = ticks.map((v) => ({ at: x(v), label: minutesLabel(v) }));
  const y = scaleLinear().domain([0, 100]).range([H - M.bottom, M.top]);
  const percentiles = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);
  const path = line<[number, number]>((d) => x(d[0]), (d) => y(d[1])).digits(1);
  const lines = series.map((s, i) => {
    const d = path(s.openMinutesByPercentile.map((m, k): [number, number] => [m, percentiles[k]!]));
    const target = s.targetMinutes === null ? '' : `<line x1="${fixed(x(s.targetMinutes), 1)}" x2="${fixed(x(s.targetMinutes), 1)}" y1="${M.top}" y2="${H - M.bottom}" stroke="${colour(i)}" stroke-dasharray="6 4"><title>${e(s.priority)} target: ${e(s.target ?? '')}</title></line>`;
    return `${target}<path d="${d ?? ''}" fill="none" stroke="${colour(i)}" stroke-width="2"/>`;
  });
  const names = series.map((s) => `${e(s.priority)} ${e(s.clock)}${s.target ? ` (target ${e(s.target)})` : ''}`);
  const numbers = table(['Percentile', ...series.map((s) => `${e(s.priority)} ${e(s.clock)}`)], percentiles.map((p, k) => [`p${p}`, ...series.map((s) => num(s.openMinutesByPercentile[k]!, 1))]), 1, 'Minutes of open time.');
  const body = `${axes(xt, yTicks(y, (v) => pct(v, 0)), `open time${log ? ' (log scale)' : ''}`, 'tickets answered within')}\n${lines.join('\n')}`;
  return figure('chart-distribution', 'Response times against the target (dashed)', body, names, numbers);
}

/** (3) Queue length over time: tickets in service, and waiting on top of them. */
function queueChart(q: SimulationReport['queueLength']): string | undefined {
  const n = Math.min(q.queued.length, q.inService.length);
  if (n === 0) return undefined;
  const days = (i: number) => (i * q.everyMinutes) / 1440;
  const x = scaleLinear().domain([0, Math.max(days(n - 1), 1 / 24)]).range([M.left, W - M.right]);
  const y = yLinear(Math.max(1, ...q.queued.slice(0, n).map((v, i) => v + q.inService[i]!)));
  const idx = Array.from({ length: n }, (_, i) => i);
  const band = (low: (i: number) => number, high: (i: number) => number) => area<number>((i) => x(days(i)), (i) => y(low(i)), (i) => y(high(i))).digits(1)(idx) ?? '';
  const service = band(() => 0, (i) => q.inService[i]!);
  const waiting = band((i) => q.inService[i]!, (i) => q.inService[i]! + q.queued[i]!);
  const total = line<number>((i) => x(days(i)), (i) => y(q.inService[i]! + q.queued[i]!)).digits(1)(idx) ?? '';
  const body = `${axes(x.ticks(8).map((v) => ({ at: x(v), label: fixed(v, v % 1 ? 1 : 0) })), yTicks(y, (v) => fixed(v, 0)), `days since ${e(q.from)}`, 'tickets')}
<path d="${service}" fill="${colour(0)}" fill-opacity="0.55"/><path d="${waiting}" fill="${colour(1)}" fill-opacity="0.55"/><path d="${total}" fill="none" stroke="#333" stroke-width="1"/>`;
  // One row per day keeps the table readable for a year-long run.
  const perDay = Math.max(1, Math.round(1440 / q.everyMinutes));
  const rows: Cell[][] = [];
  for (let start = 0; start < n; start += perDay) {
    const span = idx.slice(start, start + perDay);
    const stat = (s: readonly number[]) => [fixed(span.reduce((a, i) => a + s[i]!, 0) / span.length, 1), int(Math.max(...span.map((i) => s[i]!)))];
    rows.push([fixed(days(start), 0), ...stat(q.queued), ...stat(q.inService)]);
  }
  const numbers = `<p>Sampled every ${fixed(q.everyMinutes, 0)} minutes from ${e(q.from)}; one row per day.</p>${table(['Day', 'Waiting (mean)', 'Waiting (max)', 'In service (mean)', 'In service (max)'], rows)}`;
  return figure('chart-queue', 'Queue length over time', body, ['in service', 'waiting'], numbers);
}

/** (4) Credits per month before and after the cap. */
function creditsChart(c: CreditsReport): string | undefined {
  if (c.months.length === 0) return undefined;
  const x = scaleBand().domain(c.months.map((m) => m.month)).range([M.left, W - M.right]).padding(0.2);
  const inner = scaleBand().domain(['before', 'after']).range([0, x.bandwidth()]).padding(0.08);
  const y = yLinear(Math.max(1, c.capPercent ?? 0, ...c.months.map((m) => m.percentBeforeCap)));
  const bar = (month: string, which: 'before' | 'after', value: number) => {
    const top = y(value);
    return `<rect x="${fixed(x(month)! + inner(which)!, 1)}" y="${fixed(top, 1)}" width="${fixed(inner.bandwidth(), 1)}" height="${fixed(H - M.bottom - top, 1)}" fill="${colour(which === 'before' ? 1 : 0)}"><title>${e(month)} ${which} cap: ${pct(value, 2)}</title></rect>`;
  };
  const bars = c.months.flatMap((m) => [bar(m.month, 'before', m.percentBeforeCap), bar(m.month, 'after', m.percentAfterCap)]);
  const cap = c.capPercent === null ? '' : `<line x1="${M.left}" x2="${W - M.right}" y1="${fixed(y(c.capPercent), 1)}" y2="${fixed(y(c.capPercent), 1)}" stroke="#b8423a" stroke-dasharray="6 4"/><text x="${W - M.right}" y="${fixed(y(c.capPercent) - 4, 1)}" text-anchor="end" class="note">cap ${pct(c.capPercent, 0)}</text>`;
  const xt = c.months.map((m) => ({ at: x(m.month)! + x.bandwidth() / 2, label: e(m.month) }));
  const numbers = table(['Month', 'Before cap', 'After cap'], c.months.map((m) => [e(m.month), pct(m.percentBeforeCap, 2), pct(m.percentAfterCap, 2)]));
  return figure('chart-credits', 'Service credits per month (percent of the fee)', `${axes(xt, yTicks(y, (v) => pct(v, 0)), 'month', 'credit')}\n${bars.join('\n')}\n${cap}`, ['after cap', 'before cap'], numbers);
}

// ---- the page ----

const CSS = `
:root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
body { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; } dl.meta dt { color: #666; } dl.meta dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
div.wide { overflow-x: auto; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .25rem .5rem; text-align: right; } th { background: #f5f5f5; }
th.text, td.text { text-align: left; } td { white-space: nowrap; }
caption { text-align: left; color: #666; }
figure { margin: 1.5rem 0; break-inside: avoid; } figcaption { font-weight: 600; }
svg { width: 100%; height: auto; max-width: ${W}px; display: block; }
svg text { font-size: 11px; fill: #333; } svg .axis line { stroke: #999; } svg .axis .grid { stroke: #eee; } svg .axis-title { fill: #666; }
.legend span { margin-right: 1rem; } .legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -1px; }
details summary { cursor: pointer; color: #2f6db5; } .muted { color: #666; }
@media print {
  :root { font-size: 10px; } body { margin: 0; max-width: none; } div.wide { overflow: visible; }
  h2 { break-after: avoid; } table, figure { break-inside: avoid; }
  details summary { color: #222; }
  details::details-content { content-visibility: visible; display: block; }
}
`;

function header(r: Report | SimulationReport, source: string): string {
  const rows: [string, string][] = [
    ['Contract', `<code>${e(source)}</code>`],
    ['Kind', r.kind === 'pledge-simulation' ? 'simulation (<code>pledge simulate</code>)' : 'replay (<code>pledge replay</code>)'],
  ];
  if (r.kind === 'pledge-simulation') {
    const s = r as SimulationReport;
    rows.push(['Seed', String(s.seed)], ['Period', `${e(s.period.from)} to ${e(s.period.to)}`]);
  }
  rows.push(['Zone', e(r.zone)], ['Clocks judged at', e(r.horizon)]);
  if (r.kind === 'pledge-simulation') {
    const s = r as SimulationReport;
    const staff = s.staff.map((g) => `${int(g.count)} on ${e(g.calendar)}${g.tier ? ` (tier ${e(g.tier)})` : ''}`).join('; ');
    rows.push(['Queue', e(s.queue)], ['Staff', staff || '–']);
  }
  return `<h1>${e(r.title)}</h1>\n<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/**
 * A replay's PLG5001 / PLG5002 warnings (grammar/reference.md, "Reading a replayed log"): with
 * `--zone`, the rows whose local time fell in a daylight-saving gap or a repeated hour, one row per
 * kind with its count, its first line and column, the time as written and the instant it was read as; the
 * text report's and stderr's sentence under the table. Nothing when there are none.
 */
function localTimesSection(r: Report | SimulationReport): string {
  const { localTimes, notices } = r as { localTimes?: readonly ReplayLocalTime[]; notices?: ReplayReport['notices'] };
  if (r.kind !== 'pledge-replay') return '';
  const others = (notices ?? []).map((n) => `<li>${e(n.severity)} ${e(n.code)}: ${e(n.message)}</li>`).join('') + skippedWithCode(r as ReplayReport);
  if (!localTimes?.length) return others ? `<h2>Warnings</h2><ul class="warnings">${others}</ul>\n` : '';
  const rows = localTimes.map((l) => [`<code>${e(l.code)}</code>`, l.kind === 'gap' ? 'does not exist (spring-forward gap)' : 'happens twice (fall-back)', int(l.rows), int(l.line), int(l.column), `<code>${e(l.time)}</code>`, `<code>${e(l.read)}</code>`]);
  // The other warnings and errors (PLG3012, skipped rows with a code) follow the local times' sentences.
  const messages = localTimes.map((l) => `<li>warning ${e(l.code)}: ${e(l.message)}</li>`).join('') + others;
  return `<h2>Warnings</h2>${table(['Code', 'Local time', 'Rows', 'First line', 'Column', 'First time in the log', 'Read as'], rows, 2, `Times without an offset read in ${e(r.zone)}: each kind counted once, with its first row.`)}<ul class="warnings">${messages}</ul>
`;
}

/**
 * With `--lenient`, the rows skipped for a reason that has a code (PLG5003 `before-filed`, PLG5004
 * `plan-coverage`; grammar/reference.md, "Reading a replayed log"): one item per code with the
 * count and the first row's line, column and message.
 */
function skippedWithCode(r: ReplayReport): string {
  const out: string[] = [];
  for (const [code, reason] of [['PLG5003', 'before-filed'], ['PLG5004', 'plan-coverage']] as const) {
    const first = (r.skipped ?? []).find((s) => s.code === code);
    const n = r.skippedByReason?.[reason] ?? 0;
    if (!first || !n) continue;
    out.push(`<li>error ${code}: ${int(n)} row${n === 1 ? '' : 's'} skipped (${reason}); the first, line ${int(first.line)}, column ${int(first.column)}: ${e(first.message)}</li>`);
  }
  return out.join('');
}

function ticketsSection(r: Report | SimulationReport): string {
  const rows: Cell[][] = Object.entries(r.tickets).map(([k, v]) => [e(k), int(v)]);
  if (r.kind === 'pledge-simulation') rows.push(['expected', num((r as SimulationReport).expectedTickets, 1)]);
  return `<h2>Tickets</h2>${table(['', 'Tickets'], rows)}`;
}

function clocksSection(clocks: readonly ClockRow[]): string {
  const p = (x: ClockRow['openTime'], days: boolean) => (x ? [human(x.p50, days), human(x.p90, days), human(x.p99, days)] : ['–', '–', '–']);
  const rows = clocks.map((c) => [e(c.priority), e(c.clock), c.target ? e(c.target) : '–', int(c.tickets), int(c.met), int(c.breached), int(c.open), rate(c.breachRate), ...p(c.openTime, false), ...p(c.wallTime, true)]);
  const head = ['Priority', 'Clock', 'Target', 'Tickets', 'Met', 'Breached', 'Open', 'Breach rate', 'Open p50', 'Open p90', 'Open p99', 'Real p50', 'Real p90', 'Real p99'];
  return `<h2>Clocks</h2>${table(head, rows, 3, 'Open time counts only the hours of the target’s calendar; real time is wall-clock time.')}`;
}

/** The `update every` tallies in the text report's words, one line per priority; a line with breaches in bold. */
function updatesSection(r: Report | SimulationReport): string {
  if (!r.updates) return '';
  const items = r.updates.map((u) => `<li>${u.breached > 0 ? `<strong>${e(updateLine(u))}</strong>` : e(updateLine(u))}</li>`);
  return `<h2>Periodic updates</h2><p class="muted">Each interval is counted under the priority it was judged by; open: still running at ${e(r.horizon)}.</p><ul class="updates">${items.join('')}</ul>\n`;
}

function escalationsSection(r: Report): string {
  if (r.escalations.length === 0) return '<h2>Escalations</h2><p class="muted">The contract has no escalations.</p>';
  const rows = r.escalations.map((x) => [String(x.step), e(x.priorities.join(', ')), e(x.clock), e(x.at), e(x.notify.join(', ')), int(x.fired), int(x.unreachable)]);
  return `<h2>Escalations</h2>${table(['Step', 'Priorities', 'Clock', 'At', 'Notify', 'Fired', 'Unreachable'], rows, 5)}`;
}

function availabilitySection(r: Report | SimulationReport): string {
  if (r.kind !== 'pledge-simulation' || !(r as SimulationReport).availability) return '';
  const rows = (r as SimulationReport).availability!.map((a) => [e(a.month), int(a.minutes), int(a.excludedMinutes), int(a.downtimeMinutes), int(a.outages), pct(a.achieved, 3), pct(a.target, 3), a.met ? 'yes' : '<strong>no</strong>', pct(a.creditPercent, 2)]);
  return `<h2>Availability</h2>${table(['Month', 'Minutes', 'Excluded', 'Downtime', 'Outages', 'Achieved', 'Target', 'Met', 'Credit'], rows)}`;
}

function creditsSection(c: CreditsReport): string {
  const terms = [c.monthlyFee === null ? 'no monthly fee stated' : `monthly fee ${money(c.monthlyFee, c.currency)}`, c.capPercent === null ? 'no cap' : `cap ${pct(c.capPercent, 2)} of the fee`];
  const rows: Cell[][] = c.months.map((m) => [e(m.month), int(m.breaches), pct(m.breachPercent, 2), pct(m.availabilityPercent, 2), pct(m.percentBeforeCap, 2), pct(m.percentAfterCap, 2), money(m.amountBeforeCap, c.currency), money(m.amountAfterCap, c.currency)]);
  const t = c.total;
  rows.push(['<strong>Total</strong>', int(c.months.reduce((s, m) => s + m.breaches, 0)), '', '', pct(t.percentBeforeCap, 2), pct(t.percentAfterCap, 2), money(t.amountBeforeCap, c.currency), money(t.amountAfterCap, c.currency)]);
  return `<h2>Service credits</h2><p>${terms.join('; ')}.</p>${table(['Month', 'Breaches', 'For breaches', 'For availability', 'Before cap', 'After cap', 'Amount before cap', 'Amount after cap'], rows)}`;
}

/**
 * The report of `pledge simulate` or `pledge replay` as a self-contained HTML page.
 * @example writeFileSync('report.html', reportHtml(report, { source: 'contracts/acme.pledge' }))
 */
export function reportHtml(report: Report | SimulationReport, options: ReportHtmlOptions): string {
  const sim = report.kind === 'pledge-simulation' ? (report as SimulationReport) : undefined;
  const charts = [breachChart(report.clocks), distributionChart(report.clocks), sim ? queueChart(sim.queueLength) : undefined, creditsChart(report.credits)].filter((c): c is string => c !== undefined);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)} — Pledge ${report.kind === 'pledge-simulation' ? 'simulation' : 'replay'}</title>
<style>${CSS}</style>
</head>
<body>
${header(report, options.source)}
${localTimesSection(report)}${ticketsSection(report)}
${clocksSection(report.clocks)}
${updatesSection(report)}${escalationsSection(report)}
${availabilitySection(report)}
${creditsSection(report.credits)}
<h2>Charts</h2>
${charts.join('\n')}
</body>
</html>
`;
}
