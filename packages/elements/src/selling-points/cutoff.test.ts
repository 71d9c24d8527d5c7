import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localToInstant,
  nextDispatch,
  parseCutoff,
  parseHolidays,
  parseWorkingDays,
  wallClock,
} from './cutoff.js';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const M = 60_000;
const shanghai = { timeZone: 'Asia/Shanghai', cutoff: [16, 0] as const };

describe('nextDispatch', () => {
  it('counts down to today’s cutoff in the merchant’s zone', () => {
    // Wednesday 25 Nov 2026, 13:47 in Shanghai (05:47 UTC).
    expect(nextDispatch(at('2026-11-25T05:47:00Z'), shanghai)).toEqual({
      today: true,
      date: '2026-11-25',
      msLeft: 2 * H + 13 * M,
    });
  });

  it('uses the merchant’s date, not the shopper’s, across a time-zone boundary', () => {
    // 17:30 UTC on Wednesday is already 01:30 on Thursday in Shanghai: Thursday's cutoff applies.
    expect(nextDispatch(at('2026-11-25T17:30:00Z'), shanghai)).toEqual({
      today: true,
      date: '2026-11-26',
      msLeft: 14 * H + 30 * M,
    });
    // The same instant is 12:30 on Wednesday in New York, before its 16:00 cutoff.
    expect(nextDispatch(at('2026-11-25T17:30:00Z'), { ...shanghai, timeZone: 'America/New_York' })).toEqual({
      today: true,
      date: '2026-11-25',
      msLeft: 3 * H + 30 * M,
    });
  });

  it('skips a holiday after the cutoff has passed', () => {
    // 22:00 Wednesday in New York (03:00 UTC Thursday); Thursday 26 Nov is Thanksgiving.
    const calendar = { ...shanghai, timeZone: 'America/New_York', holidays: ['2026-11-26'] };
    expect(nextDispatch(at('2026-11-26T03:00:00Z'), calendar)).toEqual({ today: false, date: '2026-11-27' });
    expect(nextDispatch(at('2026-11-26T03:00:00Z'), { ...calendar, holidays: [] })).toEqual({
      today: false,
      date: '2026-11-26',
    });
  });

  it('skips a week of holidays (National Day) and the weekend', () => {
    const calendar = {
      ...shanghai,
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    };
    // 17:00 on Wednesday 30 Sep in Shanghai: after the cutoff, then holidays and a weekend.
    expect(nextDispatch(at('2026-09-30T09:00:00Z'), calendar)).toEqual({ today: false, date: '2026-10-08' });
  });

  it('moves a Friday-evening or weekend order to Monday unless Saturday ships', () => {
    // Friday 27 Nov, 17:00 Shanghai.
    expect(nextDispatch(at('2026-11-27T09:00:00Z'), shanghai)).toEqual({ today: false, date: '2026-11-30' });
    // Saturday 28 Nov, 09:00 Shanghai: the weekend does not ship at all.
    expect(nextDispatch(at('2026-11-28T01:00:00Z'), shanghai)).toEqual({ today: false, date: '2026-11-30' });
    // With Saturday as a working day it ships today.
    expect(nextDispatch(at('2026-11-28T01:00:00Z'), { ...shanghai, workingDays: [1, 2, 3, 4, 5, 6] })).toEqual({
      today: true,
      date: '2026-11-28',
      msLeft: 7 * H,
    });
  });

  it('finds the cutoff instant correctly on the day daylight saving time starts and after', () => {
    const berlin = { timeZone: 'Europe/Berlin', cutoff: [16, 0] as const };
    // Friday 27 Mar 2026 (CET, UTC+1): 16:00 local is 15:00 UTC.
    expect(nextDispatch(at('2026-03-27T14:00:00Z'), berlin)).toMatchObject({ today: true, msLeft: H });
    // Monday 30 Mar 2026 (CEST, UTC+2 since Sunday): 16:00 local is 14:00 UTC.
    expect(nextDispatch(at('2026-03-30T13:30:00Z'), berlin)).toMatchObject({ today: true, msLeft: 30 * M });
    expect(nextDispatch(at('2026-03-30T14:00:00Z'), berlin)).toEqual({ today: false, date: '2026-03-31' });
    expect(localToInstant(2026, 3, 29, 12, 0, 'Europe/Berlin')).toBe(at('2026-03-29T10:00:00Z'));
  });

  it('does not promise today with less than a minute left', () => {
    expect(nextDispatch(at('2026-11-25T07:59:30Z'), shanghai)).toEqual({ today: false, date: '2026-11-26' });
    expect(nextDispatch(at('2026-11-25T07:59:00Z'), shanghai)).toMatchObject({ today: true, msLeft: M });
  });

  it('returns nothing when no day in reach ships', () => {
    expect(nextDispatch(at('2026-11-25T05:00:00Z'), { ...shanghai, workingDays: [] })).toBeUndefined();
  });
});

describe('parsers', () => {
  it('reads cutoffs, working days, holidays and zones, refusing bad input', () => {
    expect(parseCutoff('16:00')).toEqual([16, 0]);
    expect(parseCutoff(' 9:30 ')).toEqual([9, 30]);
    expect(parseCutoff('24:00')).toBeUndefined();
    expect(parseCutoff('4pm')).toBeUndefined();
    expect(parseWorkingDays('1-5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWorkingDays('1-3, 6')).toEqual([1, 2, 3, 6]);
    expect(parseWorkingDays('mon-fri')).toBeUndefined();
    expect(parseWorkingDays('')).toBeUndefined();
    expect(parseHolidays('2026-10-01, 2026-10-02')).toEqual(['2026-10-01', '2026-10-02']);
    expect(parseHolidays('1 Oct')).toBeUndefined();
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(wallClock(at('2026-11-25T17:30:00Z'), 'Asia/Shanghai')).toEqual([2026, 11, 26, 1, 30, 0]);
  });
});
