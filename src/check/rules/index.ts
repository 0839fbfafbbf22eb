/** Every checker rule, in one list: the composition root passes it to `checkWith`. */
import type { Rule } from '../checker.js';

export const RULES: readonly Rule[] = [];
