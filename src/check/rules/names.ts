/**
 * Names: every reference resolves (with "did you mean" fixes), nothing is declared twice, and
 * blocks hold the statements they need, once each.
 */
import type * as A from '../../ast/nodes.js';
import type { Code } from '../../diagnostics/catalog.js';
import { rule, type CheckContext, type Rule } from '../checker.js';
import { TICKET_EVENTS } from '../model.js';
import { didYouMean, unknownNameHelp } from '../suggest.js';

interface Declared {
  has(name: string): boolean;
  list(): readonly string[];
}
const isList = (d: readonly string[] | Declared): d is readonly string[] => Array.isArray(d);

/**
 * Reports `name` if it is not among `declared`, with a fix when a close match exists. `declared` is
 * a set, or a function listing the names: the list is built only for an unknown name (issue 14:
 * copying every declared name for each reference was quadratic in a large contract).
 */
function resolve(ctx: CheckContext, code: Code, what: string, name: A.Name, declared: readonly string[] | Declared): boolean {
  const known = isList(declared) ? declared.includes(name.text) : declared.has(name.text);
  if (known) return true;
  const list = isList(declared) ? declared : declared.list();
  const guess = didYouMean(name.text, list);
  ctx.report(code, `unknown ${what} \`${name.text}\``, name.range, {
    help: unknownNameHelp(name.text, list, what),
    ...(guess ? { fix: { title: `replace with \`${guess}\``, edits: [{ range: name.range, newText: guess }] } } : {}),
  });
  return false;
}

const names = (map: ReadonlyMap<string, unknown>): Declared => ({ has: (n: string) => map.has(n), list: () => [...map.keys()] });

export const refCalendar = (ctx: CheckContext, name: A.Name) => resolve(ctx, 'PLG2001', 'calendar', name, names(ctx.model.calendars));
export const refClock = (ctx: CheckContext, name: A.Name) => resolve(ctx, 'PLG2002', 'clock', name, names(ctx.model.clocks));
export const refPriority = (ctx: CheckContext, name: A.Name) => resolve(ctx, 'PLG2003', 'priority', name, names(ctx.model.priorityByName));

const references = [
  rule({ kind: 'Target', codes: ['PLG2001', 'PLG2002'], speed: 'fast', run: (n, ctx) => { refClock(ctx, n.clock); refCalendar(ctx, n.calendar); } }),
  rule({ kind: 'Update', codes: ['PLG2001'], speed: 'fast', run: (n, ctx) => void refCalendar(ctx, n.calendar) }),
  rule({ kind: 'Contact', codes: ['PLG2001'], speed: 'fast', run: (n, ctx) => void refCalendar(ctx, n.calendar) }),
  rule({ kind: 'Maintenance', codes: ['PLG2001'], speed: 'fast', run: (n, ctx) => void refCalendar(ctx, n.calendar) }),
  rule({ kind: 'StaffGroup', codes: ['PLG2001'], speed: 'fast', run: (n, ctx) => void refCalendar(ctx, n.calendar) }),
  rule({ kind: 'EscalationStep', codes: ['PLG2002'], speed: 'fast', run: (n, ctx) => void refClock(ctx, n.clock) }),
  rule({ kind: 'Escalation', codes: ['PLG2003'], speed: 'fast', run: (n, ctx) => n.priorities.forEach((p) => refPriority(ctx, p)) }),
  rule({
    kind: 'BreachCredit',
    codes: ['PLG2002', 'PLG2003'],
    speed: 'fast',
    // `per breach of P1 update`: the `update every` promise, not a clock (PLG2172 checks the priority has one).
    run: (n, ctx) => {
      refPriority(ctx, n.priority);
      if (n.clock.text !== 'update') refClock(ctx, n.clock);
    },
  }),
  rule({
    kind: 'Within',
    codes: ['PLG2002', 'PLG2003', 'PLG2005', 'PLG2064'],
    speed: 'fast',
    run: (n, ctx) => {
      n.priorities.forEach((p) => refPriority(ctx, p));
      refClock(ctx, n.clock);
      n.under.forEach((e) => resolve(ctx, 'PLG2005', 'event', e, TICKET_EVENTS.filter((x) => x !== 'filed') as string[]));
      if ((n.under.length > 0 || n.excludingPauses) && !n.wall) {
        ctx.report('PLG2064', 'searching event sequences and leaving out pauses measure real time: this bound needs `wall`', n.bound.range, {
          help: `write \`within ${n.bound.text} wall\``,
          fix: { title: 'add `wall`', edits: [{ range: { start: n.bound.range.end, end: n.bound.range.end }, newText: ' wall' }] },
        });
      }
    },
  }),
  rule({ kind: 'MixShare', codes: ['PLG2003'], speed: 'fast', run: (n, ctx) => void refPriority(ctx, n.priority) }),
  rule({ kind: 'PlanShare', codes: ['PLG2004'], speed: 'fast', run: (n, ctx) => void resolve(ctx, 'PLG2004', 'plan', n.plan, names(ctx.model.plans)) }),
  rule({ kind: 'WorkRange', codes: ['PLG2003'], speed: 'fast', run: (n, ctx) => void refPriority(ctx, n.priority) }),
  rule({ kind: 'Covers', codes: ['PLG2003'], speed: 'fast', run: (n, ctx) => n.priorities.forEach((p) => refPriority(ctx, p)) }),
  rule({ kind: 'PriorityOverride', codes: ['PLG2003'], speed: 'fast', run: (n, ctx) => void refPriority(ctx, n.name) }),
  rule({
    kind: 'Plan',
    codes: ['PLG2004'],
    speed: 'fast',
    run: (n, ctx) => {
      if (n.parent) resolve(ctx, 'PLG2004', 'plan', n.parent, names(ctx.model.plans));
    },
  }),
  rule({
    kind: 'ClockRule',
    codes: ['PLG2005'],
    speed: 'fast',
    run: (n, ctx) => n.events.forEach((e) => resolve(ctx, 'PLG2005', 'event', e, TICKET_EVENTS as unknown as string[])),
  }),
];

/** Named declarations: a second one with the same name is an error pointing at the first. */
const duplicates = rule({
  kind: 'Contract',
  codes: ['PLG2006', 'PLG2007'],
  speed: 'fast',
  run: (contract, ctx) => {
    const seen = new Map<string, A.Range>();
    const singletons = new Map<string, A.Range>();
    for (const d of contract.declarations) {
      let key: string | undefined;
      let label = '';
      let range: A.Range = d.range;
      switch (d.kind) {
        case 'Calendar':
        case 'Clock':
        case 'Priority':
        case 'Plan':
          key = `${d.kind}:${d.name.text}`;
          label = `${d.kind.toLowerCase()} \`${d.name.text}\``;
          range = d.name.range;
          break;
        case 'Contact':
          key = `Contact:${d.name.value}`;
          label = `contact "${d.name.value}"`;
          range = d.name.range;
          break;
        case 'Assert':
        case 'Scenario':
          key = `${d.kind}:${d.title.value}`;
          label = `${d.kind.toLowerCase()} "${d.title.value}"`;
          range = d.title.range;
          break;
        case 'Sla':
        case 'Reclassify':
        case 'Availability':
        case 'Credits': {
          const first = singletons.get(d.kind);
          if (first) {
            ctx.report('PLG2007', `a second \`${d.kind.toLowerCase()}\` declaration`, d.range, {
              related: [{ message: 'the first one is here', range: first }],
              help: 'a contract has one of these; merge them',
            });
          } else singletons.set(d.kind, d.range);
          break;
        }
        case 'Escalation':
          break;
      }
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first) {
        ctx.report('PLG2006', `${label} is already declared`, range, {
          related: [{ message: 'first declared here', range: first }],
          help: 'rename one of them, or merge them',
        });
      } else seen.set(key, range);
    }
  },
});

/** Statements that may appear once in a block, keyed by a name for the message. */
function onceKey(stmt: A.Node): string | undefined {
  switch (stmt.kind) {
    case 'Party':
      return stmt.role;
    case 'Term':
    case 'Fee':
    case 'Zone':
    case 'Means':
    case 'Update':
    case 'Claim':
    case 'Period':
    case 'Arrivals':
    case 'Mix':
    case 'Staff':
    case 'Work':
    case 'Reply':
    case 'PlanMix':
    case 'Queue':
    case 'Waits':
    case 'Reopens':
    case 'Reclass':
    case 'Seed':
    case 'Covers':
      return stmt.kind.toLowerCase();
    case 'Target':
      return `${stmt.clock.text} target`;
    case 'PriorityOverride':
      return `priority ${stmt.name.text} override`;
    default:
      return undefined;
  }
}

function checkOnce(body: readonly A.Node[], ctx: CheckContext): void {
  const seen = new Map<string, A.Range>();
  for (const stmt of body) {
    const key = onceKey(stmt);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first) {
      ctx.report('PLG2007', `a second ${key} statement; the first one is used`, stmt.range, {
        related: [{ message: 'the first one is here', range: first }],
        help: 'remove one of them',
        fix: { title: 'remove this statement', edits: [{ range: stmt.range, newText: '' }] },
      });
    } else seen.set(key, stmt.range);
  }
}

const onceEach: Rule[] = (['Sla', 'Calendar', 'Priority', 'PriorityOverride', 'Credits', 'Scenario', 'Plan'] as const).map((kind) =>
  rule({ kind, codes: ['PLG2007'], speed: 'fast', run: (n: { body: readonly A.Node[] }, ctx) => checkOnce(n.body, ctx) } as Rule),
);

const required = [
  rule({
    kind: 'Calendar',
    codes: ['PLG2008'],
    speed: 'fast',
    run: (n, ctx) => {
      if (!n.body.some((s) => s.kind === 'Zone')) {
        ctx.report('PLG2008', `calendar \`${n.name.text}\` has no zone`, n.name.range, {
          help: 'add a line such as `zone "Asia/Shanghai"`: opening hours mean nothing without a time zone',
        });
      }
    },
  }),
  rule({
    kind: 'Sla',
    codes: ['PLG2008'],
    speed: 'fast',
    run: (n, ctx) => {
      if (!n.body.some((s) => s.kind === 'Term')) {
        ctx.report('PLG2008', 'the `sla` block has no term', n.title.range, { help: 'add `term 2026-01-01 to 2026-12-31`' });
      }
    },
  }),
  rule({
    kind: 'Contract',
    codes: ['PLG2063', 'PLG2090'],
    speed: 'fast',
    run: (n, ctx) => {
      // Nothing promised at all: "no problems" would read as approval of an empty page.
      if (!ctx.model.sla && ctx.model.priorities.length === 0) {
        ctx.report('PLG2090', n.declarations.length === 0 ? 'the file declares nothing: a contract needs an `sla` block or a priority' : 'the contract has no `sla` block and no priorities: it promises nothing', n.declarations[0]?.range ?? n.range, {
          help: 'a contract needs at least `sla "title" { … term … }` or a `priority P1 { response 4h on business }` with its calendar and clock; `pledge init` writes a starter',
        });
        return;
      }
      if (!ctx.model.sla && n.declarations.length > 0) {
        ctx.report('PLG2063', 'the contract has no `sla` block', n.declarations[0]!.range, {
          help: 'add `sla "title" { provider … customer … term … fee … }` so the term and the fee are known',
        });
      }
    },
  }),
  rule({
    kind: 'Contract',
    codes: ['PLG2009'],
    speed: 'fast',
    run: (_n, ctx) => {
      // Each plan is walked once (issue 14: walking every plan's whole chain with a list search was
      // cubic, 30 s for 4,000 plans each extending the one before). A cycle is reported at its
      // member declared first, the chain read from there.
      const order = new Map([...ctx.model.plans.keys()].map((name, i) => [name, i]));
      const done = new Set<string>();
      for (const plan of ctx.model.plans.values()) {
        const at = new Map<string, number>();
        const chain: string[] = [];
        let cur: string | undefined = plan.name;
        while (cur !== undefined && !done.has(cur) && !at.has(cur) && ctx.model.plans.has(cur)) {
          at.set(cur, chain.length);
          chain.push(cur);
          cur = ctx.model.plans.get(cur)?.decl.parent?.text;
        }
        for (const c of chain) done.add(c);
        if (cur === undefined || !at.has(cur)) continue;
        const cycle = chain.slice(at.get(cur));
        const first = cycle.reduce((a, b) => (order.get(b)! < order.get(a)! ? b : a));
        const from = cycle.indexOf(first);
        const ring = [...cycle.slice(from), ...cycle.slice(0, from)];
        const decl = ctx.model.plans.get(first)!.decl;
        ctx.report('PLG2009', `plan \`${first}\` extends itself through ${ring.map((c) => `\`${c}\``).join(' → ')} → \`${first}\``, decl.name.range, {
          help: 'remove one `extends` to break the cycle',
        });
      }
    },
  }),
];

export const NAME_RULES: readonly Rule[] = [...(references as Rule[]), duplicates as Rule, ...onceEach, ...(required as Rule[])];
