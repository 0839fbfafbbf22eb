/**
 * `npm run fuzz` (issue 14): drives the library with random bytes, token-level mutations of the
 * library contracts, generated contracts and extreme shapes, and checks every input (see
 * test/fuzz/fuzz-lib.ts). Inputs run in a worker thread so a hang is caught by a watchdog.
 *
 *   npm run fuzz -- --seed 42 --count 10000 --kind bytes,mutate --budget-ms 2000 --out fuzz-out
 *
 * Failures are minimised and written to --out (default test/fuzz/regressions/) as `<sig>-<hash>.pledge`;
 * over-budget inputs are listed with their shape in `over-budget.txt` there, not minimised.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { check, input, KINDS, minimise, signature, type Kind } from '../test/fuzz/fuzz-lib.js';

interface Job { seed: number; kinds: Kind[]; start: number; count: number; budgetMs: number }
interface Msg { index: number; kind: Kind; ms: number; sig: string; messages: string[]; length: number; lines: number }

if (!isMainThread) {
  const job = workerData as Job;
  for (let i = job.start; i < job.count; i++) {
    const kind = job.kinds[i % job.kinds.length]!;
    const text = input(kind, job.seed, i);
    parentPort!.postMessage({ index: i, kind, start: true });
    const o = check(text, job.budgetMs);
    const msg: Msg = { index: i, kind, ms: o.ms, sig: signature(o), messages: o.failures.map((f) => `${f.kind}: ${f.message}`), length: text.length, lines: text.split('\n').length };
    parentPort!.postMessage(msg);
  }
} else {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
  };
  const seed = Number(opt('seed', String(Math.floor(Math.random() * 2 ** 31))));
  const count = Number(opt('count', '1000'));
  const kinds = opt('kind', KINDS.join(',')).split(',') as Kind[];
  const budgetMs = Number(opt('budget-ms', '2000'));
  const out = opt('out', join(import.meta.dirname, '..', 'test', 'fuzz', 'regressions'));
  const hangMs = Math.max(30_000, budgetMs * 15);
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown kind ${k} (one of ${KINDS.join(', ')})`);
  mkdirSync(out, { recursive: true });
  console.log(`fuzz: seed ${seed}, count ${count}, kinds ${kinds.join(',')}, budget ${budgetMs} ms, out ${out}`);

  let done = 0, throws = 0, failures = 0, overBudget = 0, hangs = 0;
  let slowest = { ms: 0, index: -1, kind: '' };
  const seen = new Set<string>();
  const t0 = Date.now();
  const save = (text: string, sig: string, note: string) => {
    const name = `${sig.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}.pledge`;
    writeFileSync(join(out, name), text);
    console.log(`  saved ${name} (${note})`);
  };
  const report = () => console.log(`fuzz: ${done} inputs, ${throws} with throws, ${failures} failing, ${overBudget} over budget, ${hangs} hangs, slowest ${Math.round(slowest.ms)} ms (#${slowest.index} ${slowest.kind}), ${Math.round((Date.now() - t0) / 1000)} s, seed ${seed}`);
  const onResult = (m: Msg) => {
    done++;
    if (m.ms > slowest.ms) slowest = { ms: m.ms, index: m.index, kind: m.kind };
    if (m.sig === '') return;
    const only = m.sig.split('|').filter((s) => s !== 'over-budget').join('|');
    if (m.sig.includes('over-budget')) {
      overBudget++;
      appendFileSync(join(out, 'over-budget.txt'), `seed ${seed} #${m.index} ${m.kind}: ${Math.round(m.ms)} ms, ${m.length} chars, ${m.lines} lines\n`);
    }
    if (only === '') return;
    failures++;
    if (only.includes('throw')) throws++;
    console.log(`#${m.index} ${m.kind}: ${m.messages.join('; ')}`);
    if (seen.has(only)) return;
    seen.add(only);
    const text = input(m.kind, seed, m.index);
    const small = minimise(text, only, (t) => signature(check(t, Infinity)));
    save(small, only, `#${m.index} minimised ${text.length} → ${small.length} chars`);
  };
  // A worker does not inherit tsx's loader for its entry file, so it registers tsx and then imports this file.
  const WORKER_BOOT = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const run = (start: number) => {
    if (start >= count) return report();
    const w = new Worker(WORKER_BOOT, { eval: true, workerData: { seed, kinds, start, count, budgetMs } satisfies Job });
    let current = start;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        hangs++;
        done++;
        const kind = kinds[current % kinds.length]!;
        console.log(`#${current} ${kind}: hang (no answer in ${hangMs} ms)`);
        appendFileSync(join(out, 'over-budget.txt'), `seed ${seed} #${current} ${kind}: HANG > ${hangMs} ms, ${input(kind, seed, current).length} chars\n`);
        void w.terminate().then(() => run(current + 1));
      }, hangMs);
    };
    w.on('message', (m: Msg & { start?: boolean }) => {
      if (m.start) { current = m.index; arm(); return; }
      clearTimeout(timer);
      onResult(m);
      if (done % 10000 === 0) report();
    });
    w.on('exit', () => { clearTimeout(timer); if (current + 1 >= count && done >= count) report(); });
    w.on('error', (e) => { console.log(`worker error at #${current}: ${e.message}`); clearTimeout(timer); run(current + 1); });
  };
  process.on('SIGINT', () => { report(); process.exit(130); });
  process.on('SIGTERM', () => { report(); process.exit(143); });
  run(0);
}
