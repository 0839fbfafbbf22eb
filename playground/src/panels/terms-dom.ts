/**
 * `pledge render --format html` shown inside the page: the page is parsed inertly (DOMParser runs
 * no scripts and loads nothing) and only its text and structure are copied, tag by tag from an
 * allow-list, with no attributes but the renderer's `note` class. Contract strings therefore stay
 * text, exactly as in every other panel.
 */
import { h } from '../dom.js';
import type { TermsAnchor } from '../protocol.js';

const KEEP = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'code', 'br']);
/** The renderer's page heading becomes a panel heading (the page has its own `h1`). */
const RENAME: Record<string, string> = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5' };

function copy(node: Node): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (!KEEP.has(tag)) return null;
  const out = document.createElement(RENAME[tag] ?? tag);
  if (el.classList.contains('note')) out.className = 'note';
  for (const c of el.childNodes) {
    const x = copy(c);
    if (x) out.append(x);
  }
  return out;
}

/** The rendered page's `<main>` as page elements. */
export function termsNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const main = doc.querySelector('main') ?? doc.body;
  return [...main.childNodes].map(copy).filter((n): n is Node => n !== null);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The declaration a piece of the terms is about: the one whose name or title it mentions first. */
export function anchorOf(text: string, anchors: readonly TermsAnchor[]): TermsAnchor | undefined {
  let best: { at: number; anchor: TermsAnchor } | undefined;
  for (const a of anchors) {
    for (const n of a.needles) {
      if (!n) continue;
      const at = /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? text.search(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(n)}(?![A-Za-z0-9_])`, 'i')) : text.indexOf(n);
      if (at >= 0 && (!best || at < best.at)) best = { at, anchor: a };
    }
  }
  return best?.anchor;
}

/** Adds a "line N" link to every heading, paragraph, item and row of the terms that names a declaration. */
export function linkSections(root: Element, anchors: readonly TermsAnchor[], reveal: (line: number) => void): void {
  for (const el of root.querySelectorAll('h3, h4, h5, p, li, tbody tr')) {
    const anchor = anchorOf(el.textContent ?? '', anchors);
    if (!anchor) continue;
    const target = el.tagName === 'TR' ? el.lastElementChild : el;
    target?.append(' ', h('button', { type: 'button', class: 'source-link', 'data-line': anchor.line, title: `show line ${anchor.line} in the editor`, onclick: () => reveal(anchor.line) }, `line ${anchor.line}`));
  }
}
