/**
 * Check cost by shape (issue 14): times a full `analyze` (every check) of each shape of
 * `test/check-shapes-gen.ts` and prints it with its ratio to parsing the same text, and the CPU
 * time (the machine is shared: wall time alone drifts with the load). The goal is 2 s of CPU per
 * input on one core; a miss prints MISS and still exits 0 (a benchmark, not a test).
 *
 * Run: `npm run bench:check-cost [-- --rounds 3]`.
 */
import { performance } from 'node:perf_hooks';
import { analyze, parse } from '../src/index.js';
import { shapes } from '../test/check-shapes-gen.js';

const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 ? Math.max(1, Number(process.argv[i + 1])) : 3;
const GOAL_MS = 2000;

// Warm the engine (zones, holidays' modules) on a small contract, so the first shape is not
// charged for loading.
analyze('sla "W" {\n  term 2026-01-01 to 2026-12-31\n}\ncalendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n}\nclock r {\n  starts filed\n  stops first_reply\n}\npriority P1 {\n  r 4h on c\n}\n');

function time(f: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`check cost, median of ${ROUNDS} rounds (first round cold: nothing remembered between checks)`);
console.log('shape | chars | check wall ms | check cpu ms | parse ms | check/parse | diagnostics');
for (const s of shapes()) {
  const walls: number[] = [];
  const cpus: number[] = [];
  let codes = '';
  for (let r = 0; r < ROUNDS; r++) {
    let a: ReturnType<typeof analyze> | undefined;
    const t = time(() => (a = analyze(s.text)));
    walls.push(t.wall);
    cpus.push(t.cpu);
    codes = [...new Set(a!.diagnostics.map((d) => d.code))].join(',');
  }
  const parses: number[] = [];
  for (let r = 0; r < Math.max(ROUNDS, 5); r++) parses.push(time(() => parse(s.text)).wall);
  const w = median(walls);
  const p = Math.max(median(parses), 0.01);
  const first = `cold ${walls[0]!.toFixed(0)}`;
  console.log(`${s.name} | ${s.text.length} | ${w.toFixed(0)} (${first}) | ${median(cpus).toFixed(0)} | ${p.toFixed(2)} | ${(w / p).toFixed(0)}x | ${codes}${median(cpus) > GOAL_MS ? ' | MISS' : ''}`);
}
// One process for every shape (and tsx): an upper bound on any one shape's memory.
console.log(`process rss after all shapes: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (goal 300 MB per input)`);
