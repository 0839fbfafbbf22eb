/**
 * Escalation, availability and credits: steps fire in order and before credits are owed,
 * maintenance fits the allowed downtime, and credit tiers neither overlap, leave gaps nor
 * pay less for worse availability.
 */
import type * as A from '../../ast/nodes.js';
import { expandDays, rangeMinutes, WEEK_MINUTES, weeklyPattern } from '../../time/weekly.js';
import { rule, type CheckContext, type Rule } from '../checker.js';
import { calendarZone, creditShare, monthlyFeeOf, type PriorityModel } from '../model.js';
import { dayNumber, weekdayOf } from './calendars.js';

function scopeOf(ctx: CheckContext, esc: A.EscalationDecl): PriorityModel[] {
  const { model } = ctx;
  if (esc.priorities.length === 0) return [...model.priorities];
  return esc.priorities.map((p) => model.priorityByName.get(p.text)).filter((p): p is PriorityModel => p !== undefined);
}

/** Whether a step at `a` fires before one at `b` on the same clock (comparable only in the same unit). */
function firesBefore(a: A.PercentLit | A.DurationLit, b: A.PercentLit | A.DurationLit): boolean {
  if (a.kind === 'Percent' && b.kind === 'Percent') return a.value < b.value;
  if (a.kind === 'Duration' && b.kind === 'Duration' && a.unit === b.unit) return a.amount < b.amount;
  return false;
}

/** `priority\0clock` of every per-breach credit, once per model (not a scan of the credits per step). */
const creditedOf = new WeakMap<CheckContext['model'], ReadonlySet<string>>();
function creditedTargets(model: CheckContext['model']): ReadonlySet<string> {
  let set = creditedOf.get(model);
  if (!set) {
    set = new Set(model.credits.flatMap((c) => c.body.flatMap((s) => (s.kind === 'BreachCredit' ? [`${s.priority.text}\u0000${s.clock.text}`] : []))));
    creditedOf.set(model, set);
  }
  return set;
}

const escalationSteps = rule({
  kind: 'Escalation',
  codes: ['PLG2040', 'PLG2041', 'PLG2042'],
  speed: 'fast',
  run: (n, ctx) => {
    const scope = scopeOf(ctx, n);
    const lastByClock = new Map<string, A.EscalationStep>();
    const credited = (p: string, clock: string) => creditedTargets(ctx.model).has(`${p}\u0000${clock}`);
    for (const step of n.steps) {
      const clock = step.clock.text;
      if (!ctx.model.clocks.has(clock)) continue;
      const prev = lastByClock.get(clock);
      if (prev && firesBefore(step.at, prev.at)) {
        ctx.report('PLG2040', `this step on \`${clock}\` fires before the step above it`, step.at.range, {
          related: [{ message: 'the step above', range: prev.range }],
          help: 'list the steps of a clock in the order they fire',
        });
      }
      lastByClock.set(clock, step);
      for (const p of scope) {
        const target = p.targets.get(clock);
        if (!target) {
          ctx.report('PLG2042', `\`${p.name}\` has no \`${clock}\` target, so this step never fires for it`, step.clock.range, {
            help: `add a \`${clock}\` target to \`${p.name}\`, or leave \`${p.name}\` out of this escalation`,
          });
          continue;
        }
        const late =
          step.at.kind === 'Percent'
            ? step.at.value > 100
            : step.at.unit === target.duration.unit && step.at.amount > target.duration.amount;
        if (late && credited(p.name, clock)) {
          ctx.report('PLG2041', `this step fires after \`${p.name}\`'s \`${clock}\` target is breached and its credit is owed`, step.at.range, {
            related: [{ message: 'the target', range: target.range }],
            help: 'escalate before the breach (at most 100%) so someone can still prevent it',
          });
        }
      }
    }
  },
});

/** The term's months as [year, month]; March 2026 (31 days, five Sundays, Mondays, Tuesdays) without a term. */
function termMonths(term: A.TermStmt | undefined): [number, number][] {
  const months: [number, number][] = [];
  if (term) {
    for (let y = term.from.year, mo = term.from.month; y < term.to.year || (y === term.to.year && mo <= term.to.month); mo === 12 ? (y++, (mo = 1)) : mo++) {
      months.push([y, mo]);
      if (months.length > 600) break;
    }
  }
  if (months.length === 0) months.push([2026, 3]);
  return months;
}

/**
 * The weekly minutes (from Monday 00:00) a set of windows covers, each only where its calendar is
 * open (reference, "Availability": a window covers only its calendar's open hours). An undeclared
 * calendar is open at all times.
 */
function windowMinutes(windows: readonly A.MaintenanceStmt[], ctx: CheckContext): Uint8Array {
  const out = new Uint8Array(WEEK_MINUTES);
  for (const m of windows) {
    const cal = ctx.model.calendars.get(m.calendar.text);
    const open = cal ? weeklyPattern(cal).open : undefined;
    const len = rangeMinutes(m.window);
    for (const days of m.days) {
      for (const d of expandDays(days)) {
        const start = d * 1440 + m.window.from.minutes;
        for (let i = start; i < start + len; i++) {
          const w = i % WEEK_MINUTES;
          if (!open || open[w]) out[w] = 1;
        }
      }
    }
  }
  return out;
}

/** Minutes a weekly bitmap covers on each weekday (0 = Monday). */
function perWeekday(bits: Uint8Array): number[] {
  const out = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < WEEK_MINUTES; i++) if (bits[i]) out[Math.floor(i / 1440)]!++;
  return out;
}

/**
 * The month of the term where counted maintenance uses most of its allowance: counted minutes
 * outside excluded ones, against the share of the month without its excluded minutes.
 */
function worstMonthMaintenance(n: A.AvailabilityDecl, ctx: CheckContext): { counted: number; allowed: number; label: string } | undefined {
  const countedWindows = n.body.filter((m) => !m.excluded);
  if (countedWindows.length === 0) return undefined;
  const excludedWindows = n.body.filter((m) => m.excluded);
  const zoneOf = (m: A.MaintenanceStmt) => {
    const cal = ctx.model.calendars.get(m.calendar.text);
    return (cal && calendarZone(cal)) ?? '';
  };
  const zones = new Set(n.body.map(zoneOf));
  const excluded = windowMinutes(excludedWindows, ctx);
  const counted = windowMinutes(countedWindows, ctx);
  // Windows in different zones are not lined up: the whole counted window counts (the stricter reading).
  if (zones.size <= 1) for (let i = 0; i < WEEK_MINUTES; i++) if (excluded[i]) counted[i] = 0;
  const countedPerDay = perWeekday(counted);
  const excludedPerDay = perWeekday(excluded);
  const share = (100 - n.target.value) / 100;
  let worst: { counted: number; allowed: number; label: string } | undefined;
  for (const [y, mo] of termMonths(ctx.model.term)) {
    const first = dayNumber({ year: y, month: mo, day: 1 });
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    let c = 0;
    let x = 0;
    for (let d = 0; d < days; d++) {
      const wd = weekdayOf(first + d);
      c += countedPerDay[wd]!;
      x += excludedPerDay[wd]!;
    }
    const allowed = share * (days * 1440 - x);
    if (!worst || c - allowed > worst.counted - worst.allowed) worst = { counted: c, allowed, label: `${y}-${String(mo).padStart(2, '0')}` };
  }
  return worst;
}

const availability = rule({
  kind: 'Availability',
  codes: ['PLG2055', 'PLG2056'],
  speed: 'fast',
  run: (n, ctx) => {
    if (n.target.value <= 0 || n.target.value > 100) {
      ctx.report('PLG2056', `an availability target of ${n.target.text}% is not a share of time`, n.target.range, { help: 'write a percentage above 0 and at most 100, such as `99.9%`' });
      return;
    }
    const worst = worstMonthMaintenance(n, ctx);
    if (worst && worst.counted > worst.allowed) {
      const first = n.body.find((m) => !m.excluded)!;
      ctx.report('PLG2055', `maintenance that counts as downtime (${worst.counted} minutes in ${worst.label}) exceeds the ${Math.floor(worst.allowed * 10) / 10} minutes that ${n.target.text}% allows`, first.range, {
        help: 'write `excludes maintenance …` if maintenance does not count as downtime, or lower the target',
      });
    }
  },
});

interface Tier {
  readonly stmt: A.AvailabilityCredit;
  readonly low: number;
  readonly high: number;
}

const credits = rule({
  kind: 'Credits',
  codes: ['PLG2050', 'PLG2051', 'PLG2052', 'PLG2053', 'PLG2054', 'PLG2056', 'PLG2057', 'PLG2058', 'PLG2059', 'PLG2120', 'PLG2121', 'PLG2122', 'PLG2123', 'PLG2124', 'PLG2125', 'PLG2126', 'PLG2127', 'PLG2128', 'PLG2129', 'PLG2172'],
  speed: 'fast',
  run: (n, ctx) => {
    const { model } = ctx;
    const keyword: A.Range = { start: n.range.start, end: { ...n.range.start, column: n.range.start.column + 7, offset: n.range.start.offset + 7 } };
    if (!model.fee && n.body.length > 0) {
      ctx.report('PLG2058', 'credits are a share of the fee, but no fee is declared', keyword, { help: 'add `fee 50000 CNY monthly` to the `sla` block' });
    }
    const caps = n.body.filter((s): s is A.CapStmt => s.kind === 'Cap');
    const cap = caps.find((s) => !s.rolling);
    // One cap per period, and one rolling cap (grammar/reference.md, "caps over rolling months").
    const seen = new Map<string, A.CapStmt>();
    for (const c of caps) {
      const r = c.rolling;
      if (r && r.unit.text !== 'months') ctx.report('PLG2124', `a rolling cap counts months, not \`${r.unit.text}\``, r.unit.range, { help: 'write `per 12 months`' });
      else if (r && (r.value < 2 || r.value > 36)) ctx.report('PLG2124', `a rolling cap covers 2 to 36 months, not ${r.text}`, r.range, { help: 'write `per 12 months`, or `monthly` for one month' });
      const key = c.rolling ? 'rolling' : (c.period ?? 'monthly');
      const first = seen.get(key);
      if (first) ctx.report('PLG2123', c.rolling ? 'a second cap over rolling months' : `a second ${key} cap`, c.range, { related: [{ message: 'the first', range: first.range }], help: 'keep one of the two caps' });
      else seen.set(key, c);
      if (c.amount.value > 100 && c !== cap) ctx.report('PLG2054', `a cap of ${c.amount.text}% is more than the whole fee`, c.amount.range, { help: 'a cap is at most `100% of fee`' });
    }
    const rollingCap = seen.get('rolling');
    if (rollingCap?.rolling && cap && (cap.period ?? 'monthly') === 'monthly' && rollingCap.amount.value >= cap.amount.value) {
      ctx.report('PLG2122', `this cap never cuts a credit: ${rollingCap.rolling.value} months can hold at most ${rollingCap.rolling.value} × ${cap.amount.text}% under the monthly cap, within ${rollingCap.amount.text}% of ${rollingCap.rolling.value} months' fees`, rollingCap.amount.range, {
        related: [{ message: 'the monthly cap', range: cap.range }],
        help: `a share of ${rollingCap.rolling.value} months' fees below the monthly cap's binds; one month's fee over ${rollingCap.rolling.value} months is \`${+(100 / rollingCap.rolling.value).toFixed(2)}% of fee\``,
      });
    }
    if (!cap && n.body.some((s) => s.kind !== 'Claim')) {
      ctx.report('PLG2059', 'credits have no cap', keyword, { help: 'add `cap 50% of fee monthly`, or the provider may owe more than the fee' });
    }
    if (cap && cap.amount.value > 100) {
      ctx.report('PLG2054', `a cap of ${cap.amount.text}% is more than the whole fee`, cap.amount.range, { help: 'a cap is at most `100% of fee`' });
    }
    for (const s of n.body) {
      if (s.kind === 'BreachCredit' && s.amount.kind === 'Money') {
        const m = s.amount;
        const fee = model.fee;
        if (fee && m.currency.text !== fee.currency.text) {
          ctx.report('PLG2120', `this credit is in ${m.currency.text}, but the fee is in ${fee.currency.text}`, m.currency.range, {
            related: [{ message: 'the fee', range: fee.range }],
            help: `write the credit in ${fee.currency.text}: Pledge carries no exchange rates`,
          });
        } else if (fee && m.amount.value > (monthlyFeeOf(model) ?? Infinity)) {
          ctx.report('PLG2121', `a credit of ${m.amount.text} ${m.currency.text} is more than one month's fee`, m.range, { related: [{ message: 'the fee', range: fee.range }], help: "a credit is at most one month's fee" });
        }
      }
      if (s.kind === 'BreachCredit' && s.perLate) graded(ctx, s, cap);
      const amount = s.kind === 'Claim' || (s.kind === 'BreachCredit' && s.amount.kind === 'Money') ? undefined : (s.amount as A.PercentLit);
      if (amount && s.kind !== 'Cap' && amount.value > 100) {
        ctx.report('PLG2056', `a credit of ${amount.text}% is more than the whole fee`, amount.range, { help: 'credits are at most `100% of fee`' });
      }
      if (s.kind === 'AvailabilityCredit') {
        for (const p of [s.from, s.below]) {
          if (p && (p.value < 0 || p.value > 100)) ctx.report('PLG2056', `availability of ${p.text}% is not a share of time`, p.range, { help: 'availability runs from 0% to 100%' });
        }
      }
      if (s.kind === 'BreachCredit' && s.clock.text === 'update') {
        const p = model.priorityByName.get(s.priority.text);
        if (p && !promisesUpdates(ctx, p.name)) {
          ctx.report('PLG2172', `\`${p.name}\` has no \`update every\`, so this credit can never be earned`, s.range, {
            help: `add \`update every 30m on CALENDAR\` to \`${p.name}\` (or to a plan's \`${p.name}\`), or remove this credit`,
          });
        }
      } else if (s.kind === 'BreachCredit') {
        const p = model.priorityByName.get(s.priority.text);
        if (p && model.clocks.has(s.clock.text) && !p.targets.has(s.clock.text)) {
          ctx.report('PLG2057', `\`${p.name}\` has no \`${s.clock.text}\` target, so this credit can never be earned`, s.range, {
            help: `add a \`${s.clock.text}\` target to \`${p.name}\`, or remove this credit`,
          });
        }
      }
    }

    // Per-breach credits one ticket can earn, against the cap.
    if (cap) {
      const perTicket = new Map<string, { total: number; last: A.BreachCredit }>();
      for (const s of n.body) {
        if (s.kind !== 'BreachCredit') continue;
        const cur = perTicket.get(s.priority.text) ?? { total: 0, last: s };
        // A graded credit earns up to its limit; without one, as much as the lateness gives (no bound).
        const most = s.perLate ? (s.upTo ? creditShare(model, s.upTo) : Infinity) : creditShare(model, s.amount);
        perTicket.set(s.priority.text, { total: cur.total + most, last: s });
      }
      for (const [p, { total, last }] of perTicket) {
        if (total > cap.amount.value) {
          const much = total === Infinity ? 'credits without limit (a graded credit with no `up to`)' : `${+total.toFixed(4)}% of the fee in credits`;
          ctx.report('PLG2053', `one \`${p}\` ticket can earn ${much}, more than the ${cap.amount.text}% cap`, last.amount.range, {
            related: [{ message: 'the cap', range: cap.range }],
            help: 'lower the per-breach credits or raise the cap, so that the cap is not reached by one ticket',
          });
        }
      }
    }

    tiers(n, ctx);
  },
});

/** Whether a priority has `update every`, its own or in a plan's override (an update credit can then be earned). */
function promisesUpdates(ctx: CheckContext, priority: string): boolean {
  if (ctx.model.priorityByName.get(priority)?.update) return true;
  for (const plan of ctx.model.plans.values()) {
    for (const s of plan.decl.body) if (s.kind === 'PriorityOverride' && s.name.text === priority && s.body.some((b) => b.kind === 'Update')) return true;
  }
  return false;
}

/**
 * A graded credit, `5% of fee per started 1h late, up to 25%` (grammar/reference.md, "Graded credits
 * by lateness"): a step and a unit above zero, a limit in the step's form, of at least one step
 * (every breach earns one), and below the monthly cap (else one ticket can use the whole cap).
 */
function graded(ctx: CheckContext, s: A.BreachCredit, cap: A.CapStmt | undefined): void {
  const { model } = ctx;
  const unit = s.perLate!;
  const step = s.amount;
  const money = (m: A.MoneyLit) => `${m.amount.text} ${m.currency.text}`;
  const stepValue = step.kind === 'Money' ? step.amount.value : step.value;
  if (stepValue <= 0) ctx.report('PLG2125', 'a graded credit of zero earns nothing however late the ticket is', step.range, { help: 'write the amount each started unit late earns, as in `5% of fee per started 1h late`' });
  if (unit.amount <= 0) ctx.report('PLG2126', `a unit of \`${unit.text}\` cannot be counted`, unit.range, { help: 'write `per started 1h late`' });
  const limit = s.upTo;
  if (!limit) return;
  if (limit.kind !== step.kind || (limit.kind === 'Money' && step.kind === 'Money' && limit.currency.text !== step.currency.text)) {
    ctx.report('PLG2129', `the limit ${limit.kind === 'Money' ? `\`${money(limit)}\`` : `\`${limit.text}%\``} is not written like the step ${step.kind === 'Money' ? `\`${money(step)}\`` : `\`${step.text}% of fee\``}`, limit.range, {
      help: step.kind === 'Money' ? `write the limit in ${step.currency.text}, as \`up to 1000 ${step.currency.text}\`` : 'write the limit as a share of the fee, as `up to 25%`',
    });
    return;
  }
  const limitValue = limit.kind === 'Money' ? limit.amount.value : limit.value;
  if (stepValue > 0 && limitValue < stepValue) {
    ctx.report('PLG2127', `the limit ${limit.kind === 'Money' ? money(limit) : `${limit.text}%`} is less than one step, but every breach earns at least one step`, limit.range, {
      related: [{ message: 'the step', range: step.range }],
      help: 'raise the limit to at least one step, or lower the step',
    });
  }
  if (limit.kind === 'Percent' && limit.value > 100) ctx.report('PLG2056', `a limit of ${limit.text}% is more than the whole fee`, limit.range, { help: 'credits are at most `100% of fee`' });
  if (limit.kind === 'Money' && model.fee && limit.currency.text !== model.fee.currency.text) {
    ctx.report('PLG2120', `this limit is in ${limit.currency.text}, but the fee is in ${model.fee.currency.text}`, limit.currency.range, { related: [{ message: 'the fee', range: model.fee.range }], help: `write the limit in ${model.fee.currency.text}: Pledge carries no exchange rates` });
  } else if (limit.kind === 'Money' && model.fee && limit.amount.value > (monthlyFeeOf(model) ?? Infinity)) {
    ctx.report('PLG2121', `a limit of ${money(limit)} is more than one month's fee`, limit.range, { related: [{ message: 'the fee', range: model.fee.range }], help: "a credit is at most one month's fee" });
  }
  if (cap && (cap.period ?? 'monthly') === 'monthly' && creditShare(model, limit) >= cap.amount.value && (limit.kind === 'Percent' || model.fee)) {
    ctx.report('PLG2128', `one late ticket can earn up to ${+creditShare(model, limit).toFixed(4)}% of the fee under this limit, as much as the ${cap.amount.text}% monthly cap`, limit.range, {
      related: [{ message: 'the cap', range: cap.range }],
      help: 'a limit below the monthly cap leaves room for the other tickets of the month',
    });
  }
}

/** Availability tiers: `below X` is [0, X); `from A to B` is [A, B). */
function tiers(n: A.CreditsDecl, ctx: CheckContext): void {
  const list: Tier[] = [];
  for (const s of n.body) {
    if (s.kind !== 'AvailabilityCredit') continue;
    const low = s.from ? s.from.value : 0;
    if (s.from && s.from.value >= s.below.value) {
      ctx.report('PLG2033', `this tier runs from ${s.from.text}% to ${s.below.text}%, which is empty`, s.range, { help: 'write the lower availability first' });
      continue;
    }
    list.push({ stmt: s, low, high: s.below.value });
  }
  if (list.length === 0) return;
  const ranged = list.some((t) => t.stmt.from);

  // Overlap: with only `below` tiers, nesting is the design (the lowest threshold wins); equal thresholds are not.
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = list[j]!;
      const b = list[i]!;
      const clash = ranged ? a.low < b.high && b.low < a.high : a.high === b.high;
      if (clash) {
        ctx.report('PLG2050', `this tier overlaps the tier for ${a.stmt.from ? `${a.stmt.from.text}% to ` : 'below '}${a.stmt.below.text}%`, b.stmt.range, {
          related: [{ message: 'the other tier', range: a.stmt.range }],
          help: ranged ? 'tiers `from A to B` cover A ≤ availability < B; make them meet without overlapping' : 'two tiers with the same threshold: keep one',
        });
      }
    }
  }

  // Monotone: less availability never earns less credit.
  const byHigh = [...list].sort((a, b) => a.high - b.high || a.low - b.low);
  for (let i = 1; i < byHigh.length; i++) {
    const worse = byHigh[i - 1]!;
    const better = byHigh[i]!;
    if (worse.high < better.high && worse.stmt.amount.value < better.stmt.amount.value) {
      ctx.report('PLG2052', `availability below ${worse.stmt.below.text}% earns ${worse.stmt.amount.text}%, less than the ${better.stmt.amount.text}% earned below ${better.stmt.below.text}%`, worse.stmt.amount.range, {
        related: [{ message: 'the better-availability tier', range: better.stmt.range }],
        help: 'worse availability must earn at least as much credit',
      });
    }
  }

  // Gaps: availability under the target that earns nothing.
  const target = ctx.model.availability?.target.value;
  const top = Math.max(...list.map((t) => t.high));
  if (target !== undefined && top < target) {
    const topTier = list.find((t) => t.high === top)!;
    ctx.report('PLG2051', `availability from ${topTier.stmt.below.text}% up to the ${target}% target misses the target but earns no credit`, topTier.stmt.below.range, {
      related: [{ message: 'the target', range: ctx.model.availability!.target.range }],
      help: `add a tier up to ${target}%, or raise this tier's bound`,
    });
  }
  if (ranged) {
    const sorted = [...list].sort((a, b) => a.low - b.low);
    if (sorted[0]!.low > 0) {
      ctx.report('PLG2051', `availability below ${sorted[0]!.stmt.from?.text ?? sorted[0]!.low}% earns no credit`, sorted[0]!.stmt.range, {
        help: 'add a `below` tier for the worst availability',
      });
    }
    let reach = sorted[0]!.high;
    for (const t of sorted.slice(1)) {
      if (t.low > reach) {
        ctx.report('PLG2051', `availability from ${+reach.toFixed(6)}% to ${t.stmt.from?.text}% earns no credit`, t.stmt.range, {
          help: 'make each tier start where the one below it ends',
        });
      }
      reach = Math.max(reach, t.high);
    }
  }
}

export const MONEY_RULES: readonly Rule[] = [escalationSteps, availability, credits] as Rule[];
