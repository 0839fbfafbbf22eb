/**
 * `TicketIds`, the replay's ticket numbering: the shortcuts (`see`/`seeBytes` compare a row's id
 * with the previous row's; `next` with the previous row's and with the next number not yet given)
 * give the numbers and last rows a plain hash look-up gives, for rows in any order: grouped by
 * ticket, interleaved, or read in another order in the second reading than in the first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TicketIds } from '../../src/simulate/replay-ids.js';

const id = fc.constantFrom('1', '2', '11', '12', 'T-1', 'T-10', 'é', '😀', 'abcdefghijklmnop', 'abcdefghijklmnoq');
const rows = fc.array(fc.tuple(id, fc.boolean(), fc.integer({ min: 0, max: 3 })), { maxLength: 60 });

describe('TicketIds', () => {
  it('numbers ids in order of first appearance, text and bytes alike, and `next` finds what `find` finds', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: 0, max: 59 })), (rs, order) => {
        const ids = new TicketIds();
        const firsts: string[] = [];
        const last = new Map<string, number>();
        // Each row's id padded with a prefix of other text (the ids are found in place).
        rs.forEach(([s, asBytes, pad], index) => {
          const text = 'x,'.repeat(pad) + s + ',y';
          const from = 2 * pad;
          const ascii = /^[\x00-\x7f]*$/.test(s);
          const n = asBytes && ascii ? ids.seeBytes(Buffer.from(text, 'latin1'), from, from + s.length, index) : ids.see(text, from, from + s.length, index);
          if (!firsts.includes(s)) firsts.push(s);
          last.set(s, index);
          expect(n).toBe(firsts.indexOf(s));
        });
        expect(ids.size).toBe(firsts.length);
        for (const [s, index] of last) expect(ids.last[firsts.indexOf(s)]).toBe(index);
        // The second reading: in file order, then in a shuffled order, with ids it never saw.
        // A second numbering read the same way, for `nextBytes` (its guesses follow its own reading).
        const bytesIds = new TicketIds();
        rs.forEach(([s], index) => bytesIds.see(s, 0, s.length, index));
        const again = [...rs.map(([s]) => s), ...order.map((k) => rs[k % Math.max(1, rs.length)]?.[0] ?? 'none'), 'unseen'];
        for (const s of again) {
          const text = `,${s},`;
          expect(ids.next(text, 1, 1 + s.length)).toBe(ids.find(text, 1, 1 + s.length));
          if (/^[\x00-\x7f]*$/.test(s)) {
            const bytes = Buffer.from(text, 'latin1');
            expect(ids.findBytes(bytes, 1, 1 + s.length)).toBe(ids.find(text, 1, 1 + s.length));
            expect(bytesIds.nextBytes(bytes, 1, 1 + s.length)).toBe(ids.find(text, 1, 1 + s.length));
          } else bytesIds.next(text, 1, 1 + s.length);
          expect(ids.find(text, 1, 1 + s.length)).toBe(firsts.indexOf(s));
        }
      }),
      { numRuns: 500 },
    );
  });
});
