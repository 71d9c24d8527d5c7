/**
 * The dispatch-cutoff calendar: pure functions, no DOM, no clock of their own (the caller passes
 * `now`, already corrected by the server-time offset). All calendar arithmetic happens in the
 * merchant's time zone, so a shopper in another zone sees the warehouse's truth.
 */
export interface CutoffCalendar {
  /** IANA time zone of the warehouse, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Daily cutoff as `[hour, minute]` local time (see `parseCutoff`). */
  cutoff: readonly [number, number];
  /** ISO weekdays that ship: 1 = Monday … 7 = Sunday. Default Monday–Friday. */
  workingDays?: readonly number[];
  /** Local dates `YYYY-MM-DD` on which nothing ships. */
  holidays?: readonly string[];
}

/** `today`: ships today if ordered within `msLeft`; otherwise the next local dispatch date. */
export type Dispatch = { today: true; date: string; msLeft: number } | { today: false; date: string };

const DAY = 86_400_000;
/** Less than a minute before the cutoff is not a promise we can keep: count it as missed. */
const MIN_LEAD = 60_000;
/** How far ahead a dispatch day is looked for (covers long holidays such as Chinese New Year). */
const HORIZON_DAYS = 60;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock format of a time zone, made once per zone; throws for a zone `Intl` does not know. */
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Wall-clock `[year, month, day, hour, minute, second]` of instant `t` in `timeZone`. */
export function wallClock(t: number, timeZone: string): number[] {
  const p: Record<string, number> = {};
  for (const { type, value } of zoneFormat(timeZone).formatToParts(t)) p[type] = Number(value);
  return [p.year!, p.month!, p.day!, p.hour! % 24, p.minute!, p.second!];
}

/** The instant at which the wall clock in `timeZone` reads the given local time. */
export function localToInstant(y: number, mo: number, d: number, h: number, mi: number, timeZone: string): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offset = (t: number) => {
    const [a, b, c, e, f, g] = wallClock(t, timeZone);
    return Date.UTC(a!, b! - 1, c!, e!, f!, g!) - Math.floor(t / 1000) * 1000;
  };
  // Twice: the first guess may sit on the other side of a DST change.
  const guess = asUtc - offset(asUtc);
  return asUtc - offset(guess);
}

/** When the next order placed at `now` leaves the warehouse; `undefined` when no day in reach ships. */
export function nextDispatch(now: number, calendar: CutoffCalendar): Dispatch | undefined {
  const { timeZone, cutoff } = calendar;
  const days = calendar.workingDays ?? [1, 2, 3, 4, 5];
  const holidays = new Set(calendar.holidays ?? []);
  const [y, mo, d] = wallClock(now, timeZone);
  const first = Date.UTC(y!, mo! - 1, d!);
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const day = new Date(first + i * DAY);
    const date = day.toISOString().slice(0, 10);
    if (!days.includes(day.getUTCDay() || 7) || holidays.has(date)) continue;
    if (i > 0) return { today: false, date };
    const msLeft =
      localToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), cutoff[0], cutoff[1], timeZone) -
      now;
    if (msLeft >= MIN_LEAD) return { today: true, date, msLeft };
  }
  return undefined;
}

/** `"16:00"` → `[16, 0]`; anything else → `undefined`. */
export function parseCutoff(value: string): [number, number] | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** `"1-5"`, `"1,2,3,4,5"`, `"1-5,7"` → ISO weekdays; anything else → `undefined`. */
export function parseWorkingDays(value: string): number[] | undefined {
  const out: number[] = [];
  for (const part of value.split(/[\s,]+/).filter(Boolean)) {
    const m = /^([1-7])(?:-([1-7]))?$/.exec(part);
    if (!m) return undefined;
    for (let n = Number(m[1]); n <= Number(m[2] ?? m[1]); n++) out.push(n);
  }
  return out.length ? out : undefined;
}

/** `"2026-10-01, 2026-10-02"` → the dates; `undefined` when one is not `YYYY-MM-DD`. */
export function parseHolidays(value: string): string[] | undefined {
  const dates = value.split(/[\s,]+/).filter(Boolean);
  return dates.every((s) => /^\d{4}-\d\d-\d\d$/.test(s)) ? dates : undefined;
}

/** Whether `Intl` knows the IANA zone (the format made to check it is kept for the countdown). */
export function isTimeZone(value: string): boolean {
  try {
    zoneFormat(value);
    return true;
  } catch {
    return false;
  }
}
