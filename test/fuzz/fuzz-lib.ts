/**
 * The fuzz suite's core (issue 14): input generators and the per-input oracle. It drives the library
 * through its public API (src/index.ts) only; `scripts/fuzz.ts` is the CLI (`npm run fuzz`) and
 * test/fuzz.test.ts runs a short seeded campaign and replays test/fuzz/regressions/.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  compileContract,
  diffContracts,
  diffSide,
  formatSource,
  LANGS,
  renderContract,
  shape,
  type Analysis,
} from '../../src/index.js';
import { contract as contractArb } from '../arbitraries.js';
import { printContract } from '../../src/index.js';

export const KINDS = ['bytes', 'mutate', 'generate', 'extreme'] as const;
export type Kind = (typeof KINDS)[number];

export interface Failure {
  readonly kind: 'throw' | 'range' | 'fmt-idempotent' | 'fmt-meaning' | 'diff-self' | 'over-budget';
  readonly message: string;
}

export interface Outcome {
  readonly failures: readonly Failure[];
  readonly ms: number;
}

// ─── A small seeded PRNG (mulberry32), so every input is reproducible from (seed, index). ───
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: () => number, n: number) => Math.floor(r() * n);
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[int(r, xs.length)]!;

const ROOT = join(import.meta.dirname, '..', '..');
let libraryCache: string[] | undefined;
/** Every library contract (contracts/*.pledge). */
export function libraryContracts(): string[] {
  libraryCache ??= readdirSync(join(ROOT, 'contracts'))
    .filter((f) => f.endsWith('.pledge'))
    .sort()
    .map((f) => readFileSync(join(ROOT, 'contracts', f), 'utf8'));
  return libraryCache;
}

// ─── Tokens. The lexer is not part of the public API, so this splits text the way it does at the
// level mutation needs: strings, comments, times, durations, numbers, words, punctuation, spaces. ───
const TOKEN = /"(?:[^"\\\n]|\\.)*"?|\/\/[^\n]*|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?|\d+(?:\.\d+)?[a-z%]*|[A-Za-z_][\w-]*|\s+|./gsu;
export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const WEIRD = ['\u0000', '\uD800', '\uDFFF', '\u202E', '\u05D0\u05D1', 'e\u0301\u0301\u0301', '\uFEFF', '\r', '\t', '💥', '\u2028', '\\', '"'];
const VOCAB = [
  'calendar', 'clock', 'priority', 'plan', 'extends', 'hours', 'zone', 'holidays', 'closed', 'open', 'starts', 'stops', 'pauses',
  'on', 'escalate', 'after', 'to', 'credits', 'cap', 'sla', 'term', 'fee', 'assert', 'scenario', 'availability', 'contact',
  'mon', 'sun', 'mon-fri', '00:00-24:00', '09:00-17:00', '24:00', '23:59', '1h', '0m', '999999999999999h', '1e308', '2027-02-29',
  '2027-01-01', '9999-12-31', '0000-01-01', '{', '}', '(', ')', ',', '%', '-', '"UTC"', '"Europe/Berlin"', '"Nowhere/Zone"', 'P0',
  'filed', 'first_reply', 'resolved', 'always', 'business', '\n', ' ',
];

/** A token-level mutation of `text`: delete, duplicate, swap, replace or insert a few tokens. */
export function mutate(text: string, r: () => number): string {
  const toks = tokens(text);
  const steps = 1 + int(r, 4);
  for (let s = 0; s < steps && toks.length > 0; s++) {
    const i = int(r, toks.length);
    switch (int(r, 6)) {
      case 0: toks.splice(i, 1 + int(r, 3)); break;
      case 1: toks.splice(i, 0, ...toks.slice(i, i + 1 + int(r, 8))); break;
      case 2: { const j = int(r, toks.length); [toks[i], toks[j]] = [toks[j]!, toks[i]!]; break; }
      case 3: toks[i] = pick(r, VOCAB); break;
      case 4: toks.splice(i, 0, pick(r, r() < 0.2 ? WEIRD : VOCAB)); break;
      default: toks[i] = pick(r, toks); break;
    }
  }
  return toks.join('');
}

export function randomBytes(r: () => number): string {
  const n = int(r, r() < 0.9 ? 200 : 5000);
  const mode = int(r, 3);
  let s = '';
  for (let i = 0; i < n; i++) {
    if (mode === 0) s += String.fromCharCode(int(r, 128));
    else if (mode === 1) s += String.fromCharCode(int(r, 0x10000)); // includes lone surrogates
    else s += r() < 0.7 ? pick(r, VOCAB) + ' ' : pick(r, WEIRD);
  }
  return s;
}

/** A grammar-aware contract with random values (the arbitraries of test/arbitraries.ts, printed). */
export function generated(r: () => number): string {
  const [ast] = fc.sample(contractArb, { seed: int(r, 2 ** 31), numRuns: 1 });
  return printContract(ast!, []);
}

const BASE = `sla "X" {\n  term 2027-01-01 to 2027-12-31\n}\ncalendar always {\n  zone "UTC"\n  hours mon-sun 00:00-24:00\n}\nclock response {\n  starts filed\n  stops first_reply\n}\n`;
/** Extreme shapes: thousands of ranges, days, plans, escalation steps; huge numbers; long lines; odd characters. */
export function extreme(r: () => number): string {
  const n = [10, 100, 1000, 4000][int(r, 4)]!;
  switch (int(r, 8)) {
    case 0: return `${BASE}calendar c {\n  zone "UTC"\n  hours mon ${Array.from({ length: n }, () => '09:00-09:01').join(', ')}\n}\n`;
    case 1: return `${BASE}calendar c {\n  zone "UTC"\n  hours mon-fri 09:00-17:00\n${Array.from({ length: n }, (_, i) => `  closed ${new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)} "d${i}"`).join('\n')}\n}\n`;
    case 2: return `${BASE}priority P0 {\n  response 1h on always\n}\n${Array.from({ length: n }, (_, i) => `plan p${i}${i > 0 ? ` extends p${i - 1}` : ''} {\n  priority P0 { response ${1 + (i % 50)}m on always }\n}`).join('\n')}\n`;
    case 3: return `${BASE}priority P0 {\n  response 1h on always\n${Array.from({ length: n }, (_, i) => `  escalate after ${i + 1}m to "t${i}"`).join('\n')}\n}\n`;
    case 4: return `${BASE}priority P0 {\n  response ${pick(r, ['1000000000000000h', '9007199254740993m', '1e400h', '0h', '99999999999999999999999d'])} on always\n}\n`;
    case 5: return `${BASE}// ${'x'.repeat(n * 100)}\nsla "${'y'.repeat(n * 50)}" {}\n`;
    case 6: return `${BASE}calendar "${pick(r, WEIRD).repeat(n)}" ${pick(r, WEIRD)} {\n  zone "\u202Eערב\u0301"\n}\n`;
    default: return mutate(BASE, r).repeat(1 + int(r, n));
  }
}

/** The input number `index` of kind `kind` in the campaign seeded with `seed`. */
export function input(kind: Kind, seed: number, index: number): string {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  switch (kind) {
    case 'bytes': return randomBytes(r);
    case 'mutate': return mutate(pick(r, libraryContracts()), r);
    case 'generate': return generated(r);
    case 'extreme': return extreme(r);
  }
}

// ─── The oracle. ───
function rangeInside(text: string, d: { range: { start: { offset: number }; end: { offset: number } } }): boolean {
  const { start, end } = d.range;
  return Number.isInteger(start.offset) && Number.isInteger(end.offset) && start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length;
}

function renders(a: Analysis): string[] {
  const runtime = compileContract(a.model);
  return LANGS.map((lang) => renderContract(runtime, 'md', lang));
}

/**
 * The clock a budget is measured on: `wall` (elapsed time), or `cpu`, the process's CPU time, which
 * on a shared machine is what the input itself cost (exact only when one input runs at a time in the
 * process, as `npm run fuzz --jobs 1` does).
 */
export type BudgetClock = 'wall' | 'cpu';
const clocks: Record<BudgetClock, () => number> = {
  wall: () => performance.now(),
  cpu: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
};

/**
 * Runs every check on `text`; returns what failed and how long all checks took (`analyze`, the
 * cost issue 14 bounds; the formatter, render and diff checks run after it and are not counted).
 * Never throws.
 */
export function check(text: string, budgetMs = 2000, clock: BudgetClock = 'wall'): Outcome {
  const failures: Failure[] = [];
  const now = clocks[clock];
  const t0 = now();
  let ms = 0;
  const step = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      failures.push({ kind: 'throw', message: `${what}: ${e instanceof Error ? e.message : String(e)}` });
      return undefined;
    }
  };
  const a = step('analyze', () => analyze(text));
  ms = now() - t0;
  if (a !== undefined) {
    for (const d of a.diagnostics) if (!rangeInside(text, d)) failures.push({ kind: 'range', message: `${d.code} range ${d.range.start.offset}-${d.range.end.offset} outside 0-${text.length}` });
    const errorFree = !a.diagnostics.some((d) => d.severity === 'error');
    step('analyze fast', () => analyze(text, { speed: 'fast' }));
    const f1 = step('fmt', () => formatSource(text));
    if (f1?.output !== undefined) {
      const f2 = step('fmt twice', () => formatSource(f1.output!));
      if (f2 !== undefined && f2.output !== f1.output) failures.push({ kind: 'fmt-idempotent', message: 'format(format(x)) differs from format(x)' });
      if (errorFree) {
        const b = step('analyze formatted', () => analyze(f1.output!));
        if (b !== undefined) {
          if (JSON.stringify(shape(b.ast)) !== JSON.stringify(shape(a.ast))) failures.push({ kind: 'fmt-meaning', message: 'the formatted text parses to a different tree' });
          else if (b.diagnostics.some((d) => d.severity === 'error')) failures.push({ kind: 'fmt-meaning', message: 'the formatted text has errors' });
          else {
            const ra = step('render', () => renders(a));
            const rb = step('render formatted', () => renders(b));
            if (ra && rb && ra.join() !== rb.join()) failures.push({ kind: 'fmt-meaning', message: 'render of the formatted text differs' });
          }
        }
      }
    }
    const d = step('diff(x, x)', () => diffContracts(diffSide(a.model, !errorFree), diffSide(a.model, !errorFree)));
    if (d !== undefined && (d.changes.length > 0 || d.differs)) failures.push({ kind: 'diff-self', message: `diff(x, x) reports ${d.changes.length} changes` });
  }
  if (ms > budgetMs) failures.push({ kind: 'over-budget', message: `${Math.round(ms)} ms > ${budgetMs} ms` });
  return { failures, ms };
}

/** The signature a minimiser keeps: the failure kinds (and the first words of a throw). */
export function signature(o: Outcome): string {
  return o.failures.map((f) => (f.kind === 'throw' ? `throw:${f.message.slice(0, 60)}` : f.kind)).sort().join('|');
}

/** Line-then-token delta minimisation: the shortest text (by a greedy search) with the same signature. */
export function minimise(text: string, sig: string, test: (t: string) => string = (t) => signature(check(t)), maxSteps = 2000): string {
  let cur = text;
  let steps = 0;
  for (const split of [(t: string) => t.split(/(?<=\n)/), tokens]) {
    let parts = split(cur);
    let chunk = Math.max(1, parts.length >> 1);
    while (chunk >= 1 && steps < maxSteps) {
      let changed = false;
      for (let i = 0; i < parts.length && steps < maxSteps; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        steps++;
        if (test(candidate.join('')) === sig) {
          parts = candidate;
          changed = true;
        } else i += chunk;
      }
      if (!changed) chunk >>= 1;
    }
    cur = parts.join('');
  }
  return cur;
}
