/**
 * The document as one self-contained, printable HTML page: inline CSS (with print rules), no
 * scripts, no external resources. Every text run is HTML-escaped, so a contract string is only
 * ever text.
 */
import { escapeHtml as escapeAny } from '../report/escape.js';
import { oneLine, type Block, type Document, type Inline, type Text } from './document.js';

/** Escapes one run of contract text, on one line, for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return escapeAny(oneLine(text));
}

function inline(run: Inline): string {
  if (typeof run === 'string') return escapeHtml(run);
  return `<strong>${escapeHtml(run.strong)}</strong>`;
}

const text = (t: Text): string => t.map(inline).join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${text(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${text(b.text)}</p>`;
    case 'note':
      return `<p class="note">${text(b.text)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${text(i)}</li>`).join('\n')}\n</ul>`;
    case 'table':
      return [
        '<table>',
        `<thead><tr>${b.head.map((h) => `<th>${text(h)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...b.rows.map((r) => `<tr>${r.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      ].join('\n');
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** System fonts only (no web fonts: the page must work offline), with CJK fallbacks. */
const CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f2; color: #1b1b1b; font: 15px/1.55 "Iowan Old Style", "Palatino Linotype", Georgia, "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
main { max-width: 52rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p, ul { margin: .5rem 0; }
li { margin: .2rem 0; }
.note { font-size: .88rem; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eeeeea; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

/** The whole page. */
export function toHtml(doc: Document): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(doc.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...doc.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
