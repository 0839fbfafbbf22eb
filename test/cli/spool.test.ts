import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/cli/spool.js';

/** Collects what a spool drains, as a stream would receive it. */
async function drained(spool: Spool): Promise<string> {
  let out = '';
  await spool.drainTo({ write: (s: string) => ((out += s), true) } as never);
  return out;
}

describe('Spool', () => {
  it('gives back small output in order', async () => {
    const s = new Spool();
    s.write('a,');
    s.write('工单-1\n');
    expect(await drained(s)).toBe('a,工单-1\n');
  });

  it('gives back output past its 16 MB buffer byte for byte, multi-byte characters and a piece larger than the buffer included', async () => {
    const s = new Spool();
    const parts: string[] = [];
    for (let i = 0; i < 120_000; i++) parts.push(`\n    {"ticket": "工单-${i}", "n": ${i}, "pad": "${'x'.repeat(i % 97)}"}`);
    parts.push('é'.repeat(7 << 20));
    parts.push('end');
    for (const p of parts) s.write(p);
    expect(await drained(s)).toBe(parts.join(''));
  });
});
