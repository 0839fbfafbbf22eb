/**
 * Timeline cases as data: each `test/cases/what-if/*.json` names a contract, a filing, events and
 * the subset of `pledge what-if --json` output it expects. A new case is a new file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { compileContract } from '../src/time/contract.js';
import { localTimeNotice, timeline } from '../src/time/timeline.js';
import { whatIfJson } from '../src/report/what-if.js';
import { parseInstant } from '../src/report/time-format.js';
import { parseEvent } from '../src/cli/what-if.js';
import { calendarZone } from '../src/check/model.js';

interface Case {
  about: string;
  contract: string;
  priority: string;
  filed: string;
  zone?: string;
  plan?: string;
  events?: string[];
  /** The judging instant (`--as-of`); default: the end of the term. */
  asOf?: string;
  expect: Record<string, unknown>;
}

const root = path.resolve(__dirname, '..');

/**
 * The part of `actual` that `expected` speaks about: object keys it names, array items up to its
 * length (an empty expected array keeps all, so `[]` means "none"). Diffs then show only that.
 */
function pick(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === 0 ? actual : actual.slice(0, expected.length).map((a, i) => pick(a, expected[i]));
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    return Object.fromEntries(Object.keys(expected).map((k) => [k, pick((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k])]));
  }
  return actual;
}
const dir = path.join(root, 'test/cases/what-if');

describe('what-if cases', () => {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const c = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Case;
    it(`${file}: ${c.about}`, () => {
      const { model, diagnostics } = analyze(fs.readFileSync(path.join(root, c.contract), 'utf8'));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const runtime = compileContract(model);
      const zone = c.zone ?? calendarZone([...model.calendars.values()][0]!)!;
      const priorities = model.priorities.map((p) => p.name);
      const judged = timeline(runtime, {
        priority: c.priority,
        filed: parseInstant(c.filed, zone)!,
        events: (c.events ?? []).map((e) => parseEvent(e, zone, priorities)),
        zone,
        ...(c.plan ? { plan: c.plan } : {}),
        ...(c.asOf ? { asOf: parseInstant(c.asOf, zone)! } : {}),
      });
      // As `pledge what-if` does: the typed local times that named no single instant (PLG3010, PLG3011).
      const typed: [string, string][] = [['--filed', c.filed], ...(c.events ?? []).map((e): [string, string] => ['--event', e.slice(e.indexOf('@') + 1)]), ...(c.asOf ? [['--as-of', c.asOf] as [string, string]] : [])];
      const notes = typed.flatMap(([name, text]) => localTimeNotice(name, text, zone) ?? []);
      const result = { ...judged, notices: [...notes, ...judged.notices] };
      expect(pick(whatIfJson(result, zone), c.expect)).toEqual(c.expect);
    });
  }
});
