/**
 * Validity in time: start/end instants, and daily windows read in the merchant's IANA time zone
 * with `Intl.DateTimeFormat` (so DST and offsets are the platform's, not ours).
 */
import { CouponInputError } from '../errors.js';
import type { DailyWindow } from '../types.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string, field: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
    } catch {
      throw new CouponInputError(field, `unknown IANA time zone ${JSON.stringify(timeZone)}`, timeZone);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws CouponInputError unless `timeZone` is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string, field: string): void {
  formatter(timeZone, field);
}

/** Local wall-clock minute of the day (0–1439) and weekday (0 = Sunday) of `now` in `timeZone`. */
export function localTime(now: number, timeZone: string): { minutes: number; weekday: number } {
  let hour = 0;
  let minute = 0;
  let weekday = 0;
  for (const p of formatter(timeZone, 'context.timeZone').formatToParts(now)) {
    if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
    else if (p.type === 'weekday') weekday = WEEKDAYS[p.value] ?? 0;
  }
  return { minutes: hour * 60 + minute, weekday };
}

/** 'HH:MM' → minutes of the day, or NaN when malformed. */
export function parseClock(text: string): number {
  const m = typeof text === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** 'HH:MM' of minutes of the day. */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Is local time (`minutes`, `weekday`) inside `w`? A window whose end is not after its start
 * crosses midnight; after midnight it still belongs to the day it opened (for `days`).
 */
export function inWindow(w: DailyWindow, minutes: number, weekday: number): boolean {
  const start = parseClock(w.start);
  const end = parseClock(w.end);
  let openedOn = weekday;
  if (start < end) {
    if (minutes < start || minutes >= end) return false;
  } else if (minutes >= start) {
    // evening part: opened today
  } else if (minutes < end) {
    openedOn = (weekday + 6) % 7;
  } else return false;
  return !w.days || w.days.includes(openedOn);
}
