/**
 * The export framework's types (issue 16): a target turns a checked contract into the files its
 * users deploy, and says in a warning everything it could not express and what it did instead.
 * Targets register in `registry.ts`; `pledge export` (src/cli/export.ts) is a thin shell over them.
 */
import type { Analysis, RuntimeContract } from '../index.js';
import type { DriftReader } from './drift.js';

/** The codes export warnings use (PLG4000–PLG4049, phase `export` in the diagnostics catalog). */
export type ExportCode = `PLG40${0 | 1 | 2 | 3 | 4}${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

/** Something the target cannot express: never dropped silently. */
export interface ExportWarning {
  readonly code: ExportCode;
  /** The contract line the warning is about (1-based; 0 when it is about the file as a whole). */
  readonly line: number;
  /** What the target cannot express, lowercase, no final period. */
  readonly message: string;
  /** What was written instead (or that it was left out). */
  readonly instead: string;
}

/** One file of an export, with its path relative to the output directory. */
export interface ExportFile {
  readonly path: string;
  readonly content: string;
}

export interface ExportInput {
  readonly analysis: Analysis;
  readonly runtime: RuntimeContract;
  /** Only this plan (`--plan`); undefined: every plan, or the contract's own targets when it has none. */
  readonly plan?: string;
  /** The contract's file name as shown to the user, for descriptions. */
  readonly file: string;
}

export interface ExportResult {
  readonly target: string;
  readonly files: readonly ExportFile[];
  readonly warnings: readonly ExportWarning[];
}

export interface ExportTarget {
  /** As typed after `--to`. */
  readonly name: string;
  readonly description: string;
  /** The public documentation pages the mapping follows (also listed in src/export/README.md). */
  readonly docs: readonly string[];
  readonly export: (input: ExportInput) => { files: ExportFile[]; warnings: ExportWarning[] };
  /** `pledge drift --from NAME`: reading the desk's API JSON back, when the target supports it. */
  readonly drift?: DriftReader;
}
