// A group's progress over time, for the chart on the group page: after each Pacific day on which
// a unit was completed, how many units the group's trainees had completed on average.

const pacificDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Pacific calendar day of a moment, as the UTC midnight of that date (so days are 86,400,000 ms apart). */
export function pacificDayStart(ms: number): number {
  return Date.parse(`${pacificDay.format(ms)}T00:00:00Z`);
}

export interface TrendPoint {
  /** UTC midnight of the Pacific day. */
  day: number;
  /** Units completed by the whole group up to and including that day. */
  completed: number;
  /** completed / trainees, one decimal. */
  perTrainee: number;
}

/**
 * Cumulative unit completions by day. `completions` are completed_at times (null = not complete);
 * only days with a completion get a point, plus a starting point of 0 the day before the first.
 */
export function progressTrend(completions: readonly (number | null)[], trainees: number): TrendPoint[] {
  const byDay = new Map<number, number>();
  for (const at of completions) {
    if (at === null) continue;
    const d = pacificDayStart(at);
    byDay.set(d, (byDay.get(d) ?? 0) + 1);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  if (!days.length || trainees <= 0) return [];
  const per = (n: number) => Math.round((n / trainees) * 10) / 10;
  const points: TrendPoint[] = [{ day: days[0] - 86_400_000, completed: 0, perTrainee: 0 }];
  let total = 0;
  for (const d of days) {
    total += byDay.get(d) ?? 0;
    points.push({ day: d, completed: total, perTrainee: per(total) });
  }
  return points;
}
