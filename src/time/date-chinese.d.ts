/**
 * The part of date-chinese (a dependency of date-holidays, whose lunar holidays it dates) that
 * `holidays.ts` uses: the calendar classes, to share their caches. The package's own types are not
 * exported through its `exports` map.
 */
declare module 'date-chinese' {
  export class CalendarChinese {
    constructor(cycle?: number, year?: number, month?: number, leap?: boolean, day?: number);
  }
  export class CalendarKorean extends CalendarChinese {}
  export class CalendarVietnamese extends CalendarChinese {}
}
