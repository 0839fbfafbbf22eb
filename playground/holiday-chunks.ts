/**
 * Build-time side of the per-country holiday data (see `vite.config.ts`). date-holidays carries its
 * whole data set (0.8 MB) and, through moment-timezone, every time zone's history (0.7 MB); a
 * contract names one or two regions. This module cuts both into one chunk per country: the
 * country's holiday rules and the packed zones those rules are computed in.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface HolidayData {
  version: string;
  license: string;
  holidays: Record<string, unknown>;
  names: Record<string, unknown>;
}

interface PackedZones {
  version: string;
  zones: string[];
  links: string[];
}

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

let holidays: HolidayData | undefined;
let packed: PackedZones | undefined;

/** date-holidays' data set, as the package ships it. */
export function holidayData(): HolidayData {
  return (holidays ??= JSON.parse(readFileSync(join(packageDir('date-holidays'), 'data', 'holidays.json'), 'utf8')) as HolidayData);
}

function packedZones(): PackedZones {
  // date-holidays-parser's own copy of moment-timezone, which is the one it will load.
  const parser = packageDir('date-holidays-parser');
  const momentTz = dirname(createRequire(join(parser, 'package.json')).resolve('moment-timezone/package.json'));
  return (packed ??= JSON.parse(readFileSync(join(momentTz, 'data', 'packed', 'latest.json'), 'utf8')) as PackedZones);
}

const ZONE_NAME = /\b(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z0-9_+\-/]+/g;

/** The packed zones and links a country's rules can ask moment-timezone for. */
export function zonesFor(country: unknown): { zones: string[]; links: string[] } {
  const { zones, links } = packedZones();
  const byName = new Map(zones.map((z) => [z.slice(0, z.indexOf('|')), z]));
  const aliasOf = new Map(links.map((l) => [l.slice(l.indexOf('|') + 1), l]));
  const wantedZones = new Set<string>();
  const wantedLinks = new Set<string>();
  for (const name of new Set(JSON.stringify(country).match(ZONE_NAME) ?? [])) {
    const zone = byName.get(name);
    if (zone) wantedZones.add(zone);
    const link = aliasOf.get(name);
    if (link) {
      wantedLinks.add(link);
      const target = byName.get(link.slice(0, link.indexOf('|')));
      if (target) wantedZones.add(target);
    }
  }
  return { zones: [...wantedZones].sort(), links: [...wantedLinks].sort() };
}

/** The keys of date-holidays' shared `names` table (holiday names in every language) that a country's rules name with `_name`. */
function namesReferencedBy(country: unknown): Set<string> {
  return new Set([...JSON.stringify(country ?? null).matchAll(/"_name":"([^"\\]+)"/g)].map((m) => m[1]!));
}

/**
 * The module source of one country's chunk: its rules, the packed zones they use, and the entries
 * of the shared names table its rules refer to (the loader adds them to the table before the
 * country is read, so every name resolves as with the whole data set).
 */
export function countryChunk(code: string): { holidays: unknown; names: Record<string, unknown>; requires: string[]; zones: string[]; links: string[] } {
  const { holidays, names } = holidayData();
  const country = holidays[code] ?? null;
  const own = Object.fromEntries([...namesReferencedBy(country)].filter((k) => Object.hasOwn(names, k)).map((k) => [k, names[k]]));
  return { holidays: country, names: own, requires: countriesReferencedBy(code, country), ...zonesFor(country) };
}

/**
 * The other countries whose days a country's rules take over (`"_days": ["US"]` in AS, `"_days": "FR"`
 * in BL), and theirs in turn (FR and YT refer to each other): all must be in the data with it.
 */
function countriesReferencedBy(code: string, country: unknown): string[] {
  const { holidays } = holidayData();
  const direct = (c: unknown): string[] =>
    [...JSON.stringify(c ?? null).matchAll(/"_days":(?:"([A-Z]{2})"|\["([A-Z]{2})")/g)].map((m) => m[1] ?? m[2]!).filter((o) => Object.hasOwn(holidays, o));
  const out = new Set<string>();
  const todo = direct(country);
  while (todo.length > 0) {
    const other = todo.pop()!;
    if (other === code || out.has(other)) continue;
    out.add(other);
    todo.push(...direct(holidays[other]));
  }
  return [...out].sort();
}

export function countryModule(code: string): string {
  return `export default ${JSON.stringify(countryChunk(code))};`;
}

/**
 * The shell's part of the names table: the entries no country's rules name (the parser's own, such
 * as `substitutes`). Names some country's rules refer to travel in that country's chunk instead
 * (24 KB raw in all languages, in every first visit before).
 */
export function shellNames(): Record<string, unknown> {
  const { holidays: countries, names } = holidayData();
  const referenced = new Set(Object.values(countries).flatMap((c) => [...namesReferencedBy(c)]));
  return Object.fromEntries(Object.entries(names).filter(([k]) => !referenced.has(k)));
}

/** The module that replaces `date-holidays/src/data.js`: every field but the countries, and a loader per country. */
export function shellModule(countryId: (code: string) => string): string {
  const { version, license, holidays: countries } = holidayData();
  const loaders = Object.keys(countries)
    .map((code) => `  ${JSON.stringify(code)}: () => import(${JSON.stringify(countryId(code))}),`)
    .join('\n');
  return [
    `export const data = { version: ${JSON.stringify(version)}, license: ${JSON.stringify(license)}, names: ${JSON.stringify(shellNames())}, holidays: {} };`,
    `export const loaders = {\n${loaders}\n};`,
  ].join('\n');
}
