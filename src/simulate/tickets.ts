/**
 * The simulator's open tickets, in one typed array of fixed-size records: a ticket is a slot
 * number, and its fields are `table.f[slot * W + FIELD]`. A million tickets then cost no objects
 * and no garbage collection, and the fields one event reads sit together, so touching a ticket
 * costs a cache miss or two rather than one per field. Slots of finished tickets are reused, so
 * memory follows the tickets open at once. A slot's `ID` is 0 while it is free: a pending event or
 * queue entry that remembers another id is stale.
 *
 * Each ticket's events are kept in its record too, as times and event bits (`eventBit`), at most
 * `MAX_EVENTS` of them: filed, first_reply, confirmed, reclassified, awaiting_customer,
 * customer_replied, resolved, reopened, resolved. The engine's lifecycle (grammar/reference.md,
 * "Load scenarios") never makes more: a ticket waits on its customer at most once, before its
 * first resolution, and reopens at most once.
 */
export const MAX_EVENTS = 9;

// Record fields roughly in cache lines of eight, by when they are read: what every event reads;
// what milestones and wake-ups read; what queueing and the end of a ticket read; then the events.
/** The ticket's number (1, 2, …); 0 while the slot is free. */
export const ID = 0;
export const STATE = 1;
/** The agenda sequence number of its pending milestone (reply or work done), or -1: any other milestone for this slot is stale. */
export const SERVICE = 2;
/** 1 once first replied. */
export const REPLIED = 3;
/** Time still needed for the first reply, then for the work. */
export const REPLY = 4;
export const WORK = 5;
/** Work left at which it starts waiting on the customer; -1 for none. */
export const WAIT_AT = 6;
export const SINCE = 7;
/** The staff group holding it, or -1. */
export const GROUP = 8;
/** Events so far; event k is the pair (time, `eventBit`) at `EVENT + 2k` in the record. */
export const EVENTS = 9;
/** `eventBit`s of every event so far, OR-ed. */
export const MASK = 10;
/** Rank it is reclassified to at its first reply; -1 for none. */
export const RECLASS_TO = 11;
export const WAIT_FOR = 12;
/** Delay before it reopens after resolution; -1 for none. */
export const REOPEN_AFTER = 13;
/** The agenda sequence number of its pending customer reply or reopening, or -1. */
export const WAKE = 14;
export const FILED = 15;
/** Rank it was filed with. */
export const FIRST = 16;
/** Index into the engine's plan names; -1 without a plan. */
export const PLAN = 17;
export const TIER = 18;
/** Bumped at every enqueue: a queue entry with another token is stale. */
export const QTOKEN = 19;
/** Rank (index into `Load.priorities`) now. */
export const RANK = 20;
/** Bumped at every event (when a staff tier can be escalated to): an escalation scheduled with another version is stale. */
export const VERSION = 21;
/** Rank the `reclassified` event named. */
export const RECLASS_RANK = 22;
export const REOPEN_WORK = 23;
/** The events, as (time, bit) pairs: written and read while the record is in cache. */
export const EVENT = 24;
/** Doubles per record. */
export const W = EVENT + 2 * MAX_EVENTS;

/** A copy of a typed array, `length` long (the simulator's buffers grow by doubling). */
export function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

export class TicketTable {
  capacity = 0;
  /** The records. */
  f = new Float64Array(0);
  /**
   * Per slot, its index in its staff group's `held` list while an agent holds it, else -1. Kept
   * apart from the records: removing a ticket from `held` moves the list's last ticket into its
   * place, and updating that ticket's index here touches a small dense array, not a cold record.
   */
  heldAt = new Int32Array(0);
  /**
   * By slot, the escalation steps that already handed its ticket to a staff tier. Rare, so a map:
   * an array with an entry per slot would be one more cache line written at every open and close.
   */
  readonly handed = new Map<number, number[]>();
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(capacity = 1024) {
    this.grow(capacity);
  }

  private grow(capacity: number): void {
    const old = this.capacity;
    this.f = grown(this.f, capacity * W);
    this.heldAt = grown(this.heldAt, capacity);
    this.free = grown(this.free, capacity);
    // Free slots are handed out lowest first.
    for (let s = capacity - 1; s >= old; s--) this.free[this.freeCount++] = s;
    this.capacity = capacity;
  }

  /** A slot for a new ticket, every field reset except `FILED` and the draws, which the caller writes. */
  open(id: number): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const s = this.free[--this.freeCount]!;
    const f = this.f;
    const o = s * W;
    f[o + ID] = id;
    f[o + REPLIED] = 0;
    f[o + RECLASS_RANK] = -1;
    f[o + TIER] = 0;
    f[o + GROUP] = -1;
    f[o + SINCE] = 0;
    f[o + SERVICE] = -1;
    f[o + WAKE] = -1;
    f[o + QTOKEN] = 0;
    f[o + VERSION] = 0;
    f[o + MASK] = 0;
    f[o + EVENTS] = 0;
    this.heldAt[s] = -1;
    return s;
  }

  /** Frees a finished ticket's slot. */
  close(s: number): void {
    this.f[s * W + ID] = 0;
    this.f[s * W + SERVICE] = -1;
    this.f[s * W + WAKE] = -1;
    if (this.handed.size > 0) this.handed.delete(s);
    this.free[this.freeCount++] = s;
  }

  /**
   * Appends an event at the time in `now[0]` (the engine's clock, read from its typed array: a
   * time passed as an argument to a method V8 does not inline is boxed); `bit` is its `eventBit`.
   */
  record(s: number, now: Float64Array, bit: number): void {
    const f = this.f;
    const o = s * W;
    const k = f[o + EVENTS]!;
    if (k >= MAX_EVENTS) throw new Error(`internal: ticket ${f[o + ID]} has more than ${MAX_EVENTS} events`);
    f[o + EVENT + 2 * k] = now[0]!;
    f[o + EVENT + 2 * k + 1] = bit;
    f[o + EVENTS] = k + 1;
    f[o + MASK] = f[o + MASK]! | bit;
  }
}
