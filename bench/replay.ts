/**
 * Replay benchmark (issue 19): `pledge replay` of a 1,000,000-row and a 5,000,000-row ticket log,
 * each written from the simulator's own event log (`bench/replay-log.ts`) into a temporary
 * directory that is removed afterwards (never committed). Each replay runs as a child process of
 * the built CLI (`bin/pledge.js`, so run `npm run build` first) under `/usr/bin/time -v`, which
 * gives its peak resident memory (the kernel's maxrss, the whole process, not only the JS heap).
 * As the baseline measured in the same run, `pledge simulate --scale` of the same load (the run
 * that produced the log's tickets) is timed the same way. Prints rows/s and peak RSS for both; a
 * miss of the targets (500,000 rows/s; 500 MB at 5M rows) prints MISS and still exits 0.
 *
 * Each is run `--runs` times (3 by default) and the median printed, with the CPU seconds (user +
 * system, from the same /usr/bin/time) as rows per CPU second: the figure for one core on a shared machine.
 *
 * A log whose times have no offset (each the wall-clock time in Europe/Berlin, a zone with
 * daylight saving, written from the same run) is replayed with `--zone Europe/Berlin`, next to
 * the same run's log with offsets: `--zone-rows` rows (1,000,000 by default; 0 skips it).
 *
 * Run: `npm run bench:replay [-- --rows 1000000,5000000 --runs 3 --zone-rows 1000000]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.js';
import { compileLoad } from '../src/simulate/load.js';
import { compileContract } from '../src/time/contract.js';
import { CONTRACT, ROWS_PER_TICKET, writeReplayLog } from './replay-log.js';

const TARGET_ROWS_PER_S = 500_000;
const TARGET_RSS_MB = 500;
const PLEDGE = fileURLToPath(new URL('../bin/pledge.js', import.meta.url));

const i = process.argv.indexOf('--rows');
const sizes = (i >= 0 ? process.argv[i + 1]! : '1000000,5000000').split(',').map(Number);
if (sizes.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new Error('--rows needs positive whole numbers, comma-separated');
const r = process.argv.indexOf('--runs');
const runs = r >= 0 ? Number(process.argv[r + 1]) : 3;
if (!Number.isSafeInteger(runs) || runs <= 0) throw new Error('--runs needs a positive whole number');
const z = process.argv.indexOf('--zone-rows');
const zoneRows = z >= 0 ? Number(process.argv[z + 1]) : 1_000_000;
if (!Number.isSafeInteger(zoneRows) || zoneRows < 0) throw new Error('--zone-rows needs a whole number');
const LOCAL_ZONE = 'Europe/Berlin';

/** Runs `node bin/pledge.js …args` under /usr/bin/time -v; wall seconds, peak RSS in MB, exit code. */
function timed(args: string[]): { seconds: number; cpu: number; rssMb: number; status: number | null; stderr: string } {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, PLEDGE, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  if (!wall || !rss || !user || !system) throw new Error(`/usr/bin/time gave no figures:\n${r.stderr}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { seconds, cpu: Number(user[1]) + Number(system[1]), rssMb: Number(rss[1]) / 1024, status: r.status, stderr: r.stderr };
}

/** The run of median wall time among `runs` runs (its CPU and memory with it). */
function median(args: string[]): ReturnType<typeof timed> {
  const all: ReturnType<typeof timed>[] = [];
  for (let k = 0; k < runs; k++) {
    const t = timed(args);
    // replay must exit 0: a 1 is a refused log (a 5,000,000-row target over the row limit was once timed as a replay).
    if (t.status !== 0 && (args[0] === 'replay' || t.status !== 1)) throw new Error(`pledge ${args[0]} exited ${t.status}:\n${t.stderr}`);
    all.push(t);
  }
  return all.sort((a, b) => a.seconds - b.seconds)[Math.floor(all.length / 2)]!;
}

const { model } = analyze(readFileSync(CONTRACT, 'utf8'));
const unscaled = compileLoad(compileContract(model), model.scenarios[0]!);

console.log(`pledge replay benchmark (median of ${runs}): ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`);
const dir = mkdtempSync(join(tmpdir(), 'pledge-bench-replay-'));
try {
  for (const rows of sizes) {
    // The generated log's size is approximate: aim 1 % low so a 5,000,000 target stays within replay's row limit.
    const log = writeReplayLog(Math.round(rows * 0.99), join(dir, `log-${rows}.csv`));
    const scale = rows / ROWS_PER_TICKET / unscaled.expectedTickets;
    const replay = median(['replay', CONTRACT, '--tickets', log.file, '--now', log.horizon, '--json']);
    const sim = median(['simulate', CONTRACT, '--scale', String(scale), '--json']);
    const rate = log.rows / replay.seconds;
    const miss = (rate < TARGET_ROWS_PER_S ? ' MISS rows/s' : '') + (rows >= 5_000_000 && replay.rssMb > TARGET_RSS_MB ? ' MISS memory' : '');
    console.log(`${log.rows.toLocaleString('en-US')} rows (${log.tickets.toLocaleString('en-US')} tickets, ${(log.bytes / 1e6).toFixed(0)} MB):`);
    const perCpu = (t: { cpu: number }) => Math.round(log.rows / t.cpu).toLocaleString('en-US');
    console.log(`  replay    ${replay.seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en-US')} rows/s; ${replay.cpu.toFixed(1)} CPU s, ${perCpu(replay)} rows/CPU s; peak RSS ${replay.rssMb.toFixed(0)} MB${miss || ' ok'}`);
    console.log(`  simulate  ${sim.seconds.toFixed(1)} s, ${Math.round(log.rows / sim.seconds).toLocaleString('en-US')} rows/s; ${sim.cpu.toFixed(1)} CPU s, ${perCpu(sim)} rows/CPU s; peak RSS ${sim.rssMb.toFixed(0)} MB (same load, --scale ${scale.toFixed(2)})`);
    console.log(`  replay / simulate time ${(replay.seconds / sim.seconds).toFixed(2)}, memory ${(replay.rssMb / sim.rssMb).toFixed(2)}`);
    rmSync(log.file);
  }
  if (zoneRows > 0) {
    const rows = Math.round(zoneRows * 0.99);
    const withOffset = writeReplayLog(rows, join(dir, 'log-offset.csv'));
    const local = writeReplayLog(rows, join(dir, 'log-local.csv'), LOCAL_ZONE);
    const plain = median(['replay', CONTRACT, '--tickets', withOffset.file, '--now', withOffset.horizon, '--json']);
    const zoned = median(['replay', CONTRACT, '--tickets', local.file, '--zone', LOCAL_ZONE, '--now', local.horizon, '--json']);
    const perCpu = (t: { cpu: number }) => Math.round(local.rows / t.cpu).toLocaleString('en-US');
    console.log(`${local.rows.toLocaleString('en-US')} rows without an offset, --zone ${LOCAL_ZONE} (${(local.bytes / 1e6).toFixed(0)} MB):`);
    console.log(`  --zone    ${zoned.seconds.toFixed(1)} s, ${Math.round(local.rows / zoned.seconds).toLocaleString('en-US')} rows/s; ${zoned.cpu.toFixed(1)} CPU s, ${perCpu(zoned)} rows/CPU s; peak RSS ${zoned.rssMb.toFixed(0)} MB${local.rows / zoned.seconds < TARGET_ROWS_PER_S ? ' MISS rows/s' : ' ok'}`);
    console.log(`  offsets   ${plain.seconds.toFixed(1)} s, ${Math.round(local.rows / plain.seconds).toLocaleString('en-US')} rows/s; ${plain.cpu.toFixed(1)} CPU s, ${perCpu(plain)} rows/CPU s; peak RSS ${plain.rssMb.toFixed(0)} MB (the same run's log with offsets)`);
    console.log(`  --zone / offsets CPU ${(zoned.cpu / plain.cpu).toFixed(2)}, memory ${(zoned.rssMb / plain.rssMb).toFixed(2)}`);
    rmSync(withOffset.file);
    rmSync(local.file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
