/**
 * The document as GitHub-flavoured Markdown. Every text run is escaped: characters that start
 * emphasis, code spans, links or table cells are backslash-escaped, and `<`, `>` and `&` become entities,
 * so no contract string can open an HTML tag, a link or a new table cell.
 */
import { oneLine, type Block, type Document, type Inline, type Text } from './document.js';

/** Escapes one plain run for Markdown (inline context, table cells included). */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]{}|~#!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function inline(run: Inline): string {
  if (typeof run === 'string') return escapeMarkdown(run);
  // `** **` would not be bold but literal asterisks.
  return run.strong.trim() === '' ? escapeMarkdown(run.strong) : `**${escapeMarkdown(run.strong)}**`;
}

/**
 * A line of text; a start that Markdown would read as a block marker (a list bullet, a numbered
 * item, a quote, a setext underline) is escaped.
 */
function line(text: Text): string {
  return blockStart(text.map(inline).join(''));
}

function blockStart(s: string): string {
  return s.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      // A heading's text cannot start another block: no need to escape `1.`.
      return `${'#'.repeat(b.level)} ${b.text.map(inline).join('')}`;
    case 'paragraph':
      return line(b.text);
    case 'note':
      return `*${line(b.text)}*`;
    case 'list':
      return b.items.map((item) => `- ${line(item)}`).join('\n');
    case 'table': {
      const row = (cells: readonly Text[]) => `| ${cells.map((c) => c.map(inline).join('') || ' ').join(' | ')} |`;
      return [row(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** The whole document; blocks separated by blank lines, ending with one newline. */
export function toMarkdown(doc: Document): string {
  return `${doc.blocks.map(block).join('\n\n')}\n`;
}
