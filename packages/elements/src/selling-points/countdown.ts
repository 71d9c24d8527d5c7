/**
 * The dispatch-cutoff countdown of <vitrine-selling-points>, loaded with `import()` only when an
 * item asks for it and a cutoff is set (the element's first render waits for it, so the item's
 * own text never flashes first). Pure calendar logic stays in cutoff.ts.
 */
import { css } from 'lit';
import { addStyles } from '../base/lazy-styles.js';
import { isTimeZone, nextDispatch, parseCutoff, parseHolidays, parseWorkingDays } from './cutoff.js';

export { isTimeZone };

/**
 * The countdown's English strings, which the element registers when it loads this part (so this
 * chunk imports nothing of the base's i18n); zh-CN and ar are in the element's lazy catalogues.
 */
export const strings = {
  hm: '{h} h {m} min',
  m: '{m} min',
  today: 'Order within {t} — ships today',
  next: 'Ships {d}',
};

// The countdown item's styles come with its code (the first render with it waits for this chunk).
// prettier-ignore
const styles = css`
.h li:has(.soon) { flex-basis: var(--vitrine-selling-points-countdown-inline-size, 248px) }
.soon { color: var(--vitrine-selling-points-countdown-color, var(--vitrine-color-accent, #0b6e4f)); font-weight: 600 }
`;

/** What the countdown reads from the element. */
export interface CountdownHost {
  renderRoot: ShadowRoot;
  cutoff: string;
  timezone: string;
  /** The server's clock at page render, and when the element got it by the shopper's clock (ms). */
  serverTime: string | number;
  at?: number;
  workingDays: string | number[];
  holidays: string | string[];
  /** Set here: the timer of the next render, when the shown minute changes. */
  timer?: ReturnType<typeof setTimeout>;
  requestUpdate(): void;
  locale: string;
  t(key: string, params?: Record<string, string | number>): string;
  warn(field: string, message: string): void;
}

/**
 * The server's clock minus the shopper's (ms): 0 without `serverTime`, or with one that is not a
 * date-time (warned about once).
 */
export function serverSkew(host: CountdownHost): number {
  const time = host.serverTime;
  // ISO string or ms (a number, or digits from the attribute); '' (unset) gives NaN, as any bad value.
  const skew = new Date(+time || time).getTime() - host.at!;
  if (time !== '' && isNaN(skew))
    host.warn('server-time', `"${time}" is not an ISO date-time; the shopper's clock is used.`);
  return skew || 0;
}

/**
 * The countdown text, or undefined (the item's own text is shown) when there is nothing honest to
 * say; with a valid calendar, the element renders again when the shown minute changes (never more
 * than once a minute). Now is the shopper's clock corrected by the server's (see serverSkew()).
 */
export function countdownText(host: CountdownHost): string | undefined {
  addStyles(host.renderRoot, styles);
  // Whatever a page set (a string, an array, a number by mistake) is read as text: an array of
  // days or dates lists them with commas, anything else is refused below with a warning.
  const cutoff = parseCutoff(String(host.cutoff));
  const days = parseWorkingDays(String(host.workingDays));
  const holidays = parseHolidays(String(host.holidays));
  const bad = !cutoff
    ? ['cutoff', `"${host.cutoff}" is not a time like "16:00"`]
    : !isTimeZone(host.timezone)
      ? ['timezone', `"${host.timezone}" is not an IANA time zone such as "Asia/Shanghai"`]
      : !days
        ? ['working-days', `"${String(host.workingDays)}" is not a list of ISO weekdays such as "1-5"`]
        : !holidays
          ? ['holidays', `"${String(host.holidays)}" is not a list of YYYY-MM-DD dates`]
          : undefined;
  if (bad) {
    host.warn(bad[0]!, `${bad[1]}; the countdown is off.`);
    return;
  }
  const info = nextDispatch(Date.now() + serverSkew(host), {
    timeZone: host.timezone,
    cutoff: cutoff!,
    workingDays: days!,
    holidays: holidays!,
  });
  clearTimeout(host.timer);
  host.timer = setTimeout(() => host.requestUpdate(), info?.today ? (info.msLeft % 60_000) + 50 : 60_000);
  if (!info) return;
  const n = new Intl.NumberFormat(host.locale).format;
  if (info.today) {
    const total = Math.floor(info.msLeft / 60_000);
    const h = Math.floor(total / 60);
    const m = n(total % 60);
    return host.t('today', { t: h ? host.t('hm', { h: n(h), m }) : host.t('m', { m }) });
  }
  const d = new Intl.DateTimeFormat(host.locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${info.date}T12:00:00Z`));
  return host.t('next', { d });
}
