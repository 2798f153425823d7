import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { csvDocument } from '~/domain/csv';
import { decimalHours } from '~/domain/hours';
import { requireUser } from '~/guards/auth.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import { transcript } from '~/models/training-record.server';
import { transcriptView } from '~/views/transcript';
import { parseParams, slug } from '~/web/forms.server';

// The signed-in trainee's own transcript as CSV: UTF-8 with a byte-order mark so spreadsheet
// apps read names with accents right. One table, a section column saying what each row is.

const paramsSchema = () => z.object({ course: slug });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const locale = await requestLocale(request);
  const c = await requireCourse(p.course, locale);
  const record = await transcript(db(), user.id, c);
  const v = transcriptView(record, c, locale);
  // Headers and words in the requester's language; dates too.
  const t = translator(locale);
  const completion = v.completion
    ? t('trainee.transcript.completionConfirmed', v.completion)
    : t('trainee.transcript.notConfirmed');
  const rows: (string | number | null)[][] = [
    // Edition: the language edition a quiz or exam attempt was drawn in (en, es, ...).
    [
      t('trainee.transcript.csv.section'),
      t('trainee.transcript.csv.item'),
      t('trainee.transcript.csv.date'),
      t('trainee.transcript.csv.status'),
      t('trainee.transcript.csv.hours'),
      t('trainee.transcript.csv.edition'),
    ],
    [t('trainee.transcript.csv.trainee'), record.legalName ?? user.name, v.asOf, '', '', ''],
    [t('trainee.transcript.csv.course'), c.course.title, '', completion, '', ''],
    [t('trainee.transcript.csv.hours'), t('trainee.transcript.csv.live'), '', '', v.totals.live, ''],
    [t('trainee.transcript.csv.hours'), t('trainee.transcript.csv.selfPaced'), '', '', v.totals.selfPaced, ''],
    [
      t('trainee.transcript.csv.hours'),
      t('trainee.transcript.csv.total'),
      '',
      v.totals.required === null ? '' : t('trainee.transcript.csv.required', { required: v.totals.required }),
      v.totals.total,
      '',
    ],
    ...v.units.map((u) => [
      t('trainee.transcript.csv.unit'),
      u.title,
      u.completed ?? '',
      u.best !== null
        ? `${u.best}%`
        : t(u.completed === null ? 'trainee.transcript.csv.notComplete' : 'trainee.transcript.csv.complete'),
      decimalHours(u.minutes),
      '',
    ]),
    ...v.quizzes.map((q) => [
      t('trainee.transcript.csv.quiz'),
      q.unit,
      q.when,
      t('trainee.transcript.csv.quizResult', { percent: q.percent, passed: String(q.passed) }),
      '',
      q.edition,
    ]),
    ...v.sessions.map((s) => [
      t('trainee.transcript.csv.liveSession'),
      t('trainee.transcript.sessionTitle', { title: s.title, makeup: String(s.makeup) }),
      s.when,
      t(`trainee.hours.mark.${s.mark ?? 'none'}`),
      decimalHours(s.minutes),
      '',
    ]),
    ...v.adjustments.map((a) => [
      t('trainee.transcript.csv.adjustment'),
      t('trainee.transcript.csv.adjustmentItem', { kind: t(`trainee.hours.kind.${a.kind}`), reason: a.reason }),
      a.when,
      '',
      decimalHours(a.minutes),
      '',
    ]),
    ...v.exams.map((e) => [
      t('trainee.transcript.csv.exam'),
      e.form,
      e.started,
      [
        t('trainee.transcript.examStatus', { status: e.status }),
        e.percent === null ? '' : t('trainee.transcript.examResult', { percent: e.percent, passed: String(e.passed) }),
      ]
        .filter(Boolean)
        .join(', '),
      '',
      e.edition,
    ]),
  ];
  // The file name stays the same in every language (links and scripts rely on it).
  const name = `transcript-${c.course.slug}.csv`;
  return new Response(csvDocument(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Cache-Control: private, no-store comes from server.js, as for every signed-in answer.
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  });
}
