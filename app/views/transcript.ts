import { ATTENDANCE_LABEL, decimalHours, formatHours } from '../domain/hours';
import type { transcript } from '../models/training-record.server';
import { pacificDateTime } from '../web/dates';

type TranscriptRecord = Awaited<ReturnType<typeof transcript>>;
interface TranscriptCourse {
  course: { title: string };
  units: { meta: { slug: string; title: string } }[];
  exam?: { definition: { forms: { id: string; title: string }[] } } | null;
}

const EXAM_STATUS: Record<string, string> = {
  in_progress: 'In progress',
  submitted: 'Submitted, awaiting grading',
  graded: 'Submitted, awaiting grading',
  released: 'Result released',
};

/** The transcript as people read it: the page and the CSV show the same rows. */
export function transcriptView(r: TranscriptRecord, course: TranscriptCourse) {
  const unitTitle = new Map(course.units.map((u) => [u.meta.slug, u.meta.title]));
  const formTitle = new Map((course.exam?.definition.forms ?? []).map((f) => [f.id, f.title]));
  return {
    asOf: pacificDateTime(Date.now()),
    completion: r.completion
      ? `Completion confirmed ${pacificDateTime(r.completion.confirmedAt)} by ${r.completion.confirmedBy}.`
      : 'Not confirmed yet.',
    units: r.units.map((u) => ({
      slug: u.slug,
      title: u.title,
      completed: u.completedAt ? pacificDateTime(u.completedAt) : 'Not yet',
      best: u.bestPercent === null ? '' : `${u.bestPercent}%`,
      counted: formatHours(u.credited),
      minutes: u.credited,
    })),
    quizzes: r.quizzes.map((q, i) => ({
      key: `${q.unitSlug}-${i}`,
      unit: unitTitle.get(q.unitSlug) ?? q.unitSlug,
      when: pacificDateTime(q.at),
      percent: q.percent,
      result: q.passed ? 'Passed' : 'Not yet',
      edition: q.locale,
    })),
    sessions: r.ledger.sessions.map((s) => ({
      id: s.id,
      title: `${s.title}${s.makeup ? ' (make-up)' : ''}`,
      when: pacificDateTime(s.startsAt),
      mark: s.status ? ATTENDANCE_LABEL[s.status] : 'Not taken yet',
      counted: formatHours(s.credited),
      minutes: s.credited,
    })),
    adjustments: r.ledger.adjustments.map((a) => ({
      id: a.id,
      when: pacificDateTime(a.at),
      kind: a.kind === 'live' ? 'Live' : 'Self-paced',
      amount: `${a.minutes > 0 ? '+' : ''}${formatHours(a.minutes)}`,
      minutes: a.minutes,
      reason: a.reason,
    })),
    exams: r.exams.map((e, i) => ({
      key: `${e.formId}-${i}`,
      form: formTitle.get(e.formId) ?? e.formId,
      started: pacificDateTime(e.startedAt),
      status: EXAM_STATUS[e.status] ?? e.status,
      result: e.percent === null ? '' : `${e.percent}% (${e.passed ? 'passed' : 'not yet'})`,
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
