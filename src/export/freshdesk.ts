/**
 * The `freshdesk` target: SLA policies as Freshdesk's API v2 represents them (`GET /api/v2/sla_policies`
 * returns an array). Fields and limits, from Freshdesk's SDK documentation
 * (https://developers.freshworks.com/freshdesk-sdk/docs/SlaPolicy.html, …/SlaTarget.html: `name`,
 * `description`, `active`, `sla_target`, `applicable_to`, `escalation`; a target's `respond_within`,
 * `resolve_within`, `business_hours`, `escalation_enabled`) and Freshdesk's own API tests of the
 * endpoint: `sla_target` needs all of `priority_4` (urgent) … `priority_1` (low), each with
 * `respond_within` and `resolve_within` in seconds, multiples of 60 and at least 900.
 * Ticket priorities 1 low, 2 medium, 3 high, 4 urgent.
 * Business hours are not written (their API is not in the documentation used here): PLG4011.
 */
import { contractWarnings, deskOf, type Desk, type DeskPolicy, type DeskTarget } from './desk.js';
import { DriftInputError, parseJson, type DeskView, type DriftFile, type DriftReader, type ViewPolicy, type ViewTarget } from './drift.js';
import type { ExportInput, ExportTarget, ExportWarning } from './types.js';
import { clockWarnings, priorityMap } from './zendesk.js';

/** Freshdesk's priority keys by urgency rank. */
export const FRESHDESK_PRIORITIES = ['priority_4', 'priority_3', 'priority_2', 'priority_1'] as const;
const MIN_SECONDS = 900;

export interface FreshdeskTarget {
  respond_within: number;
  resolve_within: number;
  business_hours: boolean;
  escalation_enabled: boolean;
}
export interface FreshdeskPolicy {
  name: string;
  description: string;
  active: boolean;
  sla_target: Record<string, FreshdeskTarget>;
  applicable_to: Record<string, number[]>;
}

/** The four levels' targets of a policy, with the warnings for what Freshdesk needs differently. */
function levelsOf(input: ExportInput, p: DeskPolicy, levels: Map<string, string>, warnings: ExportWarning[]): Map<string, { first?: DeskTarget; resolution?: DeskTarget; respond: number; resolve: number; business: boolean; copiedFrom?: string }> {
  const { model } = input.analysis;
  const out = new Map<string, { first?: DeskTarget; resolution?: DeskTarget; respond: number; resolve: number; business: boolean; copiedFrom?: string }>();
  const seconds = (t: DeskTarget | undefined, what: string): number => {
    if (!t) return MIN_SECONDS;
    const s = Math.ceil(t.minutes) * 60;
    if (s >= MIN_SECONDS) return s;
    warnings.push({ code: 'PLG4006', line: t.line, message: `\`${t.priority} ${t.clock}\` is ${t.minutes} minutes, and Freshdesk's ${what} is at least 15 minutes`, instead: 'written as 900 seconds, looser for the provider' });
    return MIN_SECONDS;
  };
  for (const pr of model.priorities) {
    const level = levels.get(pr.name);
    if (!level) continue;
    const targets = p.targets.filter((t) => t.priority === pr.name);
    const first = targets.find((t) => t.kind === 'first_reply');
    const resolution = targets.find((t) => t.kind === 'resolution');
    for (const t of targets) if (t.kind === 'update') warnings.push({ code: 'PLG4011', line: t.line, message: `\`${t.priority}\` promises an update every ${t.minutes} minutes, and a Freshdesk SLA target has no periodic update`, instead: 'left out' });
    if (!first || !resolution) warnings.push({ code: 'PLG4011', line: pr.decl.range.start.line, message: `\`${pr.name}\` has no ${!first ? 'first-reply' : 'resolution'} target, and Freshdesk needs both`, instead: 'written as 900 seconds; set it by hand' });
    const business = (first ?? resolution)?.schedule !== undefined;
    if (first && resolution && (first.schedule !== undefined) !== (resolution.schedule !== undefined)) warnings.push({ code: 'PLG4010', line: resolution.line, message: `\`${pr.name}\` counts its first reply ${business ? 'in business hours' : 'around the clock'} and its resolution ${business ? 'around the clock' : 'in business hours'}, and a Freshdesk SLA target has one setting for both`, instead: `both count ${business ? 'business' : 'calendar'} hours, as the first reply does` });
    out.set(level, { ...(first ? { first } : {}), ...(resolution ? { resolution } : {}), respond: seconds(first, 'respond-within'), resolve: seconds(resolution, 'resolve-within'), business });
  }
  // Every level must have a target: a missing one copies the nearest more urgent level.
  let last: { respond: number; resolve: number; business: boolean; copiedFrom?: string } | undefined;
  let lastLevel = '';
  for (const level of FRESHDESK_PRIORITIES) {
    const have = out.get(level);
    if (have) {
      last = have;
      lastLevel = level;
      continue;
    }
    const fill = last ?? [...out.values()][0];
    const from = last ? lastLevel : [...out.keys()][0];
    if (!fill) continue;
    warnings.push({ code: 'PLG4009', line: p.line, message: `no priority of the contract maps to Freshdesk's ${level}, which needs targets`, instead: `${level} copies ${from}'s targets` });
    out.set(level, { respond: fill.respond, resolve: fill.resolve, business: fill.business, copiedFrom: from! });
  }
  return out;
}

function policies(input: ExportInput, warnings: ExportWarning[]): { desk: Desk; policies: { policy: FreshdeskPolicy; source: DeskPolicy; levels: ReturnType<typeof levelsOf> }[] } {
  const { model } = input.analysis;
  const desk = deskOf(input, warnings);
  const levels = priorityMap(model, FRESHDESK_PRIORITIES, 'Freshdesk', warnings);
  const escalated = new Set(model.escalations.flatMap((e) => (e.priorities.length ? e.priorities.map((p) => p.text) : model.priorities.map((p) => p.name))));
  // A policy with no targets (a contract without priorities) has nothing Freshdesk could hold.
  const out = desk.policies.filter((p) => p.targets.length > 0).map((p) => {
    const lv = levelsOf(input, p, levels, warnings);
    const sla_target: Record<string, FreshdeskTarget> = {};
    const contractOf = new Map([...levels].map(([c, f]) => [f, c]));
    for (const level of FRESHDESK_PRIORITIES) {
      const t = lv.get(level);
      if (t) sla_target[level] = { respond_within: t.respond, resolve_within: t.resolve, business_hours: t.business, escalation_enabled: escalated.has(contractOf.get(level) ?? '') };
    }
    if (p.plan !== undefined && model.plans.size > 0) warnings.push({ code: 'PLG4012', line: p.line, message: `a Freshdesk SLA policy applies to companies, groups, sources, ticket types or products, and plan \`${p.plan}\` is none of them`, instead: "`applicable_to` is empty; add the plan's companies" });
    return { policy: { name: p.title, description: `Generated by pledge from ${input.file}${p.plan ? `, plan ${p.plan}` : ''}.`, active: true, sla_target, applicable_to: {} }, source: p, levels: lv };
  });
  return { desk, policies: out };
}

export const freshdeskTarget: ExportTarget = {
  name: 'freshdesk',
  description: "Freshdesk SLA policies (per-priority respond and resolve within, in seconds, business or calendar hours), as Freshdesk's API v2 represents them",
  docs: ['https://developers.freshworks.com/freshdesk-sdk/docs/SlaPolicy.html', 'https://developers.freshworks.com/freshdesk-sdk/docs/SlaTarget.html'],
  export(input) {
    const warnings: ExportWarning[] = [];
    const { model } = input.analysis;
    const { desk, policies: ps } = policies(input, warnings);
    contractWarnings(model, warnings, 'Freshdesk');
    clockWarnings(model, 'Freshdesk', { pause: 'awaiting_customer', resume: 'customer_replied', status: 'pending (an SLA-timer-off status)' }, warnings);
    for (const e of model.escalations) warnings.push({ code: 'PLG4013', line: e.range.start.line, message: "the escalation's steps and contacts have no counterpart in Freshdesk, whose SLA escalations notify agents at its own fixed times", instead: '`escalation_enabled` is set for the priorities this escalation covers; set the levels and agents by hand' });
    for (const s of desk.schedules) warnings.push({ code: 'PLG4011', line: s.line, message: `the business hours of \`${s.calendar}\` are not written for Freshdesk`, instead: `set them (${s.zone}, and the holidays of \`pledge calendar\`) in Freshdesk's admin, and assign them to the policy's groups` });
    return { files: [{ path: 'freshdesk/sla_policies.json', content: `${JSON.stringify(ps.map((p) => p.policy), null, 2)}\n` }], warnings };
  },
  get drift() {
    return freshdeskDrift;
  },
};

// ---- drift -------------------------------------------------------------------------------------

const KINDS = [['respond_within', 'first_reply'], ['resolve_within', 'resolution']] as const;

function expected(input: ExportInput): DeskView {
  const { model } = input.analysis;
  const levels = priorityMap(model, FRESHDESK_PRIORITIES, 'Freshdesk', []);
  const contractOf = new Map([...levels].map(([c, f]) => [f, c]));
  const { policies: ps } = policies(input, []);
  return {
    policies: ps.map(({ source, levels: lv }) => ({
      title: source.title,
      line: source.line,
      targets: FRESHDESK_PRIORITIES.flatMap((level) => {
        const t = lv.get(level);
        const priority = contractOf.get(level);
        if (!t || !priority) return [];
        return KINDS.map(([field, kind]): ViewTarget => {
          const d = kind === 'first_reply' ? t.first : t.resolution;
          return { priority, kind, minutes: (field === 'respond_within' ? t.respond : t.resolve) / 60, business: t.business, ...(d ? { line: d.line } : {}) };
        });
      }),
    })),
    schedules: [],
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function need(ok: boolean, file: DriftFile, what: string): void {
  if (!ok) throw new DriftInputError(file.path, `\`${file.path}\`: ${what}, as Freshdesk's API returns it`);
}

function read(files: readonly DriftFile[], input: ExportInput): { view: DeskView; notes: string[] } {
  const { model } = input.analysis;
  const levels = priorityMap(model, FRESHDESK_PRIORITIES, 'Freshdesk', []);
  const contractOf = new Map([...levels].map(([c, f]) => [f, c]));
  const out: ViewPolicy[] = [];
  for (const file of files) {
    const doc = parseJson(file);
    for (const p of (Array.isArray(doc) ? doc : [doc]) as Record<string, unknown>[]) {
      need(isObject(p) && typeof p['name'] === 'string' && isObject(p['sla_target']), file, 'each SLA policy needs `name` and `sla_target`');
      const targets: ViewTarget[] = [];
      for (const [level, t] of Object.entries(p['sla_target'] as Record<string, unknown>)) {
        need(isObject(t) && Number.isInteger(t['respond_within']) && Number.isInteger(t['resolve_within']) && typeof t['business_hours'] === 'boolean', file, `\`sla_target.${level}\` needs whole-second \`respond_within\`, \`resolve_within\` and \`business_hours\``);
        const priority = contractOf.get(level);
        if (!priority) continue;
        for (const [field, kind] of KINDS) targets.push({ priority, kind, minutes: ((t as Record<string, number>)[field] as number) / 60, business: (t as Record<string, unknown>)['business_hours'] as boolean });
      }
      out.push({ title: p['name'] as string, targets });
    }
  }
  return { view: { policies: out, schedules: [] }, notes: [] };
}

export const freshdeskDrift: DriftReader = { deskName: 'Freshdesk', policyWord: 'SLA policy', scheduleWord: 'business hours', expected, read };
