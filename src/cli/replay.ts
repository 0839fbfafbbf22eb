/**
 * `pledge replay <contract> --tickets history.csv [--json|--html F]`: a real ticket history run
 * through the contract's clocks: every ticket's clocks, breaches and credits, and the totals.
 */
import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { IANAZone } from 'luxon';
import { localTimeNotice, reportHtml, termBounds, PLAIN, EVENT_LOG_COLUMNS, perTicketLine, ReplayError, replayStream, replayText, skippedLine, type Column, type ReplayReport, type ReplayTicketRecord, type ReplayTicketReport } from '../index.js';
import { colorOption, EXIT, type CliCommand } from './command.js';
import { instantOption, loadContract } from './contract.js';
import { cannotRead, complain, describeIoError, displayPath, useColor, UsageError, writeOutput } from './io.js';
import { heapCeiling } from './heap.js';
import { RecordSpool } from './replay-json.js';
import { Spool, write, writeBytes } from './spool.js';
import { Writable } from 'node:stream';
import { WHAT_IF_COLORS } from './what-if.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `from=to` pairs; the last `=` splits, so names may contain `=`… except in the target. */
function pairs(option: string, values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    const i = v.lastIndexOf('=');
    if (i <= 0 || i === v.length - 1) throw new UsageError(`${option}: expected FROM=TO, got \`${v}\``);
    out.set(v.slice(0, i), v.slice(i + 1));
  }
  return out;
}

interface Options {
  tickets: string;
  column?: string[];
  mapEvent?: string[];
  mapPriority?: string[];
  zone?: string;
  now?: string;
  lenient?: boolean;
  json?: boolean;
  html?: string;
  color: string;
}

export const replayCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('replay')
      .description('run a real ticket history (CSV, one row per event) through the contract: every ticket\'s clocks, breaches and credits')
      .argument('<file>', 'the contract')
      .requiredOption('--tickets <csv>', 'the event log: columns ticket,event,time,priority,plan')
      .addOption(new Option('--column <name=header>', `the header of a column, when it is not the default (${EVENT_LOG_COLUMNS.join(', ')}); repeatable`).argParser(collect))
      .addOption(new Option('--map-event <from=to>', "a help desk's event name and Pledge's, e.g. 'Waiting on customer=awaiting_customer'; repeatable").argParser(collect))
      .addOption(new Option('--map-priority <from=to>', "a help desk's priority and the contract's, e.g. 'Urgent=P0'; repeatable").argParser(collect))
      .option('--zone <zone>', 'the zone of timestamps written without an offset')
      .option('--now <date-time>', 'judge open tickets at this instant (default: the latest timestamp in the log)')
      .option('--lenient', 'skip malformed rows and count them instead of stopping at the first')
      .option('--json', 'print JSON on stdout')
      .option('--html <file>', 'also write a self-contained HTML report')
      .addOption(colorOption()),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const o = command.opts<Options>();
    const columns = Object.fromEntries(
      [...pairs('--column', o.column ?? [])].map(([k, v]) => {
        if (!(EVENT_LOG_COLUMNS as readonly string[]).includes(k)) throw new UsageError(`--column: \`${k}\` is not one of ${EVENT_LOG_COLUMNS.join(', ')}`);
        return [k, v];
      }),
    ) as Partial<Record<Column, string>>;
    if (o.zone !== undefined && !IANAZone.isValidZone(o.zone)) throw new UsageError(`--zone: unknown time zone \`${o.zone}\`; write an IANA name such as Asia/Shanghai`);
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    const csvPath = path.resolve(io.cwd, o.tickets);
    const shown = displayPath(csvPath, io.cwd);
    // The log is streamed, not read through the contract reader (its 512 KB limit is for contracts; a log may have 5,000,000 rows).
    try {
      const info = await stat(csvPath);
      if (!info.isFile()) throw new Error(info.isDirectory() ? 'is a directory' : 'not a regular file');
      await access(csvPath, constants.R_OK);
    } catch (error) {
      complain(io, cannotRead(shown, describeIoError(error)).message);
      return EXIT.usage;
    }
    const style = useColor(o.color, io.stdout, io.env) ? WHAT_IF_COLORS : PLAIN;
    const spool = new Spool();
    let first = true;
    let judged = 0;
    const guard = heapCeiling(160);
    let report: ReplayReport;
    const bounds = termBounds(loaded.runtime);
    const utcDate = (x: number) => new Date(x).toISOString().slice(0, 10);
    const term = bounds && { ...bounds, safeFrom: utcDate(bounds.from + 2 * 86_400_000), safeTo: utcDate(Math.max(bounds.from, bounds.to - 2 * 86_400_000)) };
    const outside: { count: number; first?: { ticket: string; filed: string; before: boolean } } = { count: 0 };
    // A ticket filed outside the term is judged all the same: counted for PLG3012 (below).
    // Its local date two days inside the term's ends is inside it in any zone, without parsing the instant.
    const outsideTerm = (ticket: string, filed: string) => {
      const day = filed.slice(0, 10);
      const at = term && (day <= term.safeFrom || day >= term.safeTo) ? Date.parse(filed) : NaN;
      if (term && (at < term.from || at >= term.to)) {
        outside.count++;
        outside.first ??= { ticket, filed, before: at < term.from };
      }
    };
    const judgedOne = () => {
      first = false;
      if (++judged % 20_000 === 0) guard();
    };
    // Each ticket's line is written out as soon as it is judged (spooled to a temporary file past 16 MB), never held.
    const onTicket = (t: ReplayTicketReport) => {
      outsideTerm(t.ticket, t.filed);
      spool.write(`\n${perTicketLine(t, style)}`);
      judgedOne();
    };
    // With --json, the line's record (its instants as numbers, a tenth of its JSON's bytes) is spooled; its JSON is written when the report is printed.
    const records = new RecordSpool();
    const onTicketRecord = (r: ReplayTicketRecord) => {
      // Filed four days or more inside the term's ends, its local date is two days inside (\`outsideTerm\` would not parse it).
      if (term && !(r.filed >= term.from + 4 * 86_400_000 && r.filed <= term.to - 4 * 86_400_000)) outsideTerm(r.ticket, r.iso(r.filed));
      spool.writeInto(records.bound(r), (buffer, at) => records.encode(r, buffer, at));
      judgedOne();
    };
    try {
      report = await replayStream(loaded.runtime, () => createReadStream(csvPath, { highWaterMark: 1 << 20 }), {
        columns,
        events: pairs('--map-event', o.mapEvent ?? []),
        priorities: pairs('--map-priority', o.mapPriority ?? []),
        ...(o.zone !== undefined ? { zone: o.zone } : {}),
        ...(o.now !== undefined ? { now: instantOption('--now', o.now, o.zone ?? loaded.defaultZone) } : {}),
        ...(o.lenient ? { lenient: true } : {}),
        // Each ticket's line is written out as soon as it is judged (spooled to a temporary file past 16 MB), never held.
        ...(o.json ? { onTicketRecord } : { onTicket }),
      });
    } catch (error) {
      spool.discard();
      if (!(error instanceof ReplayError)) throw error;
      complain(io, `${shown}:${error.line}${error.column !== undefined ? `:${error.column}` : ''}: ${error.code ? `error ${error.code}: ` : ''}${error.message}`);
      // Only a row's problem can be skipped (a log that is not CSV has a column too); --lenient does not help a header or CSV syntax error.
      if (!o.lenient && error.column !== undefined && !error.notCsv) complain(io, 'fix the row, or pass --lenient to skip malformed rows and count them');
      return EXIT.problems;
    }
    if (report.tickets.skipped > 0) {
      const reasons = Object.entries(report.skippedByReason).map(([k, n]) => `${n} ${k}`).join(', ');
      complain(io, `skipped ${report.tickets.skipped} ${report.tickets.skipped === 1 ? 'row' : 'rows'} not used (${reasons})${report.tickets.skipped > report.skipped.length ? `; the first ${report.skipped.length} are listed in the report` : ', listed in the report'}`);
    }
    // At the first such row's time, as an error is (grammar/reference.md, "Where a row's problem is").
    for (const l of report.localTimes ?? []) complain(io, `${shown}:${l.line}:${l.column}: warning ${l.code}: ${l.message}`);
    if (outside.first && term) {
      const f = outside.first;
      const message = `${outside.count.toLocaleString('en-US')} ticket${outside.count === 1 ? '' : 's'} filed outside the term (${term.text}); the first, \`${f.ticket}\`, filed ${f.filed}, ${f.before ? 'before' : 'after'} it: the contract's targets are applied as if it were in force`;
      complain(io, `warning PLG3012: ${message}`);
      report = { ...report, notices: [{ code: 'PLG3012', severity: 'warning', message, tickets: outside.count, ticket: f.ticket, filed: f.filed }] };
    }
    if (o.now !== undefined) {
      const note = localTimeNotice('--now', o.now, o.zone ?? loaded.defaultZone);
      if (note) complain(io, `${note.severity} ${note.code}: ${note.message}`);
    }
    if (report.history.withoutPlan) {
      const plans = [...loaded.runtime.model.plans.keys()].map((p) => `\`${p}\``).join(', ');
      complain(io, `assumes: ${report.history.withoutPlan} ticket${report.history.withoutPlan === 1 ? '' : 's'} filed with no plan use the contract's top-level targets, not those of plan ${plans}`);
    }
    if (o.json) {
      // Byte for byte what JSON.stringify(report, null, 2) gives with the tickets in place.
      const text = JSON.stringify(report, null, 2);
      const at = text.indexOf('"perTicket": [') + '"perTicket": ['.length;
      await write(io.stdout, text.slice(0, at));
      const out = io.stdout;
      await records.lines(spool.pieces(), (bytes) => (out instanceof Writable ? writeBytes(out, bytes) : write(out, bytes.toString('utf8'))));
      await write(io.stdout, `${first ? '' : '\n  '}${text.slice(at)}\n`);
    } else {
      await write(io.stdout, `${replayText(report, loaded.file, style)}\n${style.bold('tickets')}`);
      await spool.drainTo(io.stdout);
      await write(io.stdout, `${report.skipped.map((s) => `\n${skippedLine(s, style)}`).join('')}\n`);
    }
    if (o.html) writeOutput(io, '--html', o.html, reportHtml(report, { source: loaded.file }));
    return EXIT.ok;
  },
};
