/**
 * A ticket's timeline as JSON (a stable shape, documented in the README) and as text for people.
 */
import type { Timeline } from '../time/timeline.js';
import { humanDuration, humanHours, humanInstant, isoDuration, isoInstant } from './time-format.js';

export interface WhatIfJson {
  readonly priority: string;
  readonly plan?: string;
  readonly filed: string;
  readonly zone: string;
  readonly assumptions: readonly string[];
  /**
   * What the engine changed or left out of what it was given, each with its code (PLG3010-PLG3014:
   * a local time in a daylight-saving gap or repeated hour, a filing outside the term, an event
   * before the filing, a reclassification the plan does not cover) and the instant used.
   */
  readonly notices: readonly { code: string; severity: string; message: string; at: string }[];
  readonly clocks: readonly {
    clock: string;
    calendar?: string;
    target?: string;
    priority: string;
    starts?: string;
    pauses: { from: string; to?: string }[];
    due?: string;
    stopped?: string;
    state: string;
    open: string;
    wall: string;
  }[];
  readonly escalations: readonly { clock: string; at: string; fired: boolean; time?: string; onReclassification?: boolean; run?: number; notify: string; contacts: { name: string; reachable: boolean; from?: string }[] }[];
  readonly credits: readonly { clock: string; priority: string; percent: number; amount?: number; currency?: string; time: string }[];
  readonly creditMonths: readonly { month: string; percent: number; afterCap: number }[];
  readonly creditPercentCapped: number;
  /** The instant the timeline was judged at (`--as-of`). */
  readonly asOf?: string;
  /** The `update every` intervals (grammar/reference.md, "Periodic updates"); absent without the promise. */
  readonly updates?: readonly { priority: string; every: string; calendar: string; from: string; due: string | null; ended?: string; state: string }[];
}

/** The JSON form of a timeline, with instants in `zone`. */
export function whatIfJson(t: Timeline, zone: string): WhatIfJson {
  const iso = (x: number) => isoInstant(x, zone);
  return {
    priority: t.priority,
    ...(t.plan !== undefined ? { plan: t.plan } : {}),
    filed: iso(t.filed),
    zone,
    assumptions: t.assumptions,
    notices: t.notices.map((n) => ({ code: n.code, severity: n.severity, message: n.message, at: iso(n.at) })),
    clocks: t.clocks.map((c) => ({
      clock: c.clock,
      ...(c.calendar !== undefined ? { calendar: c.calendar } : {}),
      ...(c.target ? { target: c.target.text } : {}),
      priority: c.priority,
      ...(c.starts !== undefined ? { starts: iso(c.starts) } : {}),
      pauses: c.pauses.map((p) => ({ from: iso(p.from), ...(p.to !== undefined ? { to: iso(p.to) } : {}) })),
      ...(c.due !== undefined ? { due: iso(c.due) } : {}),
      ...(c.stopped !== undefined ? { stopped: iso(c.stopped) } : {}),
      state: c.state,
      open: isoDuration(c.open),
      wall: isoDuration(c.wall),
    })),
    escalations: t.escalations.map((e) => ({
      clock: e.clock,
      at: e.at,
      fired: e.time !== undefined,
      ...(e.time !== undefined ? { time: iso(e.time) } : {}),
      ...(e.onReclassification ? { onReclassification: true } : {}),
      ...(e.run !== undefined ? { run: e.run } : {}),
      notify: e.notify.map((n) => n.name).join(', '),
      contacts: e.notify.map((n) => ({ name: n.name, reachable: n.reachable, ...(n.from !== undefined ? { from: iso(n.from) } : {}) })),
    })),
    credits: t.credits.map((c) => ({ ...c, time: iso(c.time) })),
    creditMonths: t.creditMonths,
    creditPercentCapped: t.creditPercentCapped,
    ...(t.asOf !== undefined ? { asOf: iso(t.asOf) } : {}),
    ...(t.updates ? { updates: t.updates.map((u) => ({ priority: u.priority, every: u.every, calendar: u.calendar, from: iso(u.from), due: Number.isFinite(u.due) ? iso(u.due) : null, ...(u.ended !== undefined ? { ended: iso(u.ended) } : {}), state: u.state })) } : {}),
  };
}

export interface TextStyle {
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

export const PLAIN: TextStyle = { red: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

/** The timeline as text: local times with weekday and offset, durations in open and wall time. */
export function whatIfText(t: Timeline, zone: string, style: TextStyle = PLAIN): string {
  const at = (x: number) => humanInstant(x, zone);
  const out: string[] = [];
  out.push(style.bold(`${t.priority}${t.plan ? ` (plan ${t.plan})` : ''} filed ${at(t.filed)} (${zone})`));
  if (t.asOf !== undefined) out.push(style.dim(`  as of ${at(t.asOf)}`));
  for (const n of t.notices) out.push(`  ${n.severity === 'error' ? style.red(`${n.severity} ${n.code}`) : `${n.severity} ${n.code}`}: ${n.message}`);
  for (const a of t.assumptions) out.push(style.dim(`  assumes: ${a}`));
  out.push('');
  for (const c of t.clocks) {
    const head = `${c.clock}: ${c.target ? `${c.target.text} on ${c.calendar}` : 'no target'}`;
    const state =
      c.state === 'breached' ? style.red('BREACHED') : c.state === 'met' ? style.green('met') : c.state;
    out.push(`  ${style.bold(head)}  [${state}]`);
    if (c.starts !== undefined) out.push(`    starts   ${at(c.starts)}`);
    for (const p of c.pauses) out.push(`    paused   ${at(p.from)}${p.to !== undefined ? ` until ${at(p.to)}` : ' (not resumed)'}`);
    if (c.due !== undefined) out.push(`    due      ${c.state === 'breached' ? style.red(at(c.due)) : at(c.due)}`);
    if (c.stopped !== undefined) out.push(`    stopped  ${at(c.stopped)}`);
    if (c.starts !== undefined) out.push(`    elapsed  ${humanHours(c.open)} open, ${humanDuration(c.wall)} real time`);
    for (const h of c.history) out.push(style.dim(`    earlier run: ${at(h.starts)}${h.due !== undefined ? `, due ${at(h.due)}` : ''}, ${h.state}`));
  }
  if (t.updates) {
    const breaches = t.updates.filter((u) => u.state === 'breached').length;
    out.push(`  ${style.bold('update every')}  [${breaches ? style.red(`${breaches} BREACHED`) : 'no breach'}]`);
    for (const u of t.updates) {
      const state = u.state === 'breached' ? style.red('BREACHED') : u.state === 'met' ? style.green('met') : u.state;
      out.push(`    ${at(u.from)}  ${u.priority} ${u.every} on ${u.calendar}, due ${Number.isFinite(u.due) ? at(u.due) : 'never'}  [${state}]`);
    }
  }
  out.push('');
  if (t.escalations.length === 0) out.push(`  escalations: none for ${t.priority}`);
  else {
    out.push('  escalations:');
    for (const e of t.escalations) {
      const who = e.notify.map((n) => (n.reachable ? n.name : `${n.name} (reachable from ${n.from !== undefined ? at(n.from) : 'never'})`)).join(', ');
      const note = [e.run !== undefined ? `run ${e.run}` : '', e.onReclassification ? 'on reclassification' : ''].filter(Boolean).join(', ');
      out.push(`    ${e.time !== undefined ? at(e.time) : style.dim('not reached')}  ${e.at} of ${e.clock} → ${who}${note ? ` (${note})` : ''}`);
    }
  }
  if (t.credits.length === 0) out.push('  credits: none');
  else {
    out.push('  credits:');
    for (const c of t.credits) {
      out.push(style.red(`    ${c.percent}% of the monthly fee${c.amount !== undefined ? ` (${c.amount.toFixed(2)} ${c.currency})` : ''} for the ${c.priority} ${c.clock} breach at ${at(c.time)}`));
    }
    out.push(`    after the cap: ${t.creditPercentCapped}% of the monthly fee${t.creditMonths.length > 1 ? ` (${t.creditMonths.map((m) => `${m.month}: ${m.afterCap}%`).join(', ')})` : ''}`);
  }
  return out.join('\n') + '\n';
}
