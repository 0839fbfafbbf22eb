/**
 * Names of region holidays and regions in the reader's language, from date-holidays. The engine
 * works with the English names; a Chinese rendering shows `国庆节`, not `National Day`.
 */
import Holidays from 'date-holidays';
import { holidaysOf } from '../time/holidays.js';

const names = new Map<string, Map<string, string>>();

/**
 * The name of a region holiday in `lang`, given its English name. Only a region whose own
 * language is `lang` gives local names (CN: `国庆节`); elsewhere date-holidays mixes scripts and
 * languages (traditional characters for some German holidays, German for others), so the
 * English name is kept.
 * @example holidayName('CN', 2026, 'National Day', 'zh') // '国庆节'
 */
export function holidayName(region: string, year: number, english: string, lang: string): string {
  if (lang === 'en') return english;
  const key = `${region}|${year}|${lang}`;
  let map = names.get(key);
  if (!map) {
    map = new Map();
    // A fresh instance: a shared one reports the last language asked for first.
    const native = new Holidays(...(region.split('-') as [string])).getLanguages()[0] ?? '';
    if (native.split('-')[0] === lang) {
      const hd = holidaysOf(region);
      const en = hd.getHolidays(year, 'en') ?? [];
      const local = hd.getHolidays(year, lang) ?? [];
      en.forEach((h, i) => {
        // CN's data gives some names in both scripts (`清明节 清明節`): keep the first.
        const name = local[i]?.name.replace(/^(\p{Script=Han}+) \p{Script=Han}+$/u, '$1');
        if (name && !map!.has(h.name)) map!.set(h.name, name);
      });
    }
    names.set(key, map);
  }
  // A joint holiday of China's notice (`National Day, Mid-Autumn Festival`): each name, joined as the notice joins them.
  if (!map.has(english) && english.includes(', ')) return english.split(', ').map((n) => map!.get(n) ?? n).join(lang === 'zh' ? '、' : ', ');
  return map.get(english) ?? english;
}

const regions = new Map<string, string>();

/**
 * A region's name: `China`, `Bavaria (Germany)`; in Chinese `中华人民共和国` for a region whose
 * own language is Chinese, the English name otherwise (date-holidays has no Chinese names for
 * other countries and would give `Deutschland`).
 * @example regionName('CN', 'zh') // '中华人民共和国'
 */
export function regionName(region: string, lang: string): string {
  const key = `${region}|${lang}`;
  const hit = regions.get(key);
  if (hit !== undefined) return hit;
  const [country = '', state] = region.split('-');
  const native = new Holidays(country).getLanguages()[0] ?? '';
  const shown = native.split('-')[0] === lang ? lang : 'en';
  const hd = new Holidays();
  const countryName = hd.getCountries(shown)?.[country] ?? country;
  const stateName = state ? hd.getStates(country, shown)?.[state] : undefined;
  const name = state ? (stateName ? `${stateName} (${countryName})` : region) : countryName;
  regions.set(key, name);
  return name;
}
