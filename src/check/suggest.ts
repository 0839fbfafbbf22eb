/**
 * Moved to `src/diagnostics/suggest.ts` so the simulator's replay can suggest names without
 * importing from `check/` (layers are one-way). This re-export keeps existing imports working.
 */
export * from '../diagnostics/suggest.js';
