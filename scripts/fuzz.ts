/**
 * `npm run fuzz` (issue 14): drives the library with random bytes, token-level mutations of the
 * library contracts, generated contracts and extreme shapes, and checks every input (see
 * test/fuzz/fuzz-lib.ts). Inputs run in a worker thread so a hang is caught by a watchdog.
 *
 *   npm run fuzz -- --seed 42 --count 10000 --kind bytes,mutate --budget-ms 2000 --out fuzz-out
 *
 * Inputs are numbered from 0 and each is a pure function of (seed, kind list, index), so a long
 * campaign can run in pieces: `--start 250000 --count 500000` runs inputs 250,000 to 499,999 of the
 * same sequence a single `--count 500000` run would. With `--jobs 1` (the default) the budget is the
 * CPU time of all checks of one input, which machine load does not inflate; with more jobs it is
 * elapsed time.
 *
 * Failures are minimised and written to --out (default test/fuzz/regressions/) as `<sig>-<hash>.pledge`;
 * over-budget inputs are listed with their shape in `over-budget.txt` there and saved whole (not
 * minimised: a smaller text is not the same cost) as `over-budget-s<seed>-<index>.pledge`, to
 * profile and keep as a regression. `--count` is the end of the range, not its length: input N
 * alone is `--start N --count N+1`.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { check, input, KINDS, minimise, signature, type BudgetClock, type Kind } from '../test/fuzz/fuzz-lib.js';

interface Job { seed: number; kinds: Kind[]; start: number; count: number; budgetMs: number; clock: BudgetClock }
interface Msg { index: number; kind: Kind; ms: number; sig: string; messages: string[]; length: number; lines: number }

if (!isMainThread) {
  const job = workerData as Job;
  for (let i = job.start; i < job.count; i++) {
    const kind = job.kinds[i % job.kinds.length]!;
    const text = input(kind, job.seed, i);
    parentPort!.postMessage({ index: i, kind, start: true });
    const o = check(text, job.budgetMs, job.clock);
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
  const first = Number(opt('start', '0'));
  if (!Number.isSafeInteger(first) || first < 0 || first >= count) throw new Error(`--start must be an integer from 0 to count - 1 (--count is the end of the range: input N alone is --start N --count N+1)`);
  const kinds = opt('kind', KINDS.join(',')).split(',') as Kind[];
  const budgetMs = Number(opt('budget-ms', '2000'));
  const out = opt('out', join(import.meta.dirname, '..', 'test', 'fuzz', 'regressions'));
  const hangMs = Math.max(30_000, budgetMs * 15);
  // `--jobs N` splits the range into N contiguous slices, each run by its own worker; the inputs and
  // their verdicts are the same as with one job, only the order of the log lines differs.
  const jobs = Math.max(1, Math.min(16, Number(opt('jobs', '1')) || 1));
  // With one input at a time the process's CPU time is the input's own cost, whatever else runs on
  // the machine; with several workers only elapsed time can be attributed.
  const clock: BudgetClock = jobs === 1 ? 'cpu' : 'wall';
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown kind ${k} (one of ${KINDS.join(', ')})`);
  mkdirSync(out, { recursive: true });
  console.log(`fuzz: seed ${seed}, inputs ${first}..${count - 1}, kinds ${kinds.join(',')}, budget ${budgetMs} ms of ${jobs === 1 ? 'CPU' : 'elapsed'} time for all checks, ${jobs} job(s), out ${out}`);

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
      writeFileSync(join(out, `over-budget-s${seed}-${m.index}.pledge`), input(m.kind, seed, m.index));
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
  let slicesLeft = 0;
  const finished = () => { if (--slicesLeft === 0) report(); };
  const run = (start: number, end: number) => {
    if (start >= end) return finished();
    const w = new Worker(WORKER_BOOT, { eval: true, workerData: { seed, kinds, start, count: end, budgetMs, clock } satisfies Job });
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
        ended = true;
        void w.terminate().then(() => run(current + 1, end));
      }, hangMs);
    };
    w.on('message', (m: Msg & { start?: boolean }) => {
      if (m.start) { current = m.index; arm(); return; }
      clearTimeout(timer);
      onResult(m);
      if (done % 10000 === 0) report();
    });
    let ended = false;
    w.on('exit', () => { clearTimeout(timer); if (!ended && current + 1 >= end) { ended = true; finished(); } });
    w.on('error', (e) => { console.log(`worker error at #${current}: ${e.message}`); clearTimeout(timer); ended = true; run(current + 1, end); });
  };
  process.on('SIGINT', () => { report(); process.exit(130); });
  process.on('SIGTERM', () => { report(); process.exit(143); });
  const size = Math.ceil((count - first) / jobs);
  for (let a = first; a < count; a += size) { slicesLeft++; run(a, Math.min(count, a + size)); }
}
