/**
 * Child process of memory.test.ts (not a test itself): simulates the bundled scenario with its
 * arrival rate raised so that `--tickets` tickets are expected and nearly all of them wait in the
 * queue until the end (8 agents), then prints one JSON line: tickets filed and open, and the peak
 * resident memory before and after the run. Run under a small V8 heap (`--max-old-space-size`), so
 * per-ticket JavaScript objects fail it as well. `--queue deadline` (or `fifo`) replaces the
 * scenario's `queue priority`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, compileContract, compileLoad, simulateLoad } from '../../src/index.js';

const i = process.argv.indexOf('--tickets');
const tickets = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
const q = process.argv.indexOf('--queue');
const queue = q >= 0 ? process.argv[q + 1]! : 'priority';
const text = readFileSync(fileURLToPath(new URL('../../contracts/realtime-messaging.pledge', import.meta.url)), 'utf8');
// 40 a day gives 1,533.3 tickets expected over the period (the peak windows included).
const daily = Math.round((tickets / 1533.3) * 40);
const { model } = analyze(text.replace('arrivals 40 daily', `arrivals ${daily} daily`).replace('  queue priority\n', `  queue ${queue}\n`));
const runtime = compileContract(model);
const load = compileLoad(runtime, model.scenarios[0]!);
if (load.queue.discipline !== queue) throw new Error(`the scenario's queue is not ${queue}`);
// Warm the calendars' year tables on a small run first, so `before` holds everything but the tickets.
simulateLoad(runtime, compileLoad(runtime, analyze(text).model.scenarios[0]!));
const before = process.resourceUsage().maxRSS * 1024;
const report = simulateLoad(runtime, load);
const after = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ expected: load.expectedTickets, filed: report.tickets.filed, open: report.tickets.open, before, after })}\n`);
