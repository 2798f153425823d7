// Spaced review of missed practice questions: a fixed ladder of intervals counted in Pacific
// calendar days (docs/decisions/027-practice-and-readiness.md says why a ladder and not FSRS).
// Pure: the caller passes "now" and stores the state.

/** Days until the next review after each step: 1, 3, 7 days, then 21 ("then longer"). */
export const LADDER = [1, 3, 7, 21] as const;
/** Right answers in a row at the longest interval that retire an item. */
export const RETIRE_AFTER = 2;

const TZ = 'America/Los_Angeles';
// en-CA formats as YYYY-MM-DD.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Pacific calendar day of an instant, as YYYY-MM-DD (DST included: the day turns at local midnight). */
export function pacificDay(ms: number): string {
  return dayFormat.format(ms);
}

/** A calendar day plus n days (calendar arithmetic: no hours, so DST changes nothing). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export interface ReviewState {
  /** Index into LADDER of the interval now being waited out. */
  step: number;
  /** The Pacific day the item is due again (due on that day and after). */
  dueDay: string;
  /** Right answers in a row at the longest interval. */
  topStreak: number;
  retired: boolean;
}

/** Whether a scheduled item is due for review on this Pacific day. */
export function isDue(state: ReviewState | undefined, today: string): boolean {
  return Boolean(state && !state.retired && state.dueDay <= today);
}

/**
 * The item's state after an answer on `today` (a Pacific day). A wrong answer, anywhere,
 * schedules it from the first rung. A right answer to a due review climbs one rung; at the top,
 * the second right answer in a row retires it. A right answer before the due day (or to an item
 * never missed) changes nothing: only spaced retrieval earns a longer interval. Returns
 * undefined when the item is not (and need not be) scheduled.
 */
export function nextReview(state: ReviewState | undefined, correct: boolean, today: string): ReviewState | undefined {
  if (!correct) return { step: 0, dueDay: addDays(today, LADDER[0]), topStreak: 0, retired: false };
  if (!state || state.retired || state.dueDay > today) return state;
  const top = LADDER.length - 1;
  if (state.step >= top) {
    const topStreak = state.topStreak + 1;
    if (topStreak >= RETIRE_AFTER) return { ...state, topStreak, retired: true };
    return { step: top, dueDay: addDays(today, LADDER[top]), topStreak, retired: false };
  }
  const step = state.step + 1;
  return { step, dueDay: addDays(today, LADDER[step]), topStreak: 0, retired: false };
}
