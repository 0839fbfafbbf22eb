/**
 * The canonical formatter (`pledge fmt`). STUB: being written; returns the input unchanged.
 */
import type * as A from '../ast/nodes.js';

/** Prints an AST in canonical layout, keeping `comments` where they stood. */
export function printContract(ast: A.Contract, comments: readonly A.Comment[] = []): string {
  void ast;
  void comments;
  throw new Error('not implemented');
}
