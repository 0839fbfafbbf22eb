/**
 * The simulator's open tickets, stored column by column in typed arrays (struct of arrays): a
 * ticket is a slot number, and every field is `table.field[slot]`. A million tickets then cost no
 * objects, no garbage collection and few cache misses; slots of finished tickets are reused, so
 * memory follows the tickets open at once. A slot's `id` is 0 while it is free: a pending event or
 * queue entry that remembers an id other than its slot's current one is stale.
 *
 * Each ticket's events are kept here too, as times and event bits (`eventBit`), at most
 * `MAX_EVENTS` of them: filed, first_reply, confirmed, reclassified, awaiting_customer,
 * customer_replied, resolved, reopened, resolved. The engine's lifecycle (grammar/reference.md,
 * "Load scenarios") never makes more: a ticket waits on its customer at most once, before its
 * first resolution, and reopens at most once.
 */
export const MAX_EVENTS = 9;

type Column = Float64Array | Int32Array | Uint8Array;

function grown<T extends Column>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

export class TicketTable {
  capacity = 0;
  /** The ticket's number (1, 2, …); 0 while the slot is free. */
  id = new Float64Array(0);
  filed = new Float64Array(0);
  /** Index into the engine's plan names; -1 without a plan. */
  plan = new Int32Array(0);
  /** Rank (index into `Load.priorities`) it was filed with, and its rank now. */
  first = new Int32Array(0);
  rank = new Int32Array(0);
  /** Time still needed for the first reply, then for the work. */
  reply = new Float64Array(0);
  replied = new Uint8Array(0);
  work = new Float64Array(0);
  /** Work left at which it starts waiting on the customer; -1 for none. */
  waitAt = new Float64Array(0);
  waitFor = new Float64Array(0);
  /** Rank it is reclassified to at its first reply; -1 for none. */
  reclassTo = new Int32Array(0);
  /** Rank the `reclassified` event named. */
  reclassRank = new Int32Array(0);
  /** Delay before it reopens after resolution; -1 for none. */
  reopenAfter = new Float64Array(0);
  reopenWork = new Float64Array(0);
  tier = new Int32Array(0);
  state = new Uint8Array(0);
  /** The staff group holding it, or -1. */
  group = new Int32Array(0);
  since = new Float64Array(0);
  /** Bumped whenever it is assigned or released: a milestone scheduled with another token is stale. */
  token = new Int32Array(0);
  /** Bumped at every enqueue: a queue entry with another token is stale. */
  qtoken = new Int32Array(0);
  /** Bumped at every event: an escalation scheduled with another version is stale. */
  version = new Int32Array(0);
  /** Index in its group's `held` while an agent holds it, else -1. */
  heldAt = new Int32Array(0);
  /** `eventBit`s of every event so far, OR-ed. */
  mask = new Int32Array(0);
  /** Events so far; they are at `slot * MAX_EVENTS + k` in `times` and `bits`. */
  events = new Uint8Array(0);
  times = new Float64Array(0);
  bits = new Int32Array(0);
  /** Escalation steps that already handed it to a tier (rare, so a plain array per slot). */
  handed: (number[] | undefined)[] = [];
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(capacity = 1024) {
    this.grow(capacity);
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    this.id = grown(this.id, capacity);
    this.filed = grown(this.filed, capacity);
    this.plan = grown(this.plan, capacity);
    this.first = grown(this.first, capacity);
    this.rank = grown(this.rank, capacity);
    this.reply = grown(this.reply, capacity);
    this.replied = grown(this.replied, capacity);
    this.work = grown(this.work, capacity);
    this.waitAt = grown(this.waitAt, capacity);
    this.waitFor = grown(this.waitFor, capacity);
    this.reclassTo = grown(this.reclassTo, capacity);
    this.reclassRank = grown(this.reclassRank, capacity);
    this.reopenAfter = grown(this.reopenAfter, capacity);
    this.reopenWork = grown(this.reopenWork, capacity);
    this.tier = grown(this.tier, capacity);
    this.state = grown(this.state, capacity);
    this.group = grown(this.group, capacity);
    this.since = grown(this.since, capacity);
    this.token = grown(this.token, capacity);
    this.qtoken = grown(this.qtoken, capacity);
    this.version = grown(this.version, capacity);
    this.heldAt = grown(this.heldAt, capacity);
    this.mask = grown(this.mask, capacity);
    this.events = grown(this.events, capacity);
    this.times = grown(this.times, capacity * MAX_EVENTS);
    this.bits = grown(this.bits, capacity * MAX_EVENTS);
    this.handed.length = capacity;
    this.free = grown(this.free, capacity);
    // Free slots are handed out lowest first.
    for (let s = capacity - 1; s >= old; s--) this.free[this.freeCount++] = s;
    this.capacity = capacity;
  }

  /** A slot for a new ticket, every field reset except the draws, which the caller writes. */
  open(id: number, filed: number): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const s = this.free[--this.freeCount]!;
    this.id[s] = id;
    this.filed[s] = filed;
    this.replied[s] = 0;
    this.reclassRank[s] = -1;
    this.tier[s] = 0;
    this.group[s] = -1;
    this.since[s] = 0;
    this.token[s] = 0;
    this.qtoken[s] = 0;
    this.version[s] = 0;
    this.heldAt[s] = -1;
    this.mask[s] = 0;
    this.events[s] = 0;
    this.handed[s] = undefined;
    return s;
  }

  /** Frees a finished ticket's slot. */
  close(s: number): void {
    this.id[s] = 0;
    this.handed[s] = undefined;
    this.free[this.freeCount++] = s;
  }

  /** Appends an event; `bit` is its `eventBit`. */
  record(s: number, t: number, bit: number): void {
    const k = this.events[s]!;
    if (k >= MAX_EVENTS) throw new Error(`internal: ticket ${this.id[s]} has more than ${MAX_EVENTS} events`);
    this.times[s * MAX_EVENTS + k] = t;
    this.bits[s * MAX_EVENTS + k] = bit;
    this.events[s] = k + 1;
    this.mask[s] |= bit;
  }
}
