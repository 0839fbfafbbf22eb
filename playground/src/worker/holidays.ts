/**
 * Holiday data on demand: the build splits date-holidays' data set into one chunk per country
 * with the time zones its rules use (`playground/holiday-chunks.ts`); before the engine reads a
 * region, its country goes into the data object every date-holidays instance reads, and its zones
 * into moment-timezone.
 */
import { data, loaders } from 'virtual:pledge-holidays';
import moment from 'virtual:pledge-moment-timezone';

/** Each country's load, started once: a second request (or a cycle of `requires`) waits for the same one. */
const loading = new Map<string, Promise<{ requires: string[] }>>();

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
  await Promise.all([...countries].map(loadCountry));
}

/** A country's chunk with those it requires (the build lists them all, cycles closed, so no chunk's own list is followed). */
async function loadCountry(c: string): Promise<void> {
  if (!Object.hasOwn(loaders, c)) return;
  const chunk = await installChunk(c);
  await Promise.all(chunk.requires.map(installChunk));
}

/** Fetches and installs one country's chunk, once: a second request waits for the same promise. */
function installChunk(c: string): Promise<{ requires: string[] }> {
  let load = loading.get(c);
  if (!load) {
    load = (async () => {
      const chunk = (await loaders[c]!()).default;
      moment.tz.add(chunk.zones);
      moment.tz.link(chunk.links);
      Object.assign(data.names, chunk.names);
      data.holidays[c] = chunk.holidays;
      return chunk;
    })();
    loading.set(c, load);
  }
  return load;
}
