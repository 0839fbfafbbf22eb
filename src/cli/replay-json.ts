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
