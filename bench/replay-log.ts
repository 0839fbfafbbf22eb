/**
 * Writes a ticket event log of about `--rows` rows (5,000,000 by default) for `pledge replay`,
 * from the simulator's own event log (`src/simulate/event-log.ts`): the bundled contract's
 * scenario scaled until its tickets give that many rows, so the log is a real run's, not made up.
 * The log goes to /tmp (not committed). Prints the file, its rows, tickets and the `--now` that
 * makes a replay judge open tickets where the simulation did.
 *
 * Run: `node --import tsx bench/replay-log.ts [--rows 5000000] [--out /tmp/pledge-replay-5000000.csv] [--local-zone Europe/Berlin]`
 * (with `--local-zone`, times without an offset in that zone: replay them with `--zone` of the same name).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.js';
import { EVENT_LOG_HEADER, eventLogRows, isoFormatter } from '../src/simulate/event-log.js';
import { compileLoad } from '../src/simulate/load.js';
import { simulateLoad } from '../src/simulate/simulate.js';
import { compileContract } from '../src/time/contract.js';

/** Rows per ticket in the bundled scenario's log, measured (6,582 rows for 1,503 tickets). */
export const ROWS_PER_TICKET = 4.38;

export const CONTRACT = fileURLToPath(new URL('../contracts/realtime-messaging.pledge', import.meta.url));

/**
 * Writes the log of a run scaled to about `rows` rows; returns what it wrote. With `localZone`,
 * each time is written as that zone's wall-clock time without an offset (`2026-03-29T03:10:00`),
 * the log a help desk exports in local time, replayed with `--zone`.
 */
export function writeReplayLog(rows: number, out: string, localZone?: string): { file: string; rows: number; tickets: number; horizon: string; bytes: number } {
  const { model } = analyze(readFileSync(CONTRACT, 'utf8'));
  const runtime = compileContract(model);
  const scenario = model.scenarios[0]!;
  const unscaled = compileLoad(runtime, scenario);
  const load = compileLoad(runtime, scenario, { scale: rows / ROWS_PER_TICKET / unscaled.expectedTickets });
  const withOffset = isoFormatter(localZone ?? load.zone);
  // isoFormatter's text ends in its offset (`+01:00`); without it, the wall-clock time is left.
  const iso = localZone === undefined ? withOffset : (t: number) => withOffset(t).replace(/(Z|[+-]\d\d:\d\d)$/, '');
  const fd = openSync(out, 'w');
  let buffer = EVENT_LOG_HEADER;
  let written = 0;
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, buffer);
    buffer = '';
  };
  const report = simulateLoad(runtime, load, {
    onTicket: (t) => {
      written += t.events.length;
      buffer += eventLogRows(t, iso);
      if (buffer.length > 1 << 20) flush();
    },
  });
  flush();
  closeSync(fd);
  return { file: out, rows: written, tickets: report.tickets.filed, horizon: report.horizon, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--rows');
  const rows = i >= 0 ? Number(process.argv[i + 1]) : 5_000_000;
  if (!Number.isSafeInteger(rows) || rows <= 0) throw new Error('--rows needs a positive whole number');
  const o = process.argv.indexOf('--out');
  const out = o >= 0 ? process.argv[o + 1]! : `/tmp/pledge-replay-${rows}.csv`;
  const z = process.argv.indexOf('--local-zone');
  const r = writeReplayLog(rows, out, z >= 0 ? process.argv[z + 1] : undefined);
  console.log(`wrote ${r.file}: ${r.rows.toLocaleString('en-US')} rows, ${r.tickets.toLocaleString('en-US')} tickets, ${(r.bytes / 1e6).toFixed(1)} MB; replay with --now ${r.horizon}`);
}
