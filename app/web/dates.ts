// Dates shown to people in California. The formatters are built once: building an
// Intl.DateTimeFormat per call (as toLocaleString does) is slow on a busy page.
const TZ = 'America/Los_Angeles';
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeStyle: 'short' });
const deadlineFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hour: 'numeric',
  minute: '2-digit',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});

/** "Nov 23, 2026, 3:45 PM" (Pacific time); empty for null. */
export const pacificDateTime = (ms: number | null) => (ms === null ? '' : dateTimeFormat.format(ms));
/** "3:45 PM" (Pacific time). */
export const pacificClock = (ms: number) => timeFormat.format(ms);
/** "Mon, Nov 23, 3:45 PM" (Pacific time), for deadlines. */
export const pacificDeadline = (ms: number) => deadlineFormat.format(ms);
const calendarDayFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' });
/** "Nov 23, 2026" for a calendar day given as the UTC midnight of that date (app/domain/group-trend.ts). */
export const calendarDay = (utcMidnight: number) => calendarDayFormat.format(utcMidnight);
