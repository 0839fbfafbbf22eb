/**
 * The simulator's open tickets. A ticket is a slot number; what every open ticket needs sits in
 * one typed array per field, indexed by slot (struct of arrays): its filing time, number, queue
 * token, state, ranks, plan, tier, and its draws (the durations drawn when it was filed, in whole
 * seconds). That is about 55 bytes a ticket, so a run whose tickets all wait in a queue (a load far
 * beyond its staff: 20,000,000 tickets, 8 agents) fits in the memory the reference documents
 * (grammar/reference.md, "Limits").
 *
 * A ticket gets its *active record* the first time an agent takes it: a fixed-size record in one
 * buffer, its times and durations as `table.f[a * W + FIELD]` (doubles) and its small whole numbers
 * as `table.n[a * WI + FIELD]` (32-bit integers, a second view of the same bytes), where
 * `a = table.act[slot]`. It holds what service changes (time still needed, pending events' sequence
 * numbers, the agent's group) and the ticket's events after `filed`. A ticket still waiting for
 * its first agent has no events after `filed` and needs none of it. Slots and records of finished
 * tickets are reused, so memory follows the tickets open at once: about 55 bytes for each, plus
 * 232 for each that an agent has taken.
 *
 * Slot arrays are sized for the tickets the run expects (`TicketTable(capacity)`) and filled from
 * slot 0 up: memory a typed array was given but never wrote costs no resident memory (the zeroed
 * pages are only mapped when first touched), and there is no copy when the open tickets grow.
 * Past that capacity they double. A slot's `id` is 0 while it is free: a pending event or queue
 * entry that remembers another id is stale.
 *
 * The active record is 232 bytes. Its size is the simulator's speed at scale: a busy run keeps
 * thousands of tickets in service and waiting on customers, and their records are what the
 * processor's caches hold (src/simulate/README.md, "How it stays fast").
 *
 * Each ticket's events after `filed` are kept in its active record, as times and event bits
 * (`eventBit`), at most `MAX_EVENTS` of them: first_reply, confirmed, reclassified,
 * awaiting_customer, customer_replied, resolved, reopened, resolved. (`filed` is the ticket's
 * `filed` time.) The engine's lifecycle (grammar/reference.md, "Load scenarios") never makes more:
 * a ticket waits on its customer at most once, before its first resolution, and reopens at most
 * once.
 */
export const MAX_EVENTS = 8;

// Doubles of an active record (indexes into `f`, from the record's start).
/** When its agent took it, or when its service last changed. */
export const SINCE = 0;
/** Time still needed for the first reply, then for the work. */
export const REPLY = 1;
export const WORK = 2;
/** Work left at which it starts waiting on the customer; -1 for none. */
export const WAIT_AT = 3;
export const WAIT_FOR = 4;
/** Delay before it reopens after resolution; -1 for none. */
export const REOPEN_AFTER = 5;
export const REOPEN_WORK = 6;
/** The agenda sequence number of its pending milestone (reply or work done), or -1: any other milestone for this slot is stale. */
export const SERVICE = 7;
/** The agenda sequence number of its pending customer reply or reopening, or -1. */
export const WAKE = 8;
/** The events' times: event k's is at `EVENT_T + k`. */
export const EVENT_T = 9;
const DOUBLES = EVENT_T + MAX_EVENTS;

// 32-bit integers of an active record (indexes into `n`, from the record's start), after the doubles.
const I = 2 * DOUBLES;
/** 1 once first replied. */
export const REPLIED = I;
/** The staff group holding it, or -1. */
export const GROUP = I + 1;
/** Events so far after `filed`. */
export const EVENTS = I + 2;
/** `eventBit`s of every event so far, `filed` included, OR-ed. */
export const MASK = I + 3;
/** Rank the `reclassified` event named. */
export const RECLASS_RANK = I + 4;
/** The events' bits: event k's is at `EVENT_B + k`. */
export const EVENT_B = I + 5;
/** 32-bit words per active record (even: a record is a whole number of doubles). */
export const WI = (EVENT_B + MAX_EVENTS + 1) & ~1;
/** Doubles per active record. */
export const W = WI / 2;

// The draws kept per slot until the ticket is first taken (indexes into `draws`, `DRAWS` per slot).
export const D_REPLY = 0;
export const D_WORK = 1;
/** -1 for none. */
export const D_WAIT_FOR = 2;
/** -1 for none. */
export const D_REOPEN_AFTER = 3;
export const D_REOPEN_WORK = 4;
export const DRAWS = 5;
/** A draw of -1 (none) in `draws`. */
const NONE = 0xffffffff;

/** A copy of a typed array, `length` long (the simulator's buffers grow by doubling). */
export function grown<T extends Float64Array | Int32Array | Int16Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** Ranks, plan and tier indexes: 16-bit while every such index fits, else 32-bit. */
type Small = Int16Array | Int32Array;

export class TicketTable {
  capacity = 0;
  // ---- per slot
  filed = new Float64Array(0);
  /** The ticket's number (1, 2, …); 0 while the slot is free. */
  id = new Int32Array(0);
  /** Bumped at every enqueue: a queue entry with another token is stale. */
  qtoken = new Int32Array(0);
  /** Its active record, or -1 while no agent has taken it yet. */
  act = new Int32Array(0);
  state = new Uint8Array(0);
  /** Rank (index into `Load.priorities`) now. */
  rank: Small;
  /** Rank it was filed with. */
  first: Small;
  /** Rank it is reclassified to at its first reply; -1 for none. */
  reclassTo: Small;
  /** Index into the engine's plan names; -1 without a plan. */
  plan: Small;
  tier: Small;
  /** Bumped at every event (when a staff tier can be escalated to): an escalation scheduled with another version is stale. Empty unless `versions`. */
  version = new Int32Array(0);
  /** Its draws, `DRAWS` per slot, in whole seconds (`NONE` for -1); `wide` instead once a draw is not (a scripted ticket's, or beyond 136 years). */
  draws = new Uint32Array(0);
  wide: Float64Array | undefined;
  /**
   * By slot, the escalation steps that already handed its ticket to a staff tier. Rare, so a map:
   * an array with an entry per slot would be one more cache line written at every open and close.
   */
  readonly handed = new Map<number, number[]>();
  /** Freed slots (reused last freed first), then `next` and up. */
  private free = new Int32Array(0);
  private freeCount = 0;
  private next = 0;

  // ---- active records
  /** The records, as doubles. */
  f = new Float64Array(0);
  /** The records, as 32-bit integers (the same bytes as `f`). */
  n = new Int32Array(0);
  /**
   * Per active record, its index in its staff group's `held` list while an agent holds it, else
   * -1. Kept apart from the records: removing a ticket from `held` moves the list's last ticket into
   * its place, and updating that ticket's index here touches a small dense array, not a cold record.
   */
  heldAt = new Int32Array(0);
  private records = 0;
  private freeRecords = new Int32Array(0);
  private freeRecordCount = 0;
  private nextRecord = 0;
  /** `filed`'s event bit: the mask of a ticket without an active record. */
  private filedBit = 0;

  /**
   * @param capacity slots to make room for at once (the tickets a run expects): untouched room costs no resident memory
   * @param wideIndexes whether a rank, plan or tier index may not fit in 16 bits
   * @param versions whether escalation versions are kept (`version`)
   */
  constructor(
    capacity = 1024,
    private readonly wideIndexes = false,
    private readonly versions = false,
  ) {
    const small = (): Small => (wideIndexes ? new Int32Array(0) : new Int16Array(0));
    this.rank = small();
    this.first = small();
    this.reclassTo = small();
    this.plan = small();
    this.tier = small();
    this.grow(Math.max(1, Math.ceil(capacity)));
    this.growRecords(1024);
  }

  /** Active records in use (for tests and benchmarks). */
  get activeRecords(): number {
    return this.nextRecord - this.freeRecordCount;
  }

  /** Bytes of the slot arrays per slot (for tests and benchmarks). */
  static bytesPerSlot(wideIndexes = false, versions = false): number {
    return 8 + 4 + 4 + 4 + 1 + 5 * (wideIndexes ? 4 : 2) + (versions ? 4 : 0) + DRAWS * 4 + 4;
  }

  private grow(capacity: number): void {
    this.filed = grown(this.filed, capacity);
    this.id = grown(this.id, capacity);
    this.qtoken = grown(this.qtoken, capacity);
    this.act = grown(this.act, capacity);
    this.state = grown(this.state, capacity);
    this.rank = grown(this.rank, capacity);
    this.first = grown(this.first, capacity);
    this.reclassTo = grown(this.reclassTo, capacity);
    this.plan = grown(this.plan, capacity);
    this.tier = grown(this.tier, capacity);
    if (this.versions) this.version = grown(this.version, capacity);
    this.draws = grown(this.draws, capacity * DRAWS);
    if (this.wide) this.wide = grown(this.wide, capacity * DRAWS);
    this.free = grown(this.free, capacity);
    this.capacity = capacity;
  }

  private growRecords(records: number): void {
    this.f = grown(this.f, records * W);
    this.n = new Int32Array(this.f.buffer);
    this.heldAt = grown(this.heldAt, records);
    this.freeRecords = grown(this.freeRecords, records);
    this.records = records;
  }

  /** A slot for a new ticket filed now (`now[0]`), every field reset except the draws, which the caller writes. */
  open(id: number, now: Float64Array, filedBit: number): number {
    let s: number;
    if (this.freeCount > 0) s = this.free[--this.freeCount]!;
    else {
      if (this.next === this.capacity) this.grow(this.capacity * 2);
      s = this.next++;
    }
    this.filedBit = filedBit;
    this.filed[s] = now[0]!;
    this.id[s] = id;
    this.qtoken[s] = 0;
    this.act[s] = -1;
    this.state[s] = 0;
    this.tier[s] = 0;
    if (this.versions) this.version[s] = 0;
    return s;
  }

  /** Writes draw `k` of slot `s` (a duration in ms, or -1 for none). */
  setDraw(s: number, k: number, ms: number): void {
    const at = s * DRAWS + k;
    if (this.wide) {
      this.wide[at] = ms;
      return;
    }
    const sec = ms / 1000;
    if (ms === -1) this.draws[at] = NONE;
    else if (sec >= 0 && sec < NONE && Number.isInteger(sec) && !Object.is(ms, -0)) this.draws[at] = sec;
    else {
      // A duration that is not whole seconds: keep every draw as a double from now on.
      const wide = new Float64Array(this.capacity * DRAWS);
      for (let i = 0; i < this.next * DRAWS; i++) wide[i] = this.draw(i);
      this.wide = wide;
      wide[at] = ms;
    }
  }

  private draw(at: number): number {
    if (this.wide) return this.wide[at]!;
    const v = this.draws[at]!;
    return v === NONE ? -1 : v * 1000;
  }

  /** Draw `k` of slot `s`, in ms (-1 for none). */
  getDraw(s: number, k: number): number {
    return this.draw(s * DRAWS + k);
  }

  /**
   * The slot's active record, made when an agent first takes it: the time still needed for the
   * reply and the work, the wait and the reopening from its draws, no events after `filed` yet.
   */
  activate(s: number): number {
    let a = this.act[s]!;
    if (a >= 0) return a;
    if (this.freeRecordCount > 0) a = this.freeRecords[--this.freeRecordCount]!;
    else {
      if (this.nextRecord === this.records) this.growRecords(this.records * 2);
      a = this.nextRecord++;
    }
    this.act[s] = a;
    const f = this.f;
    const n = this.n;
    const o = a * W;
    const i = a * WI;
    const work = this.getDraw(s, D_WORK);
    const waitFor = this.getDraw(s, D_WAIT_FOR);
    f[o + SINCE] = 0;
    f[o + REPLY] = this.getDraw(s, D_REPLY);
    f[o + WORK] = work;
    f[o + WAIT_AT] = waitFor >= 0 ? work / 2 : -1;
    f[o + WAIT_FOR] = waitFor >= 0 ? waitFor : 0;
    f[o + REOPEN_AFTER] = this.getDraw(s, D_REOPEN_AFTER);
    f[o + REOPEN_WORK] = this.getDraw(s, D_REOPEN_WORK);
    f[o + SERVICE] = -1;
    f[o + WAKE] = -1;
    n[i + REPLIED] = 0;
    n[i + RECLASS_RANK] = -1;
    n[i + GROUP] = -1;
    n[i + MASK] = this.filedBit;
    n[i + EVENTS] = 0;
    this.heldAt[a] = -1;
    return a;
  }

  /** `eventBit`s of the slot's events so far, `filed` included. */
  mask(s: number): number {
    const a = this.act[s]!;
    return a >= 0 ? this.n[a * WI + MASK]! : this.filedBit;
  }

  /** The slot's events after `filed` so far. */
  events(s: number): number {
    const a = this.act[s]!;
    return a >= 0 ? this.n[a * WI + EVENTS]! : 0;
  }

  /**
   * Frees a finished ticket's slot and record. With `reuse` false (the end of a run, when every
   * open ticket finishes and none is filed after) the slot is not put back for reuse.
   */
  close(s: number, reuse = true): void {
    const a = this.act[s]!;
    if (a >= 0) {
      this.f[a * W + SERVICE] = -1;
      this.f[a * W + WAKE] = -1;
      this.freeRecords[this.freeRecordCount++] = a;
      this.act[s] = -1;
    }
    this.id[s] = 0;
    if (this.handed.size > 0) this.handed.delete(s);
    if (reuse) this.free[this.freeCount++] = s;
  }

  /**
   * Appends an event at the time in `now[0]` (the engine's clock, read from its typed array: a
   * time passed as an argument to a method V8 does not inline is boxed); `bit` is its `eventBit`.
   * The ticket has its active record (an agent has taken it).
   */
  record(s: number, now: Float64Array, bit: number): void {
    const n = this.n;
    const a = this.act[s]!;
    const i = a * WI;
    const k = n[i + EVENTS]!;
    if (k >= MAX_EVENTS) throw new Error(`internal: ticket ${this.id[s]} has more than ${MAX_EVENTS} events after filed`);
    this.f[a * W + EVENT_T + k] = now[0]!;
    n[i + EVENT_B + k] = bit;
    n[i + EVENTS] = k + 1;
    n[i + MASK] |= bit;
  }
}
