import { decimalHours, formatHours } from '../domain/hours';
import type { Locale } from '../i18n/locales';
import type { transcript } from '../models/training-record.server';
import { pacificDateTime } from '../web/dates';

type TranscriptRecord = Awaited<ReturnType<typeof transcript>>;
interface TranscriptCourse {
  course: { title: string };
  units: { meta: { slug: string; title: string } }[];
  exam?: { definition: { forms: { id: string; title: string }[] } } | null;
}

/**
 * The transcript as people read it: the page and the CSV show the same rows. Values only
 * (dates in the reader's language, statuses as keys); the words come from the catalogue
 * (`trainee.transcript.*`).
 */
export function transcriptView(r: TranscriptRecord, course: TranscriptCourse, locale: Locale = 'en') {
  const unitTitle = new Map(course.units.map((u) => [u.meta.slug, u.meta.title]));
  const formTitle = new Map((course.exam?.definition.forms ?? []).map((f) => [f.id, f.title]));
  return {
    asOf: pacificDateTime(Date.now(), locale),
    completion: r.completion ? { when: pacificDateTime(r.completion.confirmedAt, locale), by: r.completion.confirmedBy } : null,
    units: r.units.map((u) => ({
      slug: u.slug,
      title: u.title,
      /** The date it was completed; null when not yet. */
      completed: u.completedAt ? pacificDateTime(u.completedAt, locale) : null,
      best: u.bestPercent,
      counted: formatHours(u.credited),
      minutes: u.credited,
    })),
    quizzes: r.quizzes.map((q, i) => ({
      key: `${q.unitSlug}-${i}`,
      unit: unitTitle.get(q.unitSlug) ?? q.unitSlug,
      when: pacificDateTime(q.at, locale),
      percent: q.percent,
      passed: q.passed,
      edition: q.locale,
    })),
    sessions: r.ledger.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      makeup: Boolean(s.makeup),
      when: pacificDateTime(s.startsAt, locale),
      /** The attendance status (`trainee.hours.mark.*`); null when not taken yet. */
      mark: s.status ?? null,
      counted: formatHours(s.credited),
      minutes: s.credited,
    })),
    adjustments: r.ledger.adjustments.map((a) => ({
      id: a.id,
      when: pacificDateTime(a.at, locale),
      kind: a.kind === 'live' ? ('live' as const) : ('self-paced' as const),
      amount: `${a.minutes > 0 ? '+' : ''}${formatHours(a.minutes)}`,
      minutes: a.minutes,
      reason: a.reason,
    })),
    exams: r.exams.map((e, i) => ({
      key: `${e.formId}-${i}`,
      form: formTitle.get(e.formId) ?? e.formId,
      started: pacificDateTime(e.startedAt, locale),
      status: e.status,
      percent: e.percent,
      passed: Boolean(e.passed),
      edition: e.locale,
    })),
    totals: {
      live: decimalHours(r.ledger.liveMinutes),
      selfPaced: decimalHours(r.ledger.selfPacedMinutes),
      total: decimalHours(r.ledger.totalMinutes),
      required: r.rule ? decimalHours(r.rule.requiredMinutes) : null,
    },
  };
}
