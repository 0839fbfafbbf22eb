/**
 * The discrete-event simulation: tickets arrive, queue per tier, are picked up by agents on their
 * calendars, replied to, worked, wait on the customer, are resolved and reopened. Every ticket
 * event goes to the contract's clocks through `TicketEvaluator` (the time engine), and each
 * finished ticket is handed to `onTicket` and forgotten: memory follows the tickets open at once.
 *
 * The rules of the model (discipline, handovers, tiers, what a ticket draws) are written in
 * grammar/reference.md, "Load scenarios"; this file follows them in the same order.
 */
import type { CompiledCalendar } from '../time/calendar.js';
import { DAY_MS } from '../time/calendar.js';
import type { RuntimeContract } from '../time/contract.js';
import type { EventInput } from '../time/timeline.js';
import type { Load, ScriptedTicket } from './load.js';
import { eventBit, TicketEvaluator, type TicketOutcome } from './outcome.js';
import { TICKET_EVENTS } from '../check/model.js';

const BIT = Object.fromEntries(TICKET_EVENTS.map((e) => [e, eventBit(e)])) as Record<EventInput['event'], number>;
import { Random } from './random.js';

/** How long a run goes on after the period to let open tickets finish. */
export const DRAIN_MS = 90 * DAY_MS;
const HOUR_MS = 3_600_000;

export interface SimTicket {
  readonly id: number;
  /** The priority it was filed with. */
  readonly priority: string;
  readonly plan?: string;
  readonly filed: number;
  readonly events: readonly EventInput[];
}

export interface EngineHooks {
  /** Each ticket once, when it is finished (or at the end of the run), with its outcome. */
  onTicket(ticket: SimTicket, outcome: TicketOutcome): void;
  /** Every hour of the run (every day for periods over a year): tickets queued and held by agents. */
  onSample?(t: number, queued: number, inService: number): void;
  onProgress?(filed: number): void;
}

export interface EngineCounts {
  filed: number;
  resolved: number;
  open: number;
  waited: number;
  reopened: number;
  reclassified: number;
  handovers: number;
  preemptions: number;
  escalatedToTier: number;
  events: number;
}

const QUEUED = 0;
const SERVING = 1;
const WAITING = 2;
const RESOLVED = 3;
const DONE = 4;

interface Ticket {
  readonly id: number;
  readonly filed: number;
  readonly plan: string | undefined;
  readonly firstPriority: string;
  priority: string;
  rank: number;
  reply: number;
  replied: boolean;
  work: number;
  /** Work left at which the ticket starts waiting on the customer; -1 for none. */
  waitAt: number;
  readonly waitFor: number;
  reclassTo: string | undefined;
  reopenAfter: number;
  readonly reopenWork: number;
  tier: number;
  state: number;
  group: number;
  since: number;
  token: number;
  qtoken: number;
  version: number;
  handed: number[] | undefined;
  readonly events: EventInput[];
  /** `eventBit` of every event in `events`. */
  mask: number;
  /** The events again as two arrays of numbers (time, bit), which the clock evaluator reads fast. */
  readonly times: number[];
  readonly bits: number[];
  /** Index in its group's `held` while an agent holds it. */
  heldAt: number;
}

interface Group {
  readonly count: number;
  readonly calendar: CompiledCalendar;
  readonly tier: number;
  onShift: boolean;
  busy: number;
  /** The tickets its agents hold; a ticket knows its index (`heldAt`), so removal is a swap. */
  readonly held: Ticket[];
}

// Event kinds.
const ARRIVAL = 0;
const MILESTONE = 1;
const CUSTOMER = 2;
const REOPEN = 3;
const SHIFT = 4;
const ESCALATE = 5;
const SAMPLE = 6;

interface Ev {
  t: number;
  seq: number;
  kind: number;
  ticket: Ticket | undefined;
  /** SHIFT: group index; MILESTONE: service token; ESCALATE: version; */
  a: number;
  /** ESCALATE: the tier; */
  b: number;
}

/**
 * A binary min-heap ordered by (t, seq): ties run in the order they were scheduled. Keys live in
 * typed arrays and payloads in slots, so sifting compares numbers in place instead of chasing
 * object pointers, and a long run allocates nothing per event.
 */
class Agenda {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  private as = new Float64Array(1024);
  private bs = new Float64Array(1024);
  private tickets: (Ticket | undefined)[] = new Array(1024).fill(undefined);
  private free = new Int32Array(1024);
  private freeCount = 1024;
  private n = 0;
  private seq = 0;
  /** What `pop` returns: one object, overwritten by the next `pop`. */
  private readonly out: Ev = { t: 0, seq: 0, kind: 0, ticket: undefined, a: 0, b: 0 };

  constructor() {
    for (let i = 0; i < 1024; i++) this.free[i] = 1023 - i;
  }

  get size(): number {
    return this.n;
  }

  private grow(): void {
    const cap = this.times.length;
    const more = <T extends Float64Array | Int32Array | Uint8Array>(x: T): T => {
      const y = new (x.constructor as new (n: number) => T)(cap * 2);
      y.set(x);
      return y;
    };
    this.times = more(this.times);
    this.seqs = more(this.seqs);
    this.slots = more(this.slots);
    this.kinds = more(this.kinds);
    this.as = more(this.as);
    this.bs = more(this.bs);
    this.tickets.length = cap * 2;
    this.free = more(this.free);
    for (let i = 0; i < cap; i++) this.free[this.freeCount++] = cap * 2 - 1 - i;
  }

  push(t: number, kind: number, ticket: Ticket | undefined, a = 0, b = 0): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.kinds[slot] = kind;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.tickets[slot] = ticket;
    const seq = this.seq++;
    const { times, seqs, slots } = this;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < t || (pt === t && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      slots[i] = slots[p]!;
      i = p;
    }
    times[i] = t;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Every ticket a pending event refers to (with repeats), for the end of a run. */
  pending(): Ticket[] {
    const out: Ticket[] = [];
    for (let i = 0; i < this.n; i++) {
      const tk = this.tickets[this.slots[i]!];
      if (tk) out.push(tk);
    }
    return out;
  }

  pop(): Ev | undefined {
    if (this.n === 0) return undefined;
    const { times, seqs, slots, out } = this;
    const slot = slots[0]!;
    out.t = times[0]!;
    out.seq = seqs[0]!;
    out.kind = this.kinds[slot]!;
    out.a = this.as[slot]!;
    out.b = this.bs[slot]!;
    out.ticket = this.tickets[slot];
    this.tickets[slot] = undefined;
    this.free[this.freeCount++] = slot;
    const n = --this.n;
    if (n > 0) {
      const lt = times[n]!;
      const ls = seqs[n]!;
      const lslot = slots[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) c = r;
        const ct = times[c]!;
        if (lt < ct || (lt === ct && ls < seqs[c]!)) break;
        times[i] = ct;
        seqs[i] = seqs[c]!;
        slots[i] = slots[c]!;
        i = c;
      }
      times[i] = lt;
      seqs[i] = ls;
      slots[i] = lslot;
    }
    return out;
  }
}

/**
 * One tier's waiting tickets, a min-heap on (k1, k2, id) with keys in typed arrays. Entries made
 * stale by a move (the ticket's `qtoken` changed, or it left the queue) are dropped when they surface.
 */
class TierQueue {
  // Heap positions hold the keys and a slot; a slot holds the ticket and the token it was queued with.
  private k1 = new Float64Array(256);
  private k2 = new Float64Array(256);
  private ids = new Float64Array(256);
  private slotOf = new Int32Array(256);
  private tokens = new Float64Array(256);
  private tickets: (Ticket | undefined)[] = [];
  private free: number[] = [];
  private n = 0;

  private before(i: number, j: number): boolean {
    const a = this.k1[i]!;
    const b = this.k1[j]!;
    if (a !== b) return a < b;
    const c = this.k2[i]!;
    const d = this.k2[j]!;
    return c !== d ? c < d : this.ids[i]! < this.ids[j]!;
  }

  private move(from: number, to: number): void {
    this.k1[to] = this.k1[from]!;
    this.k2[to] = this.k2[from]!;
    this.ids[to] = this.ids[from]!;
    this.slotOf[to] = this.slotOf[from]!;
  }

  push(k1: number, k2: number, ticket: Ticket): void {
    if (this.n + 1 >= this.k1.length) {
      const grow = <T extends Float64Array | Int32Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      this.k1 = grow(this.k1);
      this.k2 = grow(this.k2);
      this.ids = grow(this.ids);
      this.slotOf = grow(this.slotOf);
    }
    const slot = this.free.length > 0 ? this.free.pop()! : this.tickets.length;
    if (slot >= this.tokens.length) {
      const t = new Float64Array(this.tokens.length * 2);
      t.set(this.tokens);
      this.tokens = t;
    }
    this.tickets[slot] = ticket;
    this.tokens[slot] = ticket.qtoken;
    // Sift up from a hole at the end, holding the new entry in the spare last index.
    const scratch = this.k1.length - 1;
    this.k1[scratch] = k1;
    this.k2[scratch] = k2;
    this.ids[scratch] = ticket.id;
    this.slotOf[scratch] = slot;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(scratch, p)) break;
      this.move(p, i);
      i = p;
    }
    this.move(scratch, i);
  }

  private live(i: number): Ticket | undefined {
    const slot = this.slotOf[i]!;
    const tk = this.tickets[slot]!;
    return tk.qtoken === this.tokens[slot] && tk.state === QUEUED ? tk : undefined;
  }

  /** The tickets still waiting (stale entries left out), for the end of a run. */
  waiting(): Ticket[] {
    const out: Ticket[] = [];
    for (let i = 0; i < this.n; i++) {
      const tk = this.live(i);
      if (tk) out.push(tk);
    }
    return out;
  }

  private dropStale(): void {
    while (this.n > 0 && !this.live(0)) this.popRaw();
  }

  peek(): Ticket | undefined {
    this.dropStale();
    return this.n > 0 ? this.tickets[this.slotOf[0]!] : undefined;
  }

  pop(): Ticket | undefined {
    this.dropStale();
    return this.n > 0 ? this.popRaw() : undefined;
  }

  private popRaw(): Ticket {
    const slot = this.slotOf[0]!;
    const top = this.tickets[slot]!;
    this.tickets[slot] = undefined;
    this.free.push(slot);
    const n = --this.n;
    if (n > 0) {
      // Sift the last entry down from the root, holding it in the spare last index.
      const scratch = this.k1.length - 1;
      this.move(n, scratch);
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.before(r, l) ? r : l;
        if (!this.before(c, scratch)) break;
        this.move(c, i);
        i = c;
      }
      this.move(scratch, i);
    }
    return top;
  }
}

function unhold(g: Group, tk: Ticket): void {
  const last = g.held.pop()!;
  if (last !== tk) {
    g.held[tk.heldAt] = last;
    last.heldAt = tk.heldAt;
  }
  tk.heldAt = -1;
}

/**
 * Runs one replication of a load against a contract. Deterministic: the same inputs give the same
 * calls to `hooks`, in the same order.
 */
export function runEngine(runtime: RuntimeContract, load: Load, hooks: EngineHooks): { counts: EngineCounts; horizon: number } {
  const evaluator = new TicketEvaluator(runtime);
  const loadRandom = new Random(load.seed, 0);
  const agenda = new Agenda();
  const horizon = load.to + DRAIN_MS;
  const rank = new Map(load.priorities.map((p, i) => [p, i]));
  const groups: Group[] = load.staff.map((g) => ({ count: g.count, calendar: g.calendar, tier: g.tier, onShift: false, busy: 0, held: [] }));
  const tierGroups = load.tiers.map((_, tier) => groups.map((g, i) => (g.tier === tier ? i : -1)).filter((i) => i >= 0));
  const queues = load.tiers.map(() => new TierQueue());
  const tierOfContact = new Map(load.tiers.map((name, i) => [name, i]).filter(([, i]) => i !== 0) as [string, number][]);
  const tierSteps = tierStepMap(runtime, tierOfContact);
  const { discipline, preemptive } = load.queue;
  const counts: EngineCounts = { filed: 0, resolved: 0, open: 0, waited: 0, reopened: 0, reclassified: 0, handovers: 0, preemptions: 0, escalatedToTier: 0, events: 0 };
  let queued = 0;
  let inService = 0;
  /** Tickets filed and not yet finished. */
  let live = 0;

  const push = (tk: Ticket, event: EventInput['event'], t: number, priority?: string) => {
    tk.events.push(priority === undefined ? { event, at: t } : { event, at: t, priority });
    const bit = BIT[event];
    tk.mask |= bit;
    tk.times.push(t);
    tk.bits.push(bit);
    counts.events++;
  };

  // ---- the queue
  const key1 = (tk: Ticket): number => {
    if (discipline === 'priority') return tk.rank;
    if (discipline === 'fifo') return 0;
    const o = evaluator.evaluate({ priority: tk.firstPriority, ...(tk.plan !== undefined ? { plan: tk.plan } : {}), filed: tk.filed, events: tk.events });
    let due = Infinity;
    for (const c of o.clocks) if (c.state === 'running' && c.due !== undefined && c.due < due) due = c.due;
    return due;
  };
  const enqueue = (tk: Ticket) => {
    tk.state = QUEUED;
    tk.qtoken++;
    queued++;
    queues[tk.tier]!.push(key1(tk), tk.filed, tk);
  };

  // ---- service
  const scheduleMilestone = (tk: Ticket, t: number) => {
    const next = !tk.replied ? t + tk.reply : tk.waitAt >= 0 ? t + (tk.work - tk.waitAt) : t + tk.work;
    agenda.push(next, MILESTONE, tk, tk.token);
  };
  const assign = (tk: Ticket, gi: number, t: number) => {
    const g = groups[gi]!;
    g.busy++;
    tk.heldAt = g.held.push(tk) - 1;
    tk.state = SERVING;
    tk.group = gi;
    tk.since = t;
    tk.token++;
    queued--;
    inService++;
    scheduleMilestone(tk, t);
  };
  /** Takes a ticket from its agent, keeping the time it still needs. */
  const release = (tk: Ticket, t: number) => {
    const g = groups[tk.group]!;
    const spent = t - tk.since;
    if (!tk.replied) tk.reply = Math.max(0, tk.reply - spent);
    else tk.work = Math.max(0, tk.work - spent);
    g.busy--;
    unhold(g, tk);
    tk.group = -1;
    tk.token++;
    inService--;
  };
  const canPreempt = preemptive && discipline === 'priority';
  const dispatch = (t: number) => {
    for (let tier = 0; tier < queues.length; tier++) {
      const q = queues[tier]!;
      const gs = tierGroups[tier]!;
      if (!canPreempt) {
        let anyFree = false;
        for (let k = 0; k < gs.length; k++) {
          const g = groups[gs[k]!]!;
          if (g.onShift && g.busy < g.count) {
            anyFree = true;
            break;
          }
        }
        if (!anyFree) continue;
      }
      for (;;) {
        const next = q.peek();
        if (!next) break;
        let free = -1;
        for (const gi of gs) {
          const g = groups[gi]!;
          if (g.onShift && g.busy < g.count) {
            free = gi;
            break;
          }
        }
        if (free < 0 && canPreempt) {
          let victim: Ticket | undefined;
          for (const gi of gs) {
            const g = groups[gi]!;
            if (!g.onShift) continue;
            for (const h of g.held) {
              if (h.rank > next.rank && (!victim || h.rank > victim.rank || (h.rank === victim.rank && (h.filed > victim.filed || (h.filed === victim.filed && h.id > victim.id))))) victim = h;
            }
          }
          if (victim) {
            free = victim.group;
            release(victim, t);
            enqueue(victim);
            counts.preemptions++;
          }
        }
        if (free < 0) break;
        assign(q.pop()!, free, t);
      }
    }
  };

  // ---- escalation to staff tiers
  const touched = (tk: Ticket, t: number) => {
    tk.version++;
    if (tierSteps.size === 0) return;
    const o = evaluator.evaluate({ priority: tk.firstPriority, ...(tk.plan !== undefined ? { plan: tk.plan } : {}), filed: tk.filed, events: tk.events });
    for (const f of o.escalations) {
      const tier = tierSteps.get(f.step);
      if (tier === undefined || tk.handed?.includes(f.step)) continue;
      agenda.push(Math.max(t, f.time), ESCALATE, tk, tk.version, f.step);
    }
  };
  const moveToTier = (tk: Ticket, tier: number, t: number) => {
    if (tk.tier === tier) return;
    counts.escalatedToTier++;
    if (tk.state === SERVING) {
      release(tk, t);
      tk.tier = tier;
      enqueue(tk);
    } else if (tk.state === QUEUED) {
      queued--;
      tk.tier = tier;
      enqueue(tk);
    } else tk.tier = tier;
  };

  const finish = (tk: Ticket) => {
    tk.state = DONE;
    live--;
    const ticket: SimTicket = tk.plan !== undefined ? { id: tk.id, priority: tk.firstPriority, plan: tk.plan, filed: tk.filed, events: tk.events } : { id: tk.id, priority: tk.firstPriority, filed: tk.filed, events: tk.events };
    hooks.onTicket(ticket, evaluator.evaluateOrdered(ticket, tk.mask, tk.times, tk.bits));
  };

  // ---- arrivals: a Poisson process thinned by the windows' factors
  let clock = load.from;
  const nextArrival = () => {
    for (;;) {
      clock += loadRandom.exponential(load.baseRate * load.maxFactor);
      if (clock >= load.to) return;
      let f = 1;
      for (const w of load.windows) if (w.calendar.isOpen(clock)) f *= w.factor;
      if (loadRandom.next() * load.maxFactor < f) {
        agenda.push(Math.min(load.to - 1, Math.ceil(clock / 1000) * 1000), ARRIVAL, undefined);
        return;
      }
    }
  };
  /** A ticket as the queue sees it, from its draws (scripted or random). */
  const newTicket = (x: ScriptedTicket, id: number, filed: number): Ticket => ({
    id,
    filed,
    plan: x.plan,
    firstPriority: x.priority,
    priority: x.priority,
    rank: rank.get(x.priority)!,
    reply: x.reply ?? 0,
    replied: false,
    work: x.work,
    waitAt: x.waitFor !== undefined ? x.work / 2 : -1,
    waitFor: x.waitFor ?? 0,
    reclassTo: x.reclassTo,
    reopenAfter: x.reopenAfter ?? -1,
    reopenWork: x.reopenWork ?? x.work,
    tier: 0,
    state: QUEUED,
    group: -1,
    since: 0,
    token: 0,
    qtoken: 0,
    version: 0,
    handed: undefined,
    events: [],
    mask: 0,
    times: [],
    bits: [],
    heldAt: -1,
  });
  /** A ticket's draws, in the documented order; every draw is taken even when unused, so the load never shifts. */
  const draw = (): ScriptedTicket => {
    const r = loadRandom;
    let plan: string | undefined;
    const u = r.next();
    if (load.plans) {
      let acc = 0;
      plan = load.plans[load.plans.length - 1]!.name;
      for (const p of load.plans) if (u * 100 < (acc += p.share)) {
        plan = p.name;
        break;
      }
    }
    const mix = load.mix.get(plan ?? '')!;
    const v = r.next();
    let priority = mix[mix.length - 1]!.priority;
    for (const m of mix) if (v < m.upTo) {
      priority = m.priority;
      break;
    }
    const replySampler = load.reply.get(priority);
    const reply = replySampler ? replySampler(r) : (r.next(), 0);
    const workSampler = load.work.get(priority);
    const work = workSampler ? workSampler(r) : (r.next(), 0);
    const waits = r.chance(load.waits?.percent ?? 0);
    const waitFor = load.waits ? load.waits.time(r) : 0;
    const w = r.next() * 100;
    const at = rank.get(priority)!;
    const reclassTo = w < load.reclassify.up ? load.priorities[at - 1] : w < load.reclassify.up + load.reclassify.down ? load.priorities[at + 1] : undefined;
    const reopens = r.chance(load.reopens?.percent ?? 0);
    const reopenAfter = load.reopens ? load.reopens.after(r) : 0;
    const reopenWork = workSampler ? workSampler(r) : (r.next(), 0);
    // One object shape for every ticket (no conditional spreads): this runs a million times.
    return { at: 0, priority, plan, reply, work, waitFor: waits ? waitFor : undefined, reclassTo, reopenAfter: reopens ? reopenAfter : undefined, reopenWork };
  };

  // ---- start: shifts, samples, the first arrival
  groups.forEach((g, gi) => {
    if (g.count === 0) return;
    if (g.calendar.isOpen(load.from)) {
      g.onShift = true;
      const close = g.calendar.nextClosing(load.from, horizon);
      if (close < horizon) agenda.push(close, SHIFT, undefined, gi);
    } else {
      const open = g.calendar.nextOpening(load.from);
      if (open < horizon) agenda.push(open, SHIFT, undefined, gi);
    }
  });
  const sampleEvery = load.to - load.from > 366 * DAY_MS ? DAY_MS : HOUR_MS;
  if (hooks.onSample) agenda.push(load.from, SAMPLE, undefined);
  if (load.script) load.script.forEach((x, i) => agenda.push(x.at, ARRIVAL, undefined, 0, i));
  else nextArrival();

  let beyond: Ticket | undefined;
  for (;;) {
    const ev = agenda.pop();
    if (!ev) break;
    if (ev.t > horizon) {
      beyond = ev.ticket;
      break;
    }
    const ea = ev.a;
    const eb = ev.b;
    const t = ev.t;
    const tk = ev.ticket;
    const kind = ev.kind;
    switch (kind) {
      case ARRIVAL: {
        const id = ++counts.filed;
        const ticket = newTicket(load.script ? load.script[eb]! : draw(), id, t);
        live++;
        push(ticket, 'filed', t);
        enqueue(ticket);
        touched(ticket, t);
        if (hooks.onProgress && counts.filed % 10_000 === 0) hooks.onProgress(counts.filed);
        if (!load.script) nextArrival();
        break;
      }
      case MILESTONE: {
        if (!tk || tk.state !== SERVING || tk.token !== ea) continue;
        if (!tk.replied) {
          tk.replied = true;
          tk.reply = 0;
          push(tk, 'first_reply', t);
          push(tk, 'confirmed', t);
          if (tk.reclassTo !== undefined) {
            tk.priority = tk.reclassTo;
            tk.rank = rank.get(tk.priority)!;
            push(tk, 'reclassified', t, tk.priority);
            counts.reclassified++;
            tk.reclassTo = undefined;
          }
          tk.since = t;
          scheduleMilestone(tk, t);
          touched(tk, t);
          continue;
        }
        const g = groups[tk.group]!;
        tk.work = tk.waitAt >= 0 ? tk.waitAt : 0;
        tk.since = t;
        g.busy--;
        unhold(g, tk);
        tk.group = -1;
        tk.token++;
        inService--;
        if (tk.waitAt >= 0) {
          tk.waitAt = -1;
          tk.state = WAITING;
          counts.waited++;
          push(tk, 'awaiting_customer', t);
          agenda.push(t + tk.waitFor, CUSTOMER, tk);
        } else {
          tk.state = RESOLVED;
          push(tk, 'resolved', t);
          counts.resolved++;
          if (tk.reopenAfter >= 0) {
            agenda.push(t + tk.reopenAfter, REOPEN, tk);
            tk.reopenAfter = -1;
          } else finish(tk);
        }
        if (tk.state !== DONE) touched(tk, t);
        break;
      }
      case CUSTOMER:
        if (!tk || tk.state !== WAITING) continue;
        push(tk, 'customer_replied', t);
        enqueue(tk);
        touched(tk, t);
        break;
      case REOPEN:
        if (!tk || tk.state !== RESOLVED) continue;
        counts.reopened++;
        counts.resolved--;
        push(tk, 'reopened', t);
        tk.work = tk.reopenWork;
        enqueue(tk);
        touched(tk, t);
        break;
      case SHIFT: {
        const g = groups[ea]!;
        if (g.calendar.isOpen(t)) {
          g.onShift = true;
          const close = g.calendar.nextClosing(t, horizon);
          if (close < horizon) agenda.push(close, SHIFT, undefined, ea);
        } else {
          g.onShift = false;
          for (const h of [...g.held].sort((a, b) => a.id - b.id)) {
            release(h, t);
            enqueue(h);
            counts.handovers++;
          }
          const open = g.calendar.nextOpening(t);
          if (open < horizon) agenda.push(open, SHIFT, undefined, ea);
        }
        break;
      }
      case ESCALATE: {
        if (!tk || tk.version !== ea || tk.state === DONE || tk.state === RESOLVED) continue;
        (tk.handed ??= []).push(eb);
        moveToTier(tk, tierSteps.get(eb)!, t);
        break;
      }
      case SAMPLE:
        hooks.onSample?.(t, queued, inService);
        if (t + sampleEvery <= horizon && (t + sampleEvery < load.to || live > 0)) agenda.push(t + sampleEvery, SAMPLE, undefined);
        continue;
    }
    dispatch(t);
  }
  // Whatever is still open at the end is reported as it stands: it is queued, held by an agent, or
  // waited for by a pending event (the one past the horizon included).
  const open = new Set<Ticket>([...queues.flatMap((q) => q.waiting()), ...groups.flatMap((g) => g.held), ...agenda.pending(), ...(beyond ? [beyond] : [])]);
  for (const tk of [...open].filter((x) => x.state !== DONE).sort((a, b) => a.id - b.id)) {
    counts.open++;
    finish(tk);
  }
  return { counts, horizon };
}

/** Escalation steps (by `EscalationFiring.step` index) that hand tickets to a staff tier. */
function tierStepMap(runtime: RuntimeContract, tierOfContact: ReadonlyMap<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  let index = 0;
  for (const esc of runtime.model.escalations) {
    for (const step of esc.steps) {
      const tier = step.notify.map((n) => tierOfContact.get(n.value)).find((x) => x !== undefined);
      if (tier !== undefined) out.set(index, tier);
      index++;
    }
  }
  return out;
}
