import type { Locale } from '../i18n/locales';

// Dates shown to people in California, in the page's language. The formatters are built once
// per language: building an Intl.DateTimeFormat per call (as toLocaleString does) is slow on a
// busy page.
const TZ = 'America/Los_Angeles';
const TAGS: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

function perLocale(options: Intl.DateTimeFormatOptions): (locale: Locale) => Intl.DateTimeFormat {
  const made = new Map<Locale, Intl.DateTimeFormat>();
  return (locale) => {
    let f = made.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(TAGS[locale] ?? 'en-US', options);
      made.set(locale, f);
    }
    return f;
  };
}
const dateTimeFormat = perLocale({ timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = perLocale({ timeZone: TZ, dateStyle: 'medium' });
const timeFormat = perLocale({ timeZone: TZ, timeStyle: 'short' });
const deadlineFormat = perLocale({
  timeZone: TZ,
  hour: 'numeric',
  minute: '2-digit',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});
const calendarDayFormat = perLocale({ timeZone: 'UTC', dateStyle: 'medium' });

/** "Nov 23, 2026, 3:45 PM" / "23 nov 2026, 3:45 p.m." (Pacific time); empty for null. */
export const pacificDateTime = (ms: number | null, locale: Locale = 'en') =>
  ms === null ? '' : dateTimeFormat(locale).format(ms);
/** "Nov 23, 2026" (Pacific time); empty for null. */
export const pacificDate = (ms: number | null, locale: Locale = 'en') => (ms === null ? '' : dateFormat(locale).format(ms));
/** "3:45 PM" (Pacific time). */
export const pacificClock = (ms: number, locale: Locale = 'en') => timeFormat(locale).format(ms);
/** "Mon, Nov 23, 3:45 PM" (Pacific time), for deadlines. */
export const pacificDeadline = (ms: number, locale: Locale = 'en') => deadlineFormat(locale).format(ms);
/** "Nov 23, 2026" for a calendar day given as the UTC midnight of that date (app/domain/group-trend.ts). */
export const calendarDay = (utcMidnight: number, locale: Locale = 'en') => calendarDayFormat(locale).format(utcMidnight);

const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, hour: 'numeric', hourCycle: 'h23' });

/** The Pacific calendar day of an instant, as YYYY-MM-DD. */
export const pacificIsoDate = (ms: number) => isoDayFormat.format(ms);

/**
 * The instant a Pacific calendar day (YYYY-MM-DD) ends: midnight at the start of the next day,
 * in standard (UTC-8) or daylight (UTC-7) time as it falls on that date.
 */
export function pacificDayEnd(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const standard = Date.UTC(y, m - 1, d + 1, 8);
  // In daylight time, 08:00 UTC is 01:00 in California: midnight was an hour earlier.
  return Number(hourFormat.format(standard)) === 1 ? standard - 60 * 60 * 1000 : standard;
}

/** The instant a Pacific calendar day (YYYY-MM-DD) begins. */
export function pacificDayStart(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const before = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return pacificDayEnd(before);
}

const isoParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'longOffset',
});
/** "2026-11-23T15:45:00-08:00": ISO 8601 in Pacific time with its offset, for CSV files; empty for null. */
export function pacificIso(ms: number | null): string {
  if (ms === null) return '';
  const p = Object.fromEntries(isoParts.formatToParts(ms).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}
