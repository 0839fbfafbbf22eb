/** The bundled examples: every `contracts/*.pledge`, picked up at build time. */
export const EXAMPLES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../contracts/*.pledge', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [path.split('/').pop()!, text]),
);
export const DEFAULT_EXAMPLE = 'realtime-messaging.pledge' in EXAMPLES ? 'realtime-messaging.pledge' : Object.keys(EXAMPLES)[0]!;
/** Where the text is kept between visits (this browser only; nothing leaves the page). */
export const SAVED_KEY = 'pledge-playground:text';
