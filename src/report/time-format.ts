/**
 * Moved to `src/time/instant-format.ts` so the simulator can format instants without importing
 * from `report/` (layers are one-way). This re-export keeps existing imports working.
 */
export * from '../time/instant-format.js';
