import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { formOf, requireAttempt } from '~/guards/exam-access.server';
import { db } from '~/infra/db.server';
import { attemptScore, finaliseIfOverdue } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Your practice exam result · Peer Academy');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await requireAttempt(request, params);
  const { course, exam, base } = found;
  // An attempt whose time ran out is closed here, with what was saved; the page says so.
  const attempt = await finaliseIfOverdue(db(), found.attempt);
  if (attempt.status === 'in_progress') throw redirect(base);
  const def = exam.definition;
  const { items, grades, score } = await attemptScore(
    db(),
    attempt.id,
    attempt.pass_percent,
    def.areas.map((a) => a.id),
  );
  const released = attempt.status === 'released';
  const policy = released ? def.review.afterRelease : def.review.afterSubmit;
  const unitTitle = new Map(course.units.map((u) => [u.meta.slug, u.meta.title]));
  const hasWritten = items.some((i) => i.kind === 'written');
  const showItems = policy === 'full';

  return json({
    courseSlug: course.course.slug,
    formTitle: formOf(exam, attempt.form_id)?.title ?? 'Practice exam',
    submittedAt: attempt.submitted_at ? pacificDeadline(attempt.submitted_at) : null,
    byDeadline: attempt.submitted_by === 'deadline',
    released,
    hasWritten,
    passPercent: attempt.pass_percent,
    objective: policy === 'none' ? null : { correct: score.objectiveCorrect, total: score.objectiveTotal },
    final: released ? { percent: attempt.final_percent ?? score.percent, passed: attempt.passed === 1 } : null,
    areas: released
      ? score.areas.map((a) => {
          const area = def.areas.find((x) => x.id === a.area);
          return {
            ...a,
            title: area?.title ?? a.area,
            units: (area?.units ?? []).map((slug) => ({ slug, title: unitTitle.get(slug) ?? slug })),
          };
        })
      : [],
    // Answers, correct answers and rationales only once the review policy allows.
    items: showItems
      ? items
          .filter((i) => released || i.kind === 'choice')
          .map((i) => {
            const g = grades.get(i.id);
            return i.snapshot.kind === 'choice'
              ? {
                  position: i.position,
                  kind: 'choice' as const,
                  prompt: i.snapshot.prompt,
                  options: i.snapshot.options,
                  chosen: i.response,
                  answer: i.snapshot.answer,
                  rationale: i.snapshot.rationale,
                  right: i.correct === 1,
                }
              : {
                  position: i.position,
                  kind: 'written' as const,
                  prompt: i.snapshot.prompt,
                  response: i.response,
                  criteria: i.snapshot.rubric.map((c) => {
                    const levels = g?.levels ?? {};
                    const comments = g?.comments ?? {};
                    const chosen = c.levels.find((l) => l.points === levels[c.id]);
                    return {
                      id: c.id,
                      criterion: c.criterion,
                      points: levels[c.id] ?? null,
                      max: Math.max(...c.levels.map((l) => l.points)),
                      description: chosen?.description ?? null,
                      comment: comments[c.id] ?? '',
                    };
                  }),
                  overall: g?.overall_comment ?? '',
                };
          })
      : [],
  });
}

export default function ExamResult() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${d.courseSlug}/exam`}>Practice exam</Link>
      </p>
      <h1>Your result: {d.formTitle}</h1>
      {d.byDeadline ? (
        <p className="notice">Time ran out, so we submitted the answers you had saved. Every saved answer counts.</p>
      ) : null}
      {d.final ? (
        <section className={d.final.passed ? 'success' : 'notice'} aria-labelledby="final-heading">
          <h2 id="final-heading">{d.final.passed ? 'You passed this practice exam' : 'Not yet: you are building toward it'}</h2>
          <p>
            Your score: {d.final.percent}%. The practice pass mark is {d.passPercent}%.{' '}
            {d.final.passed
              ? 'Well done. Keep your skills fresh by reviewing the areas below.'
              : 'Use the breakdown below to choose what to review next, then try again when you are ready.'}
          </p>
          <p className="muted">This is a practice exam. It does not predict or replace the official certification exam.</p>
        </section>
      ) : (
        <section className="notice" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">Submitted: awaiting grading</h2>
          <p>
            We have your answers{d.submittedAt ? ` (submitted ${d.submittedAt}, Pacific time)` : ''}.{' '}
            {d.hasWritten
              ? 'A trainer will grade your written answers. Your final score will show here once they release it.'
              : ''}
          </p>
          {d.objective ? (
            <p>
              Partial result, multiple-choice part only: {d.objective.correct} of {d.objective.total} answered well. This is not
              your final score.
            </p>
          ) : null}
        </section>
      )}

      {d.areas.length ? (
        <section aria-labelledby="areas-heading">
          <h2 id="areas-heading">Readiness by content area</h2>
          <TableWrap label="Scores by content area">
            <table>
              <thead>
                <tr>
                  <th scope="col">Content area</th>
                  <th scope="col">Score</th>
                  <th scope="col">Units to review</th>
                </tr>
              </thead>
              <tbody>
                {d.areas.map((a) => (
                  <tr key={a.area}>
                    <th scope="row">{a.title}</th>
                    <td>
                      {a.percent}% ({a.earned} of {a.possible} points)
                    </td>
                    <td>
                      {a.units.map((u, i) => (
                        <span key={u.slug}>
                          {i ? ', ' : ''}
                          <Link to={`/courses/${d.courseSlug}/units/${u.slug}`}>{u.title}</Link>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {d.items.length ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">Question by question</h2>
          <ol className="review-list">
            {d.items.map((i) =>
              i.kind === 'choice' ? (
                <li key={i.position} className={`card ${i.right ? 'result-right' : 'result-wrong'}`} value={i.position}>
                  <p>
                    <strong>{i.prompt}</strong>
                  </p>
                  <p className="badge">{i.right ? 'Well answered' : i.chosen ? 'Not quite' : 'Not answered'}</p>
                  <ul>
                    {i.options.map((o) => (
                      <li key={o.id}>
                        {o.text}
                        {o.id === i.chosen ? <strong> (your answer)</strong> : null}
                        {o.id === i.answer ? <strong> (the best answer)</strong> : null}
                      </li>
                    ))}
                  </ul>
                  <p>
                    <strong>Why: </strong>
                    {i.rationale}
                  </p>
                </li>
              ) : (
                <li key={i.position} className="card" value={i.position}>
                  <p>
                    <strong>{i.prompt}</strong>
                  </p>
                  <p>
                    <strong>Your answer: </strong>
                    {i.response || '(no answer)'}
                  </p>
                  <ul>
                    {i.criteria.map((c) => (
                      <li key={c.id}>
                        {c.criterion}: {c.points ?? '-'} of {c.max} points{c.description ? `. ${c.description}` : ''}
                        {c.comment ? <p>Trainer's note: {c.comment}</p> : null}
                      </li>
                    ))}
                  </ul>
                  {i.overall ? <p>Trainer's overall note: {i.overall}</p> : null}
                </li>
              ),
            )}
          </ol>
        </section>
      ) : null}
    </>
  );
}
