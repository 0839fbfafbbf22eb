/**
 * China's official holiday schedules: the State Council General Office's yearly notice
 * 国务院办公厅关于XXXX年部分节假日安排的通知, which fixes the days off (放假) and the make-up working
 * days (调休上班). date-holidays knows neither the bridge days nor the make-up days, so `holidays "CN"`
 * uses these schedules for the years they cover (language reference, "Holidays") and falls back to
 * date-holidays' rules for other years.
 *
 * Each year is transcribed from the notice's own text (reprints of the full text found with the
 * search tool; the pages are named in `seenAt`), and every year 2020-2026 was checked again, date by
 * date, against those pages on 2026-12-05. No year in 2020-2026 is missing for want of a source;
 * 2026's notice number (发文字号) is not printed by any reprint found, so it is left out. Years
 * before 2020 and after 2026 have no schedule here and fall back to date-holidays (the checker says
 * so, PLG2039). Dates are ranges as the notice writes them, e.g.
 * "1月1日（周四）至3日（周六）放假调休" is ['2026-01-01', '2026-01-03']. Plain data, so the browser
 * playground can load it (a few kilobytes).
 */

/** One year's notice. */
export interface OfficialSchedule {
  readonly year: number;
  /** The notice's title, as published. */
  readonly title: string;
  /** 发文字号 where the reprint gives it. */
  readonly number?: string;
  /** The notice's date, as it signs it (`YYYY-MM-DD`). */
  readonly published: string;
  /** Where its full text was read. */
  readonly seenAt: string;
  /** Days off, each an inclusive range with the holiday's name as the notice gives it. */
  readonly off: readonly { readonly name: string; readonly from: string; readonly to: string }[];
  /** Make-up working days (调休上班), with the holiday they make up for. */
  readonly workdays: readonly { readonly name: string; readonly date: string }[];
  /** A later notice that changed this year's schedule, if any. */
  readonly amended?: string;
}

export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = [
  {
    year: 2020,
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    number: '国办发明电〔2019〕16号',
    published: '2019-11-21',
    seenAt: 'http://kaixinit.com/news/3681.html; http://gansulong.com/c/0Q25M3X2022_2.html (with its number, and 国办发明电〔2020〕1号); https://www.farmer.com.cn/2020/01/27/99847578.html (the extension, Xinhua full text)',
    off: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01' },
      // 春节 1月24日至30日, extended by 国务院办公厅关于延长2020年春节假期的通知 (国办发明电〔2020〕1号)
      // "延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班".
      { name: '春节', from: '2020-01-24', to: '2020-02-02' },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    // 2月1日（星期六）上班 fell inside the extended Spring Festival holiday, so it is not kept.
    workdays: [
      { name: '春节', date: '2020-01-19' },
      { name: '劳动节', date: '2020-04-26' },
      { name: '劳动节', date: '2020-05-09' },
      { name: '端午节', date: '2020-06-28' },
      { name: '国庆节、中秋节', date: '2020-09-27' },
      { name: '国庆节、中秋节', date: '2020-10-10' },
    ],
    amended: '国务院办公厅关于延长2020年春节假期的通知 (国办发明电〔2020〕1号, 2020-01-26)',
  },
  {
    year: 2021,
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    number: '国办发明电〔2020〕27号',
    published: '2020-11-25',
    seenAt: 'https://0798ci.com/law/95022.html (with its number); http://www.cncaprc.cn/?c=i&a=lList_mod&myid=3&id=3366',
    off: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    workdays: [
      { name: '春节', date: '2021-02-07' },
      { name: '春节', date: '2021-02-20' },
      { name: '劳动节', date: '2021-04-25' },
      { name: '劳动节', date: '2021-05-08' },
      { name: '中秋节', date: '2021-09-18' },
      { name: '国庆节', date: '2021-09-26' },
      { name: '国庆节', date: '2021-10-09' },
    ],
  },
  {
    year: 2022,
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    number: '国办发明电〔2021〕11号',
    published: '2021-10-25',
    seenAt: 'http://www.beijing.gov.cn/zhengce/zhengcefagui/202110/t20211026_2520500.html (with its number); http://hxnews.com/news/gn/gnxw/202110/26/2027632.shtml',
    off: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    workdays: [
      { name: '春节', date: '2022-01-29' },
      { name: '春节', date: '2022-01-30' },
      { name: '清明节', date: '2022-04-02' },
      { name: '劳动节', date: '2022-04-24' },
      { name: '劳动节', date: '2022-05-07' },
      { name: '国庆节', date: '2022-10-08' },
      { name: '国庆节', date: '2022-10-09' },
    ],
  },
  {
    year: 2023,
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    number: '国办发明电〔2022〕16号',
    published: '2022-12-08',
    seenAt: 'https://zh.m.wikisource.org/zh/国务院办公厅关于2023年部分节假日安排的通知 (with its number); http://big5.china.com.cn/gate/big5/news.china.com.cn/2022-12/09/content_85004315.htm (Xinhua full text)',
    off: [
      { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
      { name: '春节', from: '2023-01-21', to: '2023-01-27' },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    workdays: [
      { name: '春节', date: '2023-01-28' },
      { name: '春节', date: '2023-01-29' },
      { name: '劳动节', date: '2023-04-23' },
      { name: '劳动节', date: '2023-05-06' },
      { name: '端午节', date: '2023-06-25' },
      { name: '中秋节、国庆节', date: '2023-10-07' },
      { name: '中秋节、国庆节', date: '2023-10-08' },
    ],
  },
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    number: '国办发明电〔2023〕7号',
    published: '2023-10-25',
    seenAt: 'https://zh.wikisource.org/wiki/国务院办公厅关于2024年部分节假日安排的通知; http://paper.people.com.cn/rmrb/html/2023-10/26/nw.D110000renmrb_20231026_3-06.htm',
    off: [
      // "1月1日放假，与周末连休": only 1月1日 is a day off; the weekend before it is an ordinary weekend.
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    workdays: [
      { name: '春节', date: '2024-02-04' },
      { name: '春节', date: '2024-02-18' },
      { name: '清明节', date: '2024-04-07' },
      { name: '劳动节', date: '2024-04-28' },
      { name: '劳动节', date: '2024-05-11' },
      { name: '中秋节', date: '2024-09-14' },
      { name: '国庆节', date: '2024-09-29' },
      { name: '国庆节', date: '2024-10-12' },
    ],
  },
  {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    published: '2024-11-12',
    seenAt: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm (Xinhua full text); http://mip.gyhiac.cn/blog/uWqT7AReU7Z4lz-462.html (a reprint with its number)',
    off: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    workdays: [
      { name: '春节', date: '2025-01-26' },
      { name: '春节', date: '2025-02-08' },
      { name: '劳动节', date: '2025-04-27' },
      { name: '国庆节、中秋节', date: '2025-09-28' },
      { name: '国庆节、中秋节', date: '2025-10-11' },
    ],
  },
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    // No number: none of the reprints found (Xinhua's full text and its copies) prints the 发文字号.
    published: '2025-11-04',
    seenAt: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm (Xinhua full text); https://www.hrbtv.net/folder963/2025-11-04/1096647.html; https://epaper.zsnews.cn/epaper/zsrb/paperdate/20251105/part/1/articleid/3.html',
    off: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: [
      { name: '元旦', date: '2026-01-04' },
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
      { name: '劳动节', date: '2026-05-09' },
      { name: '国庆节', date: '2026-09-20' },
      { name: '国庆节', date: '2026-10-10' },
    ],
  },
];

/**
 * The English names date-holidays gives the same holidays, which the engine uses (a Chinese
 * rendering maps them back to date-holidays' Chinese names). A joint holiday (`国庆节、中秋节`)
 * joins its names with `, `.
 */
const ENGLISH: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
};

/** `国庆节、中秋节` -> `National Day, Mid-Autumn Festival`. */
export function englishName(name: string): string {
  return name
    .split('、')
    .map((n) => ENGLISH[n] ?? n)
    .join(', ');
}

/** The last year a notice has been shipped for. */
export const LAST_OFFICIAL_YEAR = Math.max(...OFFICIAL_SCHEDULES.map((s) => s.year));
export const FIRST_OFFICIAL_YEAR = Math.min(...OFFICIAL_SCHEDULES.map((s) => s.year));

/** One local date the official schedule decides. */
export interface OfficialDay {
  readonly date: string;
  /** In English, as date-holidays names the holiday (`englishName`). */
  readonly name: string;
  /** As the notice names it. */
  readonly nameZh: string;
  readonly kind: 'off' | 'workday';
  readonly schedule: OfficialSchedule;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

let byDate: Map<string, OfficialDay> | undefined;

/** Every date an official schedule decides, keyed `YYYY-MM-DD` (a notice may reach into the year before, as 2023's 元旦 does). */
export function officialDays(): ReadonlyMap<string, OfficialDay> {
  if (byDate) return byDate;
  byDate = new Map();
  for (const s of OFFICIAL_SCHEDULES) {
    for (const o of s.off) for (let d = o.from; d <= o.to; d = addDays(d, 1)) byDate.set(d, { date: d, name: englishName(o.name), nameZh: o.name, kind: 'off', schedule: s });
    for (const w of s.workdays) byDate.set(w.date, { date: w.date, name: englishName(w.name), nameZh: w.name, kind: 'workday', schedule: s });
  }
  return byDate;
}

/** Whether local year `year` is decided by a shipped notice. */
export function hasOfficialSchedule(year: number): boolean {
  return OFFICIAL_SCHEDULES.some((s) => s.year === year);
}

/** How the source is cited to users: `国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)`. */
export function citeSchedule(s: OfficialSchedule): string {
  return `${s.title} (${s.published})`;
}
