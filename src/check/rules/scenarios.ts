/**
 * Scenarios and plans: a load that can be simulated, and plans that change something.
 */
import type * as A from '../../ast/nodes.js';
import { rule, type Rule } from '../checker.js';

const scenario = rule({
  kind: 'Scenario',
  codes: ['PLG2060', 'PLG2061'],
  speed: 'fast',
  run: (n, ctx) => {
    for (const s of n.body) {
      switch (s.kind) {
        case 'Mix': {
          const total = s.shares.reduce((sum, x) => sum + x.share.value, 0);
          if (Math.abs(total - 100) > 1e-9) {
            ctx.report('PLG2060', `the priority mix adds up to ${+total.toFixed(6)}%, not 100%`, s.range, { help: 'make the shares add up to 100%' });
          }
          const seen = new Set<string>();
          for (const share of s.shares) {
            if (seen.has(share.priority.text)) {
              ctx.report('PLG2061', `\`${share.priority.text}\` appears twice in the mix`, share.priority.range, { help: 'give each priority one share' });
            }
            seen.add(share.priority.text);
          }
          break;
        }
        case 'Arrivals':
          if (s.count.value <= 0) ctx.report('PLG2061', 'an arrival rate of zero simulates nothing', s.count.range, { help: 'give a positive number of tickets per period' });
          break;
        case 'Peak':
        case 'Burst':
          if (s.factor.value <= 0) ctx.report('PLG2061', `a factor of x${s.factor.text} removes every arrival in the window`, s.factor.range, { help: 'factors above 1 add load; between 0 and 1 they lower it' });
          break;
        case 'Staff':
          if (s.groups.every((g) => g.count.value === 0)) ctx.report('PLG2061', 'no staff: nobody works the tickets', s.range, { help: 'give at least one agent, such as `staff 2 on business`' });
          break;
        case 'Work':
          for (const w of s.items) {
            const min = w.min.unit === 'day' ? w.min.amount * 1440 : w.min.amount;
            const max = w.max.unit === 'day' ? w.max.amount * 1440 : w.max.amount;
            if (min > max) ctx.report('PLG2061', `the work range ${w.min.text}..${w.max.text} has its minimum above its maximum`, w.range, { help: 'write the shorter time first' });
          }
          break;
        case 'Period':
        case 'Seed':
          break;
        default: {
          const never: never = s;
          void never;
        }
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
