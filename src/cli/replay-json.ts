/**
 * One ticket's line of `pledge replay --json`, written by hand: the exact bytes of
 * `JSON.stringify(t, null, 2)` indented by four more spaces (where the line sits in the report's
 * `perTicket` array), without building and re-scanning a string per ticket (in a 1M-row replay's
 * profile the stringify and the re-indent were a sixth of the time). The keys come in the order
 * `ticketReport` (src/simulate/replay.ts) writes them; test/cli/replay-json.test.ts compares with
 * JSON.stringify on random lines and on real ones, so a new or reordered key fails there.
 */
import type { ReplayTicketRecord, ReplayTicketReport } from '../index.js';

/** A string as JSON writes it; plain text (the usual ids, names and instants) without the call. */
function str(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** A number as JSON writes it (`null` for NaN and the infinities, `0` for -0). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

const I1 = '\n      ';
const I2 = '\n        ';
const I3 = '\n          ';

/** `JSON.stringify(t, null, 2).replaceAll('\n', '\n    ')`. */
export function ticketJson(t: ReplayTicketReport): string {
  let out = `{${I1}"ticket": ${str(t.ticket)},${I1}"priority": ${str(t.priority)},${I1}"plan": ${t.plan === null ? 'null' : str(t.plan)},${I1}"filed": ${str(t.filed)},${I1}"clocks": `;
  if (t.clocks.length === 0) out += '[]';
  else {
    out += '[';
    for (let i = 0; i < t.clocks.length; i++) {
      const c = t.clocks[i]!;
      out += `${i ? ',' : ''}${I2}{${I3}"clock": ${str(c.clock)},${I3}"priority": ${str(c.priority)},${I3}"state": ${str(c.state)},${I3}"due": ${c.due === null ? 'null' : str(c.due)},${I3}"stopped": ${c.stopped === null ? 'null' : str(c.stopped)}${I2}}`;
    }
    out += `${I1}]`;
  }
  out += `,${I1}"credits": `;
  if (t.credits.length === 0) out += '[]';
  else {
    out += '[';
    for (let i = 0; i < t.credits.length; i++) {
      const c = t.credits[i]!;
      out += `${i ? ',' : ''}${I2}{${I3}"clock": ${str(c.clock)},${I3}"priority": ${str(c.priority)},${I3}"percent": ${num(c.percent)},${I3}"time": ${str(c.time)}`;
      if (c.amount !== undefined) out += `,${I3}"amount": ${num(c.amount)}`;
      if (c.claimBy !== undefined) out += `,${I3}"claimBy": ${str(c.claimBy)}`;
      if (c.expired !== undefined) out += `,${I3}"expired": ${c.expired}`;
      out += `${I2}}`;
    }
    out += `${I1}]`;
  }
  const u = t.updates;
  if (u !== undefined) {
    out += `,${I1}"updates": {${I2}"met": ${num(u.met)},${I2}"breached": ${num(u.breached)},${I2}"breaches": `;
    if (u.breaches.length === 0) out += '[]';
    else {
      out += '[';
      for (let i = 0; i < u.breaches.length; i++) out += `${i ? ',' : ''}${I3}${str(u.breaches[i]!)}`;
      out += `${I2}]`;
    }
    out += `${I1}}`;
  }
  return `${out}\n    }`;
}

/*
 * The same line written straight into bytes (`ticketJsonInto`): no string per line and none
 * encoded again (in a 5M-row replay's profile, building the lines' strings and the spool's UTF-8
 * encoding of them were 2.7 s of 24). Text that is all printable ASCII is copied code unit by code
 * unit; any other string is written by `str` and encoded by `Buffer.write`, so the bytes are the
 * UTF-8 of `ticketJson`'s line exactly (test/cli/replay-json.test.ts compares the two).
 */
let B: Buffer = Buffer.alloc(0);
let P = 0;

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K = {
  ticket: bytes(`{${I1}"ticket": `),
  priority: bytes(`,${I1}"priority": `),
  plan: bytes(`,${I1}"plan": `),
  filed: bytes(`,${I1}"filed": `),
  clocks: bytes(`,${I1}"clocks": `),
  clock: bytes(`${I2}{${I3}"clock": `),
  clockPriority: bytes(`,${I3}"priority": `),
  state: bytes(`,${I3}"state": `),
  due: bytes(`,${I3}"due": `),
  stopped: bytes(`,${I3}"stopped": `),
  close2: bytes(`${I2}}`),
  close1: bytes(`${I1}]`),
  credits: bytes(`,${I1}"credits": `),
  percent: bytes(`,${I3}"percent": `),
  time: bytes(`,${I3}"time": `),
  amount: bytes(`,${I3}"amount": `),
  claimBy: bytes(`,${I3}"claimBy": `),
  expired: bytes(`,${I3}"expired": `),
  updates: bytes(`,${I1}"updates": {${I2}"met": `),
  breached: bytes(`,${I2}"breached": `),
  breaches: bytes(`,${I2}"breaches": `),
  breach: bytes(I3),
  closeBreaches: bytes(`${I2}]`),
  closeUpdates: bytes(`${I1}}`),
  end: bytes('\n    }'),
  next: bytes(',\n    '),
  firstLine: bytes('\n    '),
};

function lit(k: Uint8Array): void {
  const b = B;
  let p = P;
  for (let i = 0; i < k.length; i++) b[p++] = k[i]!;
  P = p;
}

/** `str(s)`'s UTF-8 bytes. */
function strInto(s: string): void {
  const b = B;
  const start = P;
  let p = start + 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) {
      P = start + b.write(str(s), start, 'utf8');
      return;
    }
    b[p++] = c;
  }
  b[start] = 34;
  b[p++] = 34;
  P = p;
}

/** An ASCII string's bytes (a number's or a boolean's JSON). */
function asciiInto(s: string): void {
  const b = B;
  let p = P;
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  P = p;
}

const nullOr = (s: string | null) => (s === null ? 4 : 6 * s.length + 2);

/** Bytes `ticketJsonInto` may write for `t` at most (6 per code unit of a string: `\uXXXX`; 24 per number). */
export function ticketJsonBound(t: ReplayTicketReport): number {
  let n = 400 + 6 * (t.ticket.length + t.priority.length + t.filed.length) + nullOr(t.plan);
  for (const c of t.clocks) n += 200 + 6 * (c.clock.length + c.priority.length + c.state.length) + nullOr(c.due) + nullOr(c.stopped);
  for (const c of t.credits) n += 300 + 6 * (c.clock.length + c.priority.length + c.time.length) + (c.claimBy === undefined ? 0 : 6 * c.claimBy.length);
  const u = t.updates;
  if (u !== undefined) {
    n += 200;
    for (const b of u.breaches) n += 20 + 6 * b.length;
  }
  return n;
}

/**
 * Writes `${first ? '' : ','}\n    ${ticketJson(t)}` as UTF-8 into `buffer` at `at`, which has
 * `ticketJsonBound(t)` bytes free; returns where the bytes end.
 */
export function ticketJsonInto(t: ReplayTicketReport, first: boolean, buffer: Buffer, at: number): number {
  B = buffer;
  P = at;
  lit(first ? K.firstLine : K.next);
  lit(K.ticket);
  strInto(t.ticket);
  lit(K.priority);
  strInto(t.priority);
  lit(K.plan);
  if (t.plan === null) asciiInto('null');
  else strInto(t.plan);
  lit(K.filed);
  strInto(t.filed);
  lit(K.clocks);
  if (t.clocks.length === 0) asciiInto('[]');
  else {
    B[P++] = 91;
    for (let i = 0; i < t.clocks.length; i++) {
      const c = t.clocks[i]!;
      if (i) B[P++] = 44;
      lit(K.clock);
      strInto(c.clock);
      lit(K.clockPriority);
      strInto(c.priority);
      lit(K.state);
      strInto(c.state);
      lit(K.due);
      if (c.due === null) asciiInto('null');
      else strInto(c.due);
      lit(K.stopped);
      if (c.stopped === null) asciiInto('null');
      else strInto(c.stopped);
      lit(K.close2);
    }
    lit(K.close1);
  }
  lit(K.credits);
  if (t.credits.length === 0) asciiInto('[]');
  else {
    B[P++] = 91;
    for (let i = 0; i < t.credits.length; i++) {
      const c = t.credits[i]!;
      if (i) B[P++] = 44;
      lit(K.clock);
      strInto(c.clock);
      lit(K.clockPriority);
      strInto(c.priority);
      lit(K.percent);
      asciiInto(num(c.percent));
      lit(K.time);
      strInto(c.time);
      if (c.amount !== undefined) {
        lit(K.amount);
        asciiInto(num(c.amount));
      }
      if (c.claimBy !== undefined) {
        lit(K.claimBy);
        strInto(c.claimBy);
      }
      if (c.expired !== undefined) {
        lit(K.expired);
        asciiInto(String(c.expired));
      }
      lit(K.close2);
    }
    lit(K.close1);
  }
  const u = t.updates;
  if (u !== undefined) {
    lit(K.updates);
    asciiInto(num(u.met));
    lit(K.breached);
    asciiInto(num(u.breached));
    lit(K.breaches);
    if (u.breaches.length === 0) asciiInto('[]');
    else {
      B[P++] = 91;
      for (let i = 0; i < u.breaches.length; i++) {
        if (i) B[P++] = 44;
        lit(K.breach);
        strInto(u.breaches[i]!);
      }
      lit(K.closeBreaches);
    }
    lit(K.closeUpdates);
  }
  lit(K.end);
  const end = P;
  B = EMPTY;
  return end;
}
const EMPTY = Buffer.alloc(0);

/*
 * A ticket's line as it waits in the spool (`pledge replay --json`): its record (`ReplayTicketRecord`,
 * instants as numbers) in a few dozen bytes instead of its JSON (in a 5M-row replay the JSON was
 * 611 MB written to a temporary file and read back, 1.4 s of the kernel's time). When the report
 * is printed each record is read back and written by `recordJsonInto`: the bytes `ticketJsonInto`
 * writes for the line `onTicket` would have had (`recordReport`), its instants written as bytes
 * (`IsoBytes`); test/cli/replay-json.test.ts compares the two.
 *
 * A record: its length (u32), the ticket id (u32 byte count, UTF-16: any string, kept as it is), the priority and the plan
 * (u16 name numbers, 0xffff for no plan), the filing (f64), the clocks (u32 count; each: clock,
 * priority, state as u16 name numbers, a u8 of which instants follow, the due and stopped f64s),
 * the credits (u32 count; each: clock and priority names, percent and time f64s, a u8 of which
 * follow, amount and claim deadline f64s), and the updates (u8 present; met, breached f64s,
 * u32 count of breaches and their f64s). Names (priorities, plans, clocks, states: the contract's)
 * are numbered in the order first met, in this process; integers are little-endian.
 */
export class RecordSpool {
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private iso: ((t: number) => string) | undefined;

  private name(s: string): number {
    let n = this.numbers.get(s);
    if (n === undefined) {
      n = this.names.length;
      if (n >= 0xffff) throw new Error('more than 65,535 names in a replay report');
      this.names.push(s);
      this.numbers.set(s, n);
    }
    return n;
  }

  /** Bytes `encode` may write for `r` at most. */
  bound(r: ReplayTicketRecord): number {
    let n = 32 + 2 * r.ticket.length + 27 * r.clocks.length + 40 * r.credits.length;
    if (r.updates) n += 24 + 8 * r.updates.breaches.length;
    return n;
  }

  /** Writes `r` into `b` at `at` (with `bound(r)` bytes free); returns where it ends. */
  encode(r: ReplayTicketRecord, b: Buffer, at: number): number {
    this.iso ??= r.iso;
    if (r.iso !== this.iso) throw new Error('replay records with two instant writers');
    const start = at;
    at += 4;
    const idBytes = b.write(r.ticket, at + 4, 'utf16le');
    b.writeUInt32LE(idBytes, at);
    at += 4 + idBytes;
    at = b.writeUInt16LE(this.name(r.priority), at);
    at = b.writeUInt16LE(r.plan === null ? 0xffff : this.name(r.plan), at);
    at = b.writeDoubleLE(r.filed, at);
    at = b.writeUInt32LE(r.clocks.length, at);
    for (const c of r.clocks) {
      at = b.writeUInt16LE(this.name(c.clock), at);
      at = b.writeUInt16LE(this.name(c.priority), at);
      at = b.writeUInt16LE(this.name(c.state), at);
      b[at++] = (c.due !== undefined ? 1 : 0) | (c.stopped !== undefined ? 2 : 0);
      if (c.due !== undefined) at = b.writeDoubleLE(c.due, at);
      if (c.stopped !== undefined) at = b.writeDoubleLE(c.stopped, at);
    }
    at = b.writeUInt32LE(r.credits.length, at);
    for (const c of r.credits) {
      at = b.writeUInt16LE(this.name(c.clock), at);
      at = b.writeUInt16LE(this.name(c.priority), at);
      at = b.writeDoubleLE(c.percent, at);
      at = b.writeDoubleLE(c.time, at);
      b[at++] = (c.amount !== undefined ? 1 : 0) | (c.claimBy !== undefined ? 2 : 0) | (c.expired !== undefined ? 4 : 0) | (c.expired ? 8 : 0);
      if (c.amount !== undefined) at = b.writeDoubleLE(c.amount, at);
      if (c.claimBy !== undefined) at = b.writeDoubleLE(c.claimBy, at);
    }
    const u = r.updates;
    b[at++] = u ? 1 : 0;
    if (u) {
      at = b.writeDoubleLE(u.met, at);
      at = b.writeDoubleLE(u.breached, at);
      at = b.writeUInt32LE(u.breaches.length, at);
      for (const t of u.breaches) at = b.writeDoubleLE(t, at);
    }
    b.writeUInt32LE(at - start, start);
    return at;
  }

  /** The record at `at` in `b` (whole: `b` holds `b.readUInt32LE(at)` bytes from `at`). */
  decode(b: Buffer, at: number): ReplayTicketRecord {
    const names = this.names;
    at += 4;
    const idBytes = b.readUInt32LE(at);
    at += 4;
    const ticket = b.toString('utf16le', at, at + idBytes);
    at += idBytes;
    const priority = names[b.readUInt16LE(at)]!;
    const planNumber = b.readUInt16LE(at + 2);
    const filed = b.readDoubleLE(at + 4);
    at += 12;
    const clocks: ReplayTicketRecord['clocks'][number][] = new Array(b.readUInt32LE(at));
    at += 4;
    for (let k = 0; k < clocks.length; k++) {
      const clock = names[b.readUInt16LE(at)]!;
      const cp = names[b.readUInt16LE(at + 2)]!;
      const state = names[b.readUInt16LE(at + 4)]!;
      const has = b[at + 6]!;
      at += 7;
      let due: number | undefined;
      let stopped: number | undefined;
      if (has & 1) (due = b.readDoubleLE(at)), (at += 8);
      if (has & 2) (stopped = b.readDoubleLE(at)), (at += 8);
      clocks[k] = { clock, priority: cp, state, due, stopped };
    }
    const credits: ReplayTicketRecord['credits'][number][] = new Array(b.readUInt32LE(at));
    at += 4;
    for (let k = 0; k < credits.length; k++) {
      const clock = names[b.readUInt16LE(at)]!;
      const cp = names[b.readUInt16LE(at + 2)]!;
      const percent = b.readDoubleLE(at + 4);
      const time = b.readDoubleLE(at + 12);
      const has = b[at + 20]!;
      at += 21;
      let amount: number | undefined;
      let claimBy: number | undefined;
      if (has & 1) (amount = b.readDoubleLE(at)), (at += 8);
      if (has & 2) (claimBy = b.readDoubleLE(at)), (at += 8);
      credits[k] = { clock, priority: cp, percent, time, ...(amount !== undefined ? { amount } : {}), ...(claimBy !== undefined ? { claimBy } : {}), ...(has & 4 ? { expired: (has & 8) !== 0 } : {}) };
    }
    let updates: ReplayTicketRecord['updates'];
    if (b[at++]) {
      const met = b.readDoubleLE(at);
      const breached = b.readDoubleLE(at + 8);
      const breaches: number[] = new Array(b.readUInt32LE(at + 16));
      at += 20;
      for (let k = 0; k < breaches.length; k++, at += 8) breaches[k] = b.readDoubleLE(at);
      updates = { met, breached, breaches };
    }
    return { ticket, priority, plan: planNumber === 0xffff ? null : names[planNumber]!, filed, clocks, credits, ...(updates ? { updates } : {}), iso: this.iso! };
  }

  /** Each name's JSON bytes (`strInto`'s), by its number, made when first written. */
  private readonly nameJson: (Uint8Array | undefined)[] = [];
  private longestName = 0;
  private measured = 0;

  private nameBytes(n: number): Uint8Array {
    let j = this.nameJson[n];
    if (j === undefined) {
      const s = this.names[n]!;
      const b = Buffer.allocUnsafe(6 * s.length + 2);
      const [outerB, outerP] = [B, P];
      B = b;
      P = 0;
      strInto(s);
      j = this.nameJson[n] = Uint8Array.prototype.slice.call(b, 0, P);
      B = outerB;
      P = outerP;
    }
    return j;
  }

  /**
   * Bytes `lineInto` may write for the record at `at` at most: its id at 6 bytes a UTF-16 code unit,
   * and each byte of the rest at most what the smallest part (a clock, 7 bytes; a credit, 21; a breach, 8) writes.
   */
  private lineBound(b: Buffer, at: number): number {
    for (; this.measured < this.names.length; this.measured++) this.longestName = Math.max(this.longestName, 6 * this.names[this.measured]!.length + 2);
    const name = this.longestName;
    const size = b.readUInt32LE(at);
    const idBytes = b.readUInt32LE(at + 4);
    const perByte = Math.ceil(Math.max(200 + 3 * name + 2 * INSTANT, 300 + 2 * name + 2 * INSTANT + 48) / 7);
    return 400 + 3 * idBytes + 2 * name + INSTANT + perByte * (size - idBytes);
  }

  /**
   * `recordJsonInto(this.decode(b, at), first, out, used, instants)` from the record's bytes, no
   * record made: names written from their JSON bytes, the id's UTF-16 code units copied when all
   * are printable ASCII other than the quote and the backslash; `out` has `lineBound(b, at)` bytes free.
   */
  private lineInto(b: Buffer, at: number, first: boolean, out: Buffer, used: number, instants: IsoBytes): number {
    B = out;
    P = used;
    at += 4;
    const idBytes = b.readUInt32LE(at);
    at += 4;
    lit(first ? K.firstLine : K.next);
    lit(K.ticket);
    {
      const start = P;
      let p = start + 1;
      const end = at + idBytes;
      for (let i = at; i < end; i += 2) {
        const c = b[i]! | (b[i + 1]! << 8);
        if (c < 32 || c > 126 || c === 34 || c === 92) {
          p = -1;
          break;
        }
        out[p++] = c;
      }
      if (p < 0) {
        P = start;
        strInto(b.toString('utf16le', at, end));
      } else {
        out[start] = 34;
        out[p++] = 34;
        P = p;
      }
      at = end;
    }
    lit(K.priority);
    lit(this.nameBytes(b.readUInt16LE(at)));
    lit(K.plan);
    const planNumber = b.readUInt16LE(at + 2);
    if (planNumber === 0xffff) asciiInto('null');
    else lit(this.nameBytes(planNumber));
    lit(K.filed);
    P = instants.write(b.readDoubleLE(at + 4), out, P);
    at += 12;
    lit(K.clocks);
    const clocks = b.readUInt32LE(at);
    at += 4;
    if (clocks === 0) asciiInto('[]');
    else {
      out[P++] = 91;
      for (let i = 0; i < clocks; i++) {
        if (i) out[P++] = 44;
        lit(K.clock);
        lit(this.nameBytes(b.readUInt16LE(at)));
        lit(K.clockPriority);
        lit(this.nameBytes(b.readUInt16LE(at + 2)));
        lit(K.state);
        lit(this.nameBytes(b.readUInt16LE(at + 4)));
        const has = b[at + 6]!;
        at += 7;
        lit(K.due);
        if (has & 1) (P = instants.write(b.readDoubleLE(at), out, P)), (at += 8);
        else asciiInto('null');
        lit(K.stopped);
        if (has & 2) (P = instants.write(b.readDoubleLE(at), out, P)), (at += 8);
        else asciiInto('null');
        lit(K.close2);
      }
      lit(K.close1);
    }
    lit(K.credits);
    const credits = b.readUInt32LE(at);
    at += 4;
    if (credits === 0) asciiInto('[]');
    else {
      out[P++] = 91;
      for (let i = 0; i < credits; i++) {
        if (i) out[P++] = 44;
        lit(K.clock);
        lit(this.nameBytes(b.readUInt16LE(at)));
        lit(K.clockPriority);
        lit(this.nameBytes(b.readUInt16LE(at + 2)));
        lit(K.percent);
        asciiInto(num(b.readDoubleLE(at + 4)));
        lit(K.time);
        P = instants.write(b.readDoubleLE(at + 12), out, P);
        const has = b[at + 20]!;
        at += 21;
        if (has & 1) {
          lit(K.amount);
          asciiInto(num(b.readDoubleLE(at)));
          at += 8;
        }
        if (has & 2) {
          lit(K.claimBy);
          P = instants.write(b.readDoubleLE(at), out, P);
          at += 8;
          lit(K.expired);
          // As `recordJsonInto` writes `String(c.expired!)`.
          asciiInto(has & 4 ? (has & 8 ? 'true' : 'false') : 'undefined');
        }
        lit(K.close2);
      }
      lit(K.close1);
    }
    if (b[at++]) {
      lit(K.updates);
      asciiInto(num(b.readDoubleLE(at)));
      lit(K.breached);
      asciiInto(num(b.readDoubleLE(at + 8)));
      const breaches = b.readUInt32LE(at + 16);
      at += 20;
      lit(K.breaches);
      if (breaches === 0) asciiInto('[]');
      else {
        out[P++] = 91;
        for (let i = 0; i < breaches; i++, at += 8) {
          if (i) out[P++] = 44;
          lit(K.breach);
          P = instants.write(b.readDoubleLE(at), out, P);
        }
        lit(K.closeBreaches);
      }
      lit(K.closeUpdates);
    }
    lit(K.end);
    const end = P;
    B = EMPTY;
    return end;
  }

  /**
   * Writes the lines of the records spooled in `pieces` (in order, a record possibly cut between
   * two pieces) as `ticketJsonInto` writes `recordReport`'s lines (`recordJsonInto`), each line's bytes to `write` in pieces of about 1 MB.
   */
  async lines(pieces: AsyncIterable<Buffer>, write: (bytes: Buffer) => Promise<void>): Promise<void> {
    const OUT = 1 << 20;
    let out = Buffer.allocUnsafe(OUT);
    let used = 0;
    let first = true;
    let rest: Buffer | undefined;
    let instants: IsoBytes | undefined;
    for await (const piece of pieces) {
      const b = rest ? Buffer.concat([rest, piece]) : piece;
      rest = undefined;
      let at = 0;
      while (at + 4 <= b.length && at + b.readUInt32LE(at) <= b.length) {
        instants ??= new IsoBytes(this.iso!);
        const n = this.lineBound(b, at);
        if (used + n > out.length) {
          if (used) await write(out.subarray(0, used));
          out = Buffer.allocUnsafe(Math.max(OUT, n));
          used = 0;
        }
        used = this.lineInto(b, at, first, out, used, instants);
        at += b.readUInt32LE(at);
        first = false;
      }
      if (at < b.length) rest = Buffer.from(b.subarray(at));
    }
    if (rest) throw new Error('the spooled report ends inside a record');
    if (used) await write(out.subarray(0, used));
  }
}

const QUARTER = 15 * 60_000;

/**
 * `iso(t)`'s bytes without its string, for the usual instant: the text `iso` gives at a quarter
 * hour's first millisecond, its first second's end and its last millisecond (three calls a quarter
 * hour) show its date, its time of day and its offset; when all three are the plain
 * `YYYY-MM-DDTHH:MM:SS[.sss](±HH:MM|Z)` of one date and one offset, with the milliseconds written
 * only when not 0, and the three times of day lie as far apart as the instants, every instant of
 * the quarter hour is written from them by arithmetic. Any other quarter hour (a date or an offset
 * that changes inside it, another form of text) and any instant that is not a whole millisecond is
 * written from `iso`'s string. test/cli/replay-json.test.ts compares with `iso` in several zones.
 */
export class IsoBytes {
  /** What each quarter hour learnt, by quarter-hour number modulo the slots (a ticket's instants are days apart: one quarter hour at a time thrashed). */
  private readonly slots: (Quarter | undefined)[] = new Array(SLOTS).fill(undefined);

  constructor(private readonly iso: (t: number) => string) {}

  /** Writes `"${iso(t)}"` (with the quotes) into `b` at `at`; returns where it ends. */
  write(t: number, b: Buffer, at: number): number {
    if (!Number.isInteger(t)) return strAt(this.iso(t), b, at);
    const q = Math.floor(t / QUARTER);
    let e = this.slots[q & (SLOTS - 1)];
    if (e === undefined || e.q !== q) this.slots[q & (SLOTS - 1)] = e = this.learn(q);
    if (e.wall !== e.wall) return strAt(this.iso(t), b, at);
    const inDay = e.wall + (t - q * QUARTER);
    const date = e.date;
    b[at++] = 34;
    for (let k = 0; k < 11; k++) b[at++] = date[k]!;
    const seconds = Math.floor(inDay / 1000);
    const ms = inDay - seconds * 1000;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    const s = seconds % 60;
    b[at++] = 48 + Math.floor(h / 10);
    b[at++] = 48 + (h % 10);
    b[at++] = 58;
    b[at++] = 48 + Math.floor(m / 10);
    b[at++] = 48 + (m % 10);
    b[at++] = 58;
    b[at++] = 48 + Math.floor(s / 10);
    b[at++] = 48 + (s % 10);
    if (ms !== 0) {
      b[at++] = 46;
      b[at++] = 48 + Math.floor(ms / 100);
      b[at++] = 48 + (Math.floor(ms / 10) % 10);
      b[at++] = 48 + (ms % 10);
    }
    const suffix = e.suffix;
    for (let k = 0; k < suffix.length; k++) b[at++] = suffix[k]!;
    b[at++] = 34;
    return at;
  }

  private learn(q: number): Quarter {
    const t0 = q * QUARTER;
    const no: Quarter = { q, date: NONE, suffix: NONE, wall: NaN };
    const a = plain(this.iso(t0));
    const c = plain(this.iso(t0 + 1000));
    const z = plain(this.iso(t0 + QUARTER - 1));
    if (!a || !c || !z || a.ms !== -1 || c.ms !== -1 || z.ms === -1) return no;
    if (a.date !== c.date || a.date !== z.date || a.suffix !== c.suffix || a.suffix !== z.suffix) return no;
    // Whole quarter hour inside one local day, times of day as far apart as the instants.
    if (c.wall - a.wall !== 1000 || z.wall - a.wall !== QUARTER - 1) return no;
    return { q, date: Uint8Array.from(a.date, (ch) => ch.charCodeAt(0)), suffix: Uint8Array.from(a.suffix, (ch) => ch.charCodeAt(0)), wall: a.wall };
  }
}

/** A quarter hour as `IsoBytes` writes its instants: its date (`2026-03-02T`), offset (`+08:00`, `Z`) and first millisecond's time of day (NaN: written from `iso`'s string). */
interface Quarter {
  readonly q: number;
  readonly date: Uint8Array;
  readonly suffix: Uint8Array;
  readonly wall: number;
}
const SLOTS = 1 << 13;
const NONE = new Uint8Array(0);

/** `YYYY-MM-DDTHH:MM:SS[.sss](±HH:MM|Z)` taken apart (ms -1 when not written), or undefined for any other text. */
function plain(s: string): { date: string; wall: number; ms: number; suffix: string } | undefined {
  const m = /^(\d{4}-\d\d-\d\dT)(\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return undefined;
  const ms = m[5] === undefined ? -1 : Number(m[5]);
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const sec = Number(m[4]);
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  return { date: m[1]!, wall: ((h * 60 + mi) * 60 + sec) * 1000 + Math.max(0, ms), ms, suffix: m[6]! };
}

/** `strInto(s)` at `at` of `b`; returns where it ends. */
function strAt(s: string, b: Buffer, at: number): number {
  if (s.length > 40) throw new Error(`an instant written as ${s.length} characters: \`${s}\``);
  const [outerB, outerP] = [B, P];
  B = b;
  P = at;
  strInto(s);
  const end = P;
  B = outerB;
  P = outerP;
  return end;
}

/** Bytes an instant takes in `recordJsonInto` at most (`iso`'s text is at most 40 characters, printable ASCII: checked). */
const INSTANT = 42;

/** Bytes `recordJsonInto` may write for `r` at most. */
export function recordJsonBound(r: ReplayTicketRecord): number {
  let n = 400 + 6 * (r.ticket.length + r.priority.length) + INSTANT + nullOr(r.plan);
  for (const c of r.clocks) n += 200 + 6 * (c.clock.length + c.priority.length + c.state.length) + 2 * INSTANT;
  for (const c of r.credits) n += 300 + 6 * (c.clock.length + c.priority.length) + 2 * INSTANT;
  if (r.updates !== undefined) n += 200 + (20 + INSTANT) * r.updates.breaches.length;
  return n;
}

/** `ticketJsonInto(recordReport(r), first, buffer, at)`, each instant written by `instants` (no string made of it); `buffer` has `recordJsonBound(r)` bytes free. */
export function recordJsonInto(r: ReplayTicketRecord, first: boolean, buffer: Buffer, at: number, instants: IsoBytes): number {
  B = buffer;
  P = at;
  const instant = (t: number) => {
    P = instants.write(t, B, P);
  };
  lit(first ? K.firstLine : K.next);
  lit(K.ticket);
  strInto(r.ticket);
  lit(K.priority);
  strInto(r.priority);
  lit(K.plan);
  if (r.plan === null) asciiInto('null');
  else strInto(r.plan);
  lit(K.filed);
  instant(r.filed);
  lit(K.clocks);
  if (r.clocks.length === 0) asciiInto('[]');
  else {
    B[P++] = 91;
    for (let i = 0; i < r.clocks.length; i++) {
      const c = r.clocks[i]!;
      if (i) B[P++] = 44;
      lit(K.clock);
      strInto(c.clock);
      lit(K.clockPriority);
      strInto(c.priority);
      lit(K.state);
      strInto(c.state);
      lit(K.due);
      if (c.due === undefined) asciiInto('null');
      else instant(c.due);
      lit(K.stopped);
      if (c.stopped === undefined) asciiInto('null');
      else instant(c.stopped);
      lit(K.close2);
    }
    lit(K.close1);
  }
  lit(K.credits);
  if (r.credits.length === 0) asciiInto('[]');
  else {
    B[P++] = 91;
    for (let i = 0; i < r.credits.length; i++) {
      const c = r.credits[i]!;
      if (i) B[P++] = 44;
      lit(K.clock);
      strInto(c.clock);
      lit(K.clockPriority);
      strInto(c.priority);
      lit(K.percent);
      asciiInto(num(c.percent));
      lit(K.time);
      instant(c.time);
      if (c.amount !== undefined) {
        lit(K.amount);
        asciiInto(num(c.amount));
      }
      if (c.claimBy !== undefined) {
        lit(K.claimBy);
        instant(c.claimBy);
        lit(K.expired);
        asciiInto(String(c.expired!));
      }
      lit(K.close2);
    }
    lit(K.close1);
  }
  const u = r.updates;
  if (u !== undefined) {
    lit(K.updates);
    asciiInto(num(u.met));
    lit(K.breached);
    asciiInto(num(u.breached));
    lit(K.breaches);
    if (u.breaches.length === 0) asciiInto('[]');
    else {
      B[P++] = 91;
      for (let i = 0; i < u.breaches.length; i++) {
        if (i) B[P++] = 44;
        lit(K.breach);
        instant(u.breaches[i]!);
      }
      lit(K.closeBreaches);
    }
    lit(K.closeUpdates);
  }
  lit(K.end);
  const end = P;
  B = EMPTY;
  return end;
}
