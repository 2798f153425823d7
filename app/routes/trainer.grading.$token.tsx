import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { WrittenIn } from '~/components/edition-note';
import { getContent } from '~/content/content.server';
import { rubricMax } from '~/domain/exam';
import { requireGradableAttempt } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { attemptScore, getAttempt } from '~/models/exam.server';
import { candidateLabel, gradeHistory, releaseAttempt, saveGrade } from '~/models/grading.server';
import { findUserById } from '~/models/user.server';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Grade a practice exam · Peer Academy');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { attemptId, token } = await requireGradableAttempt(request, params);
  const attempt = await getAttempt(db(), attemptId);
  if (!attempt || attempt.status === 'in_progress') throw new Response('This attempt is still in progress.', { status: 404 });
  const content = await getContent();
  const def = content.courses.find((c) => c.course.slug === attempt.course_slug)?.exam?.definition;
  const { items, grades, score } = await attemptScore(db(), attempt.id, attempt.pass_percent, def?.areas.map((a) => a.id) ?? []);
  const released = attempt.status === 'released';
  // Anonymous until release (ADR 015): no name, id, time or multiple-choice score that the
  // trainee page or the CSV also shows, any of which would tie this candidate to a person.
  const trainee = released ? await findUserById(db(), attempt.user_id) : null;
  const history = await gradeHistory(db(), attempt.id);
  return json({
    who: trainee ? `${trainee.name} (${trainee.email})` : candidateLabel(token),
    status: attempt.status,
    // The edition the attempt was drawn in: its prompts and rubrics (the snapshot) and the answers are in that language.
    edition: attempt.locale,
    result: released
      ? {
          submitted: pacificDateTime(attempt.submitted_at),
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
    history: history.map((h) => ({ ...h, when: pacificDateTime(h.at) })),
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
        { itemId: null, errors: { form: 'Grade every written answer before releasing.' } as Record<string, string>, saved: null },
        { status: 400 },
      );
    return redirect(`/trainer/grading/${token}`);
  }
  const parsed = parseForm(form, gradeSchema);
  if (!parsed.ok)
    return json(
      { itemId: null, errors: { form: 'That grade could not be read.' } as Record<string, string>, saved: null },
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
    saved: result.status === 'final' ? 'Grade finalised.' : 'Draft saved.',
  });
}

export default function GradeAttempt() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const allFinal = d.written.every((w) => w.grade?.status === 'final');
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer/grading">Grading queue</Link>
      </p>
      <h1>Grade: {d.who}</h1>
      {d.result ? (
        <p>
          Submitted {d.result.submitted}. Multiple-choice part: {d.result.objective.correct} of {d.result.objective.total}.
          Released. Final score {d.result.percent}% ({d.result.passed ? 'passed' : 'not yet'}).
        </p>
      ) : (
        <p>Names, times and the multiple-choice score stay hidden until you release this result.</p>
      )}
      {a?.errors.form ? (
        <p className="form-error" role="alert">
          {a.errors.form}
        </p>
      ) : null}
      {d.written.map((w) => {
        const mine = a?.itemId === w.itemId ? a : null;
        const isFinal = w.grade?.status === 'final';
        return (
          <section key={w.itemId} className="card" aria-labelledby={`q-${w.position}`}>
            <h2 id={`q-${w.position}`}>
              Question {w.position}: written answer ({w.area})
            </h2>
            <p className="exam-prompt" lang={d.edition}>
              {w.prompt}
            </p>
            <h3>The trainee's answer</h3>
            <p>
              <WrittenIn locale={d.edition} />
            </p>
            <div className="answer-box" lang={d.edition}>
              {w.response || '(no answer)'}
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
                        <strong>{l.points} points:</strong> {l.description}
                        {l.anchor ? <span className="rubric-anchor">Example answer at this level: {l.anchor}</span> : null}
                      </span>
                    </label>
                  ))}
                  {mine?.errors[c.id] ? <p className="field-error">{mine.errors[c.id]}</p> : null}
                  <label htmlFor={`comment-${w.itemId}-${c.id}`}>Comment on {c.criterion.toLowerCase()} (optional)</label>
                  <textarea
                    id={`comment-${w.itemId}-${c.id}`}
                    name={`comment:${c.id}`}
                    rows={2}
                    defaultValue={w.grade?.comments[c.id] ?? ''}
                  />
                </fieldset>
              ))}
              <div className="field">
                <label htmlFor={`overall-${w.itemId}`}>Overall comment for the trainee (optional)</label>
                <textarea id={`overall-${w.itemId}`} name="overall" rows={3} defaultValue={w.grade?.overall ?? ''} />
              </div>
              {isFinal ? (
                <div className="field">
                  <label htmlFor={`reason-${w.itemId}`}>Reason for changing this final grade</label>
                  <textarea
                    id={`reason-${w.itemId}`}
                    name="reason"
                    rows={2}
                    aria-invalid={mine?.errors.reason ? true : undefined}
                    aria-describedby={mine?.errors.reason ? `reason-${w.itemId}-error` : undefined}
                  />
                  {mine?.errors.reason ? (
                    <p className="field-error" id={`reason-${w.itemId}-error`}>
                      {mine.errors.reason}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <p>
                {w.grade
                  ? `Current: ${w.grade.points} of ${w.max} points (${w.grade.status === 'final' ? 'final' : 'draft'}).`
                  : `Out of ${w.max} points.`}{' '}
                {mine?.saved ? <span role="status">{mine.saved}</span> : null}
              </p>
              <div className="inline-form">
                {isFinal ? null : (
                  <button type="submit" name="intent" value="draft" className="secondary">
                    Save draft
                  </button>
                )}
                <button type="submit" name="intent" value="final">
                  {isFinal ? 'Save the changed grade' : 'Finalise grade'}
                </button>
              </div>
            </Form>
          </section>
        );
      })}
      {d.status === 'graded' && allFinal ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="release" />
          <p>Every written answer has a final grade. Releasing shows the trainee their final score and your comments.</p>
          <button type="submit">Release this result to the trainee</button>
        </Form>
      ) : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Grade history</h2>
        {d.history.length ? (
          <ul>
            {d.history.map((h) => (
              <li key={h.id}>
                {h.when}: {h.actor} {h.action === 'finalised' ? 'finalised' : 'changed'} question {h.position}{' '}
                {h.from_points !== null ? `from ${h.from_points} ` : ''}to {h.to_points} points
                {h.reason ? `. Reason: ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>No final grades yet.</p>
        )}
      </section>
    </div>
  );
}
