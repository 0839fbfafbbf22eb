/**
 * The `zendesk` target: SLA policies and business-hours schedules as Zendesk's REST API represents
 * them. Field names, units and values follow (src/export/README.md has the mapping):
 * - https://developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/
 *   (title, description, position, filter {all, any}, policy_metrics [{priority, metric, target in
 *   minutes, business_hours}]; priorities low, normal, high, urgent)
 * - https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/
 *   (name, time_zone as a Rails name, intervals [{start_time, end_time}] in minutes since Sunday
 *   00:00 that cannot span calendar days; holidays {name, start_date, end_date})
 */
import type { Model } from '../index.js';
import { clockKind, contractWarnings, deskOf, type Desk, type DeskTarget, type MetricKind } from './desk.js';
import { closedDates, DriftInputError, parseJson, type DeskView, type DriftFile, type DriftReader, type ViewPolicy, type ViewSchedule, type ViewTarget } from './drift.js';
import type { ExportFile, ExportInput, ExportTarget, ExportWarning } from './types.js';
import { ianaOfRails, railsZone } from './zones.js';

export const ZENDESK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type ZendeskPriority = (typeof ZENDESK_PRIORITIES)[number];

export interface ZendeskPolicyMetric {
  priority: ZendeskPriority;
  metric: string;
  target: number;
  business_hours: boolean;
}
export interface ZendeskPolicy {
  title: string;
  description: string;
  position: number;
  filter: { all: { field: string; operator: string; value: string }[]; any: { field: string; operator: string; value: string }[] };
  policy_metrics: ZendeskPolicyMetric[];
}
export interface ZendeskSchedule {
  name: string;
  time_zone: string;
  intervals: { start_time: number; end_time: number }[];
}
export interface ZendeskHoliday {
  name: string;
  start_date: string;
  end_date: string;
}

/** The tag a ticket of a plan carries, which the plan's policy filters on (a trigger sets it). */
export const planTag = (plan: string): string => `pledge_plan_${plan.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`;

/** A schedule's name: the calendar's title with its name, so `pledge drift` can pair them. */
export const scheduleName = (title: string, calendar: string): string => (title === calendar ? calendar : `${title} (${calendar})`);

/** The calendar a schedule name refers to: the name in the last parentheses, or the whole name. */
export function calendarOfSchedule(name: string): string {
  return /\(([A-Za-z_][A-Za-z0-9_]*)\)\s*$/.exec(name)?.[1] ?? name;
}

/** The Zendesk metric a target is measured by, from the kind of clock and its pause rules. */
export function zendeskMetric(model: Model, t: DeskTarget): string {
  if (t.kind === 'first_reply') return 'first_reply_time';
  if (t.kind === 'update') return 'periodic_update_time';
  const clock = model.clocks.get(t.clock);
  // Requester wait time pauses while the ticket is pending (waiting for the customer); total
  // resolution time never pauses (developer docs, and the metric definitions in the README).
  return clock && clock.on.pauses.some((e) => e.text === 'awaiting_customer') ? 'requester_wait_time' : 'total_resolution_time';
}

/** The warnings about clocks: events Zendesk has no status for, starts other than creation. */
export function clockWarnings(model: Model, target: string, pausing: { pause: string; resume: string; status: string }, warnings: ExportWarning[]): void {
  for (const clock of model.clocks.values()) {
    const kind = clockKind(clock);
    if (!kind) continue;
    const line = clock.decl.range.start.line;
    const starts = clock.on.starts.map((e) => e.text);
    if (starts.some((e) => e !== 'filed')) warnings.push({ code: 'PLG4008', line, message: `clock \`${clock.name}\` starts on ${starts.filter((e) => e !== 'filed').map((e) => `\`${e}\``).join(', ')}, and ${target}'s metrics start when the ticket is created`, instead: 'the metric starts at creation, which may be earlier than the contract\'s start' });
    for (const e of clock.on.pauses) {
      if (kind === 'resolution' && e.text === pausing.pause) continue;
      warnings.push({ code: 'PLG4001', line: e.range.start.line, message: `clock \`${clock.name}\` pauses on \`${e.text}\`, and ${target} has no status that pauses ${kind === 'resolution' ? 'resolution' : 'a first reply'} for it`, instead: kind === 'resolution' ? `only the ${pausing.status} status pauses the metric` : 'the metric does not pause' });
    }
    for (const e of clock.on.resumes) {
      if (kind === 'resolution' && e.text === pausing.resume) continue;
      warnings.push({ code: 'PLG4001', line: e.range.start.line, message: `clock \`${clock.name}\` resumes on \`${e.text}\`, which ${target} has no status change for`, instead: `the metric resumes when the ticket leaves ${pausing.status}` });
    }
  }
}

/** Ranks 0..3 as urgent, high, normal, low; lower priorities are left out with a warning. */
export function priorityMap(model: Model, levels: readonly string[], target: string, warnings: ExportWarning[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of model.priorities) {
    if (p.rank < levels.length) map.set(p.name, levels[p.rank]!);
    else warnings.push({ code: 'PLG4009', line: p.decl.range.start.line, message: `\`${p.name}\` is the ${p.rank + 1}th most urgent priority, and ${target} has ${levels.length}`, instead: `its targets are left out; map it to one of ${levels.join(', ')} by hand` });
  }
  return map;
}

/** One warning per policy whose business-hours targets use more than one calendar. */
export function oneSchedulePerTicket(desk: Desk, target: string, warnings: ExportWarning[]): void {
  for (const p of desk.policies) {
    const cals = [...new Set(p.targets.map((t) => t.schedule).filter((s): s is string => s !== undefined))];
    if (cals.length > 1) warnings.push({ code: 'PLG4010', line: p.line, message: `${p.plan ? `plan \`${p.plan}\`` : 'the contract'} counts business hours on ${cals.map((c) => `\`${c}\``).join(' and ')}, and ${target} applies one schedule to a ticket`, instead: `every calendar is exported as its own schedule; a trigger must set each ticket's schedule by priority` });
  }
}

export function escalationWarnings(model: Model, target: string, warnings: ExportWarning[]): void {
  for (const e of model.escalations) warnings.push({ code: 'PLG4013', line: e.range.start.line, message: `escalation steps have no place in ${target}'s SLA policies`, instead: 'left out; notify with triggers or automations on the SLA breach' });
}

export function wholeMinutes(t: DeskTarget, warnings: ExportWarning[]): number {
  if (Number.isInteger(t.minutes)) return t.minutes;
  const r = Math.ceil(t.minutes);
  warnings.push({ code: 'PLG4006', line: t.line, message: `\`${t.priority} ${t.clock}\` is ${t.minutes} minutes, and the target takes whole minutes`, instead: `rounded up to ${r} minutes` });
  return r;
}

export interface ZendeskConfig {
  readonly desk: Desk;
  readonly policies: ZendeskPolicy[];
  readonly schedules: { schedule: ZendeskSchedule; calendar: string; holidays: ZendeskHoliday[] }[];
}

/** Zendesk's configuration for a contract, as values (the JSON and the Terraform targets write it). */
export function zendeskConfig(input: ExportInput, warnings: ExportWarning[]): ZendeskConfig {
  const { model } = input.analysis;
  const desk = deskOf(input, warnings);
  contractWarnings(model, warnings, 'Zendesk');
  clockWarnings(model, 'Zendesk', { pause: 'awaiting_customer', resume: 'customer_replied', status: 'pending' }, warnings);
  escalationWarnings(model, 'Zendesk', warnings);
  oneSchedulePerTicket(desk, 'Zendesk', warnings);
  const levels = priorityMap(model, ZENDESK_PRIORITIES, 'Zendesk', warnings);
  const policies = desk.policies.map((p, i): ZendeskPolicy => ({
    title: p.title,
    description: `Generated by pledge from ${input.file}${p.plan ? `, plan ${p.plan}` : ''}. Priorities: ${[...levels].map(([k, v]) => `${k} = ${v}`).join(', ')}.`,
    position: i + 1,
    filter: { all: p.plan !== undefined && model.plans.size > 0 ? [{ field: 'current_tags', operator: 'includes', value: planTag(p.plan) }] : [], any: [] },
    policy_metrics: p.targets
      .filter((t) => levels.has(t.priority))
      .map((t) => ({ priority: levels.get(t.priority) as ZendeskPriority, metric: zendeskMetric(model, t), target: wholeMinutes(t, warnings), business_hours: t.schedule !== undefined })),
  }));
  const from = desk.term?.from ?? '2026-01-01';
  const to = desk.term?.to ?? '2026-12-31';
  const schedules = desk.schedules.map((s) => ({
    calendar: s.calendar,
    schedule: {
      name: scheduleName(s.title, s.calendar),
      time_zone: railsZone(s.zone, from, to, s.line, s.calendar, 'Zendesk', warnings),
      intervals: zendeskIntervals(s.weekly),
    },
    holidays: s.holidays.map((h) => ({ name: h.name, start_date: h.from, end_date: h.to })),
  }));
  return { desk, policies, schedules };
}

/** Weekly hours (0 = Monday) as Zendesk intervals: minutes since Sunday 00:00, sorted. */
export function zendeskIntervals(weekly: readonly (readonly [number, number])[][]): { start_time: number; end_time: number }[] {
  const out: { start_time: number; end_time: number }[] = [];
  weekly.forEach((ranges, d) => {
    const base = ((d + 1) % 7) * 1440;
    for (const [s, e] of ranges) out.push({ start_time: base + s, end_time: base + e });
  });
  return out.sort((a, b) => a.start_time - b.start_time);
}

/** Weekly hours (0 = Monday) from Zendesk intervals; an interval over midnight is split. */
export function weeklyOfIntervals(intervals: readonly { start_time: number; end_time: number }[]): [number, number][][] {
  const days: [number, number][][] = [[], [], [], [], [], [], []];
  for (const iv of intervals) {
    for (let t = iv.start_time; t < iv.end_time; ) {
      const sunDay = Math.floor(t / 1440);
      const end = Math.min(iv.end_time, (sunDay + 1) * 1440);
      const d = (sunDay + 6) % 7;
      days[d]!.push([t - sunDay * 1440, end - sunDay * 1440]);
      t = end;
    }
  }
  return days.map((r) => {
    const sorted = r.sort((a, b) => a[0] - b[0]);
    const out: [number, number][] = [];
    for (const [s, e] of sorted) {
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else if (e > s) out.push([s, e]);
    }
    return out;
  });
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export const zendeskTarget: ExportTarget = {
  name: 'zendesk',
  description: 'Zendesk SLA policies and business-hours schedules with holidays, as the REST API represents them',
  docs: ['https://developer.zendesk.com/api-reference/ticketing/business-rules/sla_policies/', 'https://developer.zendesk.com/api-reference/ticketing/ticket-management/schedules/'],
  export(input) {
    const warnings: ExportWarning[] = [];
    const config = zendeskConfig(input, warnings);
    const files: ExportFile[] = [
      { path: 'zendesk/sla_policies.json', content: json({ sla_policies: config.policies }) },
      { path: 'zendesk/schedules.json', content: json({ schedules: config.schedules.map((s) => s.schedule) }) },
      ...config.schedules.map((s) => ({ path: `zendesk/holidays-${s.calendar}.json`, content: json({ holidays: s.holidays }) })),
    ];
    return { files, warnings };
  },
  get drift() {
    return zendeskDrift;
  },
};

// ---- drift: the API's JSON read back -------------------------------------------------------------

/** How much a Zendesk metric pauses (metric definitions, README): more is looser for the provider. */
const PAUSING: Record<string, number> = { total_resolution_time: 0, requester_wait_time: 1, agent_work_time: 2, periodic_update_time: 0, pausable_update_time: 1 };
const KIND_OF_METRIC: Record<string, MetricKind> = {
  first_reply_time: 'first_reply',
  periodic_update_time: 'update',
  pausable_update_time: 'update',
  requester_wait_time: 'resolution',
  agent_work_time: 'resolution',
  total_resolution_time: 'resolution',
};

/** What the contract requires of Zendesk, from the neutral desk (not from the exported files). */
export function zendeskExpected(input: ExportInput): DeskView {
  const { model } = input.analysis;
  const desk = deskOf(input, []);
  const levels = priorityMap(model, ZENDESK_PRIORITIES, 'Zendesk', []);
  return {
    policies: desk.policies.map((p) => ({
      title: p.title,
      line: p.line,
      targets: p.targets
        .filter((t) => levels.has(t.priority))
        .map((t) => {
          const metric = zendeskMetric(model, t);
          return { priority: t.priority, kind: t.kind, minutes: Math.ceil(t.minutes), business: t.schedule !== undefined, ...(t.kind === 'first_reply' ? {} : { metric, pausing: PAUSING[metric]! }), line: t.line };
        }),
    })),
    schedules: desk.schedules.map((s) => ({ calendar: s.calendar, name: scheduleName(s.title, s.calendar), zone: s.zone, weekly: s.weekly, closed: closedDates(s.holidays), line: s.line })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(ok: boolean, file: DriftFile, what: string): void {
  if (!ok) throw new DriftInputError(file.path, `\`${file.path}\`: ${what}, as Zendesk's API returns it`);
}

/** Reads `GET /api/v2/slas/policies`, `GET /api/v2/business_hours/schedules` and each schedule's holidays. */
export function readZendesk(files: readonly DriftFile[], input: ExportInput): { view: DeskView; notes: string[] } {
  const { model } = input.analysis;
  const levels = priorityMap(model, ZENDESK_PRIORITIES, 'Zendesk', []);
  const byLevel = new Map([...levels].map(([p, z]) => [z, p]));
  const policies: ViewPolicy[] = [];
  const schedules: { s: Record<string, unknown>; file: DriftFile }[] = [];
  const holidays = new Map<string, { name: string; from: string; to: string }[]>();
  const notes: string[] = [];
  for (const file of files) {
    const doc = parseJson(file);
    need(isObject(doc), file, 'expected a JSON object');
    const d = doc as Record<string, unknown>;
    const list = (many: string, one: string): unknown[] | undefined => (Array.isArray(d[many]) ? (d[many] as unknown[]) : isObject(d[one]) ? [d[one]] : undefined);
    const pols = list('sla_policies', 'sla_policy');
    const scheds = list('schedules', 'schedule');
    const hols = list('holidays', 'holiday');
    need(pols !== undefined || scheds !== undefined || hols !== undefined, file, 'expected `sla_policies`, `schedules` or `holidays`');
    for (const p of (pols ?? []) as Record<string, unknown>[]) {
      need(isObject(p) && typeof p['title'] === 'string' && (p['policy_metrics'] === undefined || Array.isArray(p['policy_metrics'])), file, 'each SLA policy needs a `title` and a `policy_metrics` array');
      const targets: ViewTarget[] = [];
      for (const m of ((p as Record<string, unknown>)['policy_metrics'] as unknown[] | undefined) ?? []) {
        need(isObject(m) && typeof m['priority'] === 'string' && typeof m['metric'] === 'string' && typeof m['target'] === 'number' && typeof m['business_hours'] === 'boolean', file, 'each policy metric needs `priority`, `metric`, `target` (minutes) and `business_hours`');
        const metric = m as { priority: string; metric: string; target: number; business_hours: boolean };
        const priority = byLevel.get(metric.priority);
        const kind = KIND_OF_METRIC[metric.metric];
        if (!priority || !kind) {
          notes.push(`policy \`${p['title']}\`: ${metric.metric} for ${metric.priority} has no counterpart in the contract; not compared`);
          continue;
        }
        targets.push({ priority, kind, minutes: metric.target, business: metric.business_hours, ...(kind === 'first_reply' ? {} : { metric: metric.metric, pausing: PAUSING[metric.metric]! }) });
      }
      policies.push({ title: p['title'] as string, targets });
    }
    for (const s of scheds ?? []) {
      need(isObject(s) && typeof s['name'] === 'string' && typeof s['time_zone'] === 'string' && (s['intervals'] === undefined || Array.isArray(s['intervals'])), file, 'each schedule needs `name`, `time_zone` and `intervals`');
      for (const iv of ((s as Record<string, unknown>)['intervals'] as unknown[] | undefined) ?? []) need(isObject(iv) && Number.isInteger(iv['start_time']) && Number.isInteger(iv['end_time']), file, 'each interval needs whole-minute `start_time` and `end_time`');
      schedules.push({ s: s as Record<string, unknown>, file });
    }
    if (hols) {
      const key = /holidays-([^/\\]+?)\.json$/.exec(file.path)?.[1];
      need(key !== undefined, file, 'a holidays file must be named `holidays-<schedule id or calendar>.json`');
      const list: { name: string; from: string; to: string }[] = [];
      for (const h of hols as Record<string, unknown>[]) {
        need(isObject(h) && typeof h['name'] === 'string' && typeof h['start_date'] === 'string' && typeof h['end_date'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(h['start_date'] as string) && /^\d{4}-\d{2}-\d{2}$/.test(h['end_date'] as string), file, 'each holiday needs `name`, `start_date` and `end_date` (YYYY-MM-DD)');
        list.push({ name: h['name'] as string, from: h['start_date'] as string, to: h['end_date'] as string });
      }
      holidays.set(key!, [...(holidays.get(key!) ?? []), ...list]);
    }
  }
  const views: ViewSchedule[] = schedules.map(({ s }) => {
    const name = s['name'] as string;
    const calendar = calendarOfSchedule(name);
    const hol = holidays.get(String(s['id'] ?? '')) ?? holidays.get(calendar);
    if (!hol) notes.push(`no holidays file for Zendesk schedule \`${name}\`: its holidays were not compared`);
    const zone = s['time_zone'] as string;
    return { calendar, name, zone: ianaOfRails(zone) ?? zone, weekly: weeklyOfIntervals((s['intervals'] as { start_time: number; end_time: number }[] | undefined) ?? []), ...(hol ? { closed: closedDates(hol) } : {}) };
  });
  return { view: { policies, schedules: views }, notes };
}

export const zendeskDrift: DriftReader = { deskName: 'Zendesk', policyWord: 'policy', scheduleWord: 'schedule', expected: zendeskExpected, read: readZendesk };
