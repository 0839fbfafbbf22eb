/**
 * Contract shapes that made the full check slow (issue 14), generated: shared by
 * `test/check-shapes.test.ts` (exact diagnostics) and `bench/check-cost.ts` (times).
 */
import { input } from './fuzz/fuzz-lib.js';

const head = (term: string) =>
  `sla "R" {\n  term ${term}\n}\nclock response {\n  starts filed\n  stops first_reply\n}\nclock resolution {\n  starts filed\n  stops resolved\n}\n`;
const cal = (name: string, zone: string, lines: string[]) => `calendar ${name} {\n  zone "${zone}"\n${lines.map((l) => `  ${l}\n`).join('')}}\n`;
const pri = (name: string, lines: string[]) => `priority ${name} {\n${lines.map((l) => `  ${l}\n`).join('')}}\n`;
const hhmm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
const T2 = '2026-01-01 to 2027-12-31';
const T50 = '2026-01-01 to 2075-12-31';

export interface Shape {
  readonly name: string;
  readonly text: string;
}

export function shapes(): Shape[] {
  const out: Shape[] = [];
  // (a) the largest targets the Limits table allows, on office hours, over a year.
  out.push({
    name: 'largest targets (5270400m, 87840h, 3660d), 1-year term',
    text: head('2026-01-01 to 2026-12-31') + cal('c', 'UTC', ['hours mon-fri 09:00-17:00']) + pri('P1', ['response 5270400m on c', 'resolution 3660d on c']) + pri('P2', ['response 87840h on c', 'resolution 1d on c']),
  });
  // (b) three calendars open one day a week each, two-year term, 6d targets (and an inversion, so
  // every worst case is explained).
  out.push({
    name: 'three one-day-a-week calendars, 2-year term, 6d targets',
    text:
      head(T2) +
      cal('c1', 'UTC', ['hours wed 09:00-10:00']) +
      cal('c2', 'Europe/Berlin', ['hours mon 09:00-10:00']) +
      cal('c3', 'America/New_York', ['hours fri 09:00-10:00']) +
      pri('P1', ['response 6d on c1', 'resolution 6d on c2']) +
      pri('P2', ['response 5d on c2', 'resolution 6d on c3']) +
      pri('P3', ['response 4d on c3', 'resolution 2d on c1']),
  });
  // (b') the same over the longest term, with 10-year targets.
  out.push({
    name: 'three one-day-a-week calendars, 50-year term, 3660d targets',
    text: head(T50) + cal('c1', 'UTC', ['hours wed 09:00-10:00']) + cal('c2', 'Europe/Berlin', ['hours mon 09:00-10:00']) + cal('c3', 'America/New_York', ['hours fri 09:00-10:00']) + pri('P1', ['response 3660d on c1', 'resolution 3660d on c2']) + pri('P2', ['response 6d on c3', 'resolution 6d on c3']) + pri('P3', ['response 1d on c2', 'resolution 1d on c1']),
  });
  // 96 ranges a day over the longest term: past the worst-case budget (PLG2140).
  const many = Array.from({ length: 96 }, (_, i) => `${hhmm(i * 15)}-${hhmm(i * 15 + 10)}`).join(', ');
  out.push({
    name: '96 ranges a day, 50-year term, largest targets',
    text: head(T50) + cal('c', 'Europe/Berlin', [`hours mon-sun ${many}`]) + pri('P1', ['response 5270400m on c', 'resolution 3660d on c']) + pri('P2', ['response 1m on c', 'resolution 1d on c']),
  });
  // 40 calendars with US holidays, 50-year term, every priority inverted.
  let cals = '';
  let ps = '';
  for (let i = 0; i < 40; i++) cals += cal(`c${i}`, ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'][i % 4]!, [`hours mon-fri 0${i % 9}:00-1${i % 9}:${String(i).padStart(2, '0')}`, 'holidays "US"']);
  for (let i = 0; i < 40; i++) ps += pri(`P${i}`, [`response ${3660 - i}d on c${i}`, `resolution ${5270400 - i * 1000}m on c${(i + 1) % 40}`]);
  out.push({ name: '40 calendars with holidays, 50-year term, 80 inverted targets', text: head(T50) + cals + ps });
  // China's public holidays over the longest term: date-holidays computes the lunar dates
  // astronomically (about 0.1 s a year) for every year past the official notices.
  out.push({
    name: 'holidays "CN", 50-year term',
    text: head(T50) + cal('c', 'Asia/Shanghai', ['hours mon-fri 09:00-18:00', 'holidays "CN"']) + pri('P1', ['response 4h on c', 'resolution 5d on c']) + pri('P2', ['response 8h on c', 'resolution 3660d on c']),
  });
  // (c) the slowest generated contracts of `npm run fuzz -- --kind generate --count 3000 --seed 7`.
  for (const i of [1622]) out.push({ name: `generated contract, seed 7 #${i}`, text: input('generate', 7, i) });
  // (d) the slowest extreme input of `npm run fuzz -- --seed 1207 --kind extreme`: one broken
  // declaration repeated 3,116 times (499 KB), which ran out of stack or parsed for minutes
  // (Chevrotain's recovery), and #605, 1,895 times (339 KB).
  out.push({ name: 'a broken declaration repeated (fuzz seed 1207 extreme #722, 499 KB)', text: input('extreme', 1207, 722) });
  out.push({ name: 'a broken declaration repeated (fuzz seed 1207 extreme #605, 339 KB)', text: input('extreme', 1207, 605) });
  return out;
}
