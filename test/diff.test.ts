/**
 * `pledge diff`: golden redlines of the library contracts, and properties. Each case in
 * `test/cases/diff/CONTRACT--REDLINE.pledge` is a new version of `contracts/CONTRACT.pledge`; its
 * expected diff is `…diff.txt` (text) and `…diff.json` (JSON). A new case is a new file.
 *
 *   UPDATE_BASELINES=1 npx vitest run test/diff.test.ts   # rewrite the expected files, then read the diff
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, formatSource, printContract, type Analysis } from '../src/index.js';
import type { ContractDiff } from '../src/diff/change.js';
import { diffContracts, diffSide } from '../src/diff/diff.js';
import { diffJson, diffText } from '../src/report/diff.js';
import { contract } from './arbitraries.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES = path.join(ROOT, 'test/cases/diff');
const UPDATE = process.env['UPDATE_BASELINES'] === '1';

const hasErrors = (a: Analysis) => a.diagnostics.some((d) => d.severity === 'error');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const diffOf = (a: Analysis, b: Analysis, engine = true): ContractDiff =>
  diffContracts(diffSide(a.model, !engine || hasErrors(a)), diffSide(b.model, !engine || hasErrors(b)));

/** Every change and effect of `forward` has its reverse in `backward`, and nothing else is there. */
function expectReversed(forward: ContractDiff, backward: ContractDiff, context: string): void {
  const flip = { customer: 'provider', provider: 'customer', mixed: 'mixed', neither: 'neither' } as const;
  const kind = { added: 'removed', removed: 'added', changed: 'changed', renamed: 'renamed' } as const;
  const view = (d: ContractDiff) => [
    ...d.changes.map((c) => `${c.key} ${c.kind} ${c.favours} ${c.informational}`),
    ...d.effects.map((e) => `effect ${e.key} ${e.favours}`),
  ];
  const reversed = [
    ...forward.changes.map((c) => `${c.key} ${kind[c.kind]} ${flip[c.favours]} ${c.informational}`),
    ...forward.effects.map((e) => `effect ${e.key} ${flip[e.favours]}`),
  ];
  expect(new Set(view(forward)).size, `${context}: keys are unique`).toBe(view(forward).length);
  expect([...view(backward)].sort(), context).toEqual(reversed.sort());
  expect(backward.differs).toBe(forward.differs);
}

describe('diff golden files (test/cases/diff)', () => {
  const cases = fs.readdirSync(CASES).filter((f) => f.endsWith('.pledge')).sort();

  it('has redlines of the library contracts', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of cases) {
    it(file, () => {
      const oldFile = `contracts/${file.split('--')[0]}.pledge`;
      const newFile = `test/cases/diff/${file}`;
      const before = analyze(read(oldFile));
      const after = analyze(read(newFile));
      expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const diff = diffOf(before, after);
      const text = diffText(oldFile, newFile, diff);
      const json = `${JSON.stringify(diffJson(oldFile, newFile, diff), null, 2)}\n`;
      const base = path.join(CASES, file.replace(/\.pledge$/, ''));
      if (UPDATE) {
        fs.writeFileSync(`${base}.diff.txt`, text);
        fs.writeFileSync(`${base}.diff.json`, json);
      }
      expect(text).toBe(fs.readFileSync(`${base}.diff.txt`, 'utf8'));
      expect(json).toBe(fs.readFileSync(`${base}.diff.json`, 'utf8'));
      expectReversed(diff, diffOf(after, before), file);
    });
  }

  it('the vendor redline reads as the issue promises', () => {
    const text = fs.readFileSync(path.join(CASES, 'realtime-messaging--vendor-redline.diff.txt'), 'utf8');
    expect(text).toContain('  P2 response: 4 business hours -> 8 business hours: looser for the provider, worse for the customer\n');
    expect(text).toContain('  credit cap: 50% of the monthly fee -> 30% of the monthly fee: better for the provider, worse for the customer\n');
    // The redline drops `open 2026-10-10`, but the State Council's 2026 notice makes that Saturday a
    // make-up working day through `holidays "CN"`, so dropping the line changes nothing.
    expect(text).not.toContain('2026-10-10');
    expect(text).toMatch(/P2 response: .*\n {4}worst case 9d 19h 30m -> 9d 23h 30m of real time \(the slowest filing Sat 2026-02-14 17:30 \+08:00\)/);
  });

  it('an update credit is compared by meaning like a clock\'s (reference, "Periodic updates"): raised, removed, made graded', () => {
    const base = read('test/fixtures/render-golden/graded-update-credits.pledge');
    const text = (edited: string) => diffText('a', 'b', diffOf(analyze(base), analyze(edited)));
    expect(text(base.replace('per breach of P0 update 2% of fee', 'per breach of P0 update 3% of fee'))).toContain('credit per P0 update breach: 2% of the monthly fee -> 3% of the monthly fee: worse for the provider, better for the customer');
    expect(text(base.replace('  per breach of P0 update 2% of fee\n', ''))).toContain('credit per P0 update breach: 2% of the monthly fee -> none: better for the provider, worse for the customer');
    expect(text(base.replace('per breach of P0 update 2% of fee', 'per breach of P0 update 1% of fee per started 30m late, up to 5%'))).toMatch(/credit per P0 update breach: .* -> .*per started 30m late, up to 5%: mixed/);
  });

  it('a text-only redline with a renamed calendar is one informational rename', () => {
    const diff = diffOf(analyze(read('contracts/realtime-messaging.pledge')), analyze(read('test/cases/diff/realtime-messaging--same-meaning.pledge')));
    expect(diff.changes.map((c) => `${c.kind} ${c.subject} ${c.informational}`)).toEqual(['renamed calendar business true']);
    expect(diff.effects).toEqual([]);
    expect(diff.differs).toBe(false);
  });
});

/**
 * Reflows contract text without changing its meaning: line breaks become spaces, blank lines or
 * comments (a line break that ends a `//` comment stays a line break).
 */
function messy(text: string, choices: readonly number[]): string {
  const breaks = ['\n', ' ', '\n\n  ', ' /* note */ ', ' // note\n', '\n\t'];
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      if (i === lines.length - 1) return line;
      const pick = breaks[choices[i % choices.length]! % breaks.length]!;
      return line.trimStart() + (line.includes('//') && !pick.endsWith('\n') ? '\n' : pick);
    })
    .join('');
}

describe('diff properties on generated contracts', () => {
  const layout = fc.array(fc.nat(5), { minLength: 1, maxLength: 20 });

  it('diff(a, a) and diff(a, fmt(a)) are empty', () => {
    fc.assert(
      fc.property(contract, layout, (ast, choices) => {
        const text = messy(printContract(ast), choices);
        const a = analyze(text, { speed: 'fast' });
        const formatted = formatSource(text).output!;
        const b = analyze(formatted, { speed: 'fast' });
        expect(diffOf(a, a, false).changes).toEqual([]);
        expect(diffOf(a, b, false).changes, formatted).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('swapping old and new reverses every direction', () => {
    fc.assert(
      fc.property(contract, contract, (x, y) => {
        const a = analyze(printContract(x), { speed: 'fast' });
        const b = analyze(printContract(y), { speed: 'fast' });
        expectReversed(diffOf(a, b, false), diffOf(b, a, false), printContract(x) + '\n=====\n' + printContract(y));
      }),
      { numRuns: 150 },
    );
  });
});

/** Meaningful edits of a library contract, each picked by a seed: targets, credits, days, policies. */
const MUTATIONS: readonly ((text: string, seed: number) => string)[] = [
  // A target's amount.
  (t, s) => nth(t, /(\s)(\d+)(m|h|d)( on )/g, s, (m, sp, _n, u, on) => `${sp}${1 + (s % 9)}${u}${on}`),
  // A credit, a cap or an availability tier.
  (t, s) => nth(t, /(\d+(?:\.\d+)?)% of fee/g, s, () => `${1 + (s % 40)}% of fee`),
  // Drop an escalation step, a per-breach credit, a closed or open day, or a maintenance window.
  (t, s) => nth(t, /\n {2}(at |per breach|closed |open |excludes maintenance)[^\n]*/g, s, () => ''),
  // Close or open a day in the first calendar.
  (t, s) => t.replace(/(\n {2}zone "[^"]*")/, (z) => `${z}\n  ${s % 2 ? 'closed' : 'open'} 2026-${String(1 + (s % 12)).padStart(2, '0')}-${String(1 + (s % 28)).padStart(2, '0')}${s % 2 ? '' : ' 10:00-12:00'}`),
  // The reclassify policy.
  (t, s) => t.replace(/reclassify [a-z ]+\n/, `reclassify ${['keeps elapsed', 'restarts', 'stricter'][s % 3]}\n`),
  // Weekly hours.
  (t, s) => nth(t, /hours mon-fri (\d\d):00/g, s, () => `hours mon-fri ${String(7 + (s % 4)).padStart(2, '0')}:00`),
  // An event of a clock.
  (t, s) => nth(t, /starts (filed|confirmed)/g, s, (_m, e) => `starts ${e === 'filed' ? 'confirmed' : 'filed'}`),
];

/** Replaces the (seed mod count)-th match of `re` in `text`. */
function nth(text: string, re: RegExp, seed: number, by: (...m: string[]) => string): string {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return text;
  const m = matches[seed % matches.length]!;
  return text.slice(0, m.index) + by(...(m as unknown as string[])) + text.slice(m.index! + m[0].length);
}

describe('diff properties on edited library contracts (with the time engine)', () => {
  const library = ['realtime-messaging', 'tiered-plans', 'online-education', 'cloud-availability', 'follow-the-sun'].map((n) => read(`contracts/${n}.pledge`));
  const analyses = new Map<string, Analysis>();
  const cached = (text: string) => analyses.get(text) ?? (analyses.set(text, analyze(text)), analyses.get(text)!);
  const edits = fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.nat(1000)), { minLength: 1, maxLength: 3 });

  it('swapping old and new reverses every direction, and reflowing changes nothing', () => {
    fc.assert(
      fc.property(fc.nat(library.length - 1), edits, fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }), (which, list, choices) => {
        const original = library[which]!;
        const edited = list.reduce((text, [m, seed]) => MUTATIONS[m]!(text, seed), original);
        const a = cached(original);
        const b = cached(edited);
        fc.pre(!hasErrors(b));
        const forward = diffOf(a, b);
        expectReversed(forward, diffOf(b, a), edited);
        expect(diffOf(b, b).changes).toEqual([]);
        const reflowed = analyze(messy(edited, choices));
        expect(diffOf(b, reflowed).changes).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});

describe('holidays file (issue 16): the file path and the dates it closes, by meaning', () => {
  const event = (uid: string, start: string, end: string | undefined, summary: string) =>
    `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:${start}\r\n${end ? `DTEND;VALUE=DATE:${end}\r\n` : ''}SUMMARY:${summary}\r\nEND:VEVENT\r\n`;
  const ics = (...events: string[]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n${events.join('')}END:VCALENDAR\r\n`;
  const golden = event('gw', '20261001', '20261008', 'Golden Week');
  const FILES: Record<string, string> = {
    'a.ics': ics(golden),
    'same-as-a.ics': ics(golden),
    // Golden Week one day shorter (7 October open again) and Christmas Eve added.
    'b.ics': ics(event('gw', '20261001', '20261007', 'Golden Week'), event('eve', '20261224', undefined, 'Christmas Eve')),
  };
  const readFile = (p: string) => (p in FILES ? { text: FILES[p]! } : { error: 'no such file' });
  const contract = (file: string, name = 'business') =>
    `sla "Acme" {\n  provider "P"\n  customer "C"\n  term 2026-01-01 to 2026-12-31\n}\n\ncalendar ${name} "Office" {\n  zone "Asia/Shanghai"\n  hours mon-fri 09:00-17:30\n  holidays file "${file}"\n}\n\nclock response {\n  starts filed\n  stops first_reply\n}\n\npriority P2 {\n  response 4h on ${name}\n}\n`;
  const check = (text: string) => {
    const a = analyze(text, { readFile });
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return a;
  };
  const calendarChanges = (d: ContractDiff) => d.changes.filter((c) => c.area === 'calendars').map((c) => ({ text: c.text, favours: c.favours, lines: c.lines }));

  it('another path with the same dates is one change of the line, and no day changes', () => {
    const d = diffOf(check(contract('a.ics')), check(contract('same-as-a.ics')));
    expect(calendarChanges(d)).toEqual([{ text: 'holiday files a.ics -> same-as-a.ics; the days this changes are listed below', favours: 'neither', lines: { old: 10, new: 10 } }]);
    expect(d.effects).toEqual([]);
  });

  it('the same path whose file closes other dates: each date added or removed, in the words and direction of a holiday diff, at the `holidays file` line', () => {
    // The two versions read their files relative to themselves: here the same path, two contents.
    const before = check(contract('a.ics'));
    const after = analyze(contract('a.ics'), { readFile: (p) => (p === 'a.ics' ? { text: FILES['b.ics']! } : readFile(p)) });
    const d = diffOf(before, after);
    expect(calendarChanges(d)).toEqual([
      { text: '2026-10-07 (Wed) no longer closed (was: Golden Week), open 09:00-17:30 as on any Wed', favours: 'customer', lines: { old: 10 } },
      { text: '2026-12-24 (Thu) closed (Christmas Eve)', favours: 'provider', lines: { new: 10 } },
    ]);
    expect(d.effects.map((e) => e.subject)).toEqual(['P2 response']);
    expectReversed(d, diffOf(after, before), 'a.ics contents');
  });

  it('another path with other dates: the line and each date', () => {
    const d = diffOf(check(contract('a.ics')), check(contract('b.ics')));
    expect(calendarChanges(d).map((c) => c.text)).toEqual([
      'holiday files a.ics -> b.ics; the days this changes are listed below',
      '2026-10-07 (Wed) no longer closed (was: Golden Week), open 09:00-17:30 as on any Wed',
      '2026-12-24 (Thu) closed (Christmas Eve)',
    ]);
  });

  it('without a shared term (no `sla` block) or without the engine, the dates the files close are still compared', () => {
    const noTerm = (file: string) => contract(file).replace(/sla "[^]*?\n}\n/, '');
    const texts = (d: ContractDiff) => calendarChanges(d).map((c) => `${c.text} [${c.favours}]`);
    const expected = [
      'holiday files a.ics -> b.ics [neither]',
      '2026-10-07 (Wed) no longer closed (was: Golden Week), open 09:00-17:30 as on any Wed [customer]',
      '2026-12-24 (Thu) closed (Christmas Eve) [provider]',
    ];
    expect(texts(diffOf(check(noTerm('a.ics')), check(noTerm('b.ics'))))).toEqual(expected);
    expect(texts(diffOf(check(contract('a.ics')), check(contract('b.ics')), false))).toEqual(expected);
  });

  it('a renamed calendar is the same calendar only when its file closes the same dates', () => {
    const renamed = diffOf(check(contract('a.ics')), check(contract('same-as-a.ics', 'office')));
    expect(renamed.changes.find((c) => c.kind === 'renamed')?.text).toBe('renamed `office`, with the same hours');
    const other = diffOf(check(contract('b.ics')), check(contract('same-as-a.ics', 'office')));
    expect(other.changes.some((c) => c.kind === 'renamed')).toBe(false);
  });
});
