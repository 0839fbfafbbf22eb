/**
 * `pledge calendar <file> <calendar> --from <date> --to <date> [--json | --format ics [--open-spans]]`:
 * the open spans of each day and every closed day with its source (region holiday set or the
 * contract's own line); `--format ics` writes the closures and make-up days as RFC 5545 iCalendar
 * (src/export/README.md, "Calendars as iCalendar").
 */
import path from 'node:path';
import type { Command } from 'commander';
import { calendarDays, calendarIcs, calendarText } from '../index.js';
import { EXIT, type CliCommand } from './command.js';
import { loadContract } from './contract.js';
import { UsageError } from './io.js';
import { suggestionHelp } from './suggest.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const calendarCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('calendar')
      .description('list a calendar\'s open hours and closed days, with where each closure comes from')
      .argument('<file>', 'the contract')
      .argument('<calendar>', 'the calendar name')
      .requiredOption('--from <date>', 'first date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last date, YYYY-MM-DD (at most five years after --from)')
      .option('--json', 'print JSON on stdout')
      .option('--format <format>', 'text (default), json or ics (RFC 5545 iCalendar: closures and make-up working days)')
      .option('--open-spans', 'with --format ics: also one timed event (UTC) per open span'),

  async run(command, io) {
    const [file, name] = command.processedArgs as [string, string];
    const { from, to, json, format = json ? 'json' : 'text', openSpans } = command.opts<{ from: string; to: string; json?: boolean; format?: string; openSpans?: boolean }>();
    if (!['text', 'json', 'ics'].includes(format)) throw new UsageError(`--format: \`${format}\` is not a format; write text, json or ics`);
    if (json && format !== 'json') throw new UsageError('--json and --format ics are exclusive');
    if (openSpans && format !== 'ics') throw new UsageError('--open-spans goes with --format ics');
    for (const [flag, v] of [['--from', from], ['--to', to]] as const) {
      if (!DATE.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(`${flag}: \`${v}\` is not a date; write YYYY-MM-DD`);
    }
    if (to < from) throw new UsageError('--to is before --from');
    if (Date.parse(to) - Date.parse(from) > 5 * 366 * 86_400_000) throw new UsageError('--from and --to are more than five years apart');
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    const decl = loaded.analysis.model.calendars.get(name);
    const cal = loaded.runtime.calendars.get(name);
    if (!decl || !cal) throw new UsageError(`no calendar \`${name}\` in \`${loaded.file}\`${suggestionHelp(name, [...loaded.analysis.model.calendars.keys()])}`);
    if (format === 'ics') {
      const contract = loaded.analysis.model.sla?.title.value ?? path.basename(loaded.file, '.pledge');
      io.stdout.write(calendarIcs(decl, cal, { contract, from, to, openSpans: openSpans === true }));
      return EXIT.ok;
    }
    const days = calendarDays(decl, cal, from, to);
    io.stdout.write(format === 'json' ? `${JSON.stringify({ calendar: name, zone: cal.zone, from, to, days }, null, 2)}\n` : calendarText(name, cal.zone, days));
    return EXIT.ok;
  },
};
