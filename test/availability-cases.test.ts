/**
 * PLG2055 as the reference's "Availability" section states it: windows cover only their
 * calendar's hours, excluded minutes are not counted twice, and the allowance is a share of the
 * month without its excluded minutes. Cases are files in test/cases/availability.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.js';

const dir = path.join(import.meta.dirname, 'cases', 'availability');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.pledge')).sort();

describe('availability cases', () => {
  it('has cases', () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const f of files) {
    it(f, () => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const expect_ = /^\/\/ expect: (.*)$/m.exec(text)![1]!.trim().split(/\s+/);
      const found = analyze(text).diagnostics.filter((d) => d.code === 'PLG2055');
      if (expect_[0] === 'none') {
        expect(found).toEqual([]);
        return;
      }
      expect(found).toHaveLength(1);
      expect(found[0]!.message).toContain(`(${expect_[1]} minutes in 2026-03)`);
      expect(found[0]!.message).toContain(`the ${expect_[2]} minutes`);
    });
  }
});
