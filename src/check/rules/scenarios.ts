/**
 * Scenarios and plans: a load that can be simulated, and plans that change something.
 */
import * as A from '../../ast/nodes.js';
import { rule, type CheckContext, type Rule } from '../checker.js';

const minutes = (d: A.DurationLit) => (d.unit === 'day' ? d.amount * 1440 : d.amount);

/** A uniform range must run upwards; a log-normal's 90th percentile cannot be below its median. */
function checkDistribution(d: A.Distribution, ctx: CheckContext): void {
  if (d.kind === 'Uniform' && minutes(d.min) > minutes(d.max)) {
    ctx.report('PLG2061', `the range ${d.min.text}..${d.max.text} has its minimum above its maximum`, d.range, { help: 'write the shorter time first' });
  }
  if (d.kind === 'LogNormal' && minutes(d.p90) < minutes(d.median)) {
    ctx.report('PLG2061', `a 90th percentile of ${d.p90.text} is below the median of ${d.median.text}`, d.range, { help: 'nine tickets in ten take at most the p90 time, so it is at least the median' });
  }
  if (d.kind === 'LogNormal' && minutes(d.median) === 0) {
    ctx.report('PLG2061', 'a log-normal time needs a median above zero', d.median.range, { help: 'give a positive median, or write a range such as `0m..10m`' });
  }
}

function checkShares(what: string, shares: readonly { readonly key: A.Name; readonly share: A.PercentLit }[], range: A.Range, ctx: CheckContext): void {
  const total = shares.reduce((sum, x) => sum + x.share.value, 0);
  if (Math.abs(total - 100) > 1e-9) ctx.report('PLG2060', `the ${what} mix adds up to ${+total.toFixed(6)}%, not 100%`, range, { help: 'make the shares add up to 100%' });
  const seen = new Set<string>();
  for (const x of shares) {
    if (seen.has(x.key.text)) ctx.report('PLG2061', `\`${x.key.text}\` appears twice in the mix`, x.key.range, { help: `give each ${what} one share` });
    seen.add(x.key.text);
  }
}

function share(p: A.PercentLit, what: string, ctx: CheckContext): void {
  if (p.value > 100) ctx.report('PLG2056', `${p.text}% of tickets ${what}`, p.range, { help: 'a share of tickets is at most 100%' });
}

/** The contacts escalation steps notify, once per model (not once per scenario, as it was: quadratic). */
const tiersOf = new WeakMap<object, ReadonlySet<string>>();
function notified(model: CheckContext['model']): ReadonlySet<string> {
  let tiers = tiersOf.get(model);
  if (!tiers) tiersOf.set(model, (tiers = new Set(model.escalations.flatMap((e) => e.steps.flatMap((s) => s.notify.map((w) => w.value))))));
  return tiers;
}

const scenario = rule({
  kind: 'Scenario',
  codes: ['PLG2056', 'PLG2060', 'PLG2061', 'PLG2065', 'PLG2066'],
  speed: 'fast',
  run: (n, ctx) => {
    const tiers = notified(ctx.model);
    for (const s of n.body) {
      switch (s.kind) {
        case 'Mix':
          checkShares('priority', s.shares.map((x) => ({ key: x.priority, share: x.share })), s.range, ctx);
          break;
        case 'PlanMix':
          checkShares('plan', s.shares.map((x) => ({ key: x.plan, share: x.share })), s.range, ctx);
          break;
        case 'Arrivals':
          if (s.count.value <= 0) ctx.report('PLG2061', 'an arrival rate of zero simulates nothing', s.count.range, { help: 'give a positive number of tickets per period' });
          break;
        case 'Peak':
        case 'Burst':
          if (s.factor.value <= 0) ctx.report('PLG2061', `a factor of x${s.factor.text} removes every arrival in the window`, s.factor.range, { help: 'factors above 1 add load; between 0 and 1 they lower it' });
          break;
        case 'Staff':
          if (s.groups.every((g) => g.count.value === 0 || g.tier)) {
            ctx.report('PLG2061', 'no first-line staff: nobody picks new tickets up', s.range, { help: 'give at least one agent without a tier, such as `staff 2 on business`' });
          }
          for (const g of s.groups) {
            if (g.tier && !tiers.has(g.tier.value)) {
              ctx.report('PLG2066', `no escalation step notifies "${g.tier.value}", so these agents never get a ticket`, g.tier.range, {
                help: 'a tier takes the tickets escalated to the contact of the same name; name a contact from an `escalation` step',
              });
            }
          }
          break;
        case 'Work':
        case 'Reply':
          for (const w of s.items) checkDistribution(w.dist, ctx);
          break;
        case 'Waits':
          share(s.share, 'wait on the customer', ctx);
          checkDistribution(s.dist, ctx);
          break;
        case 'Reopens':
          share(s.share, 'reopened', ctx);
          checkDistribution(s.dist, ctx);
          break;
        case 'Reclass': {
          const total = s.moves.reduce((sum, m) => sum + m.share.value, 0);
          if (total > 100) ctx.report('PLG2056', `${+total.toFixed(6)}% of tickets reclassified`, s.range, { help: 'the shares moved up and down add up to at most 100%' });
          break;
        }
        case 'Outages':
          checkDistribution(s.dist, ctx);
          break;
        case 'Period':
        case 'Seed':
        case 'Queue':
        case 'Outage':
          break;
        default:
          A.assertNever(s);
      }
    }
    // What a simulation cannot do without.
    const has = (kind: A.ScenarioStmt['kind']) => n.body.some((s) => s.kind === kind);
    const missing = (['Period', 'Arrivals', 'Staff'] as const).filter((k) => !has(k));
    if (missing.length > 0) {
      const words = missing.map((k) => `\`${k.toLowerCase()}\``).join(', ');
      ctx.report('PLG2065', `scenario "${n.title.value}" has no ${words}, so it cannot be simulated`, n.title.range, {
        help: 'a scenario needs at least `period`, `arrivals` and `staff`; see the language reference, "Load scenarios"',
      });
    }
    const mix = n.body.find((s): s is A.MixStmt => s.kind === 'Mix');
    const work = new Set(n.body.flatMap((s) => (s.kind === 'Work' ? s.items.map((w) => w.priority.text) : [])));
    const levels = mix ? mix.shares.filter((x) => x.share.value > 0).map((x) => x.priority) : ctx.model.priorities.map((p) => p.decl.name);
    for (const p of levels) {
      if (!work.has(p.text) && ctx.model.priorityByName.has(p.text)) {
        ctx.report('PLG2065', `scenario "${n.title.value}" says how often \`${p.text}\` tickets come but not how long they take`, mix ? p.range : n.title.range, {
          help: `add \`${p.text}\` to the scenario's \`work\` line, such as \`work ${p.text} 1h..4h\``,
        });
      }
    }
  },
});

/** A plan's override of a level it does not cover, or restating a target unchanged, does nothing. */
const plan = rule({
  kind: 'Plan',
  codes: ['PLG2062'],
  speed: 'fast',
  run: (n, ctx) => {
    const covers = n.body.find((s): s is A.CoversStmt => s.kind === 'Covers');
    for (const s of n.body) {
      if (s.kind !== 'PriorityOverride') continue;
      if (covers && !covers.priorities.some((p) => p.text === s.name.text)) {
        ctx.report('PLG2062', `plan \`${n.name.text}\` does not cover \`${s.name.text}\`, so this override has no effect`, s.name.range, {
          related: [{ message: 'what the plan covers', range: covers.range }],
          help: `add \`${s.name.text}\` to \`covers\`, or remove the override`,
        });
        continue;
      }
      const base = ctx.model.priorityByName.get(s.name.text);
      if (!base || n.parent) continue;
      for (const t of s.body) {
        if (t.kind !== 'Target') continue;
        const orig = base.targets.get(t.clock.text);
        if (orig && orig.duration.unit === t.duration.unit && orig.duration.amount === t.duration.amount && orig.calendar.text === t.calendar.text) {
          ctx.report('PLG2062', `this restates \`${s.name.text}\`'s \`${t.clock.text}\` target unchanged`, t.range, {
            related: [{ message: 'the original target', range: orig.range }],
            help: 'remove the line; plans inherit every target they do not change',
            fix: { title: 'remove the line', edits: [{ range: t.range, newText: '' }] },
          });
        }
      }
    }
  },
});

export const SCENARIO_RULES: readonly Rule[] = [scenario, plan] as Rule[];
