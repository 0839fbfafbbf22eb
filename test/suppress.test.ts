/**
 * Suppression comments (`// pledge-disable-next-line CODE -- reason`, `// pledge-disable-file …`):
 * what they hide, what they cannot hide, and how SARIF and JSON still list what was hidden.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, renderJson, renderSarif, renderHuman } from '../src/index.js';

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, 'fixtures', 'bad', name), 'utf8');
const base = fixture('plg2022-hours-mean-days.pledge');

describe('suppression comments', () => {
  it('a next-line suppression with a reason hides exactly that finding on that line, and keeps it as suppressed', () => {
    const plain = analyze(base);
    expect(plain.diagnostics.map((d) => d.code)).toEqual(['PLG2022']);
    const text = base.replace('  response 48h on business', '  // pledge-disable-next-line PLG2022 -- agreed in the order form\n  response 48h on business');
    const a = analyze(text);
    expect(a.diagnostics).toEqual([]);
    expect(a.suppressed.map((d) => [d.code, d.range.start.line, d.suppression.justification])).toEqual([['PLG2022', 23, 'agreed in the order form']]);
  });

  it('does not reach past the next line', () => {
    const text = base.replace('  response 48h on business', '  // pledge-disable-next-line PLG2022 -- too far away\n\n  response 48h on business');
    const codes = analyze(text).diagnostics.map((d) => d.code);
    expect(codes).toContain('PLG2022');
    expect(codes).toContain('PLG2091');
  });

  it('a file-level suppression hides the code anywhere in the file', () => {
    const a = analyze(`// pledge-disable-file PLG2022 -- business days are written as hours on purpose\n${base}`);
    expect(a.diagnostics).toEqual([]);
    expect(a.suppressed).toHaveLength(1);
  });

  it('never hides an error', () => {
    const text = base.replace('response 48h on business', 'response 4h on bussiness').replace('priority P3 {', '// pledge-disable-file PLG2001 -- no\npriority P3 {');
    const codes = analyze(text).diagnostics.map((d) => d.code);
    expect(codes).toContain('PLG2001');
    expect(codes).toContain('PLG2093');
  });

  it('SARIF lists the suppressed finding with kind inSource and its justification; JSON and the human summary say so', () => {
    const text = base.replace('  response 48h on business', '  // pledge-disable-next-line PLG2022 -- agreed in the order form\n  response 48h on business');
    const a = analyze(text);
    const report = { file: 'x.pledge', text, diagnostics: a.diagnostics, suppressed: a.suppressed };
    const sarif = JSON.parse(renderSarif([report], { toolVersion: '0.0.0' }));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'PLG2022', suppressions: [{ kind: 'inSource', justification: 'agreed in the order form' }] });
    const json = JSON.parse(renderJson([report]));
    expect(json.warnings).toBe(0);
    expect(json.files[0].suppressed[0]).toMatchObject({ code: 'PLG2022', suppression: { justification: 'agreed in the order form' } });
    expect(renderHuman([report], { color: false })).toContain('no problems (1 suppressed)');
  });
});

describe('an empty contract', () => {
  it('is an error that says what a contract needs, for an empty file and for a file of comments', () => {
    for (const text of ['', '// nothing yet\n']) {
      const d = analyze(text).diagnostics;
      expect(d.map((x) => x.code)).toEqual(['PLG2090']);
      expect(d[0]!.severity).toBe('error');
      expect(d[0]!.range.start.line).toBe(1);
    }
  });
});
