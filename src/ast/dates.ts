/** Date literals as text: the one spelling every layer uses. */
import type { DateLit } from './nodes.js';

/** `2026-10-01` (the year padded to four digits). */
export function isoDateLit(d: DateLit): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
