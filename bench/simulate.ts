/**
 * Simulation benchmark: the bundled contract's scenario ("March evening peak") scaled to about
 * 1,000,000 tickets (arrival rate and every staff group multiplied alike), run once on one core
 * with every clock, escalation step and credit computed. Prints tickets/s, events/s and peak
 * memory, and as the baseline measured in the same run, the same tickets' clocks computed by the
 * general `timeline()` (what `pledge what-if` uses) on a sample. An untimed run of `--warmup`
 * tickets (100,000 by default) lets V8 compile the hot code first, as any long simulation does
 * after its first second. The simulation then runs `--runs` times (5 by default; every run is the
 * same seeded simulation, byte for byte) and the median run is the result, since a shared
 * machine's speed drifts between runs; every run's figure is printed. A miss prints MISS and still
 * exits 0.
 *
 * Run: `npm run bench:simulate [-- --tickets 1000000] [-- --seed 42] [-- --runs 5] [-- --warmup 100000]`.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.js';
import type { SimTicket } from '../src/simulate/engine.js';
import { compileLoad } from '../src/simulate/load.js';
import { simulateLoad } from '../src/simulate/simulate.js';
import { compileContract } from '../src/time/contract.js';
import { timeline } from '../src/time/timeline.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} needs a positive whole number`);
  return v;
}
const TICKETS = option('tickets', 1_000_000);
const RUNS = option('runs', 5);
const WARMUP = option('warmup', 100_000);
const SAMPLE = 20_000;
const TARGET = 250_000;

const file = fileURLToPath(new URL('../contracts/realtime-messaging.pledge', import.meta.url));
const { model } = analyze(readFileSync(file, 'utf8'));
const runtime = compileContract(model);
const scenario = model.scenarios[0]!;
const unscaled = compileLoad(runtime, scenario);
const scale = TICKETS / unscaled.expectedTickets;
const load = compileLoad(runtime, scenario, { scale, ...(process.argv.includes('--seed') ? { seed: option('seed', 42) } : {}) });

console.log(`pledge simulate benchmark: ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`);
console.log(`scenario "${scenario.title.value}" × ${scale.toFixed(1)} (arrivals and staff): ${Math.round(load.expectedTickets).toLocaleString('en-US')} tickets expected, seed ${load.seed}`);

// Warm the calendars' year tables and the JIT first (not timed).
simulateLoad(runtime, compileLoad(runtime, scenario, { scale: WARMUP / unscaled.expectedTickets }));

let peakHeap = 0;
const sample: SimTicket[] = [];
const runs: { ms: number; report: ReturnType<typeof simulateLoad> }[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const report = simulateLoad(runtime, load, {
    onProgress: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  runs.push({ ms: performance.now() - t0, report });
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const report = runs[0]!.report;
const byTime = [...runs].sort((a, b) => a.ms - b.ms);
const ms = byTime[Math.floor((byTime.length - 1) / 2)]!.ms;
const rate = (r: { ms: number; report: typeof report }) => (r.report.tickets.filed / r.ms) * 1000;
const ticketsPerSecond = (report.tickets.filed / ms) * 1000;
const eventsPerSecond = (report.tickets.events / ms) * 1000;

// Baseline: the general timeline() on SAMPLE tickets of the same scenario, from an untimed run
// scaled to about that many (asking for every ticket's events would slow the timed runs).
simulateLoad(runtime, compileLoad(runtime, scenario, { scale: SAMPLE / unscaled.expectedTickets }), {
  onTicket: (t) => {
    if (sample.length < SAMPLE) sample.push(t);
  },
});
const b0 = performance.now();
let clocks = 0;
for (const t of sample) clocks += timeline(runtime, { priority: t.priority, ...(t.plan ? { plan: t.plan } : {}), filed: t.filed, events: t.events }).clocks.length;
const baseline = (sample.length / (performance.now() - b0)) * 1000;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log('');
console.log(`tickets           ${report.tickets.filed.toLocaleString('en-US')} (${report.tickets.open} open at the end), ${report.tickets.events.toLocaleString('en-US')} ticket events, ${clocks > 0 ? 'all clocks computed' : ''}`);
console.log(`time              ${(ms / 1000).toFixed(2)} s (median of ${runs.length} runs, after an untimed ${WARMUP.toLocaleString('en-US')}-ticket warm-up)`);
console.log(`tickets/s         ${Math.round(ticketsPerSecond).toLocaleString('en-US')}  (median run; target ≥ ${TARGET.toLocaleString('en-US')}: ${ticketsPerSecond >= TARGET ? 'met' : 'MISS'})`);
console.log(`runs              ${runs.map((r) => Math.round(rate(r)).toLocaleString('en-US')).join(', ')} tickets/s, in order; the same simulation each time: ${runs.every((r) => JSON.stringify(r.report) === JSON.stringify(report)) ? 'identical reports' : 'REPORTS DIFFER'}`);
console.log(`events/s          ${Math.round(eventsPerSecond).toLocaleString('en-US')}`);
console.log(`peak heap         ${mb(peakHeap)} (sampled every 10,000 tickets)`);
console.log(`peak RSS          ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log(`baseline          timeline() alone on ${sample.length.toLocaleString('en-US')} tickets of this scenario: ${Math.round(baseline).toLocaleString('en-US')} tickets/s`);
console.log(`ratio             the whole simulation runs ${(ticketsPerSecond / baseline).toFixed(1)}× the tickets/s of timeline() alone`);
console.log(`breach rates      ${report.clocks.map((c) => `${c.priority} ${c.clock} ${c.breachRate === null ? '-' : `${(c.breachRate * 100).toFixed(1)}%`}`).join(', ')}`);
