/**
 * Replay cases as data: each `test/cases/replay/*.json` names a contract, a ticket log (CSV rows
 * after the header), optionally `--now`, and the subset of `pledge replay --json` output it
 * expects (object keys it names, array items up to its length). A new case is a new file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { compileContract } from '../src/time/contract.js';
import { replay } from '../src/simulate/replay-stream.js';
import { parseInstant } from '../src/report/time-format.js';
import { calendarZone } from '../src/check/model.js';

interface Case {
  about: string;
  contract: string;
  log: string[];
  /** `--now`, in the first calendar's zone unless it has an offset. */
  now?: string;
  expect: Record<string, unknown>;
}

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'test/cases/replay');

function pick(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length === 0 ? actual : actual.slice(0, expected.length).map((a, i) => pick(a, expected[i]));
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !Array.isArray(actual)) {
    return Object.fromEntries(Object.keys(expected).map((k) => [k, pick((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k])]));
  }
  return actual;
}

describe('replay cases', () => {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const c = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Case;
    it(`${file}: ${c.about}`, () => {
      const { model, diagnostics } = analyze(fs.readFileSync(path.join(root, c.contract), 'utf8'));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const runtime = compileContract(model);
      const zone = calendarZone([...model.calendars.values()][0]!)!;
      const report = replay(runtime, `ticket,event,time,priority,plan\n${c.log.join('\n')}\n`, c.now ? { now: parseInstant(c.now, zone)! } : {});
      expect(pick(JSON.parse(JSON.stringify(report)), c.expect)).toEqual(c.expect);
    });
  }
});
