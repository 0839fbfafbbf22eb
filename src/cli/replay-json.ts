/**
 * One ticket's line of `pledge replay --json`, written by hand: the exact bytes of
 * `JSON.stringify(t, null, 2)` indented by four more spaces (where the line sits in the report's
 * `perTicket` array), without building and re-scanning a string per ticket (in a 1M-row replay's
 * profile the stringify and the re-indent were a sixth of the time). The keys come in the order
 * `ticketReport` (src/simulate/replay.ts) writes them; test/cli/replay-json.test.ts compares with
 * JSON.stringify on random lines and on real ones, so a new or reordered key fails there.
 */
import type { ReplayTicketReport } from '../index.js';

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
