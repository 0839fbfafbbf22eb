/**
 * The simulator's open tickets, in fixed-size records in one buffer: a ticket is a slot number,
 * its times and durations are `table.f[slot * W + FIELD]` (doubles) and its small whole numbers
 * `table.n[slot * WI + FIELD]` (32-bit integers, a second view of the same bytes). A million
 * tickets then cost no objects and no garbage collection, and the fields one event reads sit
 * together, so touching a ticket costs a cache miss or two rather than one per field. Slots of
 * finished tickets are reused, so memory follows the tickets open at once. A slot's `ID` is 0
 * while it is free: a pending event or queue entry that remembers another id is stale.
 *
 * The record is 232 bytes. Its size is the simulator's speed at scale: a busy run keeps tens of
 * thousands of tickets waiting in queues, and their records are what the processor's caches hold
 * (src/simulate/README.md, "How it stays fast").
 *
 * Each ticket's events after `filed` are kept in its record too, as times and event bits
 * (`eventBit`), at most `MAX_EVENTS` of them: first_reply, confirmed, reclassified,
 * awaiting_customer, customer_replied, resolved, reopened, resolved. (`filed` is the ticket's
 * `FILED` time.) The engine's lifecycle (grammar/reference.md, "Load scenarios") never makes more:
 * a ticket waits on its customer at most once, before its first resolution, and reopens at most
 * once.
 */
export const MAX_EVENTS = 8;

// Doubles (indexes into `f`, from the record's start).
export const FILED = 0;
/** When its agent took it, or when its service last changed. */
export const SINCE = 1;
/** Time still needed for the first reply, then for the work. */
export const REPLY = 2;
export const WORK = 3;
/** Work left at which it starts waiting on the customer; -1 for none. */
export const WAIT_AT = 4;
export const WAIT_FOR = 5;
/** Delay before it reopens after resolution; -1 for none. */
export const REOPEN_AFTER = 6;
export const REOPEN_WORK = 7;
/** The agenda sequence number of its pending milestone (reply or work done), or -1: any other milestone for this slot is stale. */
export const SERVICE = 8;
/** The agenda sequence number of its pending customer reply or reopening, or -1. */
export const WAKE = 9;
/** The events' times: event k's is at `EVENT_T + k`. */
export const EVENT_T = 10;
const DOUBLES = EVENT_T + MAX_EVENTS;

// 32-bit integers (indexes into `n`, from the record's start), after the doubles.
const I = 2 * DOUBLES;
/** The ticket's number (1, 2, …); 0 while the slot is free. */
export const ID = I;
export const STATE = I + 1;
/** 1 once first replied. */
export const REPLIED = I + 2;
/** The staff group holding it, or -1. */
export const GROUP = I + 3;
/** Events so far after `filed`. */
export const EVENTS = I + 4;
/** `eventBit`s of every event so far, `filed` included, OR-ed. */
export const MASK = I + 5;
/** Rank it is reclassified to at its first reply; -1 for none. */
export const RECLASS_TO = I + 6;
/** Rank it was filed with. */
export const FIRST = I + 7;
/** Index into the engine's plan names; -1 without a plan. */
export const PLAN = I + 8;
export const TIER = I + 9;
/** Bumped at every enqueue: a queue entry with another token is stale. */
export const QTOKEN = I + 10;
/** Rank (index into `Load.priorities`) now. */
export const RANK = I + 11;
/** Bumped at every event (when a staff tier can be escalated to): an escalation scheduled with another version is stale. */
export const VERSION = I + 12;
/** Rank the `reclassified` event named. */
export const RECLASS_RANK = I + 13;
/** The events' bits: event k's is at `EVENT_B + k`. */
export const EVENT_B = I + 14;
/** 32-bit words per record (even: a record is a whole number of doubles). */
export const WI = (EVENT_B + MAX_EVENTS + 1) & ~1;
/** Doubles per record. */
export const W = WI / 2;

/** A copy of a typed array, `length` long (the simulator's buffers grow by doubling). */
export function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

export class TicketTable {
  capacity = 0;
  /** The records, as doubles. */
  f = new Float64Array(0);
  /** The records, as 32-bit integers (the same bytes as `f`). */
  n = new Int32Array(0);
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
    this.n = new Int32Array(this.f.buffer);
    this.heldAt = grown(this.heldAt, capacity);
    this.free = grown(this.free, capacity);
    // Free slots are handed out lowest first.
    for (let s = capacity - 1; s >= old; s--) this.free[this.freeCount++] = s;
    this.capacity = capacity;
  }

  /** A slot for a new ticket filed now (`now[0]`), every field reset except the draws, which the caller writes. */
  open(id: number, now: Float64Array, filedBit: number): number {
    if (this.freeCount === 0) this.grow(this.capacity * 2);
    const s = this.free[--this.freeCount]!;
    const f = this.f;
    const n = this.n;
    const o = s * W;
    const i = s * WI;
    f[o + FILED] = now[0]!;
    f[o + SINCE] = 0;
    f[o + SERVICE] = -1;
    f[o + WAKE] = -1;
    n[i + ID] = id;
    n[i + REPLIED] = 0;
    n[i + RECLASS_RANK] = -1;
    n[i + TIER] = 0;
    n[i + GROUP] = -1;
    n[i + QTOKEN] = 0;
    n[i + VERSION] = 0;
    n[i + MASK] = filedBit;
    n[i + EVENTS] = 0;
    this.heldAt[s] = -1;
    return s;
  }

  /** Frees a finished ticket's slot. */
  close(s: number): void {
    this.n[s * WI + ID] = 0;
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
    const n = this.n;
    const i = s * WI;
    const k = n[i + EVENTS]!;
    if (k >= MAX_EVENTS) throw new Error(`internal: ticket ${n[i + ID]} has more than ${MAX_EVENTS} events after filed`);
    this.f[s * W + EVENT_T + k] = now[0]!;
    n[i + EVENT_B + k] = bit;
    n[i + EVENTS] = k + 1;
    n[i + MASK] |= bit;
  }
}
