/**
 * Checker fixtures: every `.pledge` under `fixtures/bad` has a sibling `.errors.txt` baseline of
 * its expected diagnostics; every file under `fixtures/good` and `contracts/` checks without
 * errors. A new case is a new file. `UPDATE_BASELINES=1 npx vitest run test/fixtures.test.ts`
 * rewrites the baselines; review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, ALL_CODES, CATALOG, formatSource } from '../src/index.js';
import { annotate } from './baseline.js';

const root = path.resolve(__dirname, 'fixtures');
const update = process.env['UPDATE_BASELINES'] === '1';
const list = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.pledge')).sort();
const badFiles = list(path.join(root, 'bad'));

describe('bad fixtures match their baselines', () => {
  for (const file of badFiles) {
    it(file, () => {
      const full = path.join(root, 'bad', file);
      const { diagnostics } = analyze(fs.readFileSync(full, 'utf8'));
      const actual = annotate(fs.readFileSync(full, 'utf8'), diagnostics);
      const baseline = full.replace(/\.pledge$/, '.errors.txt');
      if (update || !fs.existsSync(baseline)) fs.writeFileSync(baseline, actual);
      expect(actual).toBe(fs.readFileSync(baseline, 'utf8'));
      // The file is named after the code it exists to trigger.
      const code = file.slice(0, 7).toUpperCase();
      expect(diagnostics.map((d) => d.code)).toContain(code);
    });
  }
});

describe('catalog', () => {
  it('every code except file-level PLG1000 has a fixture that triggers it', () => {
    const covered = new Set(badFiles.map((f) => f.slice(0, 7).toUpperCase()));
    const missing = ALL_CODES.filter((c) => c !== 'PLG1000' && !CATALOG[c].retired && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('codes are grouped by phase: PLG1xxx syntax and reading, PLG2xxx checker', () => {
    for (const code of ALL_CODES) {
      const phase = CATALOG[code].phase;
      expect(code.startsWith('PLG1') ? phase !== 'check' : phase === 'check').toBe(true);
    }
  });

  it('messages follow the house style: lowercase start, no final period, one line', () => {
    for (const file of badFiles) {
      for (const d of analyze(fs.readFileSync(path.join(root, 'bad', file), 'utf8')).diagnostics) {
        expect(d.message, `${file}: ${d.message}`).toMatch(/^[^A-Z\n].*[^.\n]$/s);
        expect(d.message).not.toContain('\n');
      }
    }
  });

  it('fixes are machine-applicable: applying one removes the diagnostic it fixes', () => {
    for (const file of badFiles) {
      const text = fs.readFileSync(path.join(root, 'bad', file), 'utf8');
      for (const d of analyze(text).diagnostics) {
        if (!d.fix) continue;
        const edits = [...d.fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
        let fixed = text;
        for (const e of edits) fixed = fixed.slice(0, e.range.start.offset) + e.newText + fixed.slice(e.range.end.offset);
        const after = analyze(fixed).diagnostics.filter((x) => x.code === d.code && x.message === d.message);
        expect(after, `${file}: fix "${d.fix.title}" for ${d.code}`).toEqual([]);
      }
    }
  });
});

describe('good fixtures and bundled contracts check without errors', () => {
  const good = list(path.join(root, 'good')).map((f) => path.join(root, 'good', f));
  const contracts = list(path.resolve(__dirname, '../contracts')).map((f) => path.resolve(__dirname, '../contracts', f));
  for (const full of [...good, ...contracts]) {
    it(path.relative(path.resolve(__dirname, '..'), full), () => {
      const { diagnostics } = analyze(fs.readFileSync(full, 'utf8'));
      const problems = diagnostics.filter((d) => d.severity === 'error' || (full.includes('/good/') && d.severity === 'warning'));
      expect(problems.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
      // What we ship is in canonical layout: `pledge fmt --check` passes on it.
      const text = fs.readFileSync(full, 'utf8');
      expect(formatSource(text).output).toBe(text);
    });
  }

  it('the bundled example is flagged only for `24h on business` (PLG2022), by design', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../contracts/realtime-messaging.pledge'), 'utf8');
    const found = analyze(text).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}`);
    expect(found).toEqual(['51:14 PLG2022']);
  });
});
