/**
 * Memory of a simulation whose tickets all wait (issue 19 item 3): the documented limit
 * (grammar/reference.md, "Limits": 20,000,000 expected tickets in at most 1.6 GB) holds only while a
 * waiting ticket costs about 70 bytes (its slot arrays and its queue entry), not a record or a
 * JavaScript object of its own. Held here at 1,000,000 tickets, in a child process with a 96 MB V8
 * heap: at most 110 bytes a ticket of resident memory on top of what the process held before the
 * run. Per-ticket 232-byte records (the layout before) take over 240 MB here, objects per ticket
 * overflow the heap.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';
import { SIM_LIMITS } from '../../src/simulate/load.js';
import { DRAWS, TicketTable } from '../../src/simulate/tickets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('simulator memory per waiting ticket', () => {
  // `queue deadline` keeps its own queue (a heap of live tickets, test/simulate/queue.test.ts), so both are held.
  it.each(['priority', 'deadline'])('1,000,000 tickets that all wait cost at most 110 bytes each of resident memory (queue %s)', (queue) => {
    const out = execFileSync(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', 'test/simulate/memory-run.ts', '--tickets', '1000000', '--queue', queue], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as { filed: number; open: number; before: number; after: number };
    expect(r.filed).toBeGreaterThan(990_000);
    // Nearly all of them still wait at the end: the case where memory follows every ticket filed.
    expect(r.open).toBeGreaterThan(0.98 * r.filed);
    expect((r.after - r.before) / r.filed).toBeLessThan(110);
  }, 180_000);

  it('a slot is at most 64 bytes, and a ticket no agent has taken has no active record', () => {
    expect(TicketTable.bytesPerSlot()).toBeLessThanOrEqual(64);
    const T = new TicketTable(16);
    const now = new Float64Array(1);
    for (let id = 1; id <= 100_000; id++) {
      now[0] = 1.8e12 + id * 1000;
      const s = T.open(id, now, 1);
      for (let k = 0; k < DRAWS; k++) T.setDraw(s, k, k === 2 ? -1 : (id % 5_000) * 1000 + k * 60_000);
    }
    expect(T.activeRecords).toBe(0);
    expect(T.wide).toBeUndefined();
    expect(T.getDraw(99_999, 1)).toBe((100_000 % 5_000) * 1000 + 60_000);
    expect(T.getDraw(99_999, 2)).toBe(-1);
    expect(T.mask(99_999)).toBe(1);
    expect(T.events(99_999)).toBe(0);
  });

  it('a draw that is not whole seconds keeps every draw exactly (as doubles from then on)', () => {
    const T = new TicketTable(4);
    const now = new Float64Array(1);
    const a = T.open(1, now, 1);
    T.setDraw(a, 0, 90_000);
    T.setDraw(a, 3, -1);
    const b = T.open(2, now, 1);
    T.setDraw(b, 0, 1234.5);
    T.setDraw(b, 1, -0);
    T.setDraw(b, 2, 2 ** 33 * 1000);
    expect(T.wide).toBeDefined();
    expect([T.getDraw(a, 0), T.getDraw(a, 3), T.getDraw(b, 0), T.getDraw(b, 2)]).toEqual([90_000, -1, 1234.5, 2 ** 33 * 1000]);
    expect(Object.is(T.getDraw(b, 1), -0)).toBe(true);
  });
});

describe('the documented figure', () => {
  it('the Limits table and `pledge simulate --help` give the same ticket limit and memory', () => {
    const limit = SIM_LIMITS.maxExpectedTickets.toLocaleString('en-US');
    const row = readFileSync(path.join(ROOT, 'grammar/reference.md'), 'utf8').split('\n').find((l) => l.startsWith('| Tickets a simulation expects'))!;
    expect(row).toContain(`${limit}, in at most 1.6 GB of memory`);
    expect(HELP.simulate!.limits).toContain(`${limit} expected tickets a run, in at most 1.6 GB of memory`);
  });
});
