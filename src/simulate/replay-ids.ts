/**
 * A replayed log's ticket ids, numbered in order of first appearance, looked up from their place
 * in the text (`text[from, to)`) without a string per row: the characters of each id are kept once
 * in one growing array, found by an open-addressing hash table. With each number, the record index
 * of the ticket's last row (the second pass judges a ticket when it reads that row). Memory is a
 * few typed arrays, about 30 bytes per ticket plus two per id character, and no object per ticket
 * (a `Map<string, number>` cost a string and an entry per ticket, and 1.5 s of a 5M-row replay).
 */
export class TicketIds {
  /** The ids' characters, one after another; id `n` is chars[start[n], start[n + 1]). */
  private chars = new Uint16Array(1 << 16);
  private start = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  /** The record index of each ticket's last row, by number. */
  last = new Int32Array(1 << 12);
  /** Ticket numbers + 1 by hash slot (0: empty); at most half full. */
  private slots = new Int32Array(1 << 13);
  size = 0;
  /** `next`: the number it gave last, and one more than the highest it gave (the next ticket to appear for the first time, if the log is read in the same order). */
  private previous = -1;
  private fresh = 0;
  /** `see` and `seeBytes`: the number they gave last. */
  private seenLast = -1;

  /**
   * `find` for the rows of a second reading in file order: the id is first compared with the
   * previous row's and with the next number not yet given (the ticket first seen next, since
   * numbers are given in order of first appearance), and hashed only when it is neither. A guess
   * is only taken when the characters match, so the number is `find`'s in any case.
   */
  next(text: string, from: number, to: number): number {
    const p = this.previous;
    if (p >= 0 && this.same(p, text, from, to)) return p;
    const q = this.fresh;
    const n = q < this.size && this.same(q, text, from, to) ? q : this.find(text, from, to);
    if (n >= q) this.fresh = n + 1;
    return (this.previous = n);
  }

  /** `next` of an id given as ASCII bytes (bytes[from, to)): the number `next` gives their `latin1` text. */
  nextBytes(bytes: Uint8Array, from: number, to: number): number {
    const p = this.previous;
    if (p >= 0 && this.sameBytes(p, bytes, from, to)) return p;
    const q = this.fresh;
    const n = q < this.size && this.sameBytes(q, bytes, from, to) ? q : this.findBytes(bytes, from, to);
    if (n >= q) this.fresh = n + 1;
    return (this.previous = n);
  }

  /** `find` of an id given as ASCII bytes. */
  findBytes(bytes: Uint8Array, from: number, to: number): number {
    const h = hashBytes(bytes, from, to);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      if (this.hashes[v - 1] === h && this.sameBytes(v - 1, bytes, from, to)) return v - 1;
    }
  }

  /** The number of the id at text[from, to), or -1 when it has none. */
  find(text: string, from: number, to: number): number {
    const h = hash(text, from, to);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      if (this.hashes[v - 1] === h && this.same(v - 1, text, from, to)) return v - 1;
    }
  }

  /** The number of the id at text[from, to), numbering it if new; its last row becomes `index`. */
  see(text: string, from: number, to: number, index: number): number {
    const p = this.seenLast;
    if (p >= 0 && this.same(p, text, from, to)) {
      this.last[p] = index;
      return p;
    }
    return (this.seenLast = this.seeHashed(text, from, to, index));
  }

  private seeHashed(text: string, from: number, to: number, index: number): number {
    const h = hash(text, from, to);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) break;
      if (this.hashes[v - 1] === h && this.same(v - 1, text, from, to)) {
        this.last[v - 1] = index;
        return v - 1;
      }
    }
    const n = this.size++;
    if (n + 1 >= this.start.length) {
      this.start = grow(this.start, this.start.length * 2);
      this.hashes = grow(this.hashes, this.start.length);
      this.last = grow(this.last, this.start.length);
    }
    const at = this.start[n]!;
    const len = to - from;
    if (at + len > this.chars.length) this.chars = grow(this.chars, Math.max(this.chars.length * 2, at + len));
    const chars = this.chars;
    for (let k = 0; k < len; k++) chars[at + k] = text.charCodeAt(from + k);
    this.start[n + 1] = at + len;
    this.hashes[n] = h;
    this.last[n] = index;
    this.slots[s] = n + 1;
    if (2 * this.size > this.slots.length) this.rehash();
    return n;
  }

  /**
   * `see` of an id given as ASCII bytes (bytes[from, to)): each byte is the code unit `latin1`
   * reads it as, so the id gets the number `see` and `find` give its text.
   */
  seeBytes(bytes: Uint8Array, from: number, to: number, index: number): number {
    // The previous row's ticket again (a log grouped by ticket): no hashing.
    const p = this.seenLast;
    if (p >= 0 && this.sameBytes(p, bytes, from, to)) {
      this.last[p] = index;
      return p;
    }
    return (this.seenLast = this.seeBytesHashed(bytes, from, to, index));
  }

  private seeBytesHashed(bytes: Uint8Array, from: number, to: number, index: number): number {
    const h = hashBytes(bytes, from, to);
    const mask = this.slots.length - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) break;
      if (this.hashes[v - 1] === h && this.sameBytes(v - 1, bytes, from, to)) {
        this.last[v - 1] = index;
        return v - 1;
      }
    }
    // A new id, at the empty slot `s`: numbered as `seeHashed` numbers its text (the same hash, slot and characters).
    const n = this.size++;
    if (n + 1 >= this.start.length) {
      this.start = grow(this.start, this.start.length * 2);
      this.hashes = grow(this.hashes, this.start.length);
      this.last = grow(this.last, this.start.length);
    }
    const at = this.start[n]!;
    const len = to - from;
    if (at + len > this.chars.length) this.chars = grow(this.chars, Math.max(this.chars.length * 2, at + len));
    const chars = this.chars;
    for (let k = 0; k < len; k++) chars[at + k] = bytes[from + k]!;
    this.start[n + 1] = at + len;
    this.hashes[n] = h;
    this.last[n] = index;
    this.slots[s] = n + 1;
    if (2 * this.size > this.slots.length) this.rehash();
    return n;
  }

  private sameBytes(n: number, bytes: Uint8Array, from: number, to: number): boolean {
    const a = this.start[n]!;
    const len = this.start[n + 1]! - a;
    if (len !== to - from) return false;
    const chars = this.chars;
    for (let k = 0; k < len; k++) if (chars[a + k] !== bytes[from + k]) return false;
    return true;
  }

  private same(n: number, text: string, from: number, to: number): boolean {
    const a = this.start[n]!;
    const len = this.start[n + 1]! - a;
    if (len !== to - from) return false;
    const chars = this.chars;
    for (let k = 0; k < len; k++) if (chars[a + k] !== text.charCodeAt(from + k)) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let n = 0; n < this.size; n++) {
      let s = this.hashes[n]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = n + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, then a final mix (sequential ids differ only in their last characters). */
function hash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** `hash` of ASCII bytes: the same number as `hash` of their `latin1` text. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return mix(h);
}

/** The final mix of `hash` (and of `seeBytes`'s). */
function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

function grow<T extends Int32Array | Uint16Array>(a: T, length: number): T {
  const out = new (a.constructor as new (n: number) => T)(length);
  out.set(a);
  return out;
}
