/**
 * Checker fixtures: every `.pledge` under `fixtures/bad` has a sibling `.errors.txt` baseline of
 * its expected diagnostics; every file under `fixtures/good` checks clean; every contract in
 * `contracts/` checks clean or matches its baseline, and its asserts are run. A new case is a new file. `UPDATE_BASELINES=1 npx vitest run test/fixtures.test.ts`
 * rewrites the baselines; review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, ALL_CODES, CATALOG, formatSource } from '../src/index.js';
import { annotate } from './baseline.js';
import { calendarZone } from '../src/check/model.js';
import { compileContract } from '../src/time/contract.js';
import { runAsserts } from '../src/time/asserts.js';
import { testText } from '../src/report/test.js';

const root = path.resolve(__dirname, 'fixtures');
const update = process.env['UPDATE_BASELINES'] === '1';
const list = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.pledge')).sort();
const badFiles = list(path.join(root, 'bad'));

describe('bad fixtures match their baselines', () => {
  for (const file of badFiles) {
    it(file, () => {
      const full = path.join(root, 'bad', file);
      // `holidays file` paths are relative to the fixture (test/fixtures/ics holds the iCalendar files).
      const readFile = (p: string) => (fs.existsSync(path.resolve(path.dirname(full), p)) ? { text: fs.readFileSync(path.resolve(path.dirname(full), p), 'utf8') } : { error: 'no such file' });
      const { diagnostics } = analyze(fs.readFileSync(full, 'utf8'), { readFile });
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
    // Export codes (PLG40xx) come from `pledge export`, not from checking a file: test/export covers them.
    // PLG2094 comes from the language server's watchdog, not from a file: test/lsp/watchdog.test.ts covers it.
    // Replay codes (PLG50xx) come from a ticket log: test/cases/replay covers them.
    // Engine codes (PLG30xx) come from the times and events given to what-if and test: test/nothing-silent.test.ts covers them.
    const missing = ALL_CODES.filter((c) => c !== 'PLG1000' && c !== 'PLG2094' && !CATALOG[c].retired && CATALOG[c].phase !== 'export' && CATALOG[c].phase !== 'replay' && CATALOG[c].phase !== 'engine' && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('codes are grouped by phase: PLG1xxx syntax and reading, PLG2xxx checker, PLG30xx engine, PLG40xx export, PLG50xx replay', () => {
    for (const code of ALL_CODES) {
      const phase = CATALOG[code].phase;
      if (code.startsWith('PLG30')) expect(phase).toBe('engine');
      else if (code.startsWith('PLG40')) expect(phase).toBe('export');
      else if (code.startsWith('PLG50')) expect(phase).toBe('replay');
      else expect(code.startsWith('PLG1') ? phase !== 'check' && phase !== 'export' : phase === 'check').toBe(true);
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

describe('good fixtures check without errors or warnings', () => {
  for (const file of list(path.join(root, 'good'))) {
    it(file, () => {
      const { diagnostics } = analyze(fs.readFileSync(path.join(root, 'good', file), 'utf8'));
      const problems = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      expect(problems.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
    });
  }
});

/**
 * The contract library: every file in `contracts/` is in canonical layout, says what it models in
 * a header comment, and checks clean, unless its findings are pinned in a reviewed baseline
 * `test/fixtures/library/NAME.errors.txt` (the deliberately flawed draft; the running example's
 * one PLG2022 warning, shown in the README). Every contract without errors has its asserts run
 * over its whole term, pinned in `NAME.test.txt`; a clean contract's asserts must all pass.
 */
describe('contracts/ library', () => {
  const contractsDir = path.resolve(__dirname, '../contracts');
  const library = path.join(root, 'library');
  const files = list(contractsDir);

  it('has at least six contracts', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    const name = file.replace(/\.pledge$/, '');
    const text = fs.readFileSync(path.join(contractsDir, file), 'utf8');
    const analysis = analyze(text);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const header = /^(\/\/.*\n)+/.exec(text)?.[0] ?? '';

    it(`${file}: says what it models, in canonical layout`, () => {
      expect(header.split('\n').length, 'a header comment of at least two lines').toBeGreaterThan(2);
      // What we ship is in canonical layout: `pledge fmt --check` passes on it.
      expect(formatSource(text).output).toBe(text);
    });

    it(`${file}: checks clean or matches its baseline`, () => {
      const baseline = path.join(library, `${name}.errors.txt`);
      const findings = analysis.diagnostics.filter((d) => d.severity !== 'info');
      if (update && findings.length > 0) fs.writeFileSync(baseline, annotate(text, analysis.diagnostics));
      if (fs.existsSync(baseline)) expect(annotate(text, analysis.diagnostics)).toBe(fs.readFileSync(baseline, 'utf8'));
      else expect(findings.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
      // A contract with errors is a demonstration and must say so where readers look first.
      if (errors.length > 0) expect(header).toMatch(/flawed/i);
    });

    if (errors.length > 0) continue;
    it(`${file}: its asserts hold over the term, as pinned`, () => {
      const runtime = compileContract(analysis.model);
      const checks = runAsserts(runtime);
      const first = [...analysis.model.calendars.values()][0];
      const actual = testText(`contracts/${file}`, checks, (first && calendarZone(first)) ?? 'UTC');
      const golden = path.join(library, `${name}.test.txt`);
      if (update || !fs.existsSync(golden)) fs.writeFileSync(golden, actual);
      expect(actual).toBe(fs.readFileSync(golden, 'utf8'));
      if (!fs.existsSync(path.join(library, `${name}.errors.txt`))) {
        expect(checks.filter((c) => !c.passed).map((c) => `${c.assert}: ${c.priority} ${c.clock}`)).toEqual([]);
      }
    });
  }
});
