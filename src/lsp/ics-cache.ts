/**
 * Parsed `holidays file`s, by content, for the language server's own thread (issue 14): parsing an
 * iCalendar file can take seconds (a 512 KB file of 7,500 all-day events: about 2.5 s of CPU), and
 * a keystroke's fast checks must never spend that there. So the server's thread parses no file: it
 * answers a parse the full-check thread has done for the same text, zone and term, and otherwise
 * leaves the file out of the fast check (`IcsParser`'s undefined: "not parsed yet"); the full-check
 * thread parses it with all checks and hands the parse back with its answer.
 *
 * The key is a hash of the file's text (read again for every new document text, as before), the
 * calendar's zone and the term's window, so a changed file, zone or term is another parse, and a
 * renamed or copied file is the same one.
 */
import { createHash } from 'node:crypto';
import type { IcsParser } from '../check/checker.js';
import type { IcsHolidays, IcsWindow } from '../time/ics-holidays.js';

/** A parse, as the full-check thread sends it: its key and what it found. */
export interface IcsParse {
  readonly key: string;
  readonly holidays: IcsHolidays;
}

/** What a parse depends on, as one string. */
export function icsKey(text: string, zone: string, window: IcsWindow | undefined): string {
  const hash = createHash('sha256').update(text).digest('hex');
  return `${hash}\u0000${zone}\u0000${window ? `${window.from}/${window.to}` : ''}`;
}

/** The full-check thread's parser: parses every file and notes each parse for the reply. */
export function recordingParser(into: IcsParse[], parse: (text: string, zone: string, window: IcsWindow | undefined) => IcsHolidays): IcsParser {
  return (text, zone, window) => {
    const holidays = parse(text, zone, window);
    into.push({ key: icsKey(text, zone, window), holidays });
    return holidays;
  };
}

/** The last `size` parses, least recently used first out. */
export class IcsCache {
  private readonly parses = new Map<string, IcsHolidays>();

  constructor(private readonly size = 32) {}

  add(parses: readonly IcsParse[]): void {
    for (const p of parses) {
      this.parses.delete(p.key);
      this.parses.set(p.key, p.holidays);
    }
    while (this.parses.size > this.size) this.parses.delete(this.parses.keys().next().value!);
  }

  /** Answers only what is cached: never parses. */
  readonly parser: IcsParser = (text, zone, window) => {
    const key = icsKey(text, zone, window);
    const found = this.parses.get(key);
    if (!found) return undefined;
    this.parses.delete(key);
    this.parses.set(key, found);
    return found;
  };
}
