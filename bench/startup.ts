/**
 * Start-up benchmark: each command run cold as a child process, several times, with the median
 * reported next to `node -e ''` measured in the same run (bare Node is the baseline: what is left
 * above it is Pledge's own start-up). Run: `npm run bench:startup` (after `npm run build`; the
 * commands run `bin/pledge.js`, the file an installed package runs).
 *
 * Targets (issue 15): `--version` within 150 ms of bare Node, `check` on the bundled example within
 * 500 ms, `what-if` on it within 700 ms.
 *
 *   PLEDGE_BENCH_RUNS=15 npm run bench:startup     more runs for a steadier median
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env['PLEDGE_BENCH_RUNS'] ?? 9);
const bin = path.join(root, 'bin', 'pledge.js');
const example = 'contracts/realtime-messaging.pledge';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Milliseconds over bare Node allowed; undefined for the baseline itself. */
  readonly budget?: number;
  /** Exit codes that count as a successful run. */
  readonly ok?: readonly number[];
}

const CASES: readonly Case[] = [
  { name: "node -e ''", args: ['-e', ''] },
  { name: 'pledge --version', args: [bin, '--version'], budget: 150 },
  { name: `pledge check ${example}`, args: [bin, 'check', example], budget: 500 },
  {
    name: `pledge what-if ${example} --priority P2 --filed 2026-11-20T17:00`,
    args: [bin, 'what-if', example, '--priority', 'P2', '--filed', '2026-11-20T17:00'],
    budget: 700,
  },
];

function timeOnce(c: Case): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!(c.ok ?? [0]).includes(result.status ?? -1)) {
    throw new Error(`${c.name} exited ${result.status}: ${result.stderr.slice(0, 400)}`);
  }
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

// Interleave the cases round by round so a burst of load on the shared machine hits all of them.
const samples = CASES.map(() => [] as number[]);
for (const c of CASES) timeOnce(c); // warm the file cache, not measured
for (let r = 0; r < runs; r++) CASES.forEach((c, i) => samples[i]!.push(timeOnce(c)));

const base = median(samples[0]!);
console.log(`start-up, median of ${runs} cold runs each (node ${process.version})`);
let failed = false;
CASES.forEach((c, i) => {
  const m = median(samples[i]!);
  const over = m - base;
  const verdict = c.budget === undefined ? 'baseline' : over <= c.budget ? `ok (budget +${c.budget} ms)` : `MISS (budget +${c.budget} ms)`;
  if (c.budget !== undefined && over > c.budget) failed = true;
  console.log(`${m.toFixed(0).padStart(6)} ms  +${over.toFixed(0).padStart(5)} ms  ${(m / base).toFixed(2)}x  ${verdict}  ${c.name}`);
});
if (failed) process.exitCode = 1;
