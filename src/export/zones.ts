/**
 * IANA zones as Rails names, for Zendesk schedules and Freshdesk business hours, which take the
 * names of ActiveSupport::TimeZone (`rails-zones.ts`, generated from Rails' own table).
 */
import { RAILS_ZONES } from './rails-zones.js';
import { sameOffsets } from './desk.js';
import type { ExportWarning } from './types.js';

const UTC_ALIASES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);

/** The IANA zone a Rails name stands for, or undefined for an unknown name. */
export function ianaOfRails(name: string): string | undefined {
  return RAILS_ZONES.find(([r]) => r === name)?.[1];
}

/** True when two IANA names are the same zone for our purposes (UTC spellings are one zone). */
export function sameZoneName(a: string, b: string): boolean {
  return a === b || (UTC_ALIASES.has(a) && UTC_ALIASES.has(b));
}

/**
 * The Rails name for an IANA zone: its own entry when Rails has one; otherwise the first Rails zone
 * with the same UTC offsets over [from, to] (with a warning), else `UTC` (with a warning).
 */
export function railsZone(iana: string, from: string, to: string, line: number, calendar: string, target: string, warnings: ExportWarning[]): string {
  const exact = RAILS_ZONES.find(([, z]) => sameZoneName(z, iana));
  if (exact) return exact[0];
  const twin = RAILS_ZONES.find(([, z]) => sameOffsets(z, iana, from, to));
  if (twin) {
    warnings.push({ code: 'PLG4005', line, message: `no Rails zone name (which ${target} takes) stands for \`${iana}\` (calendar \`${calendar}\`)`, instead: `wrote \`${twin[0]}\` (${twin[1]}), which has the same UTC offsets from ${from} to ${to}; check it again after the term` });
    return twin[0];
  }
  warnings.push({ code: 'PLG4005', line, message: `no Rails zone name (which ${target} takes) has the UTC offsets of \`${iana}\` (calendar \`${calendar}\`) over the term`, instead: 'wrote `UTC`; set the zone by hand' });
  return 'UTC';
}
