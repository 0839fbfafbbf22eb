/**
 * The discrete-event simulation: tickets arrive, queue per tier, are picked up by agents on their
 * calendars, replied to, worked, wait on the customer, are resolved and reopened. Every ticket
 * event goes to the contract's clocks through `TicketEvaluator` (the time engine), and each
 * finished ticket's outcome is handed to `onOutcome` and forgotten: memory follows the tickets
 * open at once.
 *
 * Tickets live in a `TicketTable` (typed arrays, one slot per open ticket), the agenda
 * (`agenda.ts`) and the queues are built on typed arrays, and times travel between functions in
 * typed arrays rather than as arguments, so the hot loop allocates nothing per ticket, not even a
 * boxed number, unless a hook asks for the ticket's events as objects (`onTicket`).
 *
 * The rules of the model (discipline, handovers, tiers, what a ticket draws) are written in
 * grammar/reference.md, "Load scenarios"; this file follows them in the same order.
 */
import { TICKET_EVENTS } from '../check/model.js';
import type { CompiledCalendar } from '../time/calendar.js';
import { DAY_MS } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import type { EventInput } from '../time/timeline.js';
import { Agenda, ARRIVAL, type Ev } from './agenda.js';
import { ArrivalProcess } from './arrivals.js';
import type { Load, ScriptedTicket } from './load.js';
import { eventBit, S_RUNNING, TicketEvaluator, type OutcomeView } from './outcome.js';
import { Random, type Sampler } from './random.js';
import { D_REOPEN_AFTER, D_REOPEN_WORK, D_REPLY, D_WAIT_FOR, D_WORK, EVENT_B, EVENT_T, GROUP, grown, RECLASS_RANK, REOPEN_AFTER, REOPEN_WORK, REPLIED, REPLY, SERVICE, SINCE, TicketTable, W, WAIT_AT, WAIT_FOR, WAKE, WI, WORK } from './tickets.js';

const FILED = eventBit('filed');
const FIRST_REPLY = eventBit('first_reply');
const CONFIRMED = eventBit('confirmed');
const RECLASSIFIED = eventBit('reclassified');
const AWAITING = eventBit('awaiting_customer');
const CUSTOMER_REPLIED = eventBit('customer_replied');
const RESOLVED_BIT = eventBit('resolved');
const REOPENED = eventBit('reopened');
/** Event names by bit position. */
const EVENT_OF_BIT = new Map<number, EventInput['event']>(TICKET_EVENTS.map((e) => [eventBit(e), e]));

/** How long a run goes on after the period to let open tickets finish. */
export const DRAIN_MS = 90 * DAY_MS;
const HOUR_MS = 3_600_000;

export interface SimTicket {
  readonly id: number;
  /** The priority it was filed with. */
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly events: readonly EventInput[];
}

export interface EngineHooks {
  /** Each ticket's outcome once, when it is finished (or at the end of the run); the view is reused for the next ticket. */
  onOutcome?(outcome: OutcomeView): void;
  /** Each ticket with its events, just before its outcome (costs objects per ticket: the event log). */
  onTicket?(ticket: SimTicket): void;
  /** Every hour of the run (every day for periods over a year): tickets queued and held by agents. */
  onSample?(t: number, queued: number, inService: number): void;
  onProgress?(filed: number): void;
}

export interface EngineCounts {
  filed: number;
  resolved: number;
  open: number;
  waited: number;
  reopened: number;
  reclassified: number;
  handovers: number;
  preemptions: number;
  escalatedToTier: number;
  events: number;
}

export interface EngineOptions {
  /** Give every first reply an agenda event of its own even where none is needed (see `quietReply`): for the test that holds the two ways equal. */
  replyEvents?: boolean;
}

export const QUEUED = 0;
const SERVING = 1;
const WAITING = 2;
const RESOLVED = 3;
const DONE = 4;

interface Group {
  readonly index: number;
  readonly count: number;
  readonly calendar: CompiledCalendar;
  readonly tier: number;
  onShift: boolean;
  busy: number;
  /** Slots of the tickets its agents hold; a ticket knows its index (`heldAt`), so removal is a swap. */
  readonly held: number[];
}

// Event kinds (ARRIVAL = 0 is the agenda's).
const MILESTONE = 1;
const CUSTOMER = 2;
const REOPEN = 3;
const SHIFT = 4;
const ESCALATE = 5;
const SAMPLE = 6;

/** Whether a queue entry (ticket slot, id and queue token when queued) still stands for a waiting ticket. */
function stillQueued(T: TicketTable, s: number, id: number, token: number): boolean {
  return T.id[s] === id && T.qtoken[s] === token && T.state[s] === QUEUED;
}

/**
 * Waiting tickets with one queue key, a min-heap on (k1, k2, id) in typed arrays, each entry with
 * the ticket's slot and the queue token it was queued with. An entry made stale by a move (the
 * ticket's `qtoken` changed, it left the queue, or its slot now holds another ticket) is dropped
 * when it surfaces.
 */
class Heap {
  private k1 = new Float64Array(256);
  private k2 = new Float64Array(256);
  private ids = new Int32Array(256);
  private tslots = new Int32Array(256);
  private tokens = new Int32Array(256);
  n = 0;

  constructor(private readonly table: TicketTable) {}

  private before(i: number, j: number): boolean {
    const a = this.k1[i]!;
    const b = this.k1[j]!;
    if (a !== b) return a < b;
    const c = this.k2[i]!;
    const d = this.k2[j]!;
    return c !== d ? c < d : this.ids[i]! < this.ids[j]!;
  }

  private move(from: number, to: number): void {
    this.k1[to] = this.k1[from]!;
    this.k2[to] = this.k2[from]!;
    this.ids[to] = this.ids[from]!;
    this.tslots[to] = this.tslots[from]!;
    this.tokens[to] = this.tokens[from]!;
  }

  push(k1: number, k2: number, slot: number): void {
    if (this.n + 1 >= this.k1.length) {
      const length = this.k1.length * 2;
      this.k1 = grown(this.k1, length);
      this.k2 = grown(this.k2, length);
      this.ids = grown(this.ids, length);
      this.tslots = grown(this.tslots, length);
      this.tokens = grown(this.tokens, length);
    }
    // Sift up from a hole at the end, holding the new entry in the spare last index.
    const scratch = this.k1.length - 1;
    this.k1[scratch] = k1;
    this.k2[scratch] = k2;
    this.ids[scratch] = this.table.id[slot]!;
    this.tslots[scratch] = slot;
    this.tokens[scratch] = this.table.qtoken[slot]!;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(scratch, p)) break;
      this.move(p, i);
      i = p;
    }
    this.move(scratch, i);
  }

  private live(i: number): boolean {
    return stillQueued(this.table, this.tslots[i]!, this.ids[i]!, this.tokens[i]!);
  }

  /** Visits the slots of the live entries, for the end of a run. */
  waiting(visit: (slot: number) => void): void {
    for (let i = 0; i < this.n; i++) if (this.live(i)) visit(this.tslots[i]!);
  }

  /** Drops stale entries from the top; true when a live one is left there. */
  settle(): boolean {
    while (this.n > 0 && !this.live(0)) this.pop();
    return this.n > 0;
  }

  /** The top entry's keys and slot (after `settle`). */
  topK2(): number {
    return this.k2[0]!;
  }
  topId(): number {
    return this.ids[0]!;
  }
  topSlot(): number {
    return this.tslots[0]!;
  }

  pop(): number {
    const top = this.tslots[0]!;
    const n = --this.n;
    if (n > 0) {
      // Sift the last entry down from the root, holding it in the spare last index.
      const scratch = this.k1.length - 1;
      this.move(n, scratch);
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.before(r, l) ? r : l;
        if (!this.before(c, scratch)) break;
        this.move(c, i);
        i = c;
      }
      this.move(scratch, i);
    }
    return top;
  }
}

/**
 * Tickets that share a first queue key, in (k2, id) order, where k2 is the ticket's filing time:
 * a ring buffer for entries that come in order (new tickets, filed one after another, are nearly
 * all of them) and a heap for the rest (tickets back from a customer wait, a handover or a
 * preemption keep their filing time). A ring entry is 12 bytes, the ticket's slot, id and queue
 * token at `ri[3a]`, `ri[3a + 1]`, `ri[3a + 2]`; its k2 is read from the slot (`TicketTable.filed`),
 * which holds it while the entry is live. Stale entries are dropped from the ring's tail before a
 * new entry is compared with it, so the comparison is always with a live entry's keys: the live
 * entries stay in order. A run whose tickets all wait (20,000,000 of them, grammar/reference.md,
 * "Limits") keeps one entry per ticket here.
 */
class Lane {
  private ri = new Int32Array(3 * 256);
  private cap = 256;
  private head = 0;
  private size = 0;
  private readonly heap: Heap;

  constructor(private readonly table: TicketTable) {
    this.heap = new Heap(table);
  }

  /** `k2` is the ticket's filing time (`table.filed[slot]`). */
  push(k1: number, k2: number, slot: number): void {
    const T = this.table;
    const id = T.id[slot]!;
    while (this.size > 0 && !this.live((this.head + this.size - 1) & (this.cap - 1))) this.size--;
    if (this.size > 0) {
      const tail = (this.head + this.size - 1) & (this.cap - 1);
      const ts = this.ri[3 * tail]!;
      const tk = T.filed[ts]!;
      if (k2 < tk || (k2 === tk && id < this.ri[3 * tail + 1]!)) {
        this.heap.push(k1, k2, slot);
        return;
      }
    }
    if (this.size === this.cap) this.grow();
    const at = (this.head + this.size) & (this.cap - 1);
    this.ri[3 * at] = slot;
    this.ri[3 * at + 1] = id;
    this.ri[3 * at + 2] = T.qtoken[slot]!;
    this.size++;
  }

  private grow(): void {
    const cap = this.cap;
    const ri = new Int32Array(3 * cap * 2);
    for (let k = 0; k < this.size; k++) {
      const from = 3 * ((this.head + k) & (cap - 1));
      ri.set(this.ri.subarray(from, from + 3), 3 * k);
    }
    this.ri = ri;
    this.cap = cap * 2;
    this.head = 0;
  }

  private live(at: number): boolean {
    return stillQueued(this.table, this.ri[3 * at]!, this.ri[3 * at + 1]!, this.ri[3 * at + 2]!);
  }

  /** 0 when empty, 1 when the ring's head comes first, 2 when the heap's top does. */
  private first(): number {
    while (this.size > 0 && !this.live(this.head)) {
      this.head = (this.head + 1) & (this.cap - 1);
      this.size--;
    }
    const inHeap = this.heap.settle();
    if (this.size === 0) return inHeap ? 2 : 0;
    if (!inHeap) return 1;
    const a = this.table.filed[this.ri[3 * this.head]!]!;
    const b = this.heap.topK2();
    return a < b || (a === b && this.ri[3 * this.head + 1]! < this.heap.topId()) ? 1 : 2;
  }

  peek(): number {
    const f = this.first();
    return f === 0 ? -1 : f === 1 ? this.ri[3 * this.head]! : this.heap.topSlot();
  }

  pop(): number {
    const f = this.first();
    if (f === 0) return -1;
    if (f === 2) return this.heap.pop();
    const s = this.ri[3 * this.head]!;
    this.head = (this.head + 1) & (this.cap - 1);
    this.size--;
    return s;
  }

  /** Entries held, stale ones included (for tests). */
  get entries(): number {
    return this.size + this.heap.n;
  }

  waiting(visit: (slot: number) => void): void {
    for (let k = 0; k < this.size; k++) {
      const at = (this.head + k) & (this.cap - 1);
      if (this.live(at)) visit(this.ri[3 * at]!);
    }
    this.heap.waiting(visit);
  }
}

/**
 * The waiting tickets of one tier under `queue deadline`: a binary min-heap on (due, filed, id)
 * that holds live tickets only. An entry is the ticket's due time (a double) and its slot, 12
 * bytes, as much as a ring entry of a `priority` lane, and a waiting ticket costs nothing else
 * here: its filing time and id are read from its slot (`TicketTable.filed`, `id`), which holds
 * them while it waits, and its index in the heap, plus 1, is kept in its slot's `qtoken` (0: in no
 * heap), which under this discipline is no queue token. A ticket that leaves the queue other than
 * by `pop` (escalated to another tier while waiting) is taken out at once (`leave`), so no entry
 * ever goes stale. A run whose tickets all wait (20,000,000 of them, grammar/reference.md,
 * "Limits") keeps 12 bytes a ticket here; before, an entry also held a copy of the filing time,
 * the id and the queue token (28 bytes), and stale entries stayed until they surfaced.
 *
 * (due, filed, id) is a total order on the tickets waiting (ids are unique), so `pop` gives the
 * same ticket as any other correct heap of the same tickets: the results do not depend on the
 * heap's layout (test/simulate/queue.test.ts holds it against a sorted list).
 */
class DeadlineHeap {
  private due = new Float64Array(256);
  private slots = new Int32Array(256);
  n = 0;

  constructor(private readonly table: TicketTable) {}

  /** Whether ticket `s` due at `d` comes before ticket `t` due at `e`: due, then filing time, then id. */
  private less(d: number, s: number, e: number, t: number): boolean {
    if (d !== e) return d < e;
    const T = this.table;
    const a = T.filed[s]!;
    const b = T.filed[t]!;
    return a !== b ? a < b : T.id[s]! < T.id[t]!;
  }

  /** Puts ticket `s` due at `d` at index `i`, and remembers the index in its slot. */
  private place(i: number, d: number, s: number): void {
    this.due[i] = d;
    this.slots[i] = s;
    this.table.qtoken[s] = i + 1;
  }

  /** From a hole at index `i`, moves parents down while ticket `s` due at `d` comes before them; returns the hole's index. */
  private up(i: number, d: number, s: number): number {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(d, s, this.due[p]!, this.slots[p]!)) break;
      this.place(i, this.due[p]!, this.slots[p]!);
      i = p;
    }
    return i;
  }

  /** From a hole at index `i`, moves the first child up while it comes before ticket `s` due at `d`; returns the hole's index. */
  private down(i: number, d: number, s: number): number {
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(this.due[r]!, this.slots[r]!, this.due[l]!, this.slots[l]!) ? r : l;
      if (!this.less(this.due[c]!, this.slots[c]!, d, s)) break;
      this.place(i, this.due[c]!, this.slots[c]!);
      i = c;
    }
    return i;
  }

  /** Queues ticket `s` due at `d`; a ticket already in this heap moves to its new place. */
  push(d: number, s: number): void {
    const at = this.table.qtoken[s]!;
    if (at !== 0) {
      if (at > this.n || this.slots[at - 1] !== s) throw new Error(`internal error: ticket slot ${s} is queued in another tier`);
      this.leave(s);
    }
    if (this.n === this.due.length) {
      const length = this.due.length * 2;
      this.due = grown(this.due, length);
      this.slots = grown(this.slots, length);
    }
    const i = this.up(this.n++, d, s);
    this.place(i, d, s);
  }

  /** The slot of the first ticket, or -1. */
  peek(): number {
    return this.n > 0 ? this.slots[0]! : -1;
  }

  /** Takes the first ticket out; its slot, or -1. */
  pop(): number {
    if (this.n === 0) return -1;
    const top = this.slots[0]!;
    this.table.qtoken[top] = 0;
    const n = --this.n;
    if (n > 0) {
      const d = this.due[n]!;
      const s = this.slots[n]!;
      this.place(this.down(0, d, s), d, s);
    }
    return top;
  }

  /** Takes ticket `s` out of the heap, wherever it is (it must be in it). */
  leave(s: number): void {
    const i = this.table.qtoken[s]! - 1;
    this.table.qtoken[s] = 0;
    const n = --this.n;
    if (i === n) return;
    // The last entry fills the hole, then goes up or down to its place.
    const d = this.due[n]!;
    const t = this.slots[n]!;
    let j = this.up(i, d, t);
    if (j === i) j = this.down(i, d, t);
    this.place(j, d, t);
  }

  /** Visits the slots of the tickets waiting, for the end of a run. */
  waiting(visit: (slot: number) => void): void {
    for (let i = 0; i < this.n; i++) visit(this.slots[i]!);
  }
}

/**
 * One tier's waiting tickets, in the order of the queue discipline: by (rank, filed, id) under
 * `priority`, (filed, id) under `fifo`, (deadline, filed, id) under `deadline`. The first two keep
 * one lane per rank; deadlines are not integers, so `deadline` keeps one `DeadlineHeap`. Exported
 * for its property test; the engine is its only user. A ticket's filing time is its slot's
 * (`TicketTable.filed`).
 */
export class TierQueue {
  private readonly lanes: Lane[] = [];
  private readonly heap: DeadlineHeap | undefined;

  /** @param lanes the number of integer first keys (ranks), or 0 for one heap on any keys (deadlines). */
  constructor(private readonly table: TicketTable, lanes: number) {
    for (let i = 0; i < lanes; i++) this.lanes.push(new Lane(table));
    this.heap = lanes === 0 ? new DeadlineHeap(table) : undefined;
  }

  /**
   * Queues the ticket of slot `slot` (its state already `QUEUED`) with first key `k1`: its rank's
   * lane, or its deadline. A ticket queued again, already waiting here, takes its new place.
   */
  push(k1: number, slot: number): void {
    if (this.heap) this.heap.push(k1, slot);
    else {
      // A new queue token: the ticket's earlier entries, in any lane of any tier, are stale.
      this.table.qtoken[slot]!++;
      this.lanes[k1]!.push(k1, this.table.filed[slot]!, slot);
    }
  }

  /** The ticket of slot `slot`, waiting here, leaves the queue other than by `pop` (to another tier). */
  leave(slot: number): void {
    // In a lane its entry goes stale when it is queued again (a new token) or leaves `QUEUED`.
    if (this.heap) this.heap.leave(slot);
  }

  /** The slot of the first live ticket, or -1. */
  peek(): number {
    if (this.heap) return this.heap.peek();
    for (let i = 0; i < this.lanes.length; i++) {
      const s = this.lanes[i]!.peek();
      if (s >= 0) return s;
    }
    return -1;
  }

  pop(): number {
    if (this.heap) return this.heap.pop();
    for (let i = 0; i < this.lanes.length; i++) {
      const s = this.lanes[i]!.pop();
      if (s >= 0) return s;
    }
    return -1;
  }

  /** Entries held, stale ones included (for tests): under `deadline`, exactly the tickets waiting. */
  get entries(): number {
    let n = this.heap ? this.heap.n : 0;
    for (const lane of this.lanes) n += lane.entries;
    return n;
  }

  /** Slots of the tickets still waiting (stale entries left out), for the end of a run. */
  waiting(): number[] {
    const out: number[] = [];
    this.visitWaiting((s) => out.push(s));
    return out;
  }

  /** Visits the slots of the tickets still waiting (stale entries left out), for the end of a run. */
  visitWaiting(visit: (slot: number) => void): void {
    if (this.heap) this.heap.waiting(visit);
    for (const lane of this.lanes) lane.waiting(visit);
  }
}

/**
 * Runs one replication of a load against a contract. Deterministic: the same inputs give the same
 * calls to `hooks`, in the same order.
 */
export function runEngine(runtime: RuntimeContract, load: Load, hooks: EngineHooks, options: EngineOptions = {}): { counts: EngineCounts; horizon: number } {
  const horizon = load.to + DRAIN_MS;
  // Graded credits of clocks still open at the horizon count their lateness to it, as the tally judges them.
  const evaluator = new TicketEvaluator(runtime, horizon);
  const loadRandom = new Random(load.seed, 0);
  const agenda = new Agenda();
  const priorities = load.priorities;
  const tierOfContact = new Map(load.tiers.map((name, i) => [name, i]).filter(([, i]) => i !== 0) as [string, number][]);
  const tierSteps = tierStepMap(runtime, tierOfContact);
  // Room for every ticket the run expects (untouched room costs no resident memory: tickets.ts).
  const expected = load.script ? load.script.length : load.expectedTickets;
  const wideIndexes = Math.max(priorities.length, load.tiers.length, (load.plans?.length ?? 0) + (load.script?.length ?? 0)) >= 32_000;
  const T = new TicketTable(Math.min(2 ** 26, Math.ceil(expected * 1.02) + 1024), wideIndexes, tierSteps.size > 0);
  const rank = new Map(priorities.map((p, i) => [p, i]));
  const planNames: string[] = [];
  const planIndex = new Map<string, number>();
  const planOf = (plan: string | undefined): number => {
    if (plan === undefined) return -1;
    let i = planIndex.get(plan);
    if (i === undefined) planIndex.set(plan, (i = planNames.push(plan) - 1));
    return i;
  };
  const replyByRank: (Sampler | undefined)[] = priorities.map((p) => load.reply.get(p));
  const workByRank: (Sampler | undefined)[] = priorities.map((p) => load.work.get(p));
  /** Per plan index (-1 → the '' entry at the end): cumulative shares and the ranks they pick. */
  const mixes = [...(load.plans ?? []).map((p) => p.name), ''].map((plan) => {
    const mix = load.mix.get(plan);
    return mix ? { upTo: mix.map((m) => m.upTo), ranks: mix.map((m) => rank.get(m.priority)!) } : undefined;
  });
  const groups: Group[] = load.staff.map((g, index) => ({ index, count: g.count, calendar: g.calendar, tier: g.tier, onShift: false, busy: 0, held: [] }));
  const tierGroups = load.tiers.map((_, tier) => groups.map((g, i) => (g.tier === tier ? i : -1)).filter((i) => i >= 0));
  const { discipline, preemptive } = load.queue;
  const queues = load.tiers.map(() => new TierQueue(T, discipline === 'priority' ? priorities.length : discipline === 'fifo' ? 1 : 0));
  /** Pending escalations by sequence number: the ticket's id and version when scheduled, and the step. */
  const escalations = new Map<number, { id: number; version: number; step: number }>();
  const counts: EngineCounts = { filed: 0, resolved: 0, open: 0, waited: 0, reopened: 0, reclassified: 0, handovers: 0, preemptions: 0, escalatedToTier: 0, events: 0 };
  /**
   * The time of the event being handled. Helpers read it here instead of taking it as an
   * argument: a double passed to a function V8 does not inline is boxed as a heap number, and the
   * garbage of millions of events costs more than the boxing (src/simulate/README.md).
   */
  const now = new Float64Array(1);
  let queued = 0;
  let inService = 0;
  /** Tickets filed and not yet finished. */
  let live = 0;

  /** Records an event of ticket `s` now. */
  const record = (s: number, bit: number) => {
    T.record(s, now, bit);
    counts.events++;
  };

  // ---- a ticket as objects, only where needed (hooks, and tickets only `timeline()` can judge)
  const ticketOf = (s: number): SimTicket => {
    const filed = T.filed[s]!;
    const events: EventInput[] = [{ event: 'filed', at: filed }];
    const a = T.act[s]!;
    for (let k = 0; k < T.events(s); k++) {
      const at = T.f[a * W + EVENT_T + k]!;
      const bit = T.n[a * WI + EVENT_B + k]!;
      const event = EVENT_OF_BIT.get(bit)!;
      events.push(bit === RECLASSIFIED ? { event, at, priority: priorities[T.n[a * WI + RECLASS_RANK]!]! } : { event, at });
    }
    const id = T.id[s]!;
    const priority = priorities[T.first[s]!]!;
    return T.plan[s]! >= 0 ? { id, priority, plan: planNames[T.plan[s]!]!, filed, events } : { id, priority, filed, events };
  };
  /** The ticket's outcome so far, in the evaluator's reusable view. */
  const outcomeOf = (s: number, ticket?: SimTicket): OutcomeView => {
    const plan = T.plan[s]!;
    // A ticket no agent has taken yet has no active record and no events after `filed`.
    const a = Math.max(0, T.act[s]!);
    const stored = evaluator.evaluateStored(priorities[T.first[s]!]!, plan >= 0 ? planNames[plan] : undefined, T.filed[s]!, T.mask(s), T.f, a * W + EVENT_T, T.n, a * WI + EVENT_B, T.events(s));
    return stored ?? evaluator.evaluateView(ticket ?? ticketOf(s));
  };

  // ---- the queue
  const key1 = (s: number): number => {
    if (discipline === 'priority') return T.rank[s]!;
    if (discipline === 'fifo') return 0;
    const v = outcomeOf(s);
    let due = Infinity;
    for (let c = 0; c < v.clocks.length; c++) if (v.state[c] === S_RUNNING && v.due[c]! < due) due = v.due[c]!;
    return due;
  };
  const enqueue = (s: number) => {
    T.state[s] = QUEUED;
    queued++;
    queues[T.tier[s]!]!.push(key1(s), s);
  };

  // ---- service
  /**
   * Schedules the end of the ticket's next stretch of service: its first reply, or the point where
   * its work is done or it starts waiting on the customer. With `quietReply`, a ticket not yet
   * replied to gets one milestone for both: the reply, then the work.
   */
  const scheduleMilestone = (s: number) => {
    const t = now[0]!;
    const work = T.f[T.act[s]! * W + WAIT_AT]! >= 0 ? T.f[T.act[s]! * W + WORK]! - T.f[T.act[s]! * W + WAIT_AT]! : T.f[T.act[s]! * W + WORK]!;
    // The same additions, in the same order, as a reply milestone followed by a work milestone.
    const next = T.n[T.act[s]! * WI + REPLIED] ? t + work : quietReply ? t + T.f[T.act[s]! * W + REPLY]! + work : t + T.f[T.act[s]! * W + REPLY]!;
    agenda.when[0] = next;
    T.f[T.act[s]! * W + SERVICE] = agenda.schedule(MILESTONE, s);
  };
  /** The first reply, now (the `first_reply` and `confirmed` events, and a reclassification). */
  const firstReply = (s: number) => {
    T.n[T.act[s]! * WI + REPLIED] = 1;
    T.f[T.act[s]! * W + REPLY] = 0;
    record(s, FIRST_REPLY);
    record(s, CONFIRMED);
    if (T.reclassTo[s]! >= 0) {
      T.rank[s] = T.reclassTo[s]!;
      T.n[T.act[s]! * WI + RECLASS_RANK] = T.rank[s]!;
      record(s, RECLASSIFIED);
      counts.reclassified++;
      T.reclassTo[s] = -1;
    }
    T.f[T.act[s]! * W + SINCE] = now[0]!;
  };
  /** Under `quietReply`: the first reply of a ticket held since before its reply time, taken at that time. */
  const replyPassed = (s: number) => {
    const t = now[0]!;
    now[0] = T.f[T.act[s]! * W + SINCE]! + T.f[T.act[s]! * W + REPLY]!;
    firstReply(s);
    now[0] = t;
  };
  const hold = (g: Group, s: number) => {
    T.heldAt[T.act[s]!] = g.held.push(s) - 1;
  };
  const unhold = (g: Group, s: number) => {
    const last = g.held.pop()!;
    const a = T.act[s]!;
    if (last !== s) {
      g.held[T.heldAt[a]!] = last;
      T.heldAt[T.act[last]!] = T.heldAt[a]!;
    }
    T.heldAt[a] = -1;
  };
  const assign = (s: number, gi: number) => {
    const t = now[0]!;
    const g = groups[gi]!;
    T.activate(s);
    g.busy++;
    hold(g, s);
    T.state[s] = SERVING;
    T.n[T.act[s]! * WI + GROUP] = gi;
    T.f[T.act[s]! * W + SINCE] = t;
    queued--;
    inService++;
    scheduleMilestone(s);
  };
  /** Takes a ticket from its agent, keeping the time it still needs. */
  const release = (s: number) => {
    // A reply time at this very instant has not passed: the handover (the only release under
    // `quietReply`) was scheduled first, when the shift began, so it comes first.
    if (quietReply && !T.n[T.act[s]! * WI + REPLIED] && T.f[T.act[s]! * W + SINCE]! + T.f[T.act[s]! * W + REPLY]! < now[0]!) replyPassed(s);
    const spent = now[0]! - T.f[T.act[s]! * W + SINCE]!;
    if (!T.n[T.act[s]! * WI + REPLIED]) T.f[T.act[s]! * W + REPLY] = Math.max(0, T.f[T.act[s]! * W + REPLY]! - spent);
    else T.f[T.act[s]! * W + WORK] = Math.max(0, T.f[T.act[s]! * W + WORK]! - spent);
    letGo(s);
  };
  /** Frees the ticket's agent; its pending milestone goes stale. */
  const letGo = (s: number) => {
    const g = groups[T.n[T.act[s]! * WI + GROUP]!]!;
    g.busy--;
    unhold(g, s);
    T.n[T.act[s]! * WI + GROUP] = -1;
    T.f[T.act[s]! * W + SERVICE] = -1;
    inService--;
  };
  const canPreempt = preemptive && discipline === 'priority';
  /**
   * Whether a ticket's first reply can go without an agenda event of its own, taken when its
   * milestone fires or when its agent lets it go, whichever comes first: true when nothing looks
   * at a held ticket between its reply and the end of its service. Preemption compares ranks (a
   * reclassification changes them) and escalation to a tier is scheduled from each event, so
   * either one needs the reply on time. A million tickets then cost a million fewer events; the
   * results are the same, since a held ticket's reply changes nothing else until then.
   */
  const quietReply = !canPreempt && tierSteps.size === 0 && !options.replyEvents;
  /** Whether held ticket `h` is a better victim than `v` (-1 for none): least urgent, then latest filed, then highest id. */
  const worseVictim = (h: number, v: number) => {
    if (v < 0) return true;
    const hr = T.rank[h]!;
    const vr = T.rank[v]!;
    if (hr !== vr) return hr > vr;
    const hf = T.filed[h]!;
    const vf = T.filed[v]!;
    return hf > vf || (hf === vf && T.id[h]! > T.id[v]!);
  };
  /** The first group of a tier with an agent on shift and free, or -1. */
  const firstFree = (gs: readonly number[]): number => {
    for (let k = 0; k < gs.length; k++) {
      const g = groups[gs[k]!]!;
      if (g.onShift && g.busy < g.count) return gs[k]!;
    }
    return -1;
  };
  const dispatch = () => {
    for (let tier = 0; tier < queues.length; tier++) {
      const q = queues[tier]!;
      const gs = tierGroups[tier]!;
      for (;;) {
        let free = firstFree(gs);
        if (free < 0) {
          // Every agent busy: under preemption the first ticket may take the least urgent one's agent.
          if (!canPreempt) break;
          const next = q.peek();
          if (next < 0) break;
          let victim = -1;
          const nextRank = T.rank[next]!;
          for (const gi of gs) {
            const g = groups[gi]!;
            if (!g.onShift) continue;
            for (const h of g.held) if (T.rank[h]! > nextRank && worseVictim(h, victim)) victim = h;
          }
          if (victim < 0) break;
          free = T.n[T.act[victim]! * WI + GROUP]!;
          release(victim);
          enqueue(victim);
          counts.preemptions++;
        }
        const s = q.pop();
        if (s < 0) break;
        assign(s, free);
      }
    }
  };

  // ---- escalation to staff tiers
  const touched = (s: number) => {
    if (tierSteps.size === 0) return;
    const t = now[0]!;
    T.version[s]++;
    const v = outcomeOf(s);
    // In time order, then step, as the outcome lists them: pushes with equal times keep this order.
    const order = Array.from({ length: v.escalations }, (_, k) => k).sort((a, b) => v.stepTime[a]! - v.stepTime[b]! || v.stepOf[a]! - v.stepOf[b]!);
    for (const k of order) {
      const step = v.stepOf[k]!;
      const tier = tierSteps.get(step);
      if (tier === undefined || T.handed.get(s)?.includes(step)) continue;
      escalations.set(agenda.push(Math.max(t, v.stepTime[k]!), ESCALATE, s), { id: T.id[s]!, version: T.version[s]!, step });
    }
  };
  const moveToTier = (s: number, tier: number) => {
    if (T.tier[s] === tier) return;
    counts.escalatedToTier++;
    if (T.state[s] === SERVING) {
      release(s);
      T.tier[s] = tier;
      enqueue(s);
    } else if (T.state[s] === QUEUED) {
      queues[T.tier[s]!]!.leave(s);
      queued--;
      T.tier[s] = tier;
      enqueue(s);
    } else T.tier[s] = tier;
  };

  /** A group's shift starts or ends now (its calendar opens or closes). */
  const shiftChange = (g: Group) => {
    const t = now[0]!;
    if (g.calendar.isOpen(t)) {
      g.onShift = true;
      const close = g.calendar.nextClosing(t, horizon);
      if (close < horizon) agenda.push(close, SHIFT, g.index);
    } else {
      g.onShift = false;
      if (g.held.length > 0) handBack(g);
      const open = g.calendar.nextOpening(t);
      if (open < horizon) agenda.push(open, SHIFT, g.index);
    }
  };
  /**
   * At the end of a shift its agents hand their tickets back to the queue, in id order. Each
   * record is read once (a shift can hand back thousands of tickets), and this stays out of the
   * event loop: its arrays, empty or not, must not cost the loop's optimized code.
   */
  const handBack = (g: Group) => {
    const byId = g.held.map((h) => [T.id[h]!, h] as const).sort((a, b) => a[0] - b[0]);
    for (const [, h] of byId) {
      release(h);
      enqueue(h);
      counts.handovers++;
    }
  };

  const finish = (s: number, reuse = true) => {
    T.state[s] = DONE;
    live--;
    let ticket: SimTicket | undefined;
    if (hooks.onTicket) hooks.onTicket((ticket = ticketOf(s)));
    const outcome = outcomeOf(s, ticket);
    T.close(s, reuse);
    hooks.onOutcome?.(outcome);
  };

  // ---- arrivals
  const arrivals = new ArrivalProcess(load);
  const nextArrival = () => {
    if (arrivals.advance(loadRandom)) agenda.pushArrival(arrivals.arrival);
  };
  /** Writes a ticket's draws into its slot. */
  const setDraws = (s: number, plan: number, r: number, reply: number, work: number, waitFor: number, reclassTo: number, reopenAfter: number, reopenWork: number) => {
    T.plan[s] = plan;
    T.first[s] = r;
    T.rank[s] = r;
    // Kept in whole seconds until an agent first takes the ticket (`TicketTable.activate`).
    T.setDraw(s, D_REPLY, reply);
    T.setDraw(s, D_WORK, work);
    T.setDraw(s, D_WAIT_FOR, waitFor);
    T.reclassTo[s] = reclassTo;
    T.setDraw(s, D_REOPEN_AFTER, reopenAfter);
    T.setDraw(s, D_REOPEN_WORK, reopenWork);
  };
  const fromScript = (s: number, x: ScriptedTicket) => {
    const reclassTo = x.reclassTo !== undefined ? rank.get(x.reclassTo)! : -1;
    setDraws(s, planOf(x.plan), rank.get(x.priority)!, x.reply ?? 0, x.work, x.waitFor ?? -1, reclassTo, x.reopenAfter ?? -1, x.reopenWork ?? x.work);
  };
  /** A ticket's draws, in the documented order; every draw is taken even when unused, so the load never shifts. */
  const draw = (s: number) => {
    const r = loadRandom;
    let plan = -1;
    const u = r.next();
    if (load.plans) {
      let acc = 0;
      plan = load.plans.length - 1;
      for (let i = 0; i < load.plans.length; i++) {
        if (u * 100 < (acc += load.plans[i]!.share)) {
          plan = i;
          break;
        }
      }
    }
    const mix = mixes[plan >= 0 ? plan : mixes.length - 1]!;
    const v = r.next();
    let at = mix.ranks[mix.ranks.length - 1]!;
    for (let i = 0; i < mix.upTo.length; i++) {
      if (v < mix.upTo[i]!) {
        at = mix.ranks[i]!;
        break;
      }
    }
    const replySampler = replyByRank[at];
    const reply = replySampler ? replySampler(r) : (r.next(), 0);
    const workSampler = workByRank[at];
    const work = workSampler ? workSampler(r) : (r.next(), 0);
    const waits = r.chance(load.waits?.percent ?? 0);
    const waitFor = load.waits ? load.waits.time(r) : 0;
    const w = r.next() * 100;
    const moveTo = w < load.reclassify.up && at > 0 ? at - 1 : w >= load.reclassify.up && w < load.reclassify.up + load.reclassify.down && at + 1 < priorities.length ? at + 1 : -1;
    // Never to a level the ticket's plan does not cover (reference, "Load scenarios"): the clocks
    // would keep the old targets, and a replay of the run's log refuses it (PLG5004).
    const reclassTo = moveTo >= 0 && plan >= 0 && runtime.targets(priorities[moveTo]!, load.plans![plan]!.name) === undefined ? -1 : moveTo;
    const reopens = r.chance(load.reopens?.percent ?? 0);
    const reopenAfter = load.reopens ? load.reopens.after(r) : 0;
    const reopenWork = workSampler ? workSampler(r) : (r.next(), 0);
    setDraws(s, plan >= 0 ? planOf(load.plans![plan]!.name) : -1, at, reply, work, waits ? waitFor : -1, reclassTo, reopens ? reopenAfter : -1, reopenWork);
  };

  // ---- start: shifts, samples, the first arrival
  groups.forEach((g, gi) => {
    if (g.count === 0) return;
    if (g.calendar.isOpen(load.from)) {
      g.onShift = true;
      const close = g.calendar.nextClosing(load.from, horizon);
      if (close < horizon) agenda.push(close, SHIFT, gi);
    } else {
      const open = g.calendar.nextOpening(load.from);
      if (open < horizon) agenda.push(open, SHIFT, gi);
    }
  });
  const sampleEvery = load.to - load.from > 366 * DAY_MS ? DAY_MS : HOUR_MS;
  if (hooks.onSample) agenda.push(load.from, SAMPLE, 0);
  if (load.script) load.script.forEach((x, i) => agenda.push(x.at, ARRIVAL, i));
  else nextArrival();

  /**
   * Whether a popped ticket event is still the one its ticket waits for: a ticket remembers the
   * sequence numbers of its pending milestone and wake-up, so an event made stale by a move, or
   * left behind by a finished ticket whose slot was reused, is told apart by its number alone.
   */
  const current = (ev: Ev): boolean => {
    const s = ev.ref;
    switch (ev.kind) {
      case MILESTONE:
        return T.act[s]! >= 0 && T.f[T.act[s]! * W + SERVICE] === ev.seq;
      case CUSTOMER:
      case REOPEN:
        return T.act[s]! >= 0 && T.f[T.act[s]! * W + WAKE] === ev.seq;
      case ESCALATE:
        return T.id[s] === escalations.get(ev.seq)?.id;
      default:
        return false;
    }
  };

  /** The ticket of the event that went past the horizon, if it still waits for it. */
  let beyond = -1;
  for (;;) {
    const ev = agenda.pop();
    if (!ev) break;
    if (ev.t > horizon) {
      if (current(ev)) beyond = ev.ref;
      break;
    }
    const t = (now[0] = ev.t);
    const s = ev.ref;
    const kind = ev.kind;
    if (kind !== ARRIVAL && kind !== SHIFT && kind !== SAMPLE && !current(ev)) {
      if (kind === ESCALATE) escalations.delete(ev.seq);
      continue;
    }
    switch (kind) {
      case ARRIVAL: {
        const id = ++counts.filed;
        const slot = T.open(id, now, FILED);
        counts.events++;
        if (load.script) fromScript(slot, load.script[s]!);
        else draw(slot);
        live++;
        enqueue(slot);
        touched(slot);
        if (hooks.onProgress && counts.filed % 10_000 === 0) hooks.onProgress(counts.filed);
        if (!load.script) nextArrival();
        break;
      }
      case MILESTONE: {
        if (!T.n[T.act[s]! * WI + REPLIED]) {
          if (quietReply) replyPassed(s);
          else {
            firstReply(s);
            scheduleMilestone(s);
            touched(s);
            continue;
          }
        }
        const waitAt = T.f[T.act[s]! * W + WAIT_AT]!;
        T.f[T.act[s]! * W + WORK] = waitAt >= 0 ? waitAt : 0;
        T.f[T.act[s]! * W + SINCE] = t;
        letGo(s);
        if (waitAt >= 0) {
          T.f[T.act[s]! * W + WAIT_AT] = -1;
          T.state[s] = WAITING;
          counts.waited++;
          record(s, AWAITING);
          agenda.when[0] = t + T.f[T.act[s]! * W + WAIT_FOR]!;
          T.f[T.act[s]! * W + WAKE] = agenda.schedule(CUSTOMER, s);
          touched(s);
        } else {
          T.state[s] = RESOLVED;
          record(s, RESOLVED_BIT);
          counts.resolved++;
          if (T.f[T.act[s]! * W + REOPEN_AFTER]! >= 0) {
            agenda.when[0] = t + T.f[T.act[s]! * W + REOPEN_AFTER]!;
            T.f[T.act[s]! * W + WAKE] = agenda.schedule(REOPEN, s);
            T.f[T.act[s]! * W + REOPEN_AFTER] = -1;
            touched(s);
          } else finish(s);
        }
        break;
      }
      case CUSTOMER:
        T.f[T.act[s]! * W + WAKE] = -1;
        record(s, CUSTOMER_REPLIED);
        enqueue(s);
        touched(s);
        break;
      case REOPEN:
        T.f[T.act[s]! * W + WAKE] = -1;
        counts.reopened++;
        counts.resolved--;
        record(s, REOPENED);
        T.f[T.act[s]! * W + WORK] = T.f[T.act[s]! * W + REOPEN_WORK]!;
        enqueue(s);
        touched(s);
        break;
      case SHIFT:
        shiftChange(groups[s]!);
        break;
      case ESCALATE: {
        const e = escalations.get(ev.seq)!;
        escalations.delete(ev.seq);
        if (T.version[s] !== e.version || T.state[s] === DONE || T.state[s] === RESOLVED) continue;
        const handed = T.handed.get(s);
        if (handed) handed.push(e.step);
        else T.handed.set(s, [e.step]);
        moveToTier(s, tierSteps.get(e.step)!);
        break;
      }
      case SAMPLE:
        hooks.onSample?.(t, queued, inService);
        if (t + sampleEvery <= horizon && (t + sampleEvery < load.to || live > 0)) agenda.push(t + sampleEvery, SAMPLE, 0);
        continue;
    }
    dispatch();
  }
  // A held ticket's first reply that came by the horizon has happened (see `quietReply`).
  if (quietReply) {
    for (const g of groups) for (const h of g.held) if (!T.n[T.act[h]! * WI + REPLIED] && T.f[T.act[h]! * W + SINCE]! + T.f[T.act[h]! * W + REPLY]! <= horizon) replyPassed(h);
  }
  // Whatever is still open at the end is reported as it stands: it is queued, held by an agent, or
  // waited for by a pending event (the one past the horizon included).
  // Marked per slot (a slot found twice counts once), then finished in id order. Typed arrays, not
  // a JavaScript Set (at most 2^24 entries) nor arrays of slots: all of the 20,000,000 tickets a
  // simulation may expect can be open here (grammar/reference.md, "Limits").
  const isOpen = new Uint8Array(T.capacity);
  const mark = (x: number) => {
    if (T.state[x] !== DONE) isOpen[x] = 1;
  };
  for (const q of queues) q.visitWaiting(mark);
  for (const g of groups) for (const x of g.held) mark(x);
  agenda.visitPending((ev) => {
    if (current(ev)) mark(ev.ref);
  });
  if (beyond >= 0) mark(beyond);
  /** By ticket id, its slot + 1 (0: not open). */
  const slotById = new Int32Array(counts.filed + 1);
  for (let x = 0; x < T.capacity; x++) if (isOpen[x]) slotById[T.id[x]!] = x + 1;
  for (let id = 1; id <= counts.filed; id++) {
    if (slotById[id] === 0) continue;
    counts.open++;
    // Nothing is filed after this: the slots need not be reused.
    finish(slotById[id]! - 1, false);
  }
  return { counts, horizon };
}

/** Escalation steps (by `EscalationFiring.step` index) that hand tickets to a staff tier. */
function tierStepMap(runtime: RuntimeContract, tierOfContact: ReadonlyMap<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  let index = 0;
  for (const esc of runtime.model.escalations) {
    for (const step of esc.steps) {
      const tier = step.notify.map((n) => tierOfContact.get(n.value)).find((x) => x !== undefined);
      if (tier !== undefined) out.set(index, tier);
      index++;
    }
  }
  return out;
}
