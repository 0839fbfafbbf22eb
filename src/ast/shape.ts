import type { Node } from './nodes.js';

/**
 * The shape of a node: the same tree with every `range` removed, so two trees parsed from
 * differently laid-out text compare equal. `shape(parse('a').ast)` is plain JSON data.
 */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // Sorted keys: two trees built with fields in a different order still compare equal.
    for (const [key, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (key === 'range' || v === undefined) continue;
      out[key] = shape(v);
    }
    return out;
  }
  return value;
}

/** True when two nodes are equal ignoring source ranges. */
export function sameShape(a: Node, b: Node): boolean {
  return JSON.stringify(shape(a)) === JSON.stringify(shape(b));
}
