/**
 * Formatter baselines, OPA style: every `test/fixtures/format/x.pledge` has a sibling
 * `x.pledge.formatted`. A case is a new file pair, never new code.
 *
 *   UPDATE_BASELINES=1 npx vitest run test/format.test.ts   # rewrite the expected files, then read the diff
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sameShape, shape } from '../src/ast/shape.js';
import { formatSource } from '../src/index.js';
import { parse } from '../src/syntax/parse.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(ROOT, 'fixtures', 'format');
const CONTRACTS = path.join(ROOT, '..', 'contracts');
const UPDATE = process.env['UPDATE_BASELINES'] === '1';

const list = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.pledge')).sort();

/** Formats `text`, which must have no syntax errors. */
function format(text: string, name: string): string {
  const result = formatSource(text);
  expect(result.diagnostics, name).toEqual([]);
  expect(result.output, name).toBeDefined();
  return result.output!;
}

/** The properties every formatted file has: same shape, same comments, idempotent. */
function expectFaithful(input: string, output: string, name: string): void {
  const before = parse(input);
  const after = parse(output);
  expect(after.diagnostics, name).toEqual([]);
  expect(shape(after.ast), name).toEqual(shape(before.ast));
  expect(sameShape(after.ast, before.ast), name).toBe(true);
  expect(after.comments.map((c) => c.text), name).toEqual(before.comments.map((c) => c.text));
  expect(format(output, name), `${name}: formatting again changes the text`).toBe(output);
}

describe('formatter baselines (test/fixtures/format)', () => {
  const cases = list(FIXTURES);

  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of cases) {
    it(file, () => {
      const input = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const expectedPath = path.join(FIXTURES, `${file}.formatted`);
      const output = format(input, file);
      if (UPDATE) fs.writeFileSync(expectedPath, output);
      expect(fs.existsSync(expectedPath), `missing ${file}.formatted; run with UPDATE_BASELINES=1`).toBe(true);
      expect(output).toBe(fs.readFileSync(expectedPath, 'utf8'));
      expectFaithful(input, output, file);
    });
  }
});

describe('formatter on contracts/', () => {
  for (const file of list(CONTRACTS)) {
    it(file, () => {
      const input = fs.readFileSync(path.join(CONTRACTS, file), 'utf8');
      expectFaithful(input, format(input, file), file);
    });
  }
});

describe('formatter edge cases', () => {
  it('prints an empty contract as the empty string', () => {
    expect(format('', 'empty')).toBe('');
    expect(format(' \n\n\t', 'blank')).toBe('');
  });

  it('leaves text with syntax errors alone and returns the errors', () => {
    const result = formatSource('calendar {');
    expect(result.output).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});
