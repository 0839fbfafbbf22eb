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
import { Readable } from 'node:stream';
import { replay, replayStream } from '../src/simulate/replay-stream.js';
import { parseInstant } from '../src/report/time-format.js';
import { calendarZone } from '../src/check/model.js';

interface Case {
  about: string;
  contract: string;
  log: string[];
  /** `--now`, in `zone` (else the first calendar's zone) unless it has an offset. */
  now?: string;
  /** `--zone`: the zone of times written without an offset. */
  zone?: string;
  expect: Record<string, unknown>;
  /** Top-level keys the report must not have (an optional part, such as `localTimes`). */
  absent?: string[];
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
    it(`${file}: ${c.about}`, async () => {
      const { model, diagnostics } = analyze(fs.readFileSync(path.join(root, c.contract), 'utf8'));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const runtime = compileContract(model);
      const zone = c.zone ?? calendarZone([...model.calendars.values()][0]!)!;
      const text = `ticket,event,time,priority,plan\n${c.log.join('\n')}\n`;
      const options = { ...(c.now ? { now: parseInstant(c.now, zone)! } : {}), ...(c.zone ? { zone: c.zone } : {}) };
      const report = replay(runtime, text, options);
      expect(pick(JSON.parse(JSON.stringify(report)), c.expect)).toEqual(c.expect);
      for (const key of c.absent ?? []) expect(Object.keys(report)).not.toContain(key);
      // The streamed reader (the CLI's, with its own fast row reader) gives the same report.
      const streamed = await replayStream(runtime, () => Readable.from([Buffer.from(text)]), options);
      expect(streamed).toEqual(report);
    });
  }
});
