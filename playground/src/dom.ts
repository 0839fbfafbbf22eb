/**
 * Building the page from data without `innerHTML`: strings always become text nodes, so text from
 * a contract (names, titles, reasons) shows exactly as typed and can never become markup.
 */
import { Problem } from './protocol.js';

type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

function fill(el: Element, attrs: Attrs, children: readonly Child[]): void {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** An HTML element: `h('button', { onclick: run }, 'Run')`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  fill(el, attrs, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element: `s('rect', { x: 0, y: 0, width: 10, height: 10 })`. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  fill(el, attrs, children);
  return el;
}

/** Replaces an element's children. */
export function show(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  fill(el, {}, children);
}

/** A problem from the worker (errors in the contract, an unknown name) as a block of text. */
export function problemBlock(message: string, details: readonly string[] = []): HTMLElement {
  return h('div', { class: 'problem', role: 'status' }, h('p', {}, message), details.length ? h('ul', {}, ...details.map((d) => h('li', {}, d))) : null);
}

/** What a failed request shows in a panel. */
export function failure(error: unknown): HTMLElement {
  return error instanceof Problem ? problemBlock(error.message, error.details) : problemBlock(String(error));
}
