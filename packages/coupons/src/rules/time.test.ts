import { describe, expect, it } from 'vitest';
import { inWindow, localTime, parseClock } from './time.js';

const m = (hhmm: string) => parseClock(hhmm);

describe('daily windows', () => {
  it('reads the wall clock in the merchant time zone', () => {
    const t = Date.parse('2026-11-25T15:30:00Z'); // a Wednesday
    expect(localTime(t, 'Asia/Shanghai')).toEqual({ minutes: m('23:30'), weekday: 3 });
    expect(localTime(t, 'UTC')).toEqual({ minutes: m('15:30'), weekday: 3 });
    expect(localTime(t, 'America/New_York')).toEqual({ minutes: m('10:30'), weekday: 3 });
  });

  it('follows daylight saving time (New York, 2026-03-08)', () => {
    expect(localTime(Date.parse('2026-03-08T06:30:00Z'), 'America/New_York').minutes).toBe(m('01:30'));
    expect(localTime(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York').minutes).toBe(m('03:30'));
  });

  it('handles a window within the day', () => {
    const w = { start: '14:00', end: '15:00' };
    expect(inWindow(w, m('13:59'), 1)).toBe(false);
    expect(inWindow(w, m('14:00'), 1)).toBe(true);
    expect(inWindow(w, m('14:59'), 1)).toBe(true);
    expect(inWindow(w, m('15:00'), 1)).toBe(false);
  });

  it('handles a window crossing midnight (23:00–01:00)', () => {
    const w = { start: '23:00', end: '01:00' };
    expect(inWindow(w, m('22:59'), 1)).toBe(false);
    expect(inWindow(w, m('23:00'), 1)).toBe(true);
    expect(inWindow(w, m('23:30'), 1)).toBe(true);
    expect(inWindow(w, m('00:00'), 1)).toBe(true);
    expect(inWindow(w, m('00:59'), 1)).toBe(true);
    expect(inWindow(w, m('01:00'), 1)).toBe(false);
    expect(inWindow(w, m('14:00'), 1)).toBe(false);
  });

  it('counts the small hours as the day the window opened', () => {
    const friday = { start: '23:00', end: '01:00', days: [5] };
    expect(inWindow(friday, m('23:30'), 5)).toBe(true); // Friday night
    expect(inWindow(friday, m('00:30'), 6)).toBe(true); // Saturday 00:30 is still Friday's window
    expect(inWindow(friday, m('00:30'), 5)).toBe(false); // Friday 00:30 belongs to Thursday's
    expect(inWindow(friday, m('23:30'), 6)).toBe(false);
  });

  it('reads equal start and end as the whole day from start', () => {
    const w = { start: '06:00', end: '06:00', days: [1] };
    expect(inWindow(w, m('06:00'), 1)).toBe(true);
    expect(inWindow(w, m('05:59'), 2)).toBe(true);
    expect(inWindow(w, m('05:59'), 1)).toBe(false);
  });

  it('parses only HH:MM', () => {
    expect([parseClock('00:00'), parseClock('23:59'), parseClock('09:05')]).toEqual([0, 1439, 545]);
    for (const bad of ['24:00', '9:00', '12:60', '12-00', '']) expect(parseClock(bad)).toBeNaN();
  });
});
