import type { LoaderFunctionArgs } from '@remix-run/node';
import { toCsv } from '~/domain/csv';
import { cohortExamResults } from '~/models/dashboard.server';
import { db } from '~/utils/db.server';
import { courseFromSearch, dateTime, requireCohort } from '~/utils/trainer.server';

// Every exam attempt of the group's trainees. Scores show only once released.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohort(request, params);
  const course = await courseFromSearch(request);
  const rows = await cohortExamResults(db(), cohort.id, course.course.slug);
  const header = [
    'Name',
    'Email',
    'Attempt',
    'Form',
    'Status',
    'Started',
    'Submitted',
    'Multiple choice correct',
    'Multiple choice total',
    'Written points',
    'Written max',
    'Final %',
    'Passed',
  ];
  const body = rows.map((r) => [
    r.name,
    r.email,
    r.id,
    r.form_id,
    r.status,
    dateTime(r.started_at),
    dateTime(r.submitted_at),
    r.objective_correct,
    r.objective_total,
    r.status === 'released' ? r.written_points : null,
    r.written_max,
    r.status === 'released' ? r.final_percent : null,
    r.status === 'released' ? (r.passed ? 'yes' : 'no') : null,
  ]);
  const name = `${cohort.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-exam-results.csv`;
  return new Response(toCsv([header, ...body]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
}
