/**
 * The committed files under `grammar/` that are generated from the code must match what the
 * generator returns now: a grammar, token or catalog change without `npm run gen` fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramsHtml, generatedFiles, REPO_ROOT, tokensJson } from '../scripts/gen-grammar.js';

const files = generatedFiles();

function committed(rel: string): string | undefined {
  try {
    return readFileSync(join(REPO_ROOT, rel), 'utf8');
  } catch {
    return undefined;
  }
}

describe('generated grammar files are up to date', () => {
  for (const [rel, expected] of Object.entries(files)) {
    it(rel, () => {
      const actual = committed(rel);
      expect(actual, `${rel} is missing: run \`npm run gen\` and commit the result`).toBeDefined();
      // Compared as a boolean first so the failure leads with the fix, not a 100 KB diff.
      expect(actual === expected, `${rel} is out of date: run \`npm run gen\` and commit the result`).toBe(true);
    });
  }
});

describe('generated files', () => {
  it('each starts with a marker saying how to regenerate', () => {
    for (const [rel, content] of Object.entries(files)) {
      const head = content.slice(0, 300);
      expect(head, rel).toContain('npm run gen');
    }
    expect(JSON.parse(files['grammar/tokens.json']!).$comment).toContain('npm run gen');
  });

  it('are deterministic', () => {
    expect(generatedFiles()).toEqual(files);
  });

  it('the diagrams page needs no network', () => {
    const html = diagramsHtml();
    expect(html).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(html).not.toContain('unpkg.com');
    expect(html).toContain('railroad'); // the vendored railroad-diagrams library is inlined
  });

  it('the vocabulary lists every keyword and no category pseudo-token', () => {
    const vocab = JSON.parse(tokensJson()) as { keywords: string[]; literals: { name: string; pattern: string }[] };
    expect(vocab.keywords).toContain('sla');
    expect(vocab.keywords).toContain('mon');
    expect(vocab.keywords).toEqual([...vocab.keywords].sort());
    const names = vocab.literals.map((l) => l.name);
    expect(names).toContain('DurationLit');
    expect(names).not.toContain('Keyword');
    for (const l of vocab.literals) expect(() => new RegExp(l.pattern)).not.toThrow();
  });
});
