/**
 * `pledge what-if <file> --priority P2 --filed 2026-11-20T17:00 [--event name@time …]`:
 * when is each clock due, who is paged when, and what credits a timeline earns.
 */
import { IANAZone } from 'luxon';
import type { Command } from 'commander';
import { isoInstant, TICKET_EVENTS, type TicketEvent, localTimeNotice, timeline, type EventInput, PLAIN, whatIfJson, whatIfText, type TextStyle } from '../index.js';
import { suggestionHelp } from './suggest.js';
import { EXIT, colorOption, type CliCommand } from './command.js';
import { checkPlanOption, instantOption, loadContract } from './contract.js';
import { useColor, UsageError } from './io.js';

interface WhatIfOptions {
  readonly priority: string;
  readonly filed: string;
  readonly zone?: string;
  readonly event: string[];
  readonly plan?: string;
  readonly asOf?: string;
  readonly json?: boolean;
  readonly color: string;
}

export const WHAT_IF_COLORS: TextStyle = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};

/** `awaiting_customer@2026-11-23T10:00` or `reclassified:P1@2026-11-21T09:00`. */
export function parseEvent(text: string, zone: string, priorities: readonly string[]): EventInput {
  const m = /^([a-z_]+)(?::([A-Za-z_][A-Za-z0-9_]*))?@(.+)$/.exec(text);
  if (!m) throw new UsageError(`--event: \`${text}\` is not NAME@TIME (for example awaiting_customer@2026-11-23T10:00)`);
  const [, name = '', priority, time = ''] = m;
  if (!(TICKET_EVENTS as readonly string[]).includes(name) || name === 'filed') {
    throw new UsageError(`--event: unknown event \`${name}\`${suggestionHelp(name, TICKET_EVENTS.filter((e) => e !== 'filed'))}`);
  }
  if (name === 'reclassified' && (!priority || !priorities.includes(priority))) {
    throw new UsageError(`--event: reclassified needs the new priority, such as reclassified:${priorities[0] ?? 'P1'}@TIME`);
  }
  return { event: name as TicketEvent, at: instantOption('--event', time, zone), ...(priority ? { priority } : {}) };
}

export const whatIfCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('what-if')
      .description('show when a ticket is due, who is paged when, and the credits it earns')
      .argument('<file>', 'the contract')
      .requiredOption('--priority <name>', 'the ticket priority, such as P2')
      .requiredOption('--filed <time>', 'when the ticket is filed: 2026-11-20T17:00 (in --zone) or with an offset')
      .option('--zone <zone>', 'zone for times without an offset and for display (default: the first calendar\'s zone)')
      .option('--event <name@time>', 'a later event: awaiting_customer@…, customer_replied@…, first_reply@…, resolved@…, reopened@…, reclassified:P1@…', (v: string, acc: string[]) => [...acc, v], [] as string[])
      .option('--plan <name>', 'the customer\'s plan, when the contract has plans')
      .option('--as-of <time>', 'judge the timeline at this instant (default: the end of the term, or the last event)')
      .option('--json', 'print JSON on stdout')
      .addOption(colorOption()),

  async run(command, io) {
    const [file] = command.processedArgs as [string];
    const options = command.opts<WhatIfOptions>();
    const loaded = await loadContract(file, io);
    if (typeof loaded === 'number') return loaded;
    const { runtime, analysis } = loaded;
    if (options.zone !== undefined && !IANAZone.isValidZone(options.zone)) throw new UsageError(`--zone: \`${options.zone}\` is not an IANA time zone`);
    const zone = options.zone ?? loaded.defaultZone;
    const priorities = analysis.model.priorities.map((p) => p.name);
    checkPlanOption(loaded, options.plan);
    if (!runtime.targets(options.priority, options.plan)) {
      const offered = priorities.filter((p) => runtime.targets(p, options.plan));
      throw new UsageError(`--priority: \`${options.priority}\` is not offered${options.plan ? ` in plan \`${options.plan}\`` : ''}${suggestionHelp(options.priority, offered)}`);
    }
    const filed = instantOption('--filed', options.filed, zone);
    const events = options.event.map((e) => parseEvent(e, zone, priorities));
    events.forEach((e, i) => {
      if (e.event === 'reclassified' && e.priority && !runtime.targets(e.priority, options.plan)) {
        const covered = priorities.filter((p) => runtime.targets(p, options.plan)).map((p) => `\`${p}\``).join(', ');
        throw new UsageError(`error PLG3014: --event ${options.event[i]}: plan \`${options.plan}\` does not cover \`${e.priority}\` (it covers ${covered}), so the ticket cannot be reclassified to it; nothing was computed`);
      }
    });
    // Events before the filing are an error, as replay rejects them (reference, "Times given on the command line").
    events.forEach((e, i) => {
      if (e.at < filed) throw new UsageError(`error PLG3013: --event ${options.event[i]}: ${isoInstant(e.at, zone)} is before the filing (--filed ${options.filed}: ${isoInstant(filed, zone)}); a ticket's events happen after it is filed`);
    });
    const asOf = options.asOf !== undefined ? instantOption('--as-of', options.asOf, zone) : undefined;
    // A local time in a repeated hour or a spring-forward gap: PLG3010 / PLG3011, with the instant used.
    const typed: [string, string][] = [['--filed', options.filed], ...options.event.map((e): [string, string] => ['--event', e.slice(e.indexOf('@') + 1)]), ...(options.asOf !== undefined ? [['--as-of', options.asOf] as [string, string]] : [])];
    const notes = typed.flatMap(([name, text]) => localTimeNotice(name, text, zone) ?? []);
    const judged = timeline(runtime, { priority: options.priority, filed, events, zone, ...(options.plan !== undefined ? { plan: options.plan } : {}), ...(asOf !== undefined ? { asOf } : {}) });
    const result = notes.length ? { ...judged, notices: [...notes, ...judged.notices] } : judged;
    if (options.json) io.stdout.write(`${JSON.stringify(whatIfJson(result, zone), null, 2)}\n`);
    else io.stdout.write(whatIfText(result, zone, useColor(options.color, io.stdout, io.env) ? WHAT_IF_COLORS : PLAIN));
    return EXIT.ok;
  },
};
