/**
 * Holiday data on demand: the build splits date-holidays' data set into one chunk per country
 * with the time zones its rules use (`playground/holiday-chunks.ts`); before the engine reads a
 * region, its country goes into the data object every date-holidays instance reads, and its zones
 * into moment-timezone.
 */
import { data, loaders } from 'virtual:pledge-holidays';
import moment from 'virtual:pledge-moment-timezone';

const loaded = new Set<string>();

/**
 * Loads the countries of `regions` (`CN`, `US-CA`); also the upper-case code, so that `"cn"` gets
 * the same "region codes are upper case" help as on the command line. Unknown codes are skipped:
 * the checker reports them (PLG2037).
 */
export async function loadHolidayRegions(regions: readonly string[]): Promise<void> {
  const countries = new Set<string>();
  for (const r of regions) {
    const country = r.split('-')[0] ?? '';
    countries.add(country);
    countries.add(country.toUpperCase());
  }
  await Promise.all(
    [...countries].map(async (c) => {
      if (loaded.has(c) || !Object.hasOwn(loaders, c)) return;
      const chunk = (await loaders[c]!()).default;
      moment.tz.add(chunk.zones);
      moment.tz.link(chunk.links);
      data.holidays[c] = chunk.holidays;
      loaded.add(c);
    }),
  );
}
