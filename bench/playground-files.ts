/**
 * Which files of the built playground (`playground/dist/`) a first visit downloads, and which wait
 * until something asks for them. `npm run size:playground` sums the first; the browser test "a first
 * visit downloads only what the size script counts" (playground/test/signers.e2e.ts) opens the page
 * in Chromium, waits for the first diagnostics and What-if answer and then for the page to be idle,
 * and fails if any file it fetched is one this list calls on demand. So the budget is what a first
 * visit really costs, not what a list says.
 */

/** One holiday country's rules and time zones: fetched when a contract's `holidays` line names it. */
export const isCountry = (file: string): boolean => /^assets\/[A-Z]{2}-[\w-]+\.js$/.test(file);

/** The country the bundled example's `holidays` line names: a first visit fetches it (1 KB). */
export const BUNDLED_COUNTRY = 'CN';

/**
 * On demand, besides the countries no first visit needs: the assert search (Test), the simulator and its charts
 * (Simulate), the Terms and Compare worker; Monaco's editor worker, which Monaco starts the first
 * time it computes on the text (word completions, minimal edits when formatting), never to show
 * it; and the codicon font, which the browser fetches the first time a widget draws an icon
 * (completion list, find widget, light bulb), since no glyph of it is on the page before.
 */
export function isOnDemand(file: string): boolean {
  return (isCountry(file) && !file.startsWith(`assets/${BUNDLED_COUNTRY}-`)) || /^assets\/(asserts|test|simulate|xoroshiro128plus|terms-client|terms\.worker|editor\.worker|codicon)-/.test(file);
}
