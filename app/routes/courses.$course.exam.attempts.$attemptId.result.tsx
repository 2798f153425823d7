import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useOptionText } from '~/components/quiz-result';
import { TableWrap } from '~/components/table-wrap';
import { formOf, requireAttempt } from '~/guards/exam-access.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { attemptScore, finaliseIfOverdue } from '~/models/exam.server';
import { pacificDeadline } from '~/web/dates';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.examResult.title');

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
  const locale = await requestLocale(request);

  return json({
    courseSlug: course.course.slug,
    formTitle: formOf(exam, attempt.form_id)?.title ?? translator(locale)('trainee.attempt.formFallback'),
    submittedAt: attempt.submitted_at ? pacificDeadline(attempt.submitted_at, locale) : null,
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
  const t = useT();
  const optionText = useOptionText();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${d.courseSlug}/exam`}>{t('trainee.examResult.back')}</Link>
      </p>
      <h1>{t('trainee.examResult.heading', { form: d.formTitle })}</h1>
      {d.byDeadline ? <p className="notice">{t('trainee.examResult.byDeadline')}</p> : null}
      {d.final ? (
        <section className={d.final.passed ? 'success' : 'notice'} aria-labelledby="final-heading">
          <h2 id="final-heading">{t(d.final.passed ? 'trainee.examResult.passed' : 'trainee.examResult.notYet')}</h2>
          <p>
            {t('trainee.examResult.score', { percent: d.final.percent, passPercent: d.passPercent })}{' '}
            {t(d.final.passed ? 'trainee.examResult.wellDone' : 'trainee.examResult.useBreakdown')}
          </p>
          <p className="muted">{t('trainee.examResult.practiceOnly')}</p>
        </section>
      ) : (
        <section className="notice" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">{t('trainee.examResult.waiting')}</h2>
          <p>
            {t('trainee.examResult.haveAnswers', { when: d.submittedAt ?? 'none' })}{' '}
            {d.hasWritten ? t('trainee.examResult.writtenPending') : ''}
          </p>
          {d.objective ? (
            <p>{t('trainee.examResult.partial', { correct: d.objective.correct, total: d.objective.total })}</p>
          ) : null}
        </section>
      )}

      {d.areas.length ? (
        <section aria-labelledby="areas-heading">
          <h2 id="areas-heading">{t('trainee.examResult.areas')}</h2>
          <TableWrap label={t('trainee.examResult.areasTable')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainee.examResult.col.area')}</th>
                  <th scope="col">{t('trainee.examResult.col.score')}</th>
                  <th scope="col">{t('trainee.examResult.col.units')}</th>
                </tr>
              </thead>
              <tbody>
                {d.areas.map((a) => (
                  <tr key={a.area}>
                    <th scope="row">{a.title}</th>
                    <td>{t('trainee.examResult.areaScore', { percent: a.percent, earned: a.earned, possible: a.possible })}</td>
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
          <h2 id="review-heading">{t('trainee.examResult.byQuestion')}</h2>
          <ol className="review-list">
            {d.items.map((i) =>
              i.kind === 'choice' ? (
                <li key={i.position} className={`card ${i.right ? 'result-right' : 'result-wrong'}`} value={i.position}>
                  <p>
                    <strong>{i.prompt}</strong>
                  </p>
                  <p className="badge">
                    {t(
                      i.right
                        ? 'trainee.result.wellAnswered'
                        : i.chosen
                          ? 'trainee.result.notQuite'
                          : 'trainee.result.notAnswered',
                    )}
                  </p>
                  <ul>
                    {i.options.map((o) => (
                      <li key={o.id}>
                        {optionText(o)}
                        {o.id === i.chosen ? <strong>{t('trainee.result.yourAnswer')}</strong> : null}
                        {o.id === i.answer ? <strong>{t('trainee.examResult.best')}</strong> : null}
                      </li>
                    ))}
                  </ul>
                  <p>
                    <strong>{t('trainee.result.why')}</strong>
                    {i.rationale}
                  </p>
                </li>
              ) : (
                <li key={i.position} className="card" value={i.position}>
                  <p>
                    <strong>{i.prompt}</strong>
                  </p>
                  <p>
                    <strong>{t('trainee.examResult.yourAnswer')}</strong>
                    {i.response || t('trainee.examResult.noAnswer')}
                  </p>
                  <ul>
                    {i.criteria.map((c) => (
                      <li key={c.id}>
                        {t('trainee.examResult.criterion', { criterion: c.criterion, points: c.points ?? '-', max: c.max })}
                        {c.description ? `. ${c.description}` : ''}
                        {c.comment ? <p>{t('trainee.examResult.trainerNote', { comment: c.comment })}</p> : null}
                      </li>
                    ))}
                  </ul>
                  {i.overall ? <p>{t('trainee.examResult.trainerOverall', { comment: i.overall })}</p> : null}
                </li>
              ),
            )}
          </ol>
        </section>
      ) : null}
    </>
  );
}
