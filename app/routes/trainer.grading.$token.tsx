import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { WrittenIn } from '~/components/edition-note';
import { getContent } from '~/content/content.server';
import { rubricMax } from '~/domain/exam';
import { COMMENT_MAX } from '~/domain/rubric';
import { requireGradableAttempt } from '~/guards/trainer.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { attemptScore, getAttempt } from '~/models/exam.server';
import { candidateCode, gradeHistory, releaseAttempt, saveGrade } from '~/models/grading.server';
import { findUserById } from '~/models/user.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.grade.title');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { attemptId, token } = await requireGradableAttempt(request, params);
  const locale = await requestLocale(request);
  const attempt = await getAttempt(db(), attemptId);
  if (!attempt || attempt.status === 'in_progress') throw new Response('trainer.grade.error.inProgress', { status: 404 });
  const content = await getContent();
  const def = content.courses.find((c) => c.course.slug === attempt.course_slug)?.exam?.definition;
  const { items, grades, score } = await attemptScore(db(), attempt.id, attempt.pass_percent, def?.areas.map((a) => a.id) ?? []);
  const released = attempt.status === 'released';
  // Anonymous until release (ADR 015): no name, id, time or multiple-choice score that the
  // trainee page or the CSV also shows, any of which would tie this candidate to a person.
  const trainee = released ? await findUserById(db(), attempt.user_id) : null;
  const history = await gradeHistory(db(), attempt.id);
  return json({
    who: trainee ? `${trainee.name} (${trainee.email})` : null,
    candidate: candidateCode(token),
    status: attempt.status,
    // The edition the attempt was drawn in: its prompts and rubrics (the snapshot) and the answers are in that language.
    edition: attempt.locale,
    result: released
      ? {
          submitted: pacificDateTime(attempt.submitted_at, locale),
          objective: { correct: score.objectiveCorrect, total: score.objectiveTotal },
          percent: score.percent,
          passed: score.passed,
        }
      : null,
    written: items
      .filter((i) => i.snapshot.kind === 'written')
      .map((i) => {
        const g = grades.get(i.id);
        const snap = i.snapshot.kind === 'written' ? i.snapshot : null;
        return {
          itemId: i.id,
          position: i.position,
          area: def?.areas.find((a) => a.id === i.area)?.title ?? i.area,
          prompt: i.snapshot.prompt,
          response: i.response ?? '',
          rubric: snap?.rubric ?? [],
          max: snap ? rubricMax(snap.rubric) : 0,
          grade: g
            ? {
                status: g.status,
                points: g.points,
                levels: g.levels,
                comments: g.comments,
                overall: g.overall_comment,
              }
            : null,
        };
      }),
    history: history.map((h) => ({ ...h, when: pacificDateTime(h.at, locale) })),
  });
}

const gradeSchema = () =>
  z.object({
    itemId: z.uuid(),
    intent: z.enum(['draft', 'final']),
    overall: z.string().max(5000).default(''),
    reason: z.string().max(1000).default(''),
  });

/** The rubric fields of a grading form, in the order sent: nothing is trusted until the rubric checks it. */
function rubricFields(form: FormData) {
  const levels: [string, string][] = [];
  const comments: [string, string][] = [];
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string') continue;
    if (k.startsWith('level:')) levels.push([k.slice(6), v]);
    else if (k.startsWith('comment:')) comments.push([k.slice(8), v]);
  }
  return { levels, comments };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attemptId, token } = await requireGradableAttempt(request, params);
  const form = await readForm(request);
  if (form.get('intent') === 'release') {
    const ok = await releaseAttempt(db(), attemptId, user.id);
    if (!ok)
      return json(
        { itemId: null, errors: { form: 'trainer.grade.error.releaseIncomplete' } as Record<string, string>, saved: null },
        { status: 400 },
      );
    return redirect(`/trainer/grading/${token}`);
  }
  const parsed = parseForm(form, gradeSchema);
  if (!parsed.ok)
    return json(
      { itemId: null, errors: { form: 'trainer.grade.error.unreadable' } as Record<string, string>, saved: null },
      { status: 400 },
    );
  const result = await saveGrade(db(), {
    attemptId,
    attemptItemId: parsed.data.itemId,
    graderId: user.id,
    submission: rubricFields(form),
    overall: parsed.data.overall.trim(),
    finalise: parsed.data.intent === 'final',
    reason: parsed.data.reason,
  });
  if (!result.ok) return json({ itemId: parsed.data.itemId, errors: result.errors, saved: null }, { status: 400 });
  return json({
    itemId: parsed.data.itemId,
    errors: {} as Record<string, string>,
    saved: result.status === 'final' ? 'trainer.grade.finalised' : 'trainer.grade.draftSaved',
  });
}

export default function GradeAttempt() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const allFinal = d.written.every((w) => w.grade?.status === 'final');
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer/grading">{t('trainer.grade.queue')}</Link>
      </p>
      <h1>{t('trainer.grade.heading', { who: d.who ?? t('trainer.grade.candidate', { code: d.candidate }) })}</h1>
      {d.result ? (
        <p>
          {t('trainer.grade.released', {
            submitted: d.result.submitted,
            correct: d.result.objective.correct,
            total: d.result.objective.total,
            percent: d.result.percent,
            passed: d.result.passed ? 'yes' : 'no',
          })}
        </p>
      ) : (
        <p>{t('trainer.grade.anonymous')}</p>
      )}
      {a?.errors.form ? (
        <p className="form-error" role="alert">
          {maybeT(a.errors.form)}
        </p>
      ) : null}
      {d.written.map((w) => {
        const mine = a?.itemId === w.itemId ? a : null;
        const isFinal = w.grade?.status === 'final';
        return (
          <section key={w.itemId} className="card" aria-labelledby={`q-${w.position}`}>
            <h2 id={`q-${w.position}`}>{t('trainer.grade.question', { position: w.position, area: w.area })}</h2>
            <p className="exam-prompt" lang={d.edition}>
              {w.prompt}
            </p>
            <h3>{t('trainer.grade.answer')}</h3>
            <p>
              <WrittenIn locale={d.edition} />
            </p>
            <div className="answer-box" lang={d.edition}>
              {w.response || t('trainer.grade.noAnswer')}
            </div>
            <Form method="post" noValidate>
              <input type="hidden" name="itemId" value={w.itemId} />
              {w.rubric.map((c) => (
                <fieldset key={c.id}>
                  <legend>{c.criterion}</legend>
                  {c.levels.map((l) => (
                    <label key={l.points} className="rubric-level">
                      <input
                        type="radio"
                        name={`level:${c.id}`}
                        value={l.points}
                        defaultChecked={w.grade?.levels[c.id] === l.points}
                      />
                      <span>
                        <strong>{t('trainer.grade.points', { points: l.points })}</strong> {l.description}
                        {l.anchor ? (
                          <span className="rubric-anchor">{t('trainer.grade.anchor', { anchor: l.anchor })}</span>
                        ) : null}
                      </span>
                    </label>
                  ))}
                  {mine?.errors[c.id] ? (
                    <p className="field-error">{maybeT(mine.errors[c.id], { criterion: c.criterion, max: COMMENT_MAX })}</p>
                  ) : null}
                  <label htmlFor={`comment-${w.itemId}-${c.id}`}>
                    {t('trainer.grade.comment', { criterion: c.criterion.toLowerCase() })}
                  </label>
                  <textarea
                    id={`comment-${w.itemId}-${c.id}`}
                    name={`comment:${c.id}`}
                    rows={2}
                    defaultValue={w.grade?.comments[c.id] ?? ''}
                  />
                </fieldset>
              ))}
              <div className="field">
                <label htmlFor={`overall-${w.itemId}`}>{t('trainer.grade.overall')}</label>
                <textarea id={`overall-${w.itemId}`} name="overall" rows={3} defaultValue={w.grade?.overall ?? ''} />
              </div>
              {isFinal ? (
                <div className="field">
                  <label htmlFor={`reason-${w.itemId}`}>{t('trainer.grade.reason')}</label>
                  <textarea
                    id={`reason-${w.itemId}`}
                    name="reason"
                    rows={2}
                    aria-invalid={mine?.errors.reason ? true : undefined}
                    aria-describedby={mine?.errors.reason ? `reason-${w.itemId}-error` : undefined}
                  />
                  {mine?.errors.reason ? (
                    <p className="field-error" id={`reason-${w.itemId}-error`}>
                      {maybeT(mine.errors.reason)}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <p>
                {w.grade
                  ? t('trainer.grade.current', { points: w.grade.points, max: w.max, status: w.grade.status })
                  : t('trainer.grade.outOf', { max: w.max })}{' '}
                {mine?.saved ? <span role="status">{maybeT(mine.saved)}</span> : null}
              </p>
              <div className="inline-form">
                {isFinal ? null : (
                  <button type="submit" name="intent" value="draft" className="secondary">
                    {t('trainer.grade.saveDraft')}
                  </button>
                )}
                <button type="submit" name="intent" value="final">
                  {isFinal ? t('trainer.grade.saveChanged') : t('trainer.grade.finalise')}
                </button>
              </div>
            </Form>
          </section>
        );
      })}
      {d.status === 'graded' && allFinal ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="release" />
          <p>{t('trainer.grade.releaseIntro')}</p>
          <button type="submit">{t('trainer.grade.release')}</button>
        </Form>
      ) : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('trainer.grade.history')}</h2>
        {d.history.length ? (
          <ul>
            {d.history.map((h) => (
              <li key={h.id}>
                {t('trainer.grade.event', {
                  when: h.when,
                  actor: h.actor,
                  action: h.action === 'finalised' ? 'finalised' : 'changed',
                  position: h.position,
                  hasFrom: h.from_points !== null ? 'yes' : 'no',
                  from: String(h.from_points),
                  to: String(h.to_points),
                })}
                {h.reason ? t('trainer.grade.eventReason', { reason: h.reason }) : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('trainer.grade.noHistory')}</p>
        )}
      </section>
    </div>
  );
}
