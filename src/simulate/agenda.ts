/**
 * The simulator's agenda: pending events in the order (time, sequence number), so events at the
 * same instant run in the order they were scheduled. Every run's results depend on this order
 * alone; how the agenda keeps it is free, and this file keeps it cheaply.
 *
 * A plain heap over all pending events costs a sift through a dozen levels per pop, most of them
 * cold in the cache at a million tickets. Simulated time moves forward through the events, so the
 * agenda is a bucket queue instead (a "calendar queue"): time is cut into buckets of `BUCKET_MS`;
 * events of the current bucket sit in a small heap (`near`), events of the next `RING - 1`
 * buckets are appended to their bucket's list, and anything later waits in a second heap (`far`)
 * until its bucket comes into the ring. When the near heap runs dry the next bucket's list is
 * poured into it. Pushes are then an append, and pops sift through a heap of one bucket's events.
 *
 * The next random arrival is kept beside the queue (there is only ever one): a million tickets
 * then cost a million fewer queue operations. It takes a sequence number like any push.
 */
import { grown } from './tickets.js';

export interface Ev {
  t: number;
  /** The unique sequence number it was scheduled with: a ticket remembers its pending events' numbers, so any other is stale. */
  seq: number;
  kind: number;
  /** What the event is about (a ticket's slot, a staff group, a scripted ticket's index). */
  ref: number;
}

/** The kind of the random arrival kept beside the queue. */
export const ARRIVAL = 0;

/**
 * A four-ary min-heap of events by (t, seq), each entry its time, sequence number and
 * `ref * 8 + kind` in three typed arrays: sifting compares numbers in place, nothing is allocated
 * per event, and four children sit on neighbouring cache lines.
 */
export class EventHeap {
  times = new Float64Array(256);
  seqs = new Float64Array(256);
  keys = new Int32Array(256);
  n = 0;

  /** Adds the event at time `src[at]` (read from a typed array: a time passed as an argument may be boxed). */
  push(src: Float64Array, at: number, seq: number, key: number): void {
    const t = src[at]!;
    if (this.n === this.times.length) {
      this.times = grown(this.times, this.n * 2);
      this.seqs = grown(this.seqs, this.n * 2);
      this.keys = grown(this.keys, this.n * 2);
    }
    const { times, seqs, keys } = this;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p]!;
      if (pt < t || (pt === t && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      keys[i] = keys[p]!;
      i = p;
    }
    times[i] = t;
    seqs[i] = seq;
    keys[i] = key;
  }

  /** Removes the root (the caller has read it from index 0). */
  shift(): void {
    const { times, seqs, keys } = this;
    const n = --this.n;
    if (n === 0) return;
    const lt = times[n]!;
    const ls = seqs[n]!;
    const lk = keys[n]!;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const last = first + 4 < n ? first + 4 : n;
      let c = first;
      let ct = times[first]!;
      for (let k = first + 1; k < last; k++) {
        const kt = times[k]!;
        if (kt < ct || (kt === ct && seqs[k]! < seqs[c]!)) {
          c = k;
          ct = kt;
        }
      }
      if (lt < ct || (lt === ct && ls < seqs[c]!)) break;
      times[i] = ct;
      seqs[i] = seqs[c]!;
      keys[i] = keys[c]!;
      i = c;
    }
    times[i] = lt;
    seqs[i] = ls;
    keys[i] = lk;
  }
}

/** Bucket width: about a minute. At a million tickets a month a bucket holds a hundred events or so. */
const BUCKET_MS = 65_536;
/** Buckets in the ring (a power of two): 74.6 hours ahead. */
const RING = 4096;

export class Agenda {
  private seq = 0;
  /**
   * The time of the event `schedule` adds. Hot callers write it here rather than pass it to
   * `push`: a double passed to a function V8 does not inline is boxed as a heap number.
   */
  readonly when = new Float64Array(1);
  /** Events of buckets up to `cur`. */
  private readonly near = new EventHeap();
  /** Events of buckets from `cur + RING` on. */
  private readonly far = new EventHeap();
  /** The current bucket (time / BUCKET_MS, rounded down); -Infinity before the first event. */
  private cur = -Infinity;
  /** Per ring slot, the first and last pool entry of its bucket's list (-1: empty). */
  private readonly head = new Int32Array(RING).fill(-1);
  private readonly tail = new Int32Array(RING).fill(-1);
  /** Events in the ring's lists. */
  private inRing = 0;
  /**
   * The lists' entries, in a pool with a free list: entry e is 24 bytes, its time and sequence
   * number at `pf[3e]` and `pf[3e + 1]`, its key and next entry at `pi[6e + 4]` and `pi[6e + 5]`
   * (two views of one buffer). An entry is read minutes or hours after it was written, from a
   * cold cache: one line per entry, not one per field.
   */
  private pf = new Float64Array(3 * 1024);
  private pi = new Int32Array(this.pf.buffer);
  private capacity = 1024;
  private free = -1;
  private used = 0;

  /** The pending random arrival; both Infinity when there is none (so an event at infinity still comes first). */
  private arrivalT = Infinity;
  private arrivalSeq = Infinity;
  /** What `pop` returns: one object, overwritten by the next `pop`. */
  private readonly out: Ev = { t: 0, seq: 0, kind: 0, ref: 0 };

  /** Schedules an event; returns its sequence number. */
  push(t: number, kind: number, ref: number): number {
    this.when[0] = t;
    return this.schedule(kind, ref);
  }

  /** Schedules an event at time `when[0]`; returns its sequence number. */
  schedule(kind: number, ref: number): number {
    const seq = this.seq++;
    const key = ref * 8 + kind;
    const t = this.when[0]!;
    const b = Math.floor(t / BUCKET_MS);
    if (b <= this.cur) this.near.push(this.when, 0, seq, key);
    else if (b < this.cur + RING) this.append(b, seq, key);
    else this.far.push(this.when, 0, seq, key);
    return seq;
  }

  /** Schedules the next random arrival (the one before must have been popped). */
  pushArrival(t: number): void {
    this.arrivalT = t;
    this.arrivalSeq = this.seq++;
  }

  /** Appends the event at time `when[0]`, in bucket `b`, to its bucket's list. */
  private append(b: number, seq: number, key: number): void {
    let e = this.free;
    if (e >= 0) this.free = this.pi[6 * e + 5]!;
    else {
      if (this.used === this.capacity) {
        this.capacity *= 2;
        this.pf = grown(this.pf, 3 * this.capacity);
        this.pi = new Int32Array(this.pf.buffer);
      }
      e = this.used++;
    }
    const { pf, pi } = this;
    pf[3 * e] = this.when[0]!;
    pf[3 * e + 1] = seq;
    pi[6 * e + 4] = key;
    pi[6 * e + 5] = -1;
    const slot = b & (RING - 1);
    if (this.tail[slot]! >= 0) pi[6 * this.tail[slot]! + 5] = e;
    else this.head[slot] = e;
    this.tail[slot] = e;
    this.inRing++;
  }

  /**
   * Moves on to the next bucket with events (or to bucket `until`, whichever comes first): pours
   * its list into the near heap, and brings the far heap's events that come into the ring into
   * their lists.
   */
  private advance(): void {
    const until = this.arrivalBucket();
    if (this.inRing === 0) {
      // Nothing in the ring: jump to the far heap's first bucket (or to `until`).
      const f = this.far.n > 0 ? Math.floor(this.far.times[0]! / BUCKET_MS) : Infinity;
      this.cur = Math.min(f, until);
      if (this.cur === Infinity) {
        // Only events at infinite times are left: they all go to the near heap.
        while (this.far.n > 0) this.pour(this.far);
        return;
      }
    } else this.cur++;
    const far = this.far;
    while (far.n > 0 && Math.floor(far.times[0]! / BUCKET_MS) < this.cur + RING) this.pour(far);
    const slot = this.cur & (RING - 1);
    let e = this.head[slot]!;
    if (e < 0) return;
    this.head[slot] = -1;
    this.tail[slot] = -1;
    const { pf, pi } = this;
    while (e >= 0) {
      const next = pi[6 * e + 5]!;
      this.near.push(pf, 3 * e, pf[3 * e + 1]!, pi[6 * e + 4]!);
      pi[6 * e + 5] = this.free;
      this.free = e;
      this.inRing--;
      e = next;
    }
  }

  /** Moves the root of the far heap to where its bucket now belongs. */
  private pour(far: EventHeap): void {
    this.when[0] = far.times[0]!;
    const seq = far.seqs[0]!;
    const key = far.keys[0]!;
    far.shift();
    const b = Math.floor(this.when[0] / BUCKET_MS);
    if (b <= this.cur) this.near.push(this.when, 0, seq, key);
    else this.append(b, seq, key);
  }

  /** The bucket of the pending random arrival; Infinity when there is none. */
  private arrivalBucket(): number {
    return this.arrivalT === Infinity ? Infinity : Math.floor(this.arrivalT / BUCKET_MS);
  }

  pop(): Ev | undefined {
    const { near, out } = this;
    const at = this.arrivalT;
    for (;;) {
      if (near.n > 0) {
        const nt = near.times[0]!;
        if (at < nt || (at === nt && this.arrivalSeq < near.seqs[0]!)) break;
        out.t = nt;
        out.seq = near.seqs[0]!;
        out.kind = near.keys[0]! & 7;
        out.ref = near.keys[0]! >> 3;
        near.shift();
        return out;
      }
      if (at !== Infinity && this.arrivalBucket() <= this.cur) break;
      if (this.inRing === 0 && this.far.n === 0) {
        if (at === Infinity) return undefined;
        break;
      }
      this.advance();
    }
    out.t = at;
    out.seq = this.arrivalSeq;
    out.kind = ARRIVAL;
    out.ref = 0;
    this.arrivalT = Infinity;
    this.arrivalSeq = Infinity;
    return out;
  }

  /** Every pending event but the random arrival, for the end of a run. */
  pending(): Ev[] {
    const out: Ev[] = [];
    this.visitPending((ev) => out.push({ ...ev }));
    return out;
  }

  /** Visits every pending event but the random arrival, in one reused object (millions may be pending at the end of a run). */
  visitPending(visit: (ev: Readonly<Ev>) => void): void {
    const ev: Ev = { t: 0, seq: 0, kind: 0, ref: 0 };
    const add = (t: number, seq: number, key: number) => {
      ev.t = t;
      ev.seq = seq;
      ev.kind = key & 7;
      ev.ref = key >> 3;
      visit(ev);
    };
    for (const h of [this.near, this.far]) for (let i = 0; i < h.n; i++) add(h.times[i]!, h.seqs[i]!, h.keys[i]!);
    for (let slot = 0; slot < RING; slot++) for (let e = this.head[slot]!; e >= 0; e = this.pi[6 * e + 5]!) add(this.pf[3 * e]!, this.pf[3 * e + 1]!, this.pi[6 * e + 4]!);
  }
}
