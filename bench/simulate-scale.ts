/**
 * Simulation at scale (issue 19 item 3): the bundled scenario ("March evening peak") with only its
 * arrival rate raised, so its 8 agents serve a few thousand tickets and nearly every ticket waits
 * in the queue to the end: memory then follows every ticket filed, the worst case for the
 * documented limit (grammar/reference.md, "Limits": 20,000,000 expected tickets). Each size runs
 * the built CLI (`npm run build` first), `pledge simulate <contract> --json`, in a child process of
 * its own, and prints wall time, tickets/s and the child's peak resident memory (its `maxRSS`, as
 * `/usr/bin/time -v` reports it).
 *
 * `--queue deadline` (or `fifo`, `priority preemptive`) replaces the scenario's `queue priority`,
 * to measure another scheduling at the same load: `queue deadline` orders the waiting tickets by
 * their deadline instead of by priority.
 *
 * Run: `npm run bench:simulate-scale [-- --tickets 1000000,19200000 --queue deadline]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const i = process.argv.indexOf('--tickets');
const SIZES = (i >= 0 ? process.argv[i + 1]! : '1000000,19200000').split(',').map(Number);
const q = process.argv.indexOf('--queue');
const QUEUE = q >= 0 ? process.argv[q + 1]! : 'priority';
if (!['priority', 'priority preemptive', 'fifo', 'deadline'].includes(QUEUE)) throw new Error('--queue: priority, priority preemptive, fifo or deadline');
/** Tickets the scenario expects at `arrivals 40 daily` (its peak windows included). */
const AT_40 = 1533.3333;
const LIMIT_BYTES = 2 * 2 ** 30;

const text = readFileSync(path.join(ROOT, 'contracts/realtime-messaging.pledge'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'pledge-simscale-'));
const hook = path.join(dir, 'rss.cjs');
writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.PLEDGE_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
console.log(`pledge simulate at scale (queue ${QUEUE}): ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`);
console.log('| tickets expected | filed | open at the end | wall time | tickets/s | peak RSS | RSS per ticket filed |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
try {
  for (const size of SIZES) {
    const daily = Math.round((size / AT_40) * 40);
    const file = path.join(dir, `scale-${size}.pledge`);
    writeFileSync(file, text.replace('arrivals 40 daily', `arrivals ${daily} daily`).replace('  queue priority\n', `  queue ${QUEUE}\n`));
    // The child writes its own peak RSS (`process.resourceUsage().maxRSS`, in KB) when it exits.
    const rssFile = path.join(dir, `rss-${size}`);
    const t0 = performance.now();
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', hook, path.join(ROOT, 'bin/pledge.js'), 'simulate', file, '--json', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLEDGE_RSS_FILE: rssFile } });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`simulate of ${size} tickets failed: ${stderr}`))));
    });
    const ms = performance.now() - t0;
    const r = JSON.parse(out) as { tickets: { filed: number; open: number }; expectedTickets: number };
    const rss = Number(readFileSync(rssFile, 'utf8')) * 1024;
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(
      `| ${fmt(r.expectedTickets)} | ${fmt(r.tickets.filed)} | ${fmt(r.tickets.open)} | ${(ms / 1000).toFixed(1)} s | ${fmt((r.tickets.filed / ms) * 1000)} | ${(rss / 2 ** 20).toFixed(0)} MB${rss > LIMIT_BYTES ? ' (over 2 GB: MISS)' : ''} | ${(rss / r.tickets.filed).toFixed(0)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
