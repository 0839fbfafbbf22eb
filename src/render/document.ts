/**
 * The rendered terms as a small document tree, written once per language and serialized to
 * Markdown or HTML. Text runs are plain strings: the serializers escape every one of them, so a
 * string from the contract can never become markup, whichever format it ends up in.
 */

/** A run of text: plain or bold. */
export type Inline = string | { readonly strong: string };
export type Text = readonly Inline[];

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: Text }
  | { readonly kind: 'paragraph'; readonly text: Text }
  /** Smaller print: how a number was computed, what a table leaves out. */
  | { readonly kind: 'note'; readonly text: Text }
  | { readonly kind: 'list'; readonly items: readonly Text[] }
  | { readonly kind: 'table'; readonly head: readonly Text[]; readonly rows: readonly (readonly Text[])[] };

export interface Document {
  /** The page title (the agreement's title). */
  readonly title: string;
  /** BCP 47 language of the text: `en` or `zh-CN`. */
  readonly language: string;
  readonly blocks: readonly Block[];
}

/**
 * Contract strings may hold line breaks, tabs and control characters (`\n`, `\u{…}` escapes):
 * in a rendered document they are one line of visible text. Line and paragraph separators and
 * bidirectional overrides are dropped too, so a name cannot reorder the text around it.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;
export function oneLine(text: string): string {
  return text.replace(INVISIBLE, ' ');
}
