/** Modules made by `holidaysByCountry` in vite.config.ts (see holiday-chunks.ts). */
declare module 'virtual:pledge-holidays' {
  export const data: { version: string; license: string; names: Record<string, unknown>; holidays: Record<string, unknown> };
  /** One chunk per country: its holiday rules and the packed zones they are computed in. */
  export const loaders: Record<string, () => Promise<{ default: { holidays: unknown; names: Record<string, unknown>; requires: string[]; zones: string[]; links: string[] } }>>;
}
declare module 'virtual:pledge-moment-timezone' {
  const moment: { tz: { add(packed: string[]): void; link(packed: string[]): void } };
  export default moment;
}
