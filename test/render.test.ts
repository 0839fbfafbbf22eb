import { describe, expect, it } from 'vitest';
import { ALL_CODES, analyze, CATALOG } from '../src/index.js';
import type { Range } from '../src/ast/nodes.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { renderGithub } from '../src/diagnostics/render-github.js';
import { renderHuman } from '../src/diagnostics/render-human.js';
import { renderJson } from '../src/diagnostics/render-json.js';
import { renderSarif, SARIF_SCHEMA } from '../src/diagnostics/render-sarif.js';
import { excerpt, type FileReport } from '../src/diagnostics/source-lines.js';

/** A range on one line, from 1-based columns, with offsets computed from `text`. */
function at(text: string, line: number, column: number, endColumn = column): Range {
  const lines = text.split('\n');
  const lineStart = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return {
    start: { line, column, offset: lineStart + column - 1 },
    end: { line, column: endColumn, offset: lineStart + endColumn - 1 },
  };
}

function diag(code: Diagnostic['code'], message: string, range: Range, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity: CATALOG[code].severity, message, range, ...extra };
}

/** The caret line under the source line of the first diagnostic, without the gutter. */
function underline(output: string): string {
  const line = output.split('\n').find((l) => /^\s*\|\s*\^/.test(l))!;
  return line.replace(/^\s*\| /, '');
}

const SOURCE = 'priority P0 { response 15min on always }';

describe('human renderer', () => {
  it('prints file:line:col, severity and code, the source line and carets under the span', () => {
    const report: FileReport = { file: 'a.pledge', text: SOURCE, diagnostics: analyze(SOURCE).diagnostics.filter((d) => d.code === 'PLG1002') };
    const out = renderHuman([report]);
    expect(out).toContain('a.pledge:1:24: error[PLG1002]: `15min` is not a number, duration or date\n');
    expect(out).toContain(`1 | ${SOURCE}\n`);
    expect(underline(out)).toBe(`${' '.repeat(23)}^^^^^`);
    expect(out).toContain('  = help: durations are written');
    expect(out.endsWith('✖ 1 error, 0 warnings\n')).toBe(true);
  });

  it('expands tabs the same way in the line and the underline', () => {
    const text = 'clock r {\n\tstarts\tfiled\n}';
    const out = renderHuman([{ file: 'a.pledge', text, diagnostics: [diag('PLG2005', 'unknown event `filed`', at(text, 2, 9, 14))] }]);
    expect(out).toContain('2 |     starts  filed\n');
    expect(underline(out)).toBe(`${' '.repeat(12)}^^^^^`);
    expect(out).not.toContain('\t');
  });

  it('gives an empty span one caret, and a span running past its line carets to the line end', () => {
    const text = 'calendar x {';
    const empty = renderHuman([{ file: 'a.pledge', text, diagnostics: [diag('PLG1003', 'expected `}`', at(text, 1, 13))] }]);
    expect(underline(empty)).toBe(`${' '.repeat(12)}^`);
    const text2 = 'calendar x {\n}';
    const multi: Range = { start: at(text2, 1, 10).start, end: at(text2, 2, 2).start };
    expect(underline(renderHuman([{ file: 'a.pledge', text: text2, diagnostics: [diag('PLG2008', 'calendar `x` has no zone', multi)] }]))).toBe(
      `${' '.repeat(9)}^^^`,
    );
  });

  it('counts wide characters as two columns so carets stay under the span', () => {
    expect(excerpt('"北京" x', 6, 7)).toEqual({ line: '"北京" x', underline: `${' '.repeat(7)}^` });
  });

  it('prints related locations as notes and pluralises the summary', () => {
    const text = 'clock a {}\nclock a {}';
    const d = diag('PLG2006', 'clock `a` is declared twice', at(text, 2, 7, 8), {
      related: [{ message: 'first declared here', range: at(text, 1, 7, 8) }],
    });
    const w = diag('PLG2014', 'clock `a` has no targets', at(text, 1, 7, 8));
    const out = renderHuman([{ file: 'b.pledge', text, diagnostics: [w, d, w] }]);
    expect(out).toContain('  = note: b.pledge:1:7: first declared here\n');
    expect(out.endsWith('✖ 1 error, 2 warnings\n')).toBe(true);
  });

  it('says `no problems` when clean, and lists infos apart', () => {
    expect(renderHuman([{ file: 'a.pledge', text: '', diagnostics: [] }])).toBe('no problems\n');
    const info = diag('PLG2063', 'the contract has no `sla` block', at('x', 1, 1, 2));
    expect(renderHuman([{ file: 'a.pledge', text: 'x', diagnostics: [info] }])).toMatch(/no problems, 1 info\n$/);
  });

  it('colours only when asked', () => {
    const report: FileReport = { file: 'a.pledge', text: SOURCE, diagnostics: analyze(SOURCE).diagnostics };
    expect(renderHuman([report])).not.toContain('\u001b[');
    const coloured = renderHuman([report], { color: true });
    expect(coloured).toContain('\u001b[31m'); // red for errors
    expect(coloured).toContain('\u001b[2m'); // dim gutter
  });

  it('never prints control characters from the file, and cuts very long lines', () => {
    const text = 'clock \u001b[2J {}';
    const out = renderHuman([{ file: 'a.pledge', text, diagnostics: [diag('PLG1001', 'unexpected character', at(text, 1, 7, 8))] }]);
    expect(out).not.toContain('\u001b');
    const long = '{'.repeat(1_000_000);
    const far = diag('PLG1002', 'unexpected `{`', { start: { line: 1, column: 500_001, offset: 500_000 }, end: { line: 1, column: 500_002, offset: 500_001 } });
    const cut = renderHuman([{ file: 'a.pledge', text: long, diagnostics: [far] }]);
    expect(cut.length).toBeLessThan(500);
    expect(underline(cut)).toMatch(/^ +\^$/);
  });

  it('shows no excerpt for a file that was not read', () => {
    const d = diag('PLG1000', 'file is larger than the 10 MB limit (50 MB)', { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } });
    expect(renderHuman([{ file: 'big.pledge', diagnostics: [d] }])).toBe(
      'big.pledge:1:1: error[PLG1000]: file is larger than the 10 MB limit (50 MB)\n\n✖ 1 error, 0 warnings\n',
    );
  });
});

describe('json renderer', () => {
  const text = 'clock a {}\nclock a {}';
  const dup = diag('PLG2006', 'clock `a` is declared twice', at(text, 2, 7, 8), {
    help: 'rename one',
    related: [{ message: 'first declared here', range: at(text, 1, 7, 8) }],
    fix: { title: 'rename to `a2`', edits: [{ range: at(text, 2, 7, 8), newText: 'a2' }] },
  });
  const plain = diag('PLG2014', 'clock `a` has no targets', at(text, 1, 7, 8));
  const info = diag('PLG2063', 'the contract has no `sla` block', at(text, 1, 1, 2));

  it('has exactly the documented shape, with no offsets', () => {
    const doc = JSON.parse(renderJson([{ file: 'a.pledge', text, diagnostics: [plain, dup, info] }, { file: 'b.pledge', diagnostics: [] }]));
    expect(doc).toEqual({
      files: [
        {
          file: 'a.pledge',
          diagnostics: [
            { code: 'PLG2014', severity: 'warning', message: 'clock `a` has no targets', range: { start: { line: 1, column: 7 }, end: { line: 1, column: 8 } } },
            {
              code: 'PLG2006',
              severity: 'error',
              message: 'clock `a` is declared twice',
              range: { start: { line: 2, column: 7 }, end: { line: 2, column: 8 } },
              help: 'rename one',
              related: [{ file: 'a.pledge', range: { start: { line: 1, column: 7 }, end: { line: 1, column: 8 } }, message: 'first declared here' }],
              fix: { title: 'rename to `a2`', edits: [{ range: { start: { line: 2, column: 7 }, end: { line: 2, column: 8 } }, newText: 'a2' }] },
            },
            { code: 'PLG2063', severity: 'info', message: 'the contract has no `sla` block', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } },
          ],
        },
        { file: 'b.pledge', diagnostics: [] },
      ],
      errors: 1,
      warnings: 1,
    });
    expect(Object.keys(doc)).toEqual(['files', 'errors', 'warnings']);
    expect(Object.keys(doc.files[0].diagnostics[1])).toEqual(['code', 'severity', 'message', 'range', 'help', 'related', 'fix']);
  });
});

describe('sarif renderer', () => {
  const text = 'clock a {}\nclock a {}';
  const dup = diag('PLG2006', 'clock `a` is declared twice', at(text, 2, 7, 8), {
    related: [{ message: 'first declared here', range: at(text, 1, 7, 8) }],
    fix: { title: 'rename to `a2`', edits: [{ range: at(text, 2, 7, 8), newText: 'a2' }] },
  });
  const sarif = JSON.parse(renderSarif([{ file: 'contracts/my sla.pledge', text, diagnostics: [dup] }], { toolVersion: '9.9.9' }));
  const run = sarif.runs[0];

  it('is SARIF 2.1.0 with a rule for every catalog code, in catalog order', () => {
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'pledge', version: '9.9.9' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ALL_CODES);
    for (const rule of run.tool.driver.rules) {
      expect(rule.name).toBe(CATALOG[rule.id as keyof typeof CATALOG].title);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('locates results by repo-relative URI and region, with related locations and fixes', () => {
    const [result] = run.results;
    expect(result.ruleId).toBe('PLG2006');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('PLG2006');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe('clock `a` is declared twice');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'contracts/my%20sla.pledge', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 8 },
    });
    expect(result.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 7, endLine: 1, endColumn: 8 });
    expect(result.relatedLocations[0].message.text).toBe('first declared here');
    expect(result.fixes[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 8 },
      insertedContent: { text: 'a2' },
    });
  });

  it('maps info to note, and paths outside the repository to file URIs', () => {
    const info = diag('PLG2063', 'no sla', at('x', 1, 1, 2));
    const doc = JSON.parse(renderSarif([{ file: '/elsewhere/a.pledge', diagnostics: [info] }], { toolVersion: '1.0.0' }));
    expect(doc.runs[0].results[0].level).toBe('note');
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/a.pledge' });
  });

  it('is stable: the same input renders the same text', () => {
    const reports: FileReport[] = [{ file: 'a.pledge', text: SOURCE, diagnostics: analyze(SOURCE).diagnostics }];
    expect(renderSarif(reports, { toolVersion: '1.0.0' })).toBe(renderSarif(reports, { toolVersion: '1.0.0' }));
  });
});

describe('github renderer', () => {
  it('prints one workflow command per diagnostic, escaping data and properties', () => {
    const text = 'clock a {}';
    const d = diag('PLG2006', 'used 100% of\r\nthe budget', at(text, 1, 7, 8), { help: 'see a, b: c' });
    const w = diag('PLG2014', 'w', at(text, 1, 1, 2));
    const i = diag('PLG2063', 'i', at(text, 1, 1, 2));
    const out = renderGithub([{ file: 'dir,x/a:b%.pledge', text, diagnostics: [d, w, i] }]);
    expect(out.split('\n')).toEqual([
      '::error file=dir%2Cx/a%3Ab%25.pledge,line=1,col=7,endLine=1,endColumn=8,title=PLG2006::used 100%25 of%0D%0Athe budget — see a, b: c',
      '::warning file=dir%2Cx/a%3Ab%25.pledge,line=1,col=1,endLine=1,endColumn=2,title=PLG2014::w',
      '::notice file=dir%2Cx/a%3Ab%25.pledge,line=1,col=1,endLine=1,endColumn=2,title=PLG2063::i',
      '',
    ]);
  });
});
