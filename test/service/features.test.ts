/** The language service's whole-document features: formatting, outline, folding, tokens, hints, fixes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSource } from '../../src/index.js';
import { codeActions, diagnostics, documentSymbols, foldingRanges, formatting, inlayHints, PledgeDocument, semanticTokens } from '../../src/service/index.js';
import { applyEdits } from './edits.js';

const CONTRACT = readFileSync('contracts/realtime-messaging.pledge', 'utf8');

describe('formatting', () => {
  const messy = CONTRACT.replace('  zone "Asia/Shanghai"\n  hours mon-fri', '      zone    "Asia/Shanghai"\n  hours   mon-fri').replace('clock response {\n  starts filed', 'clock response {\nstarts   filed');

  it('gives the same text as `pledge fmt` when applied', () => {
    const edits = formatting(new PledgeDocument(messy))!;
    expect(edits.length).toBeGreaterThan(0);
    expect(applyEdits(messy, edits)).toBe(formatSource(messy).output);
  });

  it('touches only the changed lines, and with a range only the lines it meets', () => {
    const edits = formatting(new PledgeDocument(messy))!;
    expect(edits.map((e) => e.range.start.line)).toEqual([12, 25]);
    const ranged = formatting(new PledgeDocument(messy), { start: { line: 25, column: 1 }, end: { line: 25, column: 3 } })!;
    expect(ranged.map((e) => e.range.start.line)).toEqual([25]);
    expect(applyEdits(messy, ranged)).toContain('clock response {\n  starts filed');
    expect(applyEdits(messy, ranged)).toContain('      zone    "Asia/Shanghai"');
  });

  it('leaves a formatted file alone and refuses a file with syntax errors', () => {
    expect(formatting(new PledgeDocument(formatSource(CONTRACT).output!))).toEqual([]);
    expect(formatting(new PledgeDocument('clock {'))).toBeUndefined();
  });
});

describe('outline and folding', () => {
  const doc = new PledgeDocument(CONTRACT);
  it('lists the declarations with targets inside priorities', () => {
    const symbols = documentSymbols(doc);
    expect(symbols.map((s) => `${s.kind} ${s.name}`).slice(0, 5)).toEqual(['sla Realtime Messaging SDK - Enterprise Support', 'calendar business', 'calendar always', 'clock response', 'clock resolution']);
    expect(symbols.find((s) => s.name === 'P0')!.children.map((c) => `${c.name} ${c.detail}`)).toEqual(['response 15m on always', 'resolution 2h on always']);
  });
  it('folds every multi-line block', () => {
    const folds = foldingRanges(doc);
    expect(folds[0]).toEqual({ startLine: 4, endLine: 9 });
    expect(folds.some((f) => f.startLine === 11 && f.endLine === 17)).toBe(true);
  });
});

describe('semantic tokens', () => {
  it('types names by what they name and splits block comments by line', () => {
    const doc = new PledgeDocument('/* a\nb */\ncalendar business { zone "UTC" }\nclock r { starts filed }\npriority P0 { r 1h on business }\n');
    const got = semanticTokens(doc).map((t) => `${t.line}:${t.column}+${t.length} ${t.type}${t.declaration ? '*' : ''}`);
    expect(got).toEqual([
      '1:1+4 comment', '2:1+4 comment',
      '3:1+8 keyword', '3:10+8 namespace*',
      '3:21+4 keyword', '3:26+5 string',
      '4:1+5 keyword', '4:7+1 variable*', '4:11+6 keyword', '4:18+5 event',
      '5:1+8 keyword', '5:10+2 enumMember*', '5:15+1 variable', '5:17+2 number', '5:20+2 keyword', '5:23+8 namespace',
    ]);
  });
});

describe('inlay hints and code actions', () => {
  it('puts each target’s worst-case real time after it', () => {
    const hints = inlayHints(new PledgeDocument(CONTRACT));
    const p2 = hints.find((h) => h.position.line === 51)!;
    expect(p2.label).toMatch(/^⏱ ≤ \d+d \d+h/);
    expect(hints.length).toBe(8);
  });

  it('offers the fixes of the diagnostics under the cursor, the PLG2022 `d` fix among them', () => {
    const doc = new PledgeDocument(CONTRACT); // `resolution 24h on business`
    const d = diagnostics(doc, 'all').find((x) => x.code === 'PLG2022')!;
    expect(d).toBeDefined();
    const actions = codeActions(doc, { start: d.range.start, end: d.range.start });
    expect(actions.map((a) => a.fix.title)).toEqual(['replace with `1d`']);
    expect(codeActions(doc, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } })).toEqual([]);
  });
});
