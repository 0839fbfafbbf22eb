/**
 * The `zammad` target: SLAs and calendars as Zammad's REST API represents them.
 * - https://docs.zammad.org/en/latest/api/sla.html — `name`, `calendar_id`, `first_response_time`,
 *   `response_time`, `update_time`, `solution_time` (minutes), `condition` (`ticket.…` attribute →
 *   `{operator, value}`); `GET /api/v1/slas` returns an array.
 * - https://docs.zammad.org/en/latest/api/calendar.html — `name`, `timezone` (IANA), `business_hours`
 *   (`mon`…`sun` → `{active, timeframes: [["09:00", "17:00"], …]}`: several ranges a day),
 *   `default`, `ical_url`, `public_holidays` (`"YYYY-MM-DD"` → `{active, summary}`);
 *   `GET /api/v1/calendars` returns an array.
 * Zammad's default priorities are `1 low`, `2 normal`, `3 high` (three levels).
 */
import type { Model } from '../index.js';
import { contractWarnings, deskOf, weeklyHours, WEEKDAY_NAMES, type Desk, type DeskTarget } from './desk.js';
import { closedDates, DriftInputError, parseJson, type DeskView, type DriftFile, type DriftReader, type ViewPolicy, type ViewSchedule, type ViewTarget } from './drift.js';
import type { ExportFile, ExportInput, ExportTarget, ExportWarning } from './types.js';
import { escalationWarnings, priorityMap, wholeMinutes } from './zendesk.js';

/** Zammad priority ids by urgency rank (its default priorities). */
export const ZAMMAD_PRIORITIES = ['3', '2', '1'] as const;

export interface ZammadCalendar {
  id: number;
  name: string;
  timezone: string;
  business_hours: Record<string, { active: boolean; timeframes: [string, string][] }>;
  default: boolean;
  ical_url: string;
  public_holidays: Record<string, { active: boolean; summary: string }>;
}
export interface ZammadSla {
  name: string;
  calendar_id: number;
  first_response_time: number | null;
  response_time: number | null;
  update_time: number | null;
  solution_time: number | null;
  condition: Record<string, { operator: string; value: string | string[] }>;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Zammad timeframes are times of one day: a range ending at 24:00 ends at 23:59 (PLG4006). */
const hhmm = (m: number): string => (m >= 1440 ? '23:59' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
const minutesOf = (t: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};
/** The weekly hours Zammad can hold: each day's end at 24:00 is 23:59. */
const zammadWeekly = (weekly: readonly (readonly [number, number])[][]): [number, number][][] => weekly.map((d) => d.map(([s, e]) => [s, Math.min(e, 1439)] as [number, number]));

interface Plan {
  readonly desk: Desk;
  readonly calendars: { name: string; title: string; zone: string; line: number; weekly: [number, number][][]; holidays: { name: string; from: string; to: string }[] }[];
  readonly slas: { title: string; policyLine: number; priority: string; level: string; calendar: string; targets: DeskTarget[] }[];
}

function plan(input: ExportInput, warnings: ExportWarning[]): Plan {
  const { model } = input.analysis;
  const desk = deskOf(input, warnings);
  const levels = priorityMap(model, ZAMMAD_PRIORITIES, 'Zammad', warnings);
  const slas: Plan['slas'] = [];
  for (const p of desk.policies) {
    for (const pr of model.priorities) {
      const level = levels.get(pr.name);
      const targets = p.targets.filter((t) => t.priority === pr.name);
      if (!level || targets.length === 0) continue;
      const first = targets.find((t) => t.kind === 'first_reply') ?? targets[0]!;
      const others = [...new Set(targets.map((t) => t.calendar))].filter((c) => c !== first.calendar);
      if (others.length) warnings.push({ code: 'PLG4010', line: first.line, message: `the targets of \`${pr.name}\` count on ${[first.calendar, ...others].map((c) => `\`${c}\``).join(' and ')}, and a Zammad SLA has one calendar`, instead: `the SLA uses \`${first.calendar}\` (the first reply's) for all of them` });
      slas.push({ title: `${p.title} - ${pr.name}`, policyLine: p.line, priority: pr.name, level, calendar: first.calendar, targets });
    }
    if (p.plan !== undefined && model.plans.size > 0) warnings.push({ code: 'PLG4012', line: p.line, message: `a Zammad SLA applies by ticket attributes, and plan \`${p.plan}\` is not one`, instead: 'the condition is the priority only; add the plan\'s organizations to it' });
  }
  const used = [...new Set(slas.map((s) => s.calendar))].sort();
  const calendars = used.map((name) => {
    const d = desk.schedules.find((s) => s.calendar === name);
    const decl = model.calendars.get(name)!;
    const weekly = weeklyHours(decl);
    if (weekly.some((day) => day.some(([, e]) => e >= 1440))) warnings.push({ code: 'PLG4006', line: decl.range.start.line, message: `\`${name}\` is open until 24:00, and Zammad timeframes are times of one day`, instead: 'those ranges end at 23:59' });
    return { name, title: decl.title?.value ?? name, zone: decl.body.find((s) => s.kind === 'Zone')?.zone.value ?? 'UTC', line: decl.range.start.line, weekly, holidays: d ? d.holidays.map((h) => ({ name: h.name, from: h.from, to: h.to })) : [] };
  });
  return { desk, calendars, slas };
}

const calendarName = (title: string, name: string): string => (title === name ? name : `${title} (${name})`);
const calendarOf = (name: string): string => /\(([A-Za-z_][A-Za-z0-9_]*)\)\s*$/.exec(name)?.[1] ?? name;

function zammadFiles(input: ExportInput, warnings: ExportWarning[]): { calendars: ZammadCalendar[]; slas: ZammadSla[] } {
  const { model } = input.analysis;
  const pl = plan(input, warnings);
  contractWarnings(model, warnings, 'Zammad');
  pauseWarnings(model, warnings);
  escalationWarnings(model, 'Zammad', warnings);
  const calendars = pl.calendars.map((c, i): ZammadCalendar => {
    const business_hours: ZammadCalendar['business_hours'] = {};
    WEEKDAY_NAMES.forEach((d, wd) => {
      const day = c.weekly[wd]!;
      business_hours[d] = { active: day.length > 0, timeframes: day.length ? day.map(([s, e]) => [hhmm(s), hhmm(e)] as [string, string]) : [['09:00', '17:00']] };
    });
    const public_holidays: ZammadCalendar['public_holidays'] = {};
    for (const [date, summary] of closedDates(c.holidays)) public_holidays[date] = { active: true, summary };
    return { id: i + 1, name: calendarName(c.title, c.name), timezone: c.zone, business_hours, default: false, ical_url: '', public_holidays };
  });
  const idOf = new Map(pl.calendars.map((c, i) => [c.name, i + 1]));
  const slas = pl.slas.map((s): ZammadSla => {
    const of = (kind: DeskTarget['kind']) => {
      const t = s.targets.find((x) => x.kind === kind);
      return t ? wholeMinutes(t, warnings) : null;
    };
    return { name: s.title, calendar_id: idOf.get(s.calendar)!, first_response_time: of('first_reply'), response_time: null, update_time: of('update'), solution_time: of('resolution'), condition: { 'ticket.priority_id': { operator: 'is', value: [s.level] } } };
  });
  return { calendars, slas };
}

/** Zammad's SLA times have no pause rules of their own: every pause rule of a clock is a warning. */
function pauseWarnings(model: Model, warnings: ExportWarning[]): void {
  for (const clock of model.clocks.values()) {
    const line = clock.decl.range.start.line;
    const starts = clock.on.starts.map((e) => e.text).filter((e) => e !== 'filed');
    if (starts.length) warnings.push({ code: 'PLG4008', line, message: `clock \`${clock.name}\` starts on ${starts.map((e) => `\`${e}\``).join(', ')}, and Zammad's SLA times start when the ticket is created`, instead: "the SLA time starts at creation, which may be earlier than the contract's start" });
    for (const e of clock.on.pauses) warnings.push({ code: 'PLG4001', line: e.range.start.line, message: `clock \`${clock.name}\` pauses on \`${e.text}\`, and a Zammad SLA has no pause rule`, instead: "the SLA time is written as is; Zammad's own ticket-state settings decide whether it pauses" });
  }
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export const zammadTarget: ExportTarget = {
  name: 'zammad',
  description: "Zammad SLAs and calendars (IANA zone, several ranges a day, public holidays by date), as Zammad's REST API represents them",
  docs: ['https://docs.zammad.org/en/latest/api/sla.html', 'https://docs.zammad.org/en/latest/api/calendar.html'],
  export(input) {
    const warnings: ExportWarning[] = [];
    const { calendars, slas } = zammadFiles(input, warnings);
    const files: ExportFile[] = [
      { path: 'zammad/calendars.json', content: json(calendars) },
      { path: 'zammad/slas.json', content: json(slas) },
    ];
    return { files, warnings };
  },
  get drift() {
    return zammadDrift;
  },
};

// ---- drift -------------------------------------------------------------------------------------

function expected(input: ExportInput): DeskView {
  const pl = plan(input, []);
  return {
    policies: pl.slas.map((s) => ({
      title: s.title,
      calendar: s.calendar,
      line: s.targets[0]!.line,
      targets: s.targets.map((t): ViewTarget => ({ priority: t.priority, kind: t.kind, minutes: Math.ceil(t.minutes), business: false, line: t.line })),
    })),
    schedules: pl.calendars.map((c) => ({ calendar: c.name, name: calendarName(c.title, c.name), zone: c.zone, weekly: zammadWeekly(c.weekly), closed: closedDates(c.holidays), line: c.line })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function need(ok: boolean, file: DriftFile, what: string): void {
  if (!ok) throw new DriftInputError(file.path, `\`${file.path}\`: ${what}, as Zammad's API returns it`);
}

/** Reads `GET /api/v1/slas` and `GET /api/v1/calendars` (arrays, or one object each). */
function read(files: readonly DriftFile[], input: ExportInput): { view: DeskView; notes: string[] } {
  const { model } = input.analysis;
  const levels = priorityMap(model, ZAMMAD_PRIORITIES, 'Zammad', []);
  const byLevel = new Map([...levels].map(([p, z]) => [z, p]));
  const rawSlas: { s: Record<string, unknown>; file: DriftFile }[] = [];
  const calendars = new Map<string, ViewSchedule>();
  const notes: string[] = [];
  for (const file of files) {
    const doc = parseJson(file);
    const items = Array.isArray(doc) ? doc : [doc];
    for (const item of items) {
      need(isObject(item), file, 'expected SLA or calendar objects');
      const o = item as Record<string, unknown>;
      if ('business_hours' in o || 'timezone' in o) {
        need(typeof o['name'] === 'string' && typeof o['timezone'] === 'string' && isObject(o['business_hours']), file, 'a calendar needs `name`, `timezone` and `business_hours`');
        const bh = o['business_hours'] as Record<string, unknown>;
        const weekly = WEEKDAY_NAMES.map((d) => {
          const day = bh[d];
          if (!isObject(day) || day['active'] !== true) return [] as [number, number][];
          need(Array.isArray(day['timeframes']), file, `\`business_hours.${d}.timeframes\` must be a list of ["HH:MM", "HH:MM"]`);
          return (day['timeframes'] as unknown[]).map((tf) => {
            need(Array.isArray(tf) && tf.length === 2 && typeof tf[0] === 'string' && typeof tf[1] === 'string' && !Number.isNaN(minutesOf(tf[0])) && !Number.isNaN(minutesOf(tf[1])), file, `\`business_hours.${d}.timeframes\` must be a list of ["HH:MM", "HH:MM"]`);
            return [minutesOf((tf as string[])[0]!), minutesOf((tf as string[])[1]!)] as [number, number];
          });
        });
        const closed = new Map<string, string>();
        const ph = o['public_holidays'];
        if (ph !== undefined && ph !== null) {
          need(isObject(ph), file, '`public_holidays` must map dates to `{active, summary}`');
          for (const [date, h] of Object.entries(ph as Record<string, unknown>)) {
            need(/^\d{4}-\d{2}-\d{2}$/.test(date) && isObject(h), file, '`public_holidays` must map dates to `{active, summary}`');
            if ((h as Record<string, unknown>)['active'] !== false) closed.set(date, String((h as Record<string, unknown>)['summary'] ?? 'holiday'));
          }
        }
        const name = o['name'] as string;
        calendars.set(String(o['id'] ?? name), { calendar: calendarOf(name), name, zone: o['timezone'] as string, weekly, closed });
      } else {
        need(typeof o['name'] === 'string' && ('solution_time' in o || 'first_response_time' in o), file, 'an SLA needs `name`, `first_response_time`, `update_time` and `solution_time`');
        rawSlas.push({ s: o, file });
      }
    }
  }
  const policies: ViewPolicy[] = rawSlas.map(({ s, file }) => {
    const cond = isObject(s['condition']) ? (s['condition'] as Record<string, unknown>)['ticket.priority_id'] : undefined;
    const values = isObject(cond) ? (Array.isArray(cond['value']) ? cond['value'].map(String) : [String(cond['value'])]) : [];
    const priorities = values.map((v) => byLevel.get(v)).filter((p): p is string => p !== undefined);
    if (priorities.length !== 1) notes.push(`Zammad SLA \`${s['name']}\`: its condition names ${priorities.length === 0 ? 'no priority of the contract' : 'several priorities'}; compared as ${priorities[0] ?? 'none'}`);
    const priority = priorities[0] ?? '?';
    const targets: ViewTarget[] = [];
    for (const [field, kind] of [['first_response_time', 'first_reply'], ['update_time', 'update'], ['solution_time', 'resolution']] as const) {
      const v = s[field];
      if (v === null || v === undefined || v === '') continue;
      const n = Number(v);
      need(Number.isFinite(n), file, `\`${field}\` must be minutes`);
      targets.push({ priority, kind, minutes: n, business: false });
    }
    const cal = calendars.get(String(s['calendar_id']));
    return { title: s['name'] as string, targets, ...(cal ? { calendar: cal.calendar } : {}) };
  });
  if (rawSlas.length > 0 && calendars.size === 0) notes.push('no Zammad calendars given: SLA calendars and schedules were not compared');
  return { view: { policies, schedules: [...calendars.values()] }, notes };
}

export const zammadDrift: DriftReader = { deskName: 'Zammad', policyWord: 'SLA', scheduleWord: 'calendar', expected, read };
