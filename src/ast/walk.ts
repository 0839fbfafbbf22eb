import type { Node } from './nodes.js';

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The direct child nodes of `node`, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  // `for…in` over the own keys, not `Object.entries`: no pair array per key of every node.
  for (const key in node) {
    if (key === 'range' || key === 'kind') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/** Visits `node` and every descendant, parents before children, in source order. */
export function walk(node: Node, visit: (node: Node, parent: Node | undefined) => void, parent?: Node): void {
  visit(node, parent);
  for (const child of children(node)) walk(child, visit, node);
}
