/**
 * The queue and the lifecycle on tiny scenarios whose timelines are worked out by hand below:
 * scripted tickets (every draw written out), two agents, a handful of tickets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/index.js';
import { runEngine, type SimTicket } from '../../src/simulate/engine.js';
import { compileLoad, type ScriptedTicket } from '../../src/simulate/load.js';
import { compileContract } from '../../src/time/contract.js';

const CONTRACT = `
calendar always { zone "UTC" hours mon-sun 00:00-24:00 }
calendar business { zone "UTC" hours mon-fri 09:00-17:00 }
clock response { starts filed stops first_reply }
clock resolution { starts confirmed pauses awaiting_customer resumes customer_replied stops resolved }
priority P0 { response 15m on always resolution 1h on always }
priority P1 { response 1h on always resolution 4h on always }
priority P2 { response 4h on business resolution 8h on business }
escalation for P1 { at 50% of resolution notify "L2" }
contact "L2" on always
`;

const MON = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const at = (hhmm: string, day = 0) => MON + day * 86_400_000 + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;
const min = (m: number) => m * 60_000;
const show = (t: number) => new Date(t).toISOString().slice(5, 16).replace('T', ' ');

function run(scenario: string, script: readonly ScriptedTicket[]) {
  const { model, diagnostics } = analyze(`${CONTRACT}\nscenario "t" {\n  period 2026-03-02 to 2026-03-06\n  arrivals 1 daily\n  ${scenario}\n  work P0 1h..1h, P1 1h..1h, P2 1h..1h\n}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const runtime = compileContract(model);
  const load = { ...compileLoad(runtime, model.scenarios[0]!), script };
  const tickets: SimTicket[] = [];
  const { counts } = runEngine(runtime, load, { onTicket: (t) => void tickets.push(t) });
  const log = tickets
    .sort((a, b) => a.id - b.id)
    .map((t) => `T${t.id} ${t.priority}: ${t.events.map((e) => `${e.event}${e.priority ? `:${e.priority}` : ''}@${show(e.at)}`).join(' ')}`);
  return { log, counts };
}

const FIVE: ScriptedTicket[] = [
  { at: at('10:00'), priority: 'P2', work: min(60) },
  { at: at('10:00'), priority: 'P2', work: min(60) },
  { at: at('10:10'), priority: 'P0', work: min(30) },
  { at: at('10:20'), priority: 'P1', work: min(60) },
  { at: at('10:30'), priority: 'P2', work: min(60) },
];

describe('two agents, five tickets', () => {
  it('strict priority, not preemptive: an agent finishes what it holds', () => {
    // 10:00 T1 and T2 go to the two agents. T3 (P0), T4 (P1), T5 (P2) wait.
    // 11:00 both finish; T3 goes first (most urgent), then T4. 11:30 T3 done; T5 starts.
    const { log } = run('staff 2 on always', FIVE);
    expect(log).toEqual([
      'T1 P2: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 resolved@03-02 11:00',
      'T2 P2: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 resolved@03-02 11:00',
      'T3 P0: filed@03-02 10:10 first_reply@03-02 11:00 confirmed@03-02 11:00 resolved@03-02 11:30',
      'T4 P1: filed@03-02 10:20 first_reply@03-02 11:00 confirmed@03-02 11:00 resolved@03-02 12:00',
      'T5 P2: filed@03-02 10:30 first_reply@03-02 11:30 confirmed@03-02 11:30 resolved@03-02 12:30',
    ]);
  });

  it('preemptive: an urgent ticket takes the agent holding the least urgent one', () => {
    // 10:10 T3 (P0) displaces T2 (P2, filed with T1 but later id) with 50m left.
    // 10:20 T4 (P1) displaces T1 (P2) with 40m left. 10:40 T3 done: T1 (filed first) resumes, done 11:20.
    // 11:20 T4 done (scheduled before T1's end): T2 resumes, done 12:10; then T1 done: T5, done 12:20.
    const { log, counts } = run('staff 2 on always\n  queue priority preemptive', FIVE);
    expect(log).toEqual([
      'T1 P2: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 resolved@03-02 11:20',
      'T2 P2: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 resolved@03-02 12:10',
      'T3 P0: filed@03-02 10:10 first_reply@03-02 10:10 confirmed@03-02 10:10 resolved@03-02 10:40',
      'T4 P1: filed@03-02 10:20 first_reply@03-02 10:20 confirmed@03-02 10:20 resolved@03-02 11:20',
      'T5 P2: filed@03-02 10:30 first_reply@03-02 11:20 confirmed@03-02 11:20 resolved@03-02 12:20',
    ]);
    expect(counts.preemptions).toBe(2);
  });

  it('fifo: the ticket filed first, whatever its priority', () => {
    const { log } = run('staff 2 on always\n  queue fifo', FIVE);
    expect(log[2]).toBe('T3 P0: filed@03-02 10:10 first_reply@03-02 11:00 confirmed@03-02 11:00 resolved@03-02 11:30');
    expect(log[3]).toBe('T4 P1: filed@03-02 10:20 first_reply@03-02 11:00 confirmed@03-02 11:00 resolved@03-02 12:00');
  });

  it('deadline: the ticket whose deadline comes first, which need not be the most urgent', () => {
    // T1 holds the only agent until 12:45. T2 (P2, 4 business hours from 09:10: due 13:10) and
    // T3 (P1, 1h from 12:30: due 13:30) wait. By deadline T2 goes first; by priority T3 would.
    const three: ScriptedTicket[] = [
      { at: at('09:00'), priority: 'P2', work: min(225) },
      { at: at('09:10'), priority: 'P2', work: min(30) },
      { at: at('12:30'), priority: 'P1', work: min(30) },
    ];
    const firstReplies = (log: string[]) => log.map((l) => `${l.split(' ')[0]} ${/first_reply@(\S+ \S+)/.exec(l)![1]}`);
    expect(firstReplies(run('staff 1 on always\n  queue deadline', three).log)).toEqual(['T1 03-02 09:00', 'T2 03-02 12:45', 'T3 03-02 13:15']);
    expect(firstReplies(run('staff 1 on always', three).log)).toEqual(['T1 03-02 09:00', 'T2 03-02 13:15', 'T3 03-02 12:45']);
  });
});

describe('the life of a ticket', () => {
  it('a shift ends: the agent hands the ticket back and it is picked up at the next opening', () => {
    const { log, counts } = run('staff 1 on business', [{ at: at('16:00'), priority: 'P2', work: min(120) }]);
    expect(log).toEqual(['T1 P2: filed@03-02 16:00 first_reply@03-02 16:00 confirmed@03-02 16:00 resolved@03-03 10:00']);
    expect(counts.handovers).toBe(1);
  });

  it('waiting on the customer frees the agent halfway through the work', () => {
    const { log } = run('staff 1 on always', [
      { at: at('10:00'), priority: 'P2', work: min(120), waitFor: min(180) },
      { at: at('10:30'), priority: 'P2', work: min(30) },
    ]);
    expect(log).toEqual([
      'T1 P2: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 awaiting_customer@03-02 11:00 customer_replied@03-02 14:00 resolved@03-02 15:00',
      'T2 P2: filed@03-02 10:30 first_reply@03-02 11:00 confirmed@03-02 11:00 resolved@03-02 11:30',
    ]);
  });

  it('reply time, reclassification at the first reply, reopening', () => {
    const { log } = run('staff 1 on always', [{ at: at('10:00'), priority: 'P2', reply: min(15), work: min(45), reclassTo: 'P1', reopenAfter: min(60), reopenWork: min(30) }]);
    expect(log).toEqual([
      'T1 P2: filed@03-02 10:00 first_reply@03-02 10:15 confirmed@03-02 10:15 reclassified:P1@03-02 10:15 resolved@03-02 11:00 reopened@03-02 12:00 resolved@03-02 12:30',
    ]);
  });

  it('an escalation step that notifies a staff tier hands the ticket to it', () => {
    // P1 resolution 4h from 10:00: the 50% step fires at 12:00 and hands the rest (3h) to "L2".
    const { log, counts } = run('staff 1 on always, 1 "L2" on always', [
      { at: at('10:00'), priority: 'P1', work: min(300) },
      { at: at('12:30'), priority: 'P2', work: min(30) },
    ]);
    expect(log).toEqual([
      'T1 P1: filed@03-02 10:00 first_reply@03-02 10:00 confirmed@03-02 10:00 resolved@03-02 15:00',
      'T2 P2: filed@03-02 12:30 first_reply@03-02 12:30 confirmed@03-02 12:30 resolved@03-02 13:00',
    ]);
    expect(counts.escalatedToTier).toBe(1);
  });
});

describe('a first reply without an event of its own', () => {
  // Without preemption or staff tiers the engine takes a held ticket's first reply when its
  // milestone fires or its agent lets it go (a handover at the end of a shift), not at an event
  // of its own. Every ticket's events and every count must be what the event-per-reply engine
  // gives. Times are drawn to the fraction of a millisecond, so no two events tie (the order of
  // events at one instant is the order they were scheduled, which the shortcut may change).
  it('gives every ticket the same events as an event per reply, through handovers and the end of the run', () => {
    const { model } = analyze(`${CONTRACT}\nscenario "t" {\n  period 2026-03-02 to 2026-03-06\n  arrivals 1 daily\n  staff 1 on business, 1 on always\n  work P0 1h..1h, P1 1h..1h, P2 1h..1h\n}`);
    const runtime = compileContract(model);
    const base = compileLoad(runtime, model.scenarios[0]!);
    const frac = (max: number) => fc.double({ min: 1, max, noNaN: true });
    const ticket = fc.record({
      at: fc.double({ min: 0, max: 5 * 86_400_000 - 1, noNaN: true }),
      priority: fc.constantFrom('P0', 'P1', 'P2'),
      reply: frac(min(600)),
      work: fc.oneof(frac(min(600)), frac(200 * 86_400_000)),
      waitFor: fc.option(frac(min(3000)), { nil: undefined }),
      reclassTo: fc.option(fc.constantFrom('P0', 'P2'), { nil: undefined }),
      reopenAfter: fc.option(frac(min(3000)), { nil: undefined }),
    });
    let handovers = 0;
    let openAtEnd = 0;
    fc.assert(
      fc.property(fc.array(ticket, { minLength: 1, maxLength: 12 }), (drawn) => {
        const script = drawn.map((x) => ({ ...x, at: MON + x.at })).sort((a, b) => a.at - b.at);
        const load = { ...base, script };
        const logOf = (replyEvents: boolean) => {
          const tickets: SimTicket[] = [];
          const { counts } = runEngine(runtime, load, { onTicket: (t) => void tickets.push(t) }, { replyEvents });
          return { tickets: tickets.sort((a, b) => a.id - b.id), counts };
        };
        const quiet = logOf(false);
        expect(quiet).toEqual(logOf(true));
        handovers += quiet.counts.handovers;
        openAtEnd += quiet.counts.open;
      }),
      { numRuns: 300 },
    );
    // The runs went through the paths that take a reply late: handovers and tickets open at the end.
    expect(handovers).toBeGreaterThan(0);
    expect(openAtEnd).toBeGreaterThan(0);
  });
});
