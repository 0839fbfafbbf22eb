/**
 * `pledge drift <contract> --from jsm-sla cycles.csv history.csv`: Jira Service Management has no
 * API for its SLA configuration, so drift is checked on outcomes. JSM's per-ticket SLA cycles are
 * compared with Pledge's verdict on the same tickets (the ticket history in the replay log format,
 * `ticket,event,time,priority,plan`), and every ticket whose verdict differs is a change.
 *
 * The cycles file is one row per SLA cycle, with the fields of JSM's REST API
 * (`GET /rest/servicedeskapi/request/{issueIdOrKey}/sla`, whose cycles are documented as
 * SlaInformationCompletedCycle and SlaInformationOngoingCycle in Atlassian's Jira Service Management
 * API reference, docs.atlassian.com/jira-servicedesk/…/com/atlassian/servicedesk/api/sla/info/):
 * `startTime`, `stopTime` (completed cycles), `breached`, `paused` (ongoing cycles), `goalDuration`
 * and `elapsedTime` in milliseconds. Columns: `issueKey,slaName,cycle,startTime,stopTime,breached,
 * paused,goalDuration,elapsedTime`; `cycle` is `completed` or `ongoing` (src/export/README.md has
 * the jq command that writes it from the API's JSON).
 *
 * The verdict compared is JSM's own `breached()`: "whose SLA last cycle (completed or ongoing) has
 * breached" (JSM's "Reporting on SLAs", confluence.atlassian.com), against Pledge's state of the
 * clock's last run, judged at the history's latest timestamp as `pledge replay` does.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { directionText, parseInstant, replay, ReplayError, type ReplayTicketReport, type RuntimeContract } from '../index.js';
import { clockKind } from './desk.js';
import { DriftInputError, minutesWords, type DriftChange, type DriftFile, type DriftReport, type Favours } from './drift.js';
import type { ExportInput } from './types.js';

export const JSM_COLUMNS = ['issueKey', 'slaName', 'cycle', 'startTime', 'stopTime', 'breached', 'paused', 'goalDuration', 'elapsedTime'] as const;
const DESK = 'Jira Service Management';

export interface JsmCycle {
  readonly issue: string;
  readonly sla: string;
  readonly ongoing: boolean;
  readonly start: number;
  readonly stop?: number;
  readonly breached: boolean;
  readonly paused: boolean;
  readonly goal?: number;
  readonly elapsed?: number;
  /** The file's line. */
  readonly line: number;
}

function rowsOf(file: DriftFile): string[][] {
  try {
    return parseCsv(file.text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new DriftInputError(file.path, `not a CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads the cycles file; a bad field is an error naming its line. */
export function readJsmCycles(file: DriftFile): JsmCycle[] {
  const rows = rowsOf(file);
  const header = rows[0] ?? [];
  const at = Object.fromEntries(JSM_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof JSM_COLUMNS)[number], number>;
  const missing = JSM_COLUMNS.filter((c) => at[c] < 0 && c !== 'stopTime' && c !== 'paused' && c !== 'elapsedTime');
  if (missing.length) throw new DriftInputError(file.path, `no column ${missing.map((c) => `\`${c}\``).join(', ')} in the header; a JSM cycles file has ${JSM_COLUMNS.map((c) => `\`${c}\``).join(',')}`);
  const out: JsmCycle[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const f = (c: (typeof JSM_COLUMNS)[number]): string => (at[c] >= 0 ? (r[at[c]] ?? '').trim() : '');
    const bad = (what: string): never => {
      throw new DriftInputError(file.path, `line ${line}: ${what}`);
    };
    const bool = (c: 'breached' | 'paused'): boolean => {
      const v = f(c).toLowerCase();
      if (v === 'true') return true;
      if (v === 'false' || (v === '' && c === 'paused')) return false;
      return bad(`\`${c}\` is \`${f(c)}\`, expected true or false`);
    };
    const time = (c: 'startTime' | 'stopTime'): number | undefined => {
      if (f(c) === '') return undefined;
      return parseInstant(f(c), 'UTC') ?? bad(`\`${c}\` is \`${f(c)}\`, expected an ISO 8601 instant with its offset`);
    };
    const ms = (c: 'goalDuration' | 'elapsedTime'): number | undefined => {
      if (f(c) === '') return undefined;
      const n = Number(f(c));
      return Number.isInteger(n) && n >= 0 ? n : bad(`\`${c}\` is \`${f(c)}\`, expected milliseconds`);
    };
    const cycle = f('cycle');
    if (cycle !== 'completed' && cycle !== 'ongoing') bad(`\`cycle\` is \`${cycle}\`, expected completed or ongoing`);
    if (f('issueKey') === '' || f('slaName') === '') bad('empty `issueKey` or `slaName`');
    const start = time('startTime') ?? bad('empty `startTime`');
    const stop = time('stopTime');
    if (cycle === 'completed' && stop === undefined) bad('a completed cycle needs its `stopTime`');
    const goal = ms('goalDuration');
    const elapsed = ms('elapsedTime');
    out.push({ issue: f('issueKey'), sla: f('slaName'), ongoing: cycle === 'ongoing', start, ...(stop !== undefined ? { stop } : {}), breached: bool('breached'), paused: bool('paused'), ...(goal !== undefined ? { goal } : {}), ...(elapsed !== undefined ? { elapsed } : {}), line });
  });
  return out;
}

/**
 * The contract clock a JSM SLA measures: a clock of that name (any case), or by JSM's default
 * metric names, `Time to first response` (the clock that stops at `first_reply`) and
 * `Time to resolution` (the one that stops at `resolved`).
 */
export function clockOfSla(runtime: RuntimeContract, sla: string): string | undefined {
  const clocks = [...runtime.model.clocks.values()];
  const named = clocks.find((c) => c.name.toLowerCase() === sla.toLowerCase().trim());
  if (named) return named.name;
  const s = sla.toLowerCase();
  const kind = /first\s+response/.test(s) ? 'first_reply' : /resolution/.test(s) ? 'resolution' : undefined;
  return kind ? clocks.find((c) => clockKind(c) === kind)?.name : undefined;
}

/** JSM's verdict on its last cycle: `breached()` of the last cycle, with its state. */
function lastCycle(cycles: readonly JsmCycle[]): JsmCycle {
  return cycles.find((c) => c.ongoing) ?? [...cycles].sort((a, b) => (a.stop ?? 0) - (b.stop ?? 0) || a.line - b.line)[cycles.length - 1]!;
}
const deskState = (c: JsmCycle | undefined): string => (!c ? 'no cycle' : c.breached ? 'breached' : c.ongoing ? (c.paused ? 'paused' : 'running') : 'met');
const contractState = (c: ReplayTicketReport['clocks'][number] | undefined): string =>
  !c ? 'not started' : c.state === 'breached' ? `breached${c.due ? ` (due ${c.due})` : ''}` : c.state === 'not-started' ? 'not started' : c.state === 'no-target' ? 'no target' : c.state;

/** The files of `--from jsm-sla`: the cycles file and the history, told apart by their headers. */
function splitFiles(files: readonly DriftFile[]): { cycles: DriftFile[]; history: DriftFile } {
  const cycles: DriftFile[] = [];
  const history: DriftFile[] = [];
  for (const f of files) {
    const header = rowsOf(f)[0] ?? [];
    if (header.includes('slaName')) cycles.push(f);
    else if (header.includes('ticket') && header.includes('event')) history.push(f);
    else throw new DriftInputError(f.path, 'neither a JSM cycles file (`issueKey,slaName,cycle,…`) nor a ticket history (`ticket,event,time,priority,plan`)');
  }
  if (cycles.length === 0) throw new DriftInputError(files[0]?.path ?? '-', 'no JSM cycles file (a CSV with `issueKey,slaName,cycle,…`) among the files');
  if (history.length !== 1) throw new DriftInputError(history[1]?.path ?? files[0]?.path ?? '-', history.length ? 'give one ticket history' : 'no ticket history (the replay log, `ticket,event,time,priority,plan`) among the files');
  return { cycles, history: history[0]! };
}

/** Pledge's verdict per ticket, from the history (the rules of `pledge replay`). */
function pledgeTickets(input: ExportInput, history: DriftFile): Map<string, ReplayTicketReport> {
  try {
    return new Map(replay(input.runtime, history.text).perTicket.map((t) => [t.ticket, t]));
  } catch (error) {
    if (error instanceof ReplayError) throw new DriftInputError(history.path, `line ${error.line}: ${error.message}`);
    throw error;
  }
}

export function jsmDrift(input: ExportInput, files: readonly DriftFile[]): DriftReport {
  const { cycles: cycleFiles, history } = splitFiles(files);
  const cycles = cycleFiles.flatMap(readJsmCycles);
  const tickets = pledgeTickets(input, history);
  const { runtime } = input;
  const notes: string[] = [];
  const changes: DriftChange[] = [];
  const slaClock = new Map<string, string>();
  for (const sla of [...new Set(cycles.map((c) => c.sla))].sort()) {
    const clock = clockOfSla(runtime, sla);
    if (clock) slaClock.set(sla, clock);
    else notes.push(`JSM SLA \`${sla}\` names no clock of the contract (name it after one, or \`Time to first response\` / \`Time to resolution\`); its cycles are not compared`);
  }
  const byKey = new Map<string, JsmCycle[]>();
  for (const c of cycles) {
    if (!slaClock.has(c.sla)) continue;
    const k = `${c.issue}\u0000${c.sla}`;
    byKey.set(k, [...(byKey.get(k) ?? []), c]);
  }
  const unknown = [...new Set(cycles.filter((c) => slaClock.has(c.sla) && !tickets.has(c.issue)).map((c) => c.issue))].sort();
  if (unknown.length) notes.push(`${unknown.length} ticket${unknown.length === 1 ? '' : 's'} with JSM cycles not in the history (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}): not compared`);
  const goals = new Map<string, { priority: string; sla: string; clock: string; contract: number; desk: number; issues: string[]; line?: number }>();
  for (const t of [...tickets.values()].sort((a, b) => a.ticket.localeCompare(b.ticket, 'en'))) {
    for (const [sla, clock] of [...slaClock].sort()) {
      const own = byKey.get(`${t.ticket}\u0000${sla}`) ?? [];
      const pc = t.clocks.find((c) => c.clock === clock);
      const last = own.length ? lastCycle(own) : undefined;
      const contractBreached = pc?.state === 'breached';
      const deskBreached = last?.breached ?? false;
      if (contractBreached !== deskBreached) {
        const favours: Favours = contractBreached ? 'provider' : 'customer';
        const direction = directionText(favours, false);
        const subject = `${t.ticket} \`${sla}\` (${clock}, ${pc?.priority ?? t.priority})`;
        const contract = contractState(pc);
        const desk = deskState(last);
        changes.push({ key: `jsm:${t.ticket}:${sla}`, subject, text: `${subject}: ${contract} in the contract, ${desk} in ${DESK}${last ? ` (line ${last.line})` : ''}${direction ? `: ${direction}` : ''}`, contract, desk, favours });
      }
      // The goal JSM measured against, once per priority: the contract's target in minutes (`d` targets are not compared).
      const target = runtime.targets(pc?.priority ?? t.priority, t.plan ?? undefined)?.get(clock);
      if (last?.goal !== undefined && target && target.duration.unit === 'minute' && last.goal !== target.duration.amount * 60_000) {
        const k = `${pc?.priority ?? t.priority} ${sla} ${last.goal}`;
        const g = goals.get(k) ?? { priority: pc?.priority ?? t.priority, sla, clock, contract: target.duration.amount, desk: last.goal / 60_000, issues: [], line: target.source.range.start.line };
        g.issues.push(t.ticket);
        goals.set(k, g);
      }
    }
  }
  for (const g of [...goals.values()].sort((a, b) => a.priority.localeCompare(b.priority) || a.sla.localeCompare(b.sla) || a.desk - b.desk)) {
    const favours: Favours = g.desk > g.contract ? 'provider' : 'customer';
    const direction = directionText(favours, false);
    const subject = `${g.priority} \`${g.sla}\` goal`;
    const desk = `${minutesWords(g.desk, false)} in ${DESK} on ${g.issues.length} ticket${g.issues.length === 1 ? '' : 's'} (${g.issues.slice(0, 5).join(', ')}${g.issues.length > 5 ? ', …' : ''})`;
    changes.push({ key: `jsm-goal:${g.priority}:${g.sla}:${g.desk}`, subject, text: `${subject}: ${minutesWords(g.contract, false)} of open time in the contract, ${desk}${direction ? `: ${direction}` : ''}`, contract: minutesWords(g.contract, false), desk: minutesWords(g.desk, false), favours, ...(g.line ? { line: g.line } : {}) });
  }
  return { target: 'jsm-sla', differs: changes.length > 0, changes, notes };
}

/**
 * The cycles file JSM would export if it agreed with the contract: for each ticket of the history
 * and each clock, the last run as one cycle. Used by the round-trip tests, and to show the format.
 */
export function jsmCyclesOf(input: ExportInput, history: DriftFile, slaNames: ReadonlyMap<string, string> = new Map()): string {
  const tickets = pledgeTickets(input, history);
  const rows = [JSM_COLUMNS.join(',')];
  for (const t of tickets.values()) {
    for (const c of t.clocks) {
      if (c.state === 'not-started' || c.state === 'no-target') continue;
      const target = input.runtime.targets(c.priority, t.plan ?? undefined)?.get(c.clock);
      const ongoing = c.stopped === null;
      const start = t.filed;
      const goal = target && target.duration.unit === 'minute' ? String(target.duration.amount * 60_000) : '';
      rows.push([t.ticket, slaNames.get(c.clock) ?? c.clock, ongoing ? 'ongoing' : 'completed', start, c.stopped ?? '', String(c.state === 'breached'), String(c.state === 'paused'), goal, ''].map(csvField).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}

const csvField = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
