/**
 * Names of region holidays and regions in the reader's language, from date-holidays. The engine
 * works with the English names; a Chinese rendering shows `国庆节`, not `National Day`.
 */
import Holidays from 'date-holidays';
import { holidaysOf } from '../time/holidays.js';

const names = new Map<string, Map<string, string>>();

/**
 * The name of a region holiday in `lang`, given its English name; the English name when the data
 * set has no translation (date-holidays then falls back to the region's own language, which a
 * Chinese reader of a German calendar is not better served by).
 * @example holidayName('CN', 2026, 'National Day', 'zh') // '国庆节'
 */
export function holidayName(region: string, year: number, english: string, lang: string): string {
  if (lang === 'en') return english;
  const key = `${region}|${year}|${lang}`;
  let map = names.get(key);
  if (!map) {
    map = new Map();
    const hd = holidaysOf(region);
    const en = hd.getHolidays(year, 'en') ?? [];
    const local = hd.getHolidays(year, lang) ?? [];
    const native = hd.getHolidays(year) ?? [];
    const nativeIsLang = (hd.getLanguages()[0] ?? '') === lang;
    en.forEach((h, i) => {
      const name = local[i]?.name;
      const translated = name !== undefined && (nativeIsLang || name !== native[i]?.name);
      // CN's data gives some names in both scripts (`清明节 清明節`): keep the simplified one.
      const simplified = name?.replace(/^(\p{Script=Han}+) \p{Script=Han}+$/u, '$1');
      if (!map!.has(h.name)) map!.set(h.name, translated && simplified ? simplified : h.name);
    });
    names.set(key, map);
  }
  return map.get(english) ?? english;
}

const regions = new Map<string, string>();

/**
 * A region's name in `lang`: `China`, `中华人民共和国`, `Bavaria (Germany)`.
 * @example regionName('CN', 'zh') // '中华人民共和国'
 */
export function regionName(region: string, lang: string): string {
  const key = `${region}|${lang}`;
  const hit = regions.get(key);
  if (hit !== undefined) return hit;
  const [country = '', state] = region.split('-');
  const hd = new Holidays();
  const countryName = hd.getCountries(lang)?.[country] ?? country;
  const stateName = state ? hd.getStates(country, lang)?.[state] : undefined;
  const name = state ? (stateName ? `${stateName} (${countryName})` : region) : countryName;
  regions.set(key, name);
  return name;
}
