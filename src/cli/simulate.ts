/**
 * `pledge simulate <file> [--scenario T] [--seed N] [--replications N | --sweep-staff A..B]
 * [--json] [--html F] [--events F]`: plays a scenario against the contract and reports breach
 * rates, percentiles, escalations, availability and credits. The seed is always printed.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { reportHtml, simulationText, summaryText, sweep, sweepText, PLAIN, EVENT_LOG_HEADER, eventLogRows, isoFormatter, compileLoad, LoadError, SIM_LIMITS, runJobs, type Job, simulateLoad, summarize } from '../index.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { loadContract } from './contract.js';
import { describeIoError, useColor, UsageError, writeOutput, type CliIo } from './io.js';
import { suggestionHelp } from './suggest.js';
import { WHAT_IF_COLORS } from './what-if.js';

function whole(max: number) {
  return (value: string): number => {
    if (!/^\d{1,16}$/.test(value) || Number(value) > max) throw new InvalidArgumentError(`expected a whole number up to ${max.toLocaleString('en-US')}`);
    return Number(value);
  };
}

function positive(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 100_000) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function range(value: string): [number, number] {
  const m = /^(\d{1,6})\.\.(\d{1,6})$/.exec(value);
  if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) - Number(m[1]) > 200) throw new InvalidArgumentError('expected a range of head counts like 1..6 (at most 200 steps)');
  // A head count past the simulator's agent limit is a usage error here, not an internal error later (issue 19).
  if (Number(m[2]) > SIM_LIMITS.maxAgents) throw new InvalidArgumentError(`a simulation has at most ${SIM_LIMITS.maxAgents.toLocaleString('en-US')} agents`);
  return [Number(m[1]), Number(m[2])];
}

interface Options {
  scenario?: string;
  seed?: number;
  replications: number;
  sweepStaff?: [number, number];
  sweepGroup?: string;
  threads?: number;
  scale?: number;
  json?: boolean;
  html?: string;
  events?: string;
  progress: boolean;
  color: string;
}

/** A progress bar on stderr, only when stderr is the process's own terminal. */
function progressBar(io: CliIo, enabled: boolean, total: number): { update(n: number): void; stop(): void } {
  if (!enabled || io.stderr !== process.stderr || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'simulating {bar} {percentage}% | {value}/{total} tickets | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(1, Math.round(total)), 0);
  return { update: (n) => bar.update(Math.min(n, Math.round(total))), stop: () => bar.stop() };
}

export const simulateCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('simulate')
      .description('play a scenario against the contract: breach rates, percentiles, escalations, availability and credits')
      .argument('<file>', 'the contract')
      .option('--scenario <title>', 'the scenario to run (default: the first)')
      .addOption(new Option('--seed <n>', `replace the scenario's seed (a whole number, 0 to ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')})`).argParser(whole(Number.MAX_SAFE_INTEGER)))
      .addOption(new Option('--replications <n>', 'independent runs (seeds N, N+1, …) on worker threads; reports means with 95% intervals').default(1).argParser(whole(SIM_LIMITS.maxReplications)))
      .addOption(new Option('--sweep-staff <from..to>', 'run once per head count of one staff group (the same tickets each time)').argParser(range))
      .option('--sweep-group <calendar>', 'the staff group to vary, by its calendar or tier name (default: the first group)')
      .addOption(new Option('--threads <n>', 'worker threads (default: one per core)').argParser(whole(256)))
      .addOption(new Option('--scale <x>', 'multiply the arrival rate and every head count (load tests)').argParser(positive))
      .option('--json', 'print JSON on stdout')
      .option('--html <file>', 'also write a self-contained HTML report with charts')
      .option('--events <file>', 'also write the run\'s ticket event log as CSV (the input of `pledge replay`)')
      .option('--no-progress', 'no progress bar on stderr')
      .addOption(colorOption()),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const o = command.opts<Options>();
    if (o.replications > 1 && o.sweepStaff) throw new UsageError('--replications and --sweep-staff cannot be combined; sweep one seed at a time');
    if (o.events && (o.replications > 1 || o.sweepStaff)) throw new UsageError('--events writes the log of a single run; drop --replications or --sweep-staff');
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    const { model } = loaded.analysis;
    const titles = model.scenarios.map((s) => s.title.value);
    if (titles.length === 0) throw new UsageError(`\`${loaded.file}\` has no \`scenario\` to simulate; see the language reference, "Load scenarios"`);
    const index = o.scenario === undefined ? 0 : titles.indexOf(o.scenario);
    if (index < 0) throw new UsageError(`--scenario: no scenario "${o.scenario}"${suggestionHelp(o.scenario!, titles)}`);
    const decl = model.scenarios[index]!;
    const base = { ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.scale !== undefined ? { scale: o.scale } : {}) };
    let load;
    try {
      load = compileLoad(loaded.runtime, decl, base);
    } catch (error) {
      if (error instanceof LoadError) throw new UsageError(error.message);
      throw error;
    }
    const style = useColor(o.color, io.stdout, io.env) ? WHAT_IF_COLORS : PLAIN;
    const threads = o.threads !== undefined ? { threads: o.threads } : {};
    const source = loaded.analysis.text;
    io.stderr.write(`pledge: simulating "${decl.title.value}" with seed ${load.seed}${o.replications > 1 ? `..${load.seed + o.replications - 1}` : ''}\n`);

    if (o.sweepStaff) {
      const groups = load.staff;
      const g = o.sweepGroup === undefined ? 0 : groups.findIndex((x) => x.calendarName === o.sweepGroup || load.tiers[x.tier] === o.sweepGroup);
      if (g < 0) throw new UsageError(`--sweep-group: no staff group on \`${o.sweepGroup}\``);
      const others = groups.reduce((n, x, i) => n + (i === g ? 0 : x.count), 0);
      if (others + o.sweepStaff[1] > SIM_LIMITS.maxAgents) throw new UsageError(`--sweep-staff: a simulation has at most ${SIM_LIMITS.maxAgents.toLocaleString('en-US')} agents, and the other staff groups have ${others.toLocaleString('en-US')}`);
      const counts = Array.from({ length: o.sweepStaff[1] - o.sweepStaff[0] + 1 }, (_, i) => o.sweepStaff![0] + i);
      const bar = progressBar(io, o.progress, load.expectedTickets * counts.length);
      const jobs: Job[] = counts.map((count) => ({ scenario: index, options: { ...base, staff: { group: g, count } } }));
      const reports = await runJobs(source, jobs, { ...threads, onProgress: bar.update });
      bar.stop();
      const s = sweep(reports, g, counts);
      io.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : sweepText(s, loaded.file, style));
      return EXIT.ok;
    }

    if (o.replications > 1) {
      const bar = progressBar(io, o.progress, load.expectedTickets * o.replications);
      const jobs: Job[] = Array.from({ length: o.replications }, (_, i) => ({ scenario: index, options: { ...base, seed: load.seed + i } }));
      const reports = await runJobs(source, jobs, { ...threads, onProgress: bar.update });
      bar.stop();
      const summary = summarize(reports);
      io.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary, loaded.file, style));
      if (o.html) writeOutput(io, '--html', o.html, reportHtml(reports[0]!, { source: loaded.file }));
      return EXIT.ok;
    }

    const bar = progressBar(io, o.progress, load.expectedTickets);
    const log = o.events ? openLog(io, o.events) : undefined;
    const iso = isoFormatter(load.zone);
    const report = simulateLoad(loaded.runtime, load, {
      onProgress: bar.update,
      ...(log ? { onTicket: (t) => log.rows(eventLogRows(t, iso)) } : {}),
    });
    bar.stop();
    log?.close();
    io.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : simulationText(report, loaded.file, style));
    if (o.html) writeOutput(io, '--html', o.html, reportHtml(report, { source: loaded.file }));
    return EXIT.ok;
  },
};

/** The event log, written in 64 KB chunks as tickets finish, so memory does not grow with the run. */
function openLog(io: CliIo, file: string): { rows(lines: string): void; close(): void } {
  let fd: number;
  try {
    fd = openSync(path.resolve(io.cwd, file), 'w');
  } catch (error) {
    throw new UsageError(`--events: cannot write \`${file}\`: ${describeIoError(error)}`);
  }
  let buffer = EVENT_LOG_HEADER;
  return {
    rows(lines) {
      buffer += lines;
      if (buffer.length > 65_536) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      writeSync(fd, buffer);
      closeSync(fd);
      io.stderr.write(`pledge: wrote ${file}\n`);
    },
  };
}
