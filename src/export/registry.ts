/**
 * The export targets by name. A new target is a module exporting an `ExportTarget` plus one line
 * here (the iCalendar, PagerDuty and ServiceNow targets add theirs the same way).
 */
import { driftOf, type DriftFile, type DriftReport } from './drift.js';
import type { ExportInput, ExportResult, ExportTarget, ExportWarning } from './types.js';
import { freshdeskTarget } from './freshdesk.js';
import { jsmDrift } from './jsm.js';
import { pagerDutyTerraformTarget } from './pagerduty-terraform.js';
import { serviceNowTarget } from './servicenow.js';
import { zammadTarget } from './zammad.js';
import { zendeskTerraformTarget } from './zendesk-terraform.js';
import { zendeskTarget } from './zendesk.js';

const TARGETS: ExportTarget[] = [zendeskTarget, zendeskTerraformTarget, zammadTarget, freshdeskTarget, pagerDutyTerraformTarget, serviceNowTarget];

/** Adds a target (used by targets defined outside this directory, and by tests). */
export function registerTarget(target: ExportTarget): void {
  if (TARGETS.some((t) => t.name === target.name)) throw new Error(`export target \`${target.name}\` is already registered`);
  TARGETS.push(target);
}

/** Every registered target, in registration order. */
export function exportTargets(): readonly ExportTarget[] {
  return TARGETS;
}

/** The target named `name`, or undefined. */
export function exportTarget(name: string): ExportTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}

/**
 * Exports a checked contract (no errors) to a target. Warnings are sorted by line, then code.
 * @example exportContract('zendesk', { analysis, runtime: compileContract(analysis.model), file: 'a.pledge' }).files
 */
export function exportContract(target: string, input: ExportInput): ExportResult {
  const t = exportTarget(target);
  if (!t) throw new Error(`no export target \`${target}\``);
  const { files, warnings } = t.export(input);
  return { target: t.name, files, warnings: sortWarnings(warnings) };
}

/** Sorted by line, then code, then message, duplicates removed. */
export function sortWarnings(warnings: readonly ExportWarning[]): ExportWarning[] {
  const seen = new Set<string>();
  const out: ExportWarning[] = [];
  for (const w of [...warnings].sort((a, b) => a.line - b.line || a.code.localeCompare(b.code) || a.message.localeCompare(b.message))) {
    const key = `${w.line} ${w.code} ${w.message} ${w.instead}`;
    if (!seen.has(key)) out.push(w), seen.add(key);
  }
  return out;
}

/** `contract.pledge:12: warning PLG4004 message; instead: …` */
export function warningText(file: string, w: ExportWarning, severity: 'warning' | 'error' = 'warning'): string {
  return `${file}:${w.line}: ${severity} ${w.code} ${w.message}; instead: ${w.instead}`;
}

/**
 * `pledge drift`: the target's files (as its API returns them) against the contract, or for
 * `jsm-sla` Jira Service Management's SLA cycles against Pledge's verdicts on the history. Throws
 * `DriftInputError` for a file that is not the target's API JSON.
 */
export function driftContract(target: string, input: ExportInput, files: readonly DriftFile[]): DriftReport {
  // Jira Service Management has no configuration API: its drift is checked on outcomes (jsm.ts).
  if (target === 'jsm-sla') return jsmDrift(input, files);
  const t = exportTarget(target);
  if (!t?.drift) throw new Error(`export target \`${target}\` cannot check drift`);
  return driftOf(t.name, t.drift, input, files);
}
