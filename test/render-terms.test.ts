/**
 * `pledge render`: golden files for every contract in `contracts/` in both languages and both
 * formats, escaping of every contract string in HTML and Markdown, the numbers the terms state
 * (worst cases, the closure named, the credits' worked example, claim deadlines), and the CLI.
 *
 * `UPDATE_BASELINES=1 npx vitest run test/render-terms.test.ts` rewrites the goldens; review the diff.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';
import { main } from '../src/cli/main.js';
import { fileReaderFor } from '../src/cli/io.js';
import { compileContract, type RuntimeContract } from '../src/time/contract.js';
import { termWindow } from '../src/time/worst-case.js';
import { buildTerms, renderTerms, type Terms } from '../src/render/render.js';
import { closureAfter, tierAt } from '../src/render/terms.js';
import { escapeMarkdown, toMarkdown } from '../src/render/markdown.js';
import { escapeHtml } from '../src/render/html.js';
import { groupDigits, EN, ZH } from '../src/render/words.js';
import { parseInstant } from '../src/report/time-format.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN = path.join(ROOT, 'test/golden/render');
const UPDATE = process.env['UPDATE_BASELINES'] === '1';
const CONTRACTS = fs.readdirSync(path.join(ROOT, 'contracts')).filter((f) => f.endsWith('.pledge')).sort();
/** Library-style contracts kept for their renderings only (forms the bundled contracts do not use): goldens beside theirs. */
const RENDER_FIXTURES = fs.readdirSync(path.join(ROOT, 'test/fixtures/render-golden')).filter((f) => f.endsWith('.pledge')).sort();
const VARIANTS = [
  { lang: 'en', format: 'md' },
  { lang: 'zh', format: 'md' },
  { lang: 'en', format: 'html' },
  { lang: 'zh', format: 'html' },
] as const;

function load(file: string): { runtime?: RuntimeContract; errors: number } {
  // A `holidays file` is read relative to the contract, as the CLI reads it.
  const analysis = analyze(fs.readFileSync(path.join(ROOT, file), 'utf8'), { readFile: fileReaderFor(path.dirname(path.join(ROOT, file))) });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  return errors ? { errors } : { runtime: compileContract(analysis.model), errors };
}

/** Every tag the HTML renderer writes, each with exactly the attributes it uses. */
const ALLOWED_TAG =
  /^<(?:!DOCTYPE html|html lang="(?:en|zh-CN)"|meta charset="utf-8"|meta name="viewport" content="width=device-width, initial-scale=1"|\/?(?:html|head|title|style|body|main|h1|h2|h3|p|ul|li|table|thead|tbody|tr|th|td|strong)|p class="note")>$/;

const termsCache = new Map<string, Terms>();
function termsOf(file: string): Terms {
  let t = termsCache.get(file);
  if (!t) termsCache.set(file, (t = buildTerms(load(file).runtime!)));
  return t;
}

async function run(argv: string[], cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd, env: { NO_COLOR: '1' } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('golden renderings of every contract in contracts/', () => {
  const rendered = CONTRACTS.filter((f) => load(`contracts/${f}`).errors === 0);

  for (const file of CONTRACTS) {
    const name = file.replace(/\.pledge$/, '');
    if (!rendered.includes(file)) {
      it(`${file} has errors, so render refuses it with exit 1 and the diagnostics`, async () => {
        const r = await run(['render', `contracts/${file}`]);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/error\[PLG\d{4}\]/);
      });
      continue;
    }
    for (const v of VARIANTS) {
      it(`${name}.${v.lang}.${v.format}`, () => {
        const actual = renderTerms(termsOf(`contracts/${file}`), v.format, v.lang);
        const golden = path.join(GOLDEN, `${name}.${v.lang}.${v.format}`);
        const exists = fs.existsSync(golden);
        if (UPDATE || !exists) {
          fs.mkdirSync(GOLDEN, { recursive: true });
          fs.writeFileSync(golden, actual);
        }
        // A missing golden is written for review, but the run still fails: nothing is accepted unseen.
        expect(exists || UPDATE, `wrote missing golden ${path.relative(ROOT, golden)}; review and commit it`).toBe(true);
        expect(actual).toBe(fs.readFileSync(golden, 'utf8'));
      });
    }
  }

  for (const file of RENDER_FIXTURES) {
    const name = file.replace(/\.pledge$/, '');
    for (const v of VARIANTS) {
      it(`test/fixtures/render-golden: ${name}.${v.lang}.${v.format}`, () => {
        const rel = `test/fixtures/render-golden/${file}`;
        expect(load(rel).errors).toBe(0);
        const actual = renderTerms(termsOf(rel), v.format, v.lang);
        const golden = path.join(GOLDEN, `${name}.${v.lang}.${v.format}`);
        const exists = fs.existsSync(golden);
        if (UPDATE || !exists) fs.writeFileSync(golden, actual);
        expect(exists || UPDATE, `wrote missing golden ${path.relative(ROOT, golden)}; review and commit it`).toBe(true);
        expect(actual).toBe(fs.readFileSync(golden, 'utf8'));
      });
    }
  }

  it('has no stale goldens: each golden belongs to a contract that renders', () => {
    const expected = new Set([...rendered, ...RENDER_FIXTURES].flatMap((f) => VARIANTS.map((v) => `${f.replace(/\.pledge$/, '')}.${v.lang}.${v.format}`)));
    const stale = fs.existsSync(GOLDEN) ? fs.readdirSync(GOLDEN).filter((g) => !expected.has(g)) : [];
    expect(stale).toEqual([]);
  });

  it('is deterministic: rendering again from a fresh compile gives the same bytes', () => {
    const file = `contracts/${rendered[0]}`;
    const again = buildTerms(load(file).runtime!);
    for (const v of VARIANTS) expect(renderTerms(again, v.format, v.lang)).toBe(renderTerms(termsOf(file), v.format, v.lang));
  });

  it('states, beside each target, a worst case the engine reproduces and no filing instant exceeds', () => {
    for (const file of rendered) {
      const { runtime } = load(`contracts/${file}`);
      const terms = termsOf(`contracts/${file}`);
      for (const plan of terms.plans) {
        for (const t of plan.levels.flatMap((l) => l.targets)) {
          const w = t.worst;
          if (w?.kind !== 'exact') continue;
          const cal = runtime!.calendars.get(t.calendar)!;
          expect(cal.deadline(w.filed, t.duration) - w.filed).toBe(w.wall);
          // Every hour of the term, as an independent sample: none takes longer.
          const [from, to] = termWindow(runtime!.model.term!, cal);
          for (let at = from; at < to; at += 3_600_000) expect(cal.deadline(at, t.duration) - at).toBeLessThanOrEqual(w.wall);
        }
      }
    }
  });
});

describe('what the terms state', () => {
  const FILE = 'contracts/realtime-messaging.pledge';

  it('names the Spring Festival closure beside the P2 response target, in both languages (official 2026 schedule)', () => {
    const md = renderTerms(termsOf(FILE), 'md', 'en');
    expect(md).toContain(
      '| P2 | Response time | 4 business hours (Beijing office hours) | at most 9 days 19 hours 30 minutes, when filed Sat 14 Feb 2026 17:30, just before the Spring Festival holiday |',
    );
    const zh = renderTerms(termsOf(FILE), 'md', 'zh');
    expect(zh).toContain('| P2 | 响应时间 | 4个工作小时（Beijing office hours） | 最长9天19小时30分钟：于2026年2月14日（周六）17:30提交时，恰在春节停止营业之前 |');
  });

  it('states what a `holidays file` gives: without a term (no `sla` block), how many dates and from when to when, in both languages', () => {
    const dir = path.join(ROOT, 'test/fixtures/render-golden');
    const text = fs.readFileSync(path.join(dir, 'holidays-file.pledge'), 'utf8').replace(/sla "[^]*?\n}\n/, ''); // no `sla` block: no term
    const analysis = analyze(text, { readFile: fileReaderFor(dir) });
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const terms = buildTerms(compileContract(analysis.model));
    // Without a term the yearly New Year's Day is expanded over 50 years (2020-2069), with Golden Week 2026.
    expect(terms.calendars[0]!.files.map(({ closes, opens, first, last }) => ({ closes, opens, first, last }))).toEqual([{ closes: 57, opens: 1, first: '2020-01-01', last: '2069-01-01' }]);
    expect(renderTerms(terms, 'md', 'en')).toContain(
      '- Holidays from a file: the dates closed by the iCalendar file “holidays-file.ics”: 57 dates from 1 January 2020 to 1 January 2069, and 1 make-up working day open with the weekday hours; an event that covers only part of a day does not close the calendar',
    );
    expect(renderTerms(terms, 'md', 'zh')).toContain('- 节假日文件：依据 iCalendar 文件“holidays-file.ics”，2020年1月1日至2069年1月1日期间停止营业57日，调休工作日1日（按工作日时间营业）；仅覆盖一天中部分时段的事件不停止营业');
  });

  it('agrees with the checker on the P2 resolution worst case (PLG2022: 11d 22h 30m, filed Thu 2026-02-12 17:30)', () => {
    const p2 = termsOf(FILE).plans[0]!.levels.find((l) => l.priority.name === 'P2')!;
    const w = p2.targets.find((t) => t.clock === 'resolution')!.worst!;
    expect(w.kind).toBe('exact');
    if (w.kind !== 'exact') return;
    expect(w.wall).toBe(((11 * 24 + 22) * 60 + 30) * 60_000);
    expect(w.filed).toBe(parseInstant('2026-02-12T17:30', 'Asia/Shanghai'));
  });

  it('names a region holiday, localized, when the worst filing is right before one', () => {
    const runtime = load(FILE).runtime!;
    const cal = runtime.calendars.get('business')!;
    // Thursday 17:30 before the Mid-Autumn Festival Friday: the stretch to Monday is named by the holiday.
    expect(closureAfter(cal, parseInstant('2026-09-24T17:30', 'Asia/Shanghai')!)).toMatchObject({ kind: 'holiday', name: 'Mid-Autumn Festival' });
    // A plain Friday evening before a weekend names nothing.
    expect(closureAfter(cal, parseInstant('2026-11-20T17:30', 'Asia/Shanghai')!)).toBeUndefined();
    // A Tuesday evening before an open Wednesday is not before a closure at all.
    expect(closureAfter(cal, parseInstant('2026-11-17T17:30', 'Asia/Shanghai')!)).toBeUndefined();
    expect(renderTerms(termsOf(FILE), 'md', 'zh')).toContain('恰在春节停止营业之前');
  });

  it('lists the holidays of the term from the official schedule, the closure and the make-up days', () => {
    const md = renderTerms(termsOf(FILE), 'md', 'en');
    expect(md).toContain('| 15–23 Feb 2026 (Sun–Mon) | closed | Spring Festival (public holiday) |');
    expect(md).toContain('| Sat 14 Feb 2026 | weekday hours | official make-up working day (调休) for Spring Festival, set by 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) |');
    expect(md).toContain('| 1–7 Oct 2026 (Thu–Wed) | closed | National Day Golden Week (closure stated in this agreement) |');
    expect(md).toContain('| Sat 10 Oct 2026 | 09:00–17:30 | Make-up working Saturday (make-up working day) |');
    expect(md).toContain("Youth Day, Mon 4 May 2026 (applies to a group of people only)");
    const zh = renderTerms(termsOf(FILE), 'md', 'zh');
    expect(zh).toContain('| 2026年2月15日至23日（周日至周一） | 停止营业 | 春节（法定节假日） |');
    expect(zh).toContain('| 2026年2月14日（周六） | 工作日时间 | 春节调休上班（法定调休工作日），依据国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) |');
    expect(zh).toContain('清明节（法定节假日）');
    expect(zh).not.toContain('清明節');
  });

  it("says that the State Council's notice decides China's days off and make-up working days (调休), in both languages", () => {
    const en = renderTerms(termsOf(FILE), 'md', 'en');
    expect(en).toContain("for 2026, the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知) decides instead: its days off close the calendar and its official make-up working days (调休) open it with the weekday hours");
    expect(en).toContain('| Sun 4 Jan 2026 | weekday hours | official make-up working day (调休) for New Year\'s Day, set by 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) |');
    const zh = renderTerms(termsOf(FILE), 'md', 'zh');
    expect(zh).toContain('2026年则以国务院办公厅当年的部分节假日安排通知为准：通知安排的放假日停止营业，法定调休工作日按工作日时间营业');
    expect(zh).toContain('| 2026年1月4日（周日） | 工作日时间 | 元旦调休上班（法定调休工作日），依据国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04) |');
    // Outside the shipped notices the rendering says nothing of them.
    const fallback = renderTerms(termsOf('test/cases/contracts/cn-fallback.pledge'), 'md', 'en');
    expect(fallback).toContain('for 2020 to 2026, the State Council');
    expect(fallback).toContain('| 1–3 Oct 2019 (Tue–Thu) | closed | National Day (public holiday) |');
    expect(fallback).toContain('Spring Festival, Fri 9 Feb 2024 (not a day off in the State Council\'s notice for the year)');
  });

  it('works the credits example from the fee: 5% + 10% + 2% + 50% = 67%, capped at 50% = 25,000 CNY', () => {
    const c = termsOf(FILE).credits!;
    expect(c.example).toEqual({
      lines: [
        { kind: 'breach', priority: 'P0', clock: 'response', percent: 5 },
        { kind: 'breach', priority: 'P0', clock: 'resolution', percent: 10 },
        { kind: 'breach', priority: 'P1', clock: 'resolution', percent: 2 },
        { kind: 'availability', availability: 98.55, percent: 50 },
      ],
      total: 67,
      capped: 50,
    });
    expect(renderTerms(termsOf(FILE), 'md', 'en')).toContain('**The Customer is owed 25,000 CNY for that month.**');
    expect(renderTerms(termsOf(FILE), 'md', 'zh')).toContain('**客户当月可获得的服务抵扣为人民币25,000元。**');
    expect(c.claimExample).toEqual({ month: { year: 2026, month: 1 }, by: '2026-03-02' });
  });

  it('applies one availability tier, the lowest threshold the month falls below', () => {
    const tiers = load(FILE).runtime!.model.credits[0]!.body.filter((s) => s.kind === 'AvailabilityCredit');
    expect(tierAt(tiers, 99.97)).toBeUndefined();
    expect(tierAt(tiers, 99.92)?.amount.value).toBe(10);
    expect(tierAt(tiers, 99.5)?.amount.value).toBe(25);
    expect(tierAt(tiers, 98.5)?.amount.value).toBe(50);
  });

  it('states claims in billing cycles, a yearly fee per month, and weekly worst cases without a term', () => {
    const text = `
      sla "Yearly" { provider "P" customer "C" term 2026-03-01 to 2027-02-28 fee 120000 EUR yearly }
      calendar biz { zone "Europe/Berlin" hours mon-fri 09:00-17:00 }
      clock response { starts filed stops first_reply }
      priority P1 { response 4h on biz }
      credits { per breach of P1 response 10% of fee cap 20% of fee claim within 2 cycles }`;
    const analysis = analyze(text);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const terms = buildTerms(compileContract(analysis.model));
    // Cycles follow the yearly fee from the start of the term: a miss in March 2026 is claimed by the end of the third year.
    expect(terms.credits?.claimExample).toEqual({ month: { year: 2026, month: 3 }, by: '2029-02-28' });
    const md = renderTerms(terms, 'md', 'en');
    expect(md).toContain('**Fee**: 120,000 EUR per year (10,000 EUR per month for service credits)');
    expect(md).toContain('by the end of the second billing cycle after the one in which the target was missed');
    expect(md).toContain('| P1 | Response time | 10% of the monthly fee | 1,000 EUR |');
  });

  it('falls back to the weekly hours, and says so, when there is no term', () => {
    const analysis = analyze(`
      calendar biz { zone "Asia/Shanghai" hours mon-fri 09:00-17:30 }
      clock response { starts filed stops first_reply }
      priority P2 { response 4h on biz }`);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const md = renderTerms(buildTerms(compileContract(analysis.model)), 'md', 'en');
    expect(md).toContain('at most 2 days 19 hours 30 minutes (from the weekly hours; holidays aside)');
    expect(md).toContain('The agreement states no term');
  });
});

describe('escaping contract strings', () => {
  const runtime = load('test/fixtures/render/markup.pledge').runtime;
  const terms = () => buildTerms(runtime!);

  it('the fixture checks clean, so every string reaches the output', () => {
    expect(runtime).toBeDefined();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`HTML (${lang}): no contract markup survives; every tag is one the renderer writes`, () => {
      const html = renderTerms(terms(), 'html', lang);
      // Escaped text cannot contain `<`: every `<` opens a tag, and every tag is on the allow list.
      const tags = [...html.matchAll(/<[^>]*>?/g)].map((m) => m[0]);
      expect(tags.filter((t) => !ALLOWED_TAG.test(t))).toEqual([]);
      expect(html).not.toMatch(/<(script|iframe|img|svg|a|marquee|h1>Gold)\b/i);
      // Event handlers and URLs appear only as escaped text, never inside a tag.
      expect(tags.join('')).not.toMatch(/script|\son\w+=|href=|src=|javascript:/i);
      // …and the strings are there, as text.
      expect(html).toContain('&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;Vendor');
      expect(html).toContain('&amp;lt;b&amp;gt;');
      expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
      // One <style> (ours) and one <title>, whatever the contract says.
      expect(html.match(/<style>/g)).toHaveLength(1);
      expect(html.match(/<title>/g)).toHaveLength(1);
      // A string's line break is a space, not a new line of markup.
      expect(html).toContain('email &lt;p&gt;');
    });

    it(`Markdown (${lang}): no HTML, links, code spans or extra table cells from contract strings`, () => {
      const md = renderTerms(terms(), 'md', lang);
      // The Markdown renderer writes no HTML at all, so any `<` would be the contract's.
      expect(md).not.toContain('<');
      expect(md).toContain('&lt;script&gt;');
      // No link or image syntax survives: brackets are escaped.
      expect(md).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
      // Backticks from the contract are escaped; no code span opens.
      expect(md).not.toMatch(/(?<!\\)`/);
      // Every table row has as many cells as its header.
      const cells = (row: string) => row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;
      for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
        const rows = table.split('\n');
        for (const row of rows) expect(cells(row), row).toBe(cells(rows[0]!));
      }
      // A string with line breaks stays on its line: no contract text starts a line as a list item or heading.
      expect(md).not.toMatch(/^(- item|# head|1\. line)/m);
    });
  }

  it('escapes the characters that matter, and only turns invisible characters into spaces', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeMarkdown('a|b `c` *d* _e_ [f](g) <h> & #i')).toBe('a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) &lt;h&gt; &amp; \\#i');
    expect(escapeHtml('line\nbreak\u202Eevil')).toBe('line break evil');
    const doc = { title: 't', language: 'en', blocks: [{ kind: 'paragraph' as const, text: ['- not a list'] }, { kind: 'paragraph' as const, text: ['2026. not a list'] }] };
    expect(toMarkdown(doc)).toBe('\\- not a list\n\n2026\\. not a list\n');
  });
});

describe('every contract that checks without errors renders', () => {
  const dirs = ['test/fixtures/good', 'test/fixtures/bad', 'test/cases/contracts'];
  const files = dirs.flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.pledge')).map((f) => `${d}/${f}`));

  it('in both languages and formats, with only the renderer’s own tags (fixtures with warnings only: missing parts, odd calendars)', () => {
    let rendered = 0;
    for (const file of files) {
      const { runtime } = load(file);
      if (!runtime) continue;
      const terms = buildTerms(runtime);
      for (const v of VARIANTS) {
        const out = renderTerms(terms, v.format, v.lang);
        if (v.format === 'html') expect([...out.matchAll(/<[^>]*>?/g)].map((m) => m[0]).filter((t) => !ALLOWED_TAG.test(t)), file).toEqual([]);
        else expect(out, file).not.toContain('<');
      }
      rendered += 1;
    }
    expect(rendered).toBeGreaterThanOrEqual(20);
  });
});

describe('formats', () => {
  it('groups digits and rounds amounts to cents', () => {
    expect(groupDigits(50000)).toBe('50,000');
    expect(groupDigits(1234567.891)).toBe('1,234,567.89');
    expect(groupDigits(125)).toBe('125');
  });

  it('formats dates, runs of days and durations in each language', () => {
    expect(EN.dayRun('2026-09-30', '2026-10-08')).toBe('30 Sep – 8 Oct 2026 (Wed–Thu)');
    expect(ZH.dayRun('2026-09-30', '2026-10-08')).toBe('2026年9月30日至10月8日（周三至周四）');
    expect(EN.dayRun('2026-12-31', '2027-01-01')).toBe('31 Dec 2026 – 1 Jan 2027 (Thu–Fri)');
    expect(EN.realDuration(((1 * 24 + 1) * 60 + 1) * 60_000)).toBe('1 day 1 hour 1 minute');
    expect(ZH.realDuration(((8 * 24 + 19) * 60 + 30) * 60_000)).toBe('8天19小时30分钟');
    expect(EN.written({ unit: 'minute', amount: 72 * 60 })).toBe('72 hours');
    expect(ZH.money(2500, 'CNY')).toBe('人民币2,500元');
    expect(EN.target({ unit: 'minute', amount: 90 }, { aroundTheClock: false, label: 'Office' })).toBe('1 hour 30 minutes of business time (Office)');
    expect(ZH.target({ unit: 'day', amount: 5 }, { aroundTheClock: false, label: 'Office' })).toBe('5个工作日（Office）');
  });
});

describe('pledge render (CLI)', () => {
  const FILE = 'contracts/realtime-messaging.pledge';

  it('prints Markdown by default, and nothing on stderr', async () => {
    const r = await run(['render', FILE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(renderTerms(buildTerms(load(FILE).runtime!), 'md', 'en'));
  });

  it('writes HTML in Chinese to -o', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-render-'));
    temps.push(dir);
    const r = await run(['render', path.join(ROOT, FILE), '--format', 'html', '--lang', 'zh', '-o', 'out.html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(path.join(dir, 'out.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('@media print');
    expect(html).toContain('服务等级协议');
  });

  it('exits 1 with the diagnostics when the contract has errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-render-'));
    temps.push(dir);
    fs.writeFileSync(path.join(dir, 'bad.pledge'), 'priority P1 { response 4h on bussiness }\n');
    const r = await run(['render', 'bad.pledge'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.pledge:1:');
    expect(r.stderr).toContain('error[PLG2001]');
  });

  it('exits 2 on usage and I/O errors, with one line and no stack', async () => {
    for (const argv of [
      ['render', FILE, '--format', 'pdf'],
      ['render', FILE, '--lang', 'fr'],
      ['render'],
      ['render', 'no-such-file.pledge'],
      ['render', FILE, '-o', 'no-such-folder/out.md'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
