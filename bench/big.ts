/**
 * The largest contracts (issue 14): the library contracts' declarations repeated, each copy with its
 * declared names renamed, up to a byte size (default: the file size limit, 512 KB). Checking one
 * must stay within a small multiple of parsing it, and within the check budget (reference, "Limits").
 *
 *   node --import tsx bench/big.ts              # at the limit: parse, fast checks, all checks
 *   node --import tsx bench/big.ts --mb 2       # past it (parse() refuses; the timings are of the refusal)
 *   node --import tsx bench/big.ts --write big.pledge --mb 9.8   # only write the contract
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, LIMITS, parse, type Ast } from '../src/index.js';

const CONTRACTS = join(import.meta.dirname, '..', 'contracts');
/** Declarations that may appear many times in one contract (the others are one per contract). */
const REPEATABLE = new Set(['Calendar', 'Clock', 'Priority', 'Escalation', 'Contact', 'Plan', 'Scenario', 'Assert']);

interface Piece { readonly text: string; readonly names: ReadonlySet<string> }

/** Each error-free library contract's repeatable declarations, with the names they declare. */
function pieces(): { header: string; parts: Piece[] } {
  let header = '';
  let clocksFrom: string | undefined;
  const parts: Piece[] = [];
  for (const file of readdirSync(CONTRACTS).filter((f) => f.endsWith('.pledge')).sort()) {
    // One term for all: the 2027 contract's dates move to 2026 (the header's term).
    const text = readFileSync(join(CONTRACTS, file), 'utf8').replaceAll('2027-', '2026-');
    if (analyze(text).diagnostics.some((d) => d.severity === 'error')) continue;
    const { ast } = parse(text);
    const names = new Set<string>();
    const kept: string[] = [];
    for (const d of ast.declarations) {
      if (d.kind === 'Sla' && header === '') header = text.slice(d.range.start.offset, d.range.end.offset) + '\n';
      if (!REPEATABLE.has(d.kind)) continue;
      // Every contract names its clocks `response` and `resolution`: they are declared once, so the
      // priorities of every copy target the same clocks.
      if (d.kind === 'Clock') {
        clocksFrom ??= file;
        if (clocksFrom === file) header += text.slice(d.range.start.offset, d.range.end.offset) + '\n';
        continue;
      }
      const name = (d as { name?: Ast.Name | Ast.Str; title?: Ast.Str }).name ?? (d as { title?: Ast.Str }).title;
      if (name?.kind === 'Name') names.add(name.text);
      if (name?.kind === 'Str') names.add(JSON.stringify(name.value));
      kept.push(text.slice(d.range.start.offset, d.range.end.offset));
    }
    parts.push({ text: kept.join('\n') + '\n', names });
  }
  return { header, parts };
}

const WORD = /"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\b[A-Za-z_][A-Za-z0-9_]*\b/g;

/** A contract of about `bytes` bytes (UTF-8): copy k of piece i has its names suffixed `_i_k`. */
export function bigContract(bytes: number): string {
  const { header, parts } = pieces();
  const out: string[] = [header];
  let size = header.length;
  for (let k = 0; ; k++) {
    for (const [i, p] of parts.entries()) {
      const copy = p.text.replace(WORD, (w) => (!p.names.has(w) ? w : w.startsWith('"') ? `${w.slice(0, -1)} ${i}.${k}"` : `${w}_${i}_${k}`));
      if (size + copy.length > bytes) return out.join('');
      out.push(copy);
      size += copy.length;
    }
  }
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!process.env.BENCH_IMPORT_ONLY) {
  const text = bigContract(opt('mb') === undefined ? LIMITS.maxFileBytes : Number(opt('mb')) * 1e6);
  const write = opt('write');
  if (write !== undefined) {
    writeFileSync(write, text);
    console.log(`wrote ${write}: ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length - 1} lines`);
  } else {
    const ms = (fn: () => unknown) => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    };
    const parseMs = ms(() => parse(text));
    const fastMs = ms(() => analyze(text, { speed: 'fast' }));
    let count = 0;
    const allMs = ms(() => (count = analyze(text).diagnostics.length));
    console.log(`contract: ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length - 1} lines; ${count} diagnostics`);
    console.log(`parse              ${parseMs.toFixed(0).padStart(7)} ms`);
    console.log(`parse + fast checks${fastMs.toFixed(0).padStart(7)} ms  ${(fastMs / parseMs).toFixed(1)}× parse`);
    console.log(`parse + all checks ${allMs.toFixed(0).padStart(7)} ms  ${(allMs / parseMs).toFixed(1)}× parse`);
    console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  }
}
