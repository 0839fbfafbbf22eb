/**
 * The `servicenow` target: SLA definitions as ServiceNow Fluent TypeScript (a `.now.ts` source file
 * for the ServiceNow SDK), with the schedules they count on. API and fields from ServiceNow's own
 * documentation:
 * - Service Level Agreement API - ServiceNow Fluent (ServiceNow/ServiceNowDocs,
 *   markdown/application-development/servicenow-sdk/fluent-sla-api.md; also
 *   https://servicenow.github.io/sdk/api/sla-api): `Sla({ $id: Now.ID[...], name, table
 *   (default incident), type ('SLA'), active, target ('response' | 'resolution'), duration:
 *   Duration({ days, hours, minutes, seconds }), schedule (a cmn_schedule, "use the Record API"),
 *   scheduleSource ('sla_definition' | 'task_field' | 'no_schedule': "no schedule is used, and the
 *   SLA runs continuously (24x7)"), conditions: { start, stop, pause, resume, reset, cancel } as
 *   encoded queries, whenTo: { resume: 'on_condition' | 'no_match', cancel }, timezoneSource
 *   ('sla.timezone' takes `timezone`), timezone })`. The docs' example pauses on `state=3` and
 *   stops on `state=6` of an incident.
 * - Record API - ServiceNow Fluent (…/record-api-now-ts.md): `Record({ $id, table, data })`.
 * - Schedule fields and Schedule entry fields (…/platform-administration/time-configuration/
 *   r_ScheduleFields.md, r_ScheduleEntryFields.md): a schedule [cmn_schedule] has a name and a time
 *   zone; its entries [cmn_schedule_span] have a name, a type (`Excluded` excludes time from SLA
 *   counts), when / to, all day, repeats, repeat on (weekdays).
 * The forms' column names and the stored format of an entry's times are not in those pages: they are
 * written as `start_date_time` / `end_date_time` (`YYYYMMDDTHHMMSS`, local to the schedule's zone),
 * `repeat_type: 'weekly'`, `days_of_week` ('1' = Monday … '7' = Sunday), `all_day`, `type: 'exclude'`
 * (src/export/README.md says to check them against an entry exported from the instance).
 */
import type { Model } from '../index.js';
import { clockKind, contractWarnings, deskOf, isoDate, WEEKDAY_NAMES, type DeskSchedule, type DeskTarget } from './desk.js';
import type { ExportInput, ExportTarget, ExportWarning } from './types.js';

/** ServiceNow's incident priorities 1 (Critical) … 5 (Planning), by urgency rank. */
const INCIDENT_PRIORITIES = 5;

/** The incident conditions of the contract's events, as encoded queries on `state`. */
const STATE = { new: '1', inProgress: '2', onHold: '3', resolved: '6', closed: '7' } as const;

const ident = (s: string): string => {
  const words = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('') || 'x';
  return /^[A-Za-z_]/.test(name) ? name : `s${name}`;
};
const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const str = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const compact = (date: string, minutes: number): string => `${date.replace(/-/g, '')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}00`;

export interface ServiceNowSla {
  readonly id: string;
  readonly name: string;
  readonly target: 'response' | 'resolution';
  readonly minutes: number;
  /** The schedule's variable, or undefined: no schedule (24x7). */
  readonly schedule?: string;
  readonly zone: string;
  readonly start: string;
  readonly stop: string;
  readonly pause?: string;
  readonly line: number;
}

/** The stop, pause and start conditions of a clock, with warnings for events no incident field has. */
function conditionsOf(model: Model, t: DeskTarget, warnings: ExportWarning[], warned: Set<string>): { stop: string; pause?: string } {
  const clock = model.clocks.get(t.clock)!;
  const once = (k: string, w: ExportWarning) => {
    if (!warned.has(k)) warned.add(k), warnings.push(w);
  };
  const line = clock.decl.range.start.line;
  let stop: string;
  if (clockKind(clock) === 'first_reply') {
    stop = `state!=${STATE.new}`;
    once(`first ${clock.name}`, { code: 'PLG4046', line, message: `clock \`${clock.name}\` stops at \`first_reply\`, and an incident has no field for the first reply`, instead: `the SLA stops when the incident leaves New (\`${stop}\`)` });
  } else stop = `state=${STATE.resolved}^ORstate=${STATE.closed}`;
  const starts = clock.on.starts.map((e) => e.text).filter((e) => e !== 'filed');
  if (starts.length) once(`start ${clock.name}`, { code: 'PLG4008', line, message: `clock \`${clock.name}\` starts on ${starts.map((e) => `\`${e}\``).join(', ')}, and the SLA attaches when the incident matches its start condition`, instead: 'the SLA starts when the incident is created with the priority' });
  let pause: string | undefined;
  for (const e of clock.on.pauses) {
    if (e.text === 'awaiting_customer') pause = `state=${STATE.onHold}`;
    else once(`pause ${clock.name} ${e.text}`, { code: 'PLG4001', line: e.range.start.line, message: `clock \`${clock.name}\` pauses on \`${e.text}\`, which no incident state stands for`, instead: 'left out of the pause condition' });
  }
  if (pause) once(`resume ${clock.name}`, { code: 'PLG4046', line, message: `clock \`${clock.name}\` pauses on \`awaiting_customer\` and resumes on ${clock.on.resumes.map((e) => `\`${e.text}\``).join(', ') || 'nothing'}, and the incident's state stands for both`, instead: `pauses while the incident is On Hold (\`${pause}\`) and resumes when it leaves it (\`whenTo.resume: 'no_match'\`)` });
  for (const e of clock.on.restarts) once(`restart ${clock.name} ${e.text}`, { code: 'PLG4001', line: e.range.start.line, message: `clock \`${clock.name}\` restarts on \`${e.text}\`, and the SLA definition is written without a reset condition`, instead: 'left out; a reopened incident keeps its completed task SLA' });
  return { stop, ...(pause ? { pause } : {}) };
}

export interface ServiceNowConfig {
  readonly schedules: readonly { readonly variable: string; readonly schedule: DeskSchedule }[];
  readonly slas: readonly ServiceNowSla[];
}

export function serviceNowConfig(input: ExportInput, warnings: ExportWarning[]): ServiceNowConfig {
  const { model } = input.analysis;
  contractWarnings(model, warnings, 'ServiceNow');
  const desk = deskOf(input, warnings);
  const taken = new Set<string>();
  const schedules = desk.schedules.map((s) => {
    let v = `${ident(s.calendar)}Schedule`;
    for (let i = 2; taken.has(v); i++) v = `${ident(s.calendar)}Schedule${i}`;
    taken.add(v);
    return { variable: v, schedule: s };
  });
  const warned = new Set<string>();
  const slas: ServiceNowSla[] = [];
  for (const e of model.escalations) warnings.push({ code: 'PLG4013', line: e.range.start.line, message: 'escalation steps have no field in an SLA definition, whose flow acts at its own milestones', instead: 'left out; notify from the SLA flow (the Default SLA flow runs unless `flow` is set)' });
  if (desk.policies.some((p) => p.plan !== undefined)) warnings.push({ code: 'PLG4012', line: desk.policies[0]!.line, message: 'plans are not an incident field, so the SLA definitions of each plan match every incident of the priority', instead: 'add the plan\'s condition (a company or a service) to each start condition' });
  for (const p of desk.policies) {
    for (const t of p.targets) {
      if (t.kind === 'update') {
        warnings.push({ code: 'PLG4011', line: t.line, message: `\`${t.priority}\` promises an update every ${t.minutes} minutes, and an SLA definition measures one stop condition`, instead: 'left out' });
        continue;
      }
      if (t.rank >= INCIDENT_PRIORITIES) {
        if (!warned.has(`rank ${t.priority}`)) warned.add(`rank ${t.priority}`), warnings.push({ code: 'PLG4009', line: t.line, message: `\`${t.priority}\` is the contract's priority ${t.rank + 1}, and incidents have ${INCIDENT_PRIORITIES}`, instead: 'left out' });
        continue;
      }
      const minutes = Math.ceil(t.minutes);
      if (minutes !== t.minutes) warnings.push({ code: 'PLG4006', line: t.line, message: `\`${t.priority} ${t.clock}\` is ${t.minutes} minutes`, instead: `written as ${minutes} minutes` });
      const cond = conditionsOf(model, t, warnings, warned);
      const sched = t.schedule ? schedules.find((s) => s.schedule.calendar === t.schedule) : undefined;
      const zone = sched?.schedule.zone ?? (model.calendars.get(t.calendar)?.body.find((s) => s.kind === 'Zone') as { zone: { value: string } } | undefined)?.zone.value ?? 'UTC';
      slas.push({
        id: key(`pledge ${p.plan ?? ''} ${t.priority} ${t.clock}`),
        name: `${p.title} - ${t.priority} ${t.clock}`,
        target: t.kind === 'first_reply' ? 'response' : 'resolution',
        minutes,
        ...(sched ? { schedule: sched.variable } : {}),
        zone,
        start: `priority=${t.rank + 1}`,
        ...cond,
        line: t.line,
      });
    }
  }
  return { schedules, slas };
}

function durationOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `Duration({ ${[h ? `hours: ${h}` : '', m || !h ? `minutes: ${m}` : ''].filter(Boolean).join(', ')} })`;
}

export function serviceNowFluent(input: ExportInput, warnings: ExportWarning[]): string {
  const config = serviceNowConfig(input, warnings);
  const out: string[] = [
    `// Generated by pledge from ${input.file}: SLA definitions and their schedules for the ServiceNow SDK (Fluent).`,
    "import { Duration, Record, Sla } from '@servicenow/sdk/core'",
    '',
  ];
  for (const { variable, schedule: s } of config.schedules) {
    const title = s.title === s.calendar ? s.calendar : `${s.title} (${s.calendar})`;
    out.push(`// ${title}: weekly hours, and the closures of the contract's term as excluded entries.`);
    out.push(`export const ${variable} = Record({`, `  $id: Now.ID[${str(key(`pledge schedule ${s.calendar}`))}],`, "  table: 'cmn_schedule',", `  data: { name: ${str(title)}, time_zone: ${str(s.zone)} },`, '})', '');
    // One weekly entry per distinct range, on the weekdays that have it; the first date is the term's first such weekday.
    const ranges = new Map<string, number[]>();
    s.weekly.forEach((day, wd) => {
      for (const [a, b] of day) ranges.set(`${a}-${b}`, [...(ranges.get(`${a}-${b}`) ?? []), wd]);
    });
    const from = input.analysis.model.term ? isoDate(input.analysis.model.term.from) : '2000-01-03';
    let n = 0;
    for (const [range, days] of ranges) {
      const [a, b] = range.split('-').map(Number) as [number, number];
      const end = b >= 1440 ? 1439 : b;
      if (b >= 1440) warnings.push({ code: 'PLG4006', line: s.line, message: `\`${s.calendar}\` stays open until midnight on ${days.map((d) => WEEKDAY_NAMES[d]).join(', ')}, and a schedule entry ends at a time of the same day`, instead: 'the entry ends at 23:59:00' });
      n++;
      out.push(
        'Record({',
        `  $id: Now.ID[${str(key(`pledge schedule ${s.calendar} hours ${n}`))}],`,
        "  table: 'cmn_schedule_span',",
        '  data: {',
        `    schedule: ${variable},`,
        `    name: ${str(`${days.map((d) => WEEKDAY_NAMES[d]).join(', ')} ${range.split('-').map((x) => `${String(Math.floor(Number(x) / 60)).padStart(2, '0')}:${String(Number(x) % 60).padStart(2, '0')}`).join('-')}`)},`,
        `    start_date_time: ${str(compact(from, a))},`,
        `    end_date_time: ${str(compact(from, end))},`,
        "    repeat_type: 'weekly',",
        `    days_of_week: ${str(days.map((d) => String(d + 1)).join(''))},`,
        '  },',
        '})',
        '',
      );
    }
    for (const h of s.holidays) {
      out.push(
        'Record({',
        `  $id: Now.ID[${str(key(`pledge schedule ${s.calendar} closed ${h.from}`))}],`,
        "  table: 'cmn_schedule_span',",
        '  data: {',
        `    schedule: ${variable},`,
        `    name: ${str(h.name)},`,
        "    type: 'exclude',",
        '    all_day: true,',
        `    start_date_time: ${str(compact(h.from, 0))},`,
        `    end_date_time: ${str(compact(h.to, 1439))},`,
        '  },',
        '})',
        '',
      );
    }
  }
  for (const s of config.slas) {
    out.push(
      'Sla({',
      `  $id: Now.ID[${str(s.id)}],`,
      `  name: ${str(s.name)},`,
      "  table: 'incident',",
      "  type: 'SLA',",
      `  target: '${s.target}',`,
      `  duration: ${durationOf(s.minutes)},`,
      ...(s.schedule ? [`  schedule: ${s.schedule},`] : ["  scheduleSource: 'no_schedule',"]),
      ...(s.schedule ? ["  timezoneSource: 'sla.timezone',", `  timezone: ${str(s.zone)},`] : []),
      '  conditions: {',
      `    start: ${str(s.start)},`,
      `    stop: ${str(s.stop)},`,
      ...(s.pause ? [`    pause: ${str(s.pause)},`] : []),
      '  },',
      ...(s.pause ? ["  whenTo: { resume: 'no_match' },"] : []),
      '})',
      '',
    );
  }
  return out.join('\n');
}

export const serviceNowTarget: ExportTarget = {
  name: 'servicenow',
  description: 'ServiceNow SLA definitions as Fluent TypeScript (Sla) with their schedules (cmn_schedule records)',
  docs: ['https://servicenow.github.io/sdk/api/sla-api', 'https://github.com/ServiceNow/ServiceNowDocs/blob/australia/markdown/application-development/servicenow-sdk/fluent-sla-api.md', 'https://github.com/ServiceNow/ServiceNowDocs/blob/australia/markdown/application-development/servicenow-sdk/record-api-now-ts.md'],
  export(input) {
    const warnings: ExportWarning[] = [];
    return { files: [{ path: 'servicenow/pledge-slas.now.ts', content: serviceNowFluent(input, warnings) }], warnings };
  },
};
