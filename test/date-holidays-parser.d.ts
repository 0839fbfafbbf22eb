/**
 * The part of date-holidays-parser (date-holidays' engine, installed with it) that
 * test/playground.test.ts uses: an instance over a data object of one's own, to check that the
 * playground's per-country chunks hold everything a country's holidays need.
 */
declare module 'date-holidays-parser' {
  export default class HolidaysParser {
    constructor(data: object, country: string, state?: string);
    getHolidays(year: number, lang?: string): unknown[] | undefined;
  }
}
