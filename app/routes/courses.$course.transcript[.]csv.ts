import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { csvDocument } from '~/domain/csv';
import { decimalHours } from '~/domain/hours';
import { requireUser } from '~/guards/auth.server';
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
  const c = await requireCourse(p.course, await requestLocale(request));
  const record = await transcript(db(), user.id, c);
  const v = transcriptView(record, c);
  const rows: (string | number | null)[][] = [
    // Edition: the language edition a quiz or exam attempt was drawn in (en, es, ...).
    ['Section', 'Item', 'Date (Pacific time)', 'Status or result', 'Hours', 'Edition'],
    ['Trainee', record.legalName ?? user.name, v.asOf, '', '', ''],
    ['Course', c.course.title, '', v.completion, '', ''],
    ['Hours', 'Live sessions', '', '', v.totals.live, ''],
    ['Hours', 'Self-paced units', '', '', v.totals.selfPaced, ''],
    ['Hours', 'Total', '', v.totals.required === null ? '' : `of ${v.totals.required} required`, v.totals.total, ''],
    ...v.units.map((u) => [
      'Unit',
      u.title,
      u.completed === 'Not yet' ? '' : u.completed,
      u.best || (u.completed === 'Not yet' ? 'Not complete' : 'Complete'),
      decimalHours(u.minutes),
      '',
    ]),
    ...v.quizzes.map((q) => ['Quiz', q.unit, q.when, `${q.percent}% ${q.result.toLowerCase()}`, '', q.edition]),
    ...v.sessions.map((s) => ['Live session', s.title, s.when, s.mark, decimalHours(s.minutes), '']),
    ...v.adjustments.map((a) => ['Adjustment', `${a.kind}: ${a.reason}`, a.when, '', decimalHours(a.minutes), '']),
    ...v.exams.map((e) => ['Practice exam', e.form, e.started, [e.status, e.result].filter(Boolean).join(', '), '', e.edition]),
  ];
  return new Response(csvDocument(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Cache-Control: private, no-store comes from server.js, as for every signed-in answer.
      'Content-Disposition': `attachment; filename="transcript-${c.course.slug}.csv"`,
    },
  });
}
