/**
 * The `pagerduty-terraform` target: one PagerDuty service per plan and priority, with support hours
 * and an urgency rule from the priority's first-reply calendar, and one escalation policy per
 * service from the contract's escalation steps and contacts, as HCL for the official provider
 * PagerDuty/terraform-provider-pagerduty. Its resource docs (website/docs/r/service.html.markdown
 * and website/docs/r/escalation_policy.html.markdown in that repository, published at
 * registry.terraform.io/providers/PagerDuty/pagerduty/latest/docs) give:
 * - `pagerduty_service`: `name`, `description`, `escalation_policy` (required), one
 *   `incident_urgency_rule` block (`type` = `constant` | `use_support_hours`, `urgency`,
 *   `during_support_hours` / `outside_support_hours` blocks of `type` and `urgency`), exactly one
 *   `support_hours` block with `use_support_hours` (`type = "fixed_time_per_day"`, `time_zone`,
 *   `days_of_week` 1 = Monday … 7 = Sunday, `start_time` / `end_time` as "HH:MM:SS"), and then a
 *   required `scheduled_actions` block (`type = "urgency_change"`, `to_urgency`, `at { type =
 *   "named_time", name = "support_hours_start" }`), which the docs allow only with `high` during
 *   and `low` outside support hours;
 * - `pagerduty_escalation_policy`: `name`, `description`, `num_loops`, `rule` blocks of
 *   `escalation_delay_in_minutes` ("the number of minutes before an unacknowledged incident
 *   escalates away from this rule") and `target` blocks of `type` (`user_reference` |
 *   `schedule_reference`) and `id`.
 * Support hours are one range on a set of weekdays with no holidays: everything else a calendar
 * says is a warning (PLG4049, PLG4048). Contacts are users whose ids the HCL takes from a variable.
 */
import type { Ast, Model } from '../index.js';
import { contractWarnings, deskOf, weeklyHours, WEEKDAY_NAMES, weekdayOf, type DeskSchedule, type DeskTarget } from './desk.js';
import type { ExportInput, ExportTarget, ExportWarning } from './types.js';
import { hclString, resourceName } from './zendesk-terraform.js';

/** An HCL body: attributes (`key = value`) and nested blocks (`key { … }`), in order. */
export type HclValue = string | number | boolean | { readonly expr: string } | readonly HclValue[];
export type HclItem = { readonly attr: string; readonly value: HclValue } | { readonly block: string; readonly labels?: readonly string[]; readonly body: readonly HclItem[] };

function hclValue(v: HclValue): string {
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(hclValue).join(', ')}]`;
  return (v as { expr: string }).expr;
}

/** Writes HCL with attributes aligned per run, as `terraform fmt` does. */
export function hclBody(items: readonly HclItem[], indent = ''): string {
  const out: string[] = [];
  let run: { attr: string; value: HclValue }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.attr.length));
    for (const a of run) out.push(`${indent}${a.attr.padEnd(width)} = ${hclValue(a.value)}`);
    run = [];
  };
  items.forEach((item, i) => {
    if ('attr' in item) {
      run.push(item);
      return;
    }
    flush();
    if (i > 0 && out.length > 0 && out[out.length - 1] !== '') out.push('');
    const labels = (item.labels ?? []).map((l) => ` ${hclString(l)}`).join('');
    out.push(`${indent}${item.block}${labels} {`, hclBody(item.body, `${indent}  `), `${indent}}`);
  });
  flush();
  return out.filter((l, i) => !(l === '' && i === out.length - 1)).join('\n');
}

const hms = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;

/** The minutes of the shortest open weekday of a calendar (for `at 2d of …` steps). */
function shortestDay(cal: Ast.CalendarDecl): number {
  const lengths = weeklyHours(cal).map((d) => d.reduce((s, [a, b]) => s + b - a, 0)).filter((m) => m > 0);
  return lengths.length ? Math.min(...lengths) : 0;
}

export interface PagerDutyRule {
  readonly delay: number;
  readonly targets: readonly { readonly type: 'user_reference' | 'schedule_reference'; readonly id: string; readonly contact?: string }[];
}

export interface PagerDutyService {
  readonly name: string;
  readonly description: string;
  readonly priority: string;
  readonly plan?: string;
  /** The support hours, or undefined for a priority measured around the clock (constant high urgency). */
  readonly support?: { readonly calendar: string; readonly zone: string; readonly days: readonly number[]; readonly start: string; readonly end: string };
  readonly rules: readonly PagerDutyRule[];
}

const ON_CALL = 'var.on_call_schedule_id';
const userId = (contact: string): string => `var.pagerduty_user_ids[${hclString(contact)}]`;

/** The support hours of a schedule: one range on a set of weekdays, with a warning for what is lost. */
function supportHours(s: DeskSchedule, warnings: ExportWarning[]): NonNullable<PagerDutyService['support']> {
  const spans = s.weekly.map((d) => (d.length ? ([d[0]![0], d[d.length - 1]![1]] as const) : undefined));
  s.weekly.forEach((d, wd) => {
    if (d.length > 1) warnings.push({ code: 'PLG4049', line: s.line, message: `\`${s.calendar}\` is open ${d.length} times on ${WEEKDAY_NAMES[wd]}, and PagerDuty's support hours are one range a day`, instead: `wrote ${hms(spans[wd]![0]).slice(0, 5)}-${hms(spans[wd]![1]).slice(0, 5)}, from the first opening to the last close (more support hours: stricter for the provider)` });
  });
  // The range most open days share (the earliest such day's on a tie).
  const count = new Map<string, number>();
  for (const sp of spans) if (sp) count.set(`${sp[0]}-${sp[1]}`, (count.get(`${sp[0]}-${sp[1]}`) ?? 0) + 1);
  let best = '';
  for (const sp of spans) if (sp && (count.get(`${sp[0]}-${sp[1]}`) ?? 0) > (count.get(best) ?? 0)) best = `${sp[0]}-${sp[1]}`;
  const [start, end] = best.split('-').map(Number) as [number, number];
  const days = spans.flatMap((sp, wd) => (sp ? [wd + 1] : []));
  const other = spans.flatMap((sp, wd) => (sp && `${sp[0]}-${sp[1]}` !== best ? [WEEKDAY_NAMES[wd]!] : []));
  if (other.length) warnings.push({ code: 'PLG4049', line: s.line, message: `\`${s.calendar}\` has other hours on ${other.join(', ')} than on its other open days, and PagerDuty's support hours are the same range every day`, instead: `wrote ${hms(start).slice(0, 5)}-${hms(end).slice(0, 5)} on every open day` });
  let endTime = hms(end);
  if (end >= 1440) {
    endTime = '23:59:59';
    warnings.push({ code: 'PLG4006', line: s.line, message: `\`${s.calendar}\` stays open until midnight, and a support-hours end time is a time of the day`, instead: 'wrote 23:59:59' });
  }
  if (s.holidays.length > 0) warnings.push({ code: 'PLG4048', line: s.line, message: `support hours in PagerDuty have no holidays, so the ${s.holidays.length} closures of \`${s.calendar}\` (first ${s.holidays[0]!.from}, a ${WEEKDAY_NAMES[weekdayOf(s.holidays[0]!.from)]}) are not in them`, instead: 'incidents on those days get high urgency during the weekday\'s support hours (stricter for the provider)' });
  return { calendar: s.calendar, zone: s.zone, days, start: hms(start), end: endTime };
}

/** The escalation rules of one service: the contract's steps in firing order, as delays between them. */
function rulesOf(model: Model, priority: string, targets: readonly DeskTarget[], warnings: ExportWarning[], warned: Set<string>): PagerDutyRule[] {
  const once = (key: string, w: ExportWarning) => {
    if (!warned.has(key)) warned.add(key), warnings.push(w);
  };
  const at = new Map<number, string[]>();
  for (const e of model.escalations) {
    if (e.priorities.length > 0 && !e.priorities.some((p) => p.text === priority)) continue;
    for (const step of e.steps) {
      const t = targets.find((x) => x.clock === step.clock.text);
      if (!t) continue; // the checker's PLG2042: the step never fires for this priority
      const clock = model.clocks.get(t.clock);
      const line = step.range.start.line;
      let minutes: number;
      if (step.at.kind === 'Percent') minutes = (step.at.value / 100) * t.minutes;
      else if (step.at.unit === 'day') {
        const day = shortestDay(model.calendars.get(t.calendar)!);
        minutes = step.at.amount * day;
        once(`d ${line}`, { code: 'PLG4004', line, message: `\`at ${step.at.text} of ${t.clock}\` counts open days, and an escalation delay is minutes`, instead: `written as ${minutes} minutes: ${step.at.amount} × ${day} minutes, the shortest open day of \`${t.calendar}\`` });
      } else minutes = step.at.amount;
      if (!Number.isInteger(minutes)) {
        once(`r ${line} ${priority}`, { code: 'PLG4006', line, message: `\`at ${step.at.kind === 'Percent' ? `${step.at.value}%` : step.at.text} of ${t.clock}\` is ${minutes} minutes for ${priority}, and an escalation delay is whole minutes`, instead: `rounded to ${Math.round(minutes)} minutes` });
        minutes = Math.round(minutes);
      }
      if (t.schedule) once(`b ${e.range.start.line} ${t.calendar}`, { code: 'PLG4013', line: e.range.start.line, message: `the steps on \`${t.clock}\` count open time on \`${t.calendar}\`, and PagerDuty's escalation delays are wall-clock minutes`, instead: 'written as open minutes, which agree while the calendar stays open; outside support hours incidents are low urgency and do not escalate until the support hours start' });
      if (clock && clock.on.pauses.length > 0) once(`p ${clock.name}`, { code: 'PLG4001', line: clock.on.pauses[0]!.range.start.line, message: `escalation steps on \`${clock.name}\` pause with it, and a PagerDuty escalation never pauses`, instead: 'the delays run on from the incident\'s creation (stricter for the provider)' });
      const starts = clock?.on.starts.map((x) => x.text).filter((x) => x !== 'filed') ?? [];
      if (clock && starts.length) once(`s ${clock.name}`, { code: 'PLG4008', line: clock.decl.range.start.line, message: `clock \`${clock.name}\` starts on ${starts.map((x) => `\`${x}\``).join(', ')}, and PagerDuty's escalation starts when the incident is triggered`, instead: 'the delays count from the incident\'s creation' });
      const who = at.get(minutes) ?? [];
      for (const n of step.notify) if (!who.includes(n.value)) who.push(n.value);
      at.set(minutes, who);
    }
  }
  const times = [...at.keys()].sort((a, b) => a - b);
  // After the last step nothing escalates: its rule holds the incident until the priority's last deadline.
  const lastDeadline = Math.max(0, ...targets.map((t) => t.minutes));
  const starts: { at: number; targets: PagerDutyRule['targets'] }[] = [];
  if (times.length === 0 || times[0]! > 0) starts.push({ at: 0, targets: [{ type: 'schedule_reference', id: ON_CALL }] });
  for (const t of times) starts.push({ at: t, targets: at.get(t)!.map((c) => ({ type: 'user_reference' as const, id: userId(c), contact: c })) });
  return starts.map((r, i) => ({ delay: i + 1 < starts.length ? starts[i + 1]!.at - r.at : Math.max(1, lastDeadline - r.at), targets: r.targets }));
}

export interface PagerDutyConfig {
  readonly services: readonly PagerDutyService[];
  readonly contacts: readonly string[];
}

export function pagerDutyConfig(input: ExportInput, warnings: ExportWarning[]): PagerDutyConfig {
  const { model } = input.analysis;
  contractWarnings(model, warnings, 'PagerDuty');
  const desk = deskOf(input, warnings);
  const scheduleWarned = new Map<string, NonNullable<PagerDutyService['support']>>();
  const warned = new Set<string>();
  const services: PagerDutyService[] = [];
  for (const policy of desk.policies) {
    const priorities = [...new Set(policy.targets.map((t) => t.priority))];
    for (const priority of priorities) {
      const targets = policy.targets.filter((t) => t.priority === priority);
      const lead = targets.find((t) => t.kind === 'first_reply') ?? targets[0]!;
      let support: PagerDutyService['support'];
      if (lead.schedule) {
        support = scheduleWarned.get(lead.schedule);
        if (!support) {
          support = supportHours(desk.schedules.find((s) => s.calendar === lead.schedule)!, warnings);
          scheduleWarned.set(lead.schedule, support);
        }
      }
      const others = [...new Set(targets.filter((t) => t.calendar !== lead.calendar && t.kind !== 'update').map((t) => t.calendar))];
      if (others.length) warned.has(`c ${policy.title} ${priority}`) || (warned.add(`c ${policy.title} ${priority}`), warnings.push({ code: 'PLG4010', line: lead.line, message: `the targets of ${priority} count on ${[lead.calendar, ...others].map((c) => `\`${c}\``).join(' and ')}, and a PagerDuty service has one set of support hours`, instead: `the support hours are \`${lead.calendar}\`'s, the calendar of its ${lead.kind === 'first_reply' ? 'first reply' : 'first target'}` }));
      services.push({
        name: `${policy.title} - ${priority}`,
        description: `${priority}${policy.plan ? ` tickets of the ${policy.plan} plan` : ' tickets'}; generated by pledge from ${input.file}`,
        priority,
        ...(policy.plan !== undefined ? { plan: policy.plan } : {}),
        ...(support ? { support } : {}),
        rules: rulesOf(model, priority, targets, warnings, warned),
      });
    }
  }
  const contacts = [...new Set(services.flatMap((s) => s.rules.flatMap((r) => r.targets.flatMap((t) => (t.contact ? [t.contact] : [])))))].sort();
  for (const name of contacts) {
    const c = model.contacts.get(name);
    if (!c) continue;
    const cal = model.calendars.get(c.calendar.text);
    const always = cal ? weeklyHours(cal).every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === 1440) && !cal.body.some((s) => s.kind === 'Closed' || s.kind === 'Holidays') : true;
    if (!always) warnings.push({ code: 'PLG4047', line: c.range.start.line, message: `\`${name}\` can be reached only while \`${c.calendar.text}\` is open, and an escalation rule pages its user targets at any time`, instead: 'the rule targets the user; to honour the hours, put them on a PagerDuty schedule with those hours and target it (`schedule_reference`)' });
    if (c.via) warnings.push({ code: 'PLG4047', line: c.range.start.line, message: `\`${name}\` is reached via ${JSON.stringify(c.via.value)}, a channel that belongs to the user's notification rules, not to the escalation policy`, instead: "left out; set the user's notification rules in PagerDuty" });
  }
  return { services, contacts };
}

export function pagerDutyTerraform(input: ExportInput, warnings: ExportWarning[]): string {
  const config = pagerDutyConfig(input, warnings);
  const taken = new Set<string>(['on_call_schedule_id', 'pagerduty_user_ids']);
  const blocks: HclItem[] = [
    {
      block: 'variable',
      labels: ['on_call_schedule_id'],
      body: [
        { attr: 'type', value: { expr: 'string' } },
        { attr: 'description', value: 'The PagerDuty schedule paged first, before the contract\'s escalation steps.' },
      ],
    },
    {
      block: 'variable',
      labels: ['pagerduty_user_ids'],
      body: [
        { attr: 'type', value: { expr: 'map(string)' } },
        { attr: 'description', value: `The PagerDuty user id of each contact the escalations notify: ${config.contacts.length ? config.contacts.join(', ') : 'none'}.` },
      ],
    },
  ];
  for (const s of config.services) {
    const policy = resourceName(`${s.name} escalation`, taken);
    const service = resourceName(s.name, taken);
    blocks.push({
      block: 'resource',
      labels: ['pagerduty_escalation_policy', policy],
      body: [
        { attr: 'name', value: `${s.name} escalation` },
        { attr: 'description', value: `The escalation steps for ${s.description}` },
        { attr: 'num_loops', value: 0 },
        ...s.rules.map((r): HclItem => ({
          block: 'rule',
          body: [{ attr: 'escalation_delay_in_minutes', value: r.delay }, ...r.targets.map((t): HclItem => ({ block: 'target', body: [{ attr: 'type', value: t.type }, { attr: 'id', value: { expr: t.id } }] }))],
        })),
      ],
    });
    const urgency: HclItem[] = s.support
      ? [
          {
            block: 'incident_urgency_rule',
            body: [
              { attr: 'type', value: 'use_support_hours' },
              { block: 'during_support_hours', body: [{ attr: 'type', value: 'constant' }, { attr: 'urgency', value: 'high' }] },
              { block: 'outside_support_hours', body: [{ attr: 'type', value: 'constant' }, { attr: 'urgency', value: 'low' }] },
            ],
          },
          {
            block: 'support_hours',
            body: [
              { attr: 'type', value: 'fixed_time_per_day' },
              { attr: 'time_zone', value: s.support.zone },
              { attr: 'days_of_week', value: s.support.days },
              { attr: 'start_time', value: s.support.start },
              { attr: 'end_time', value: s.support.end },
            ],
          },
          {
            block: 'scheduled_actions',
            body: [
              { attr: 'type', value: 'urgency_change' },
              { attr: 'to_urgency', value: 'high' },
              { block: 'at', body: [{ attr: 'type', value: 'named_time' }, { attr: 'name', value: 'support_hours_start' }] },
            ],
          },
        ]
      : [{ block: 'incident_urgency_rule', body: [{ attr: 'type', value: 'constant' }, { attr: 'urgency', value: 'high' }] }];
    blocks.push({
      block: 'resource',
      labels: ['pagerduty_service', service],
      body: [
        { attr: 'name', value: s.name },
        { attr: 'description', value: s.description },
        { attr: 'escalation_policy', value: { expr: `pagerduty_escalation_policy.${policy}.id` } },
        ...urgency,
      ],
    });
  }
  return `# Generated by pledge from ${input.file} for the PagerDuty/pagerduty Terraform provider.\n\n${blocks.map((b) => hclBody([b])).join('\n\n')}\n`;
}

export const pagerDutyTerraformTarget: ExportTarget = {
  name: 'pagerduty-terraform',
  description: 'PagerDuty services (support hours, urgency rules) and escalation policies as HCL for the PagerDuty Terraform provider',
  docs: ['https://github.com/PagerDuty/terraform-provider-pagerduty/blob/master/website/docs/r/service.html.markdown', 'https://github.com/PagerDuty/terraform-provider-pagerduty/blob/master/website/docs/r/escalation_policy.html.markdown'],
  export(input) {
    const warnings: ExportWarning[] = [];
    return { files: [{ path: 'pagerduty-terraform/pledge.tf', content: pagerDutyTerraform(input, warnings) }], warnings };
  },
};
