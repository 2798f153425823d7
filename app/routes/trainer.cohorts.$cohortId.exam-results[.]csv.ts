import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDocument } from '~/domain/csv';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import { cohortExamResults } from '~/models/dashboard.server';
import { candidateCode } from '~/models/grading.server';
import { pacificIso } from '~/web/dates';

// Every exam attempt of the group's trainees. Scores show only once released. Anonymous
// grading (ADR 015): before release nothing here may match a row of the grading queue, so
// 'graded' reads as 'submitted', the written maximum (which differs by scenario) is left out,
// and the candidate label appears only once the result is released.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const rows = await cohortExamResults(db(), cohort.id, course.course.slug);
  // Headers and words in the language of the person downloading; status codes stay as they are.
  const t = translator(await requestLocale(request));
  const header = [
    t('trainer.csv.name'),
    t('trainer.csv.email'),
    t('trainer.csv.exam.attempt'),
    t('trainer.csv.exam.form'),
    t('trainer.csv.exam.status'),
    t('trainer.csv.exam.started'),
    t('trainer.csv.exam.submitted'),
    t('trainer.csv.exam.correct'),
    t('trainer.csv.exam.total'),
    t('trainer.csv.exam.writtenPoints'),
    t('trainer.csv.exam.writtenMax'),
    t('trainer.csv.exam.final'),
    t('trainer.csv.exam.passed'),
    t('trainer.csv.exam.label'),
    t('trainer.csv.exam.edition'),
  ];
  const body = rows.map((r) => {
    const released = r.status === 'released';
    return [
      r.name,
      r.email,
      r.id,
      r.form_id,
      r.status === 'graded' ? 'submitted' : r.status,
      pacificIso(r.started_at),
      pacificIso(r.submitted_at),
      r.objective_correct,
      r.objective_total,
      released ? r.written_points : null,
      released ? r.written_max : null,
      released ? r.final_percent : null,
      released ? (r.passed ? t('trainer.csv.yes') : t('trainer.csv.no')) : null,
      released ? t('trainer.grade.candidate', { code: candidateCode(r.grading_token) }) : null,
      // The language edition the attempt was drawn in (en, es, ...).
      r.locale,
    ];
  });
  const name = `${cohort.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-exam-results.csv`;
  return new Response(csvDocument([header, ...body]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Cache-Control: private, no-store comes from server.ts, as for every signed-in answer.
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  });
}
