import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDocument } from '~/domain/csv';
import { courseFromSearch, requireCohort } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { cohortExamResults } from '~/models/dashboard.server';
import { candidateLabel } from '~/models/grading.server';
import { pacificIso } from '~/web/dates';

// Every exam attempt of the group's trainees. Scores show only once released. Anonymous
// grading (ADR 015): before release nothing here may match a row of the grading queue, so
// 'graded' reads as 'submitted', the written maximum (which differs by scenario) is left out,
// and the candidate label appears only once the result is released.
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
    'Started in Pacific time (ISO 8601)',
    'Submitted in Pacific time (ISO 8601)',
    'Multiple choice correct',
    'Multiple choice total',
    'Written points',
    'Written max',
    'Final %',
    'Passed',
    'Grading label',
    'Edition',
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
      released ? (r.passed ? 'yes' : 'no') : null,
      released ? candidateLabel(r.grading_token) : null,
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
