/**
 * Parse-and-check benchmark: a generated 10,000-line contract, timed against `JSON.parse` of the
 * same contract's AST serialized as JSON, measured in the same run (the yardstick: Chevrotain
 * parses JSON about 8× slower than `JSON.parse`). Run: `npm run bench:parse`.
 */
import { performance } from 'node:perf_hooks';
import { analyze, parse } from '../src/index.js';

/** A realistic contract of about `lines` lines: many calendars, priorities, plans and scenarios. */
export function generateContract(lines: number): string {
  const out: string[] = [
    'sla "Generated" {',
    '  provider "Vendor"',
    '  customer "Client"',
    '  term 2026-01-01 to 2026-12-31',
    '  fee 50000 CNY monthly',
    '}',
    'clock response {',
    '  starts filed',
    '  stops first_reply',
    '}',
    'clock resolution {',
    '  starts confirmed',
    '  pauses awaiting_customer',
    '  resumes customer_replied',
    '  stops resolved',
    '}',
    'calendar always {',
    '  zone "Asia/Shanghai"',
    '  hours mon-sun 00:00-24:00',
    '}',
  ];
  const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
  let i = 0;
  while (out.length < lines) {
    const n = i++;
    out.push(
      `// block ${n}`,
      `calendar office${n} "Office ${n}" {`,
      `  zone "${zones[n % zones.length]}"`,
      `  hours mon-fri 09:00-12:00, 13:00-18:00`,
      `  closed 2026-10-01 to 2026-10-07 "Golden Week"`,
      `  open 2026-10-10 09:00-17:30 "Make-up working day"`,
      `}`,
      `priority Q${n} "Level ${n}" {`,
      `  means "Generated level ${n}"`,
      `  response ${1 + (n % 8)}h on office${n}`,
      `  resolution ${2 + (n % 5)}d on office${n}`,
      `}`,
      `escalation for Q${n} {`,
      `  at 50% of resolution notify "L2"`,
      `  at 100% of resolution notify "L3"`,
      `}`,
    );
  }
  out.push('credits {', '  when availability below 99.9% 10% of fee', '  cap 50% of fee monthly', '}');
  return out.join('\n') + '\n';
}

function time(fn: () => unknown, minMs = 1500): { perRunMs: number; runs: number } {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return { perRunMs: (performance.now() - start) / runs, runs };
}

if (process.env.BENCH_IMPORT_ONLY) { // imported by a profiler script
} else {
const text = generateContract(10_000);
const lineCount = text.split('\n').length - 1;
const json = JSON.stringify(parse(text).ast);
// The first run pays for JIT warm-up and fills the per-zone and per-hours caches: a CLI's cost.
const coldStart = performance.now();
analyze(text);
const cold = { perRunMs: performance.now() - coldStart, runs: 1 };

const jsonParse = time(() => JSON.parse(json));
const parseOnly = time(() => parse(text));
const parseAndFastChecks = time(() => analyze(text, { speed: 'fast' }));
const parseAndAllChecks = time(() => analyze(text), 3000);
// The checker keeps answers about open time by calendar shape across checks (issue 17): the row
// above re-checks the same text. Here every run checks calendars it has never seen (their
// afternoon hours end a minute apart), as the first check of a new contract would.
let variant = 0;
const freshText = () => text.replaceAll('13:00-18:00', `13:00-${String(17 - Math.floor(variant / 60) % 10).padStart(2, '0')}:${String(59 - (variant++ % 60)).padStart(2, '0')}`);
const parseAndAllChecksFresh = time(() => analyze(freshText()), 3000);
const diagnostics = analyze(text).diagnostics;

const row = (name: string, r: { perRunMs: number; runs: number }) =>
  `${name.padEnd(34)} ${r.perRunMs.toFixed(2).padStart(9)} ms   ${(r.perRunMs / jsonParse.perRunMs).toFixed(1).padStart(6)}× JSON.parse   (${r.runs} runs)`;
console.log(`contract: ${lineCount} lines, ${(text.length / 1024).toFixed(0)} KB; AST as JSON: ${(json.length / 1024).toFixed(0)} KB; ${diagnostics.length} diagnostics`);
console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
console.log(row('JSON.parse of the AST (base)', jsonParse));
console.log(row('parse', parseOnly));
console.log(row('parse + fast checks', parseAndFastChecks));
console.log(row('parse + all checks', parseAndAllChecks));
console.log(row('parse + all checks, new calendars', parseAndAllChecksFresh));
console.log(row('first parse + all checks', cold));
}
