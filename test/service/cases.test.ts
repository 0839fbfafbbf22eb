/**
 * Language-service features as marked text, in the style of Langium's test helpers: each file in
 * `cases/` is a contract with a `<|>` marker at the cursor, then one or more `=== FEATURE` sections
 * with the expected answer at the marker. A new case is a new file.
 *
 *   === hover                      the hover's markdown lines
 *   === completion includes        labels that must be offered (one a line), and
 *   === completion excludes        labels that must not
 *   === definition                 `line:column` of the declaration, or `none`
 *   === references                 `line:column` of each occurrence
 *   === rename NEW                 the whole text after renaming to NEW (or `error: …`)
 *
 * `UPDATE=1 npx vitest run test/service/cases.test.ts` rewrites the exact sections from the service.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { complete, definition, hover, PledgeDocument, references, rename, type Pos } from '../../src/service/index.js';
import { applyEdits } from './edits.js';

const DIR = path.join(import.meta.dirname, 'cases');
const MARK = '<|>';


interface Case {
  readonly text: string;
  readonly cursor: Pos;
  readonly sections: { header: string; body: string }[];
}

function readCase(file: string): Case {
  const raw = readFileSync(file, 'utf8');
  const parts = raw.split(/^=== /m);
  const marked = parts[0]!;
  const at = marked.indexOf(MARK);
  if (at < 0) throw new Error(`${file}: no ${MARK} marker`);
  const text = marked.slice(0, at) + marked.slice(at + MARK.length);
  const before = marked.slice(0, at).split('\n');
  const cursor = { line: before.length, column: before[before.length - 1]!.length + 1 };
  const sections = parts.slice(1).map((p) => {
    const nl = p.indexOf('\n');
    return { header: p.slice(0, nl).trim(), body: p.slice(nl + 1).replace(/\n$/, '') };
  });
  return { text, cursor, sections };
}

const where = (p: { line: number; column: number }) => `${p.line}:${p.column}`;

/** The service's answer for a section, as the section's text. */
function answer(c: Case, header: string): string {
  const doc = new PledgeDocument(c.text);
  const space = header.indexOf(' ');
  const feature = space < 0 ? header : header.slice(0, space);
  const arg = space < 0 ? undefined : header.slice(space + 1);
  switch (feature) {
    case 'hover':
      return hover(doc, c.cursor)?.lines.join('\n') ?? 'none';
    case 'completion':
      return complete(doc, c.cursor).items.map((i) => i.label).join('\n');
    case 'definition': {
      const d = definition(doc, c.cursor);
      return d ? where(d.range.start) : 'none';
    }
    case 'references':
      return references(doc, c.cursor).map((o) => where(o.range.start)).join('\n') || 'none';
    case 'rename': {
      const r = rename(doc, c.cursor, arg ?? '');
      return 'error' in r ? `error: ${r.error}` : applyEdits(c.text, r.edits).replace(/\n$/, '');
    }
    default:
      throw new Error(`unknown section \`${header}\``);
  }
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.case')).sort();

describe('language service cases', () => {
  it('has cases', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(f, () => {
      const file = path.join(DIR, f);
      const c = readCase(file);
      let raw = readFileSync(file, 'utf8');
      for (const s of c.sections) {
        const got = answer(c, s.header);
        if (s.header.startsWith('completion')) {
          const labels = new Set(got.split('\n'));
          const want = s.body.split('\n').filter(Boolean);
          if (s.header === 'completion includes') expect(want.filter((w) => !labels.has(w)), 'labels missing').toEqual([]);
          else if (s.header === 'completion excludes') expect(want.filter((w) => labels.has(w)), 'labels offered').toEqual([]);
          else throw new Error(`say \`completion includes\` or \`completion excludes\``);
        } else if (process.env['UPDATE'] === '1') {
          raw = raw.replace(`=== ${s.header}\n${s.body}`, `=== ${s.header}\n${got}`);
        } else expect(got, `=== ${s.header}`).toBe(s.body);
      }
      if (process.env['UPDATE'] === '1') writeFileSync(file, raw);
    });
  }
});
