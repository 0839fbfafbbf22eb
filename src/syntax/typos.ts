/**
 * "Did you mean" for the first syntax error of a line: a misspelt keyword (`calender`, `hour`,
 * `start`), a word from another tool (`timezone`), a fractional duration (`1.5h`) or a 12-hour
 * clock (`9am-5pm`). Only suggestions that are certainly valid Pledge are offered.
 */
import { didYouMean } from '../diagnostics/suggest.js';
import { keywords } from './lexer.js';

/** Words people bring from other tools, mapped to the keyword Pledge uses. */
const ALIASES: Record<string, string> = {
  timezone: 'zone',
  time_zone: 'zone',
  tz: 'zone',
  holiday: 'holidays',
  hour: 'hours',
  start: 'starts',
  stop: 'stops',
  pause: 'pauses',
  resume: 'resumes',
  restart: 'restarts',
  calender: 'calendar',
  escalate: 'escalation',
  credit: 'credits',
};

const DECLARATIONS = ['sla', 'calendar', 'clock', 'priority', 'reclassify', 'escalation', 'contact', 'availability', 'credits', 'assert', 'scenario', 'plan'];

/** A keyword the misspelt word probably meant, among `candidates` (all keywords by default). */
export function keywordTypo(word: string, topLevel: boolean): string | undefined {
  const lower = word.toLowerCase();
  const alias = ALIASES[lower];
  const candidates = topLevel ? DECLARATIONS : Object.keys(keywords);
  if (alias !== undefined && candidates.includes(alias)) return alias;
  if (keywords[lower] !== undefined && lower !== word) return lower; // `Calendar`: keywords are lowercase
  if (word.length < 3) return undefined;
  return didYouMean(word, candidates);
}

/** `1.5h` → `1h30m`, `0.25h` → `15m`, `2.5m` → undefined (no seconds); `1.5d` cannot mix days and hours. */
export function fractionalDuration(image: string): string | undefined {
  const m = /^(\d+)\.(\d+)([hm])$/.exec(image);
  if (!m) return undefined;
  const minutes = m[3] === 'h' ? Number(`${m[1]}.${m[2]}`) * 60 : Number(`${m[1]}.${m[2]}`);
  if (!Number.isInteger(Math.round(minutes * 1e9) / 1e9)) return undefined;
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const rest = total % 60;
  return `${h > 0 ? `${h}h` : ''}${rest > 0 || h === 0 ? `${rest}m` : ''}`;
}

function clock24(hour: string, minute: string | undefined, half: string): string | undefined {
  let h = Number(hour);
  const min = minute === undefined ? 0 : Number(minute);
  if (h < 1 || h > 12 || min > 59) return undefined;
  if (half.toLowerCase() === 'am') h = h === 12 ? 0 : h;
  else h = h === 12 ? 12 : h + 12;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** `9am-5pm` (or `9:30am - 5:30 PM`) at the start of `rest` → `09:00-17:00`; a lone `9am` → `09:00`. */
export function twelveHourClock(rest: string): { readonly from: string; readonly to?: string } | undefined {
  const range = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)\s*-\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)/i.exec(rest);
  if (range) {
    const from = clock24(range[1]!, range[2], range[3]!);
    let to = clock24(range[4]!, range[5], range[6]!);
    if (to === '00:00') to = '24:00'; // `9pm-12am`: until midnight
    return from !== undefined && to !== undefined ? { from, to } : undefined;
  }
  const one = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/i.exec(rest);
  if (!one) return undefined;
  const from = clock24(one[1]!, one[2], one[3]!);
  return from === undefined ? undefined : { from };
}
