import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CertificateAdmin } from '~/components/certificate-admin';
import { WrittenIn } from '~/components/edition-note';
import { ReadinessChart } from '~/components/practice-readiness';
import { TableWrap } from '~/components/table-wrap';
import { TrainingHours } from '~/components/training-hours';
import { getContent } from '~/content/content.server';
import { ADJUSTMENT_KINDS } from '~/domain/hours';
import { isAnswerRight, optionsOf } from '~/domain/quiz';
import { formatDuration, formatMinutes } from '~/domain/time-on-task';
import { courseFromSearch, requireTrainee } from '~/guards/trainer.server';
import { db } from '~/infra/db.server';
import { appUrl } from '~/infra/mail.server';
import { nudgeOutbox } from '~/jobs/outbox-worker.server';
import { sendResetForTrainer } from '~/models/account-mail.server';
import { certificatesFor } from '~/models/certificate.server';
import { cohortsOfUser } from '~/models/cohort.server';
import { attemptScore, extendAttempt, getOwnAttempt, listExamAttempts, setAccommodation } from '~/models/exam.server';
import { traineeReadinessView } from '~/models/practice.server';
import { getUnitProgress } from '~/models/progress.server';
import { listTraineeQuizAttempts } from '~/models/quiz-attempt.server';
import { traineeUnitSeconds } from '~/models/time-on-task.server';
import { addAdjustment, completionState, confirmCompletion } from '~/models/training-record.server';
import { findUserById } from '~/models/user.server';
import { hoursView } from '~/views/training-hours';
import { certificateRow } from '~/web/certificates';
import { pacificDateTime } from '~/web/dates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Trainee · Peer Academy', "A trainee's progress, quiz results and practice exam attempts.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, traineeId } = await requireTrainee(request, params);
  const course = await courseFromSearch(request);
  const slug = course.course.slug;
  const [trainee, cohorts, progress, quizzes, exams, seconds, record] = await Promise.all([
    findUserById(db(), traineeId),
    cohortsOfUser(db(), traineeId),
    getUnitProgress(db(), traineeId, slug),
    listTraineeQuizAttempts(db(), traineeId, slug),
    listExamAttempts(db(), traineeId, slug),
    traineeUnitSeconds(db(), traineeId, slug),
    completionState(db(), traineeId, course),
  ]);
  if (!trainee) throw new Response('We could not find that trainee.', { status: 404 });
  const done = new Set(progress.filter((p) => p.completed_at).map((p) => p.unit_slug));
  const units = course.units.map((u) => ({
    slug: u.meta.slug,
    title: u.meta.title,
    minutes: u.meta.minutes,
    complete: done.has(u.meta.slug),
    spentSeconds: seconds.get(u.meta.slug) ?? 0,
  }));
  const def = course.exam?.definition;
  const examRows = await Promise.all(
    exams.map(async (e) => {
      const { items, score } = await attemptScore(db(), e.id, e.pass_percent, def?.areas.map((a) => a.id) ?? []);
      // Anonymous grading (ADR 015): until release this page must not tie the trainee to a
      // candidate in the grading queue, so no grading link, no written prompt or answer, and
      // 'graded' reads as 'submitted' (it would match "Ready to release" there).
      const released = e.status === 'released';
      return {
        id: e.id,
        form: def?.forms.find((f) => f.id === e.form_id)?.title ?? e.form_id,
        status: e.status === 'graded' ? 'submitted' : e.status,
        started: pacificDateTime(e.started_at),
        deadline: e.deadline_at ? pacificDateTime(e.deadline_at) : 'No time limit',
        objective: `${score.objectiveCorrect} of ${score.objectiveTotal}`,
        percent: e.status === 'released' ? e.final_percent : null,
        passed: e.passed === 1,
        // The edition, like the written answers, only once released: in the grading queue it
        // would help tie a candidate to this trainee (ADR 015).
        edition: released ? e.locale : null,
        gradingUrl: released && items.some((i) => i.kind === 'written') ? `/trainer/grading/${e.grading_token}` : null,
        answers: items.map((i) =>
          i.snapshot.kind === 'written' && !released
            ? { position: i.position, prompt: null, kind: i.kind, response: null, correct: null }
            : {
                position: i.position,
                prompt: i.snapshot.prompt,
                kind: i.kind,
                response:
                  i.snapshot.kind === 'choice' ? (i.snapshot.options.find((o) => o.id === i.response)?.text ?? null) : i.response,
                correct: i.correct,
              },
        ),
      };
    }),
  );
  return json({
    trainee: {
      id: trainee.id,
      name: trainee.name,
      email: trainee.email,
      multiplier: trainee.time_multiplier,
      noLimit: trainee.no_time_limit === 1,
    },
    cohorts,
    course: { slug, title: course.course.title },
    // Practice readiness (ADR 027); requireTrainee checked scope.
    practice: course.exam ? await traineeReadinessView(db(), traineeId, { slug, exam: course.exam }) : null,
    units: units.map((u) => ({
      ...u,
      spentText: formatDuration(u.spentSeconds),
      plannedText: formatMinutes(u.minutes),
    })),
    spentText: formatDuration(units.reduce((s, u) => s + u.spentSeconds, 0)),
    plannedText: formatMinutes(units.filter((u) => u.complete).reduce((s, u) => s + u.minutes, 0)),
    quizzes: quizzes.map((q) => ({
      id: q.id,
      unit: units.find((u) => u.slug === q.unit_slug)?.title ?? q.unit_slug,
      percent: q.percent,
      passed: q.passed,
      when: pacificDateTime(q.submitted_at),
      edition: q.locale,
      questions: q.snapshot.questions.map((question) => {
        const chosen = q.responses[question.id] ?? [];
        const opts = optionsOf(question);
        return {
          id: question.id,
          prompt: question.prompt,
          chosen: chosen.map((c) => opts.find((o) => o.id === c)?.text ?? c),
          right: isAnswerRight(question, chosen),
        };
      }),
    })),
    exams: examRows,
    // Certificates (ADR 023): reissue here, revoke for admins; the forms post to /trainer/certificates/<id>.
    certificates: { rows: (await certificatesFor(db(), traineeId, slug)).map(certificateRow), canRevoke: user.role === 'admin' },
    hours: hoursView(record),
    // A fresh token per page view: the same adjustment form submitted twice is stored once.
    adjustmentKey: randomUUID(),
  });
}

const accommodationSchema = () =>
  z.object({
    intent: z.literal('accommodation'),
    multiplier: z.coerce
      .number({ message: 'Enter a number like 1.5.' })
      .min(1, 'Use 1 (no extra time) or more.')
      .max(4, 'Use at most 4 (four times the time).'),
    noLimit: z.literal('on').optional(),
  });
const extendSchema = () =>
  z.object({
    intent: z.literal('extend'),
    attemptId: z.uuid(),
    minutes: z.coerce
      .number({ message: 'Enter a number of minutes.' })
      .int('Use whole minutes.')
      .min(1, 'Add at least 1 minute.')
      .max(600, 'Add at most 600 minutes.'),
  });

const adjustmentSchema = () =>
  z.object({
    intent: z.literal('adjust'),
    kind: z.enum(ADJUSTMENT_KINDS, { message: 'Choose live or self-paced.' }),
    minutes: z.coerce
      .number({ message: 'Enter a number of minutes, like 90 or -30.' })
      .int('Use whole minutes.')
      .min(-6000, 'Remove at most 6000 minutes at once.')
      .max(6000, 'Add at most 6000 minutes (100 hours) at once.')
      .refine((n) => n !== 0, 'Enter minutes to add (or, with a minus sign, to remove).'),
    reason: z.string().trim().min(3, 'Say why: the reason is kept with the adjustment.').max(500, 'Use at most 500 characters.'),
    key: z.uuid(),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, traineeId } = await requireTrainee(request, params);
  const form = await readForm(request);
  if (form.get('intent') === 'adjust') {
    const course = await courseFromSearch(request);
    const parsed = parseForm(form, adjustmentSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, done: null }, { status: 400 });
    await addAdjustment(db(), {
      userId: traineeId,
      courseSlug: course.course.slug,
      kind: parsed.data.kind,
      minutes: parsed.data.minutes,
      reason: parsed.data.reason,
      actorId: user.id,
      submissionKey: parsed.data.key,
    });
    return json({ errors: {} as Record<string, string>, done: 'Adjustment saved. It counts toward the trainee’s hours now.' });
  }
  if (form.get('intent') === 'confirm-completion') {
    const course = await courseFromSearch(request);
    const content = await getContent();
    const r = await confirmCompletion(db(), {
      userId: traineeId,
      course,
      actor: { id: user.id, name: user.name, role: user.role },
      competencyTitles: new Map(content.competencies.map((c) => [c.id, c.title])),
    });
    if (r.ok) return json({ errors: {} as Record<string, string>, done: 'Completion confirmed.' });
    if (r.reason === 'already') return json({ errors: {} as Record<string, string>, done: 'Completion was already confirmed.' });
    const why =
      r.reason === 'not-met'
        ? `Not yet: ${r.unmet.map((i) => i.label.toLowerCase()).join('; ')}.`
        : 'This course does not define what completes it.';
    return json({ errors: { completion: why } as Record<string, string>, done: null }, { status: 409 });
  }
  if (form.get('intent') === 'send-reset') {
    // The trainer only triggers the mail: the link goes to the trainee's own address.
    const sent = await sendResetForTrainer(db(), { traineeId, trainerName: user.name, base: appUrl(''), actorId: user.id });
    if (sent === 'missing') throw new Response('We could not find that trainee.', { status: 404 });
    nudgeOutbox();
    const done = {
      reset: 'We emailed the trainee a link to choose a new password. It works once, for 30 minutes.',
      verification:
        'This trainee has not confirmed their email yet, so we sent the confirmation link again. Once they confirm it, you can send a reset link.',
      throttled: 'Several links have been sent to this trainee in the last hour. Please wait before sending another.',
    }[sent];
    return json({ errors: {} as Record<string, string>, done }, { status: sent === 'throttled' ? 429 : 200 });
  }
  if (form.get('intent') === 'accommodation') {
    const parsed = parseForm(form, accommodationSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, done: null }, { status: 400 });
    await setAccommodation(db(), traineeId, { multiplier: parsed.data.multiplier, noLimit: parsed.data.noLimit === 'on' });
    return json({
      errors: {} as Record<string, string>,
      done: 'Accommodation saved. It applies to attempts started from now on.',
    });
  }
  if (form.get('intent') === 'extend') {
    const parsed = parseForm(form, extendSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, done: null }, { status: 400 });
    if (!(await getOwnAttempt(db(), traineeId, parsed.data.attemptId)))
      throw new Response('That attempt is not this trainee’s.', { status: 404 });
    const ok = await extendAttempt(db(), parsed.data.attemptId, parsed.data.minutes);
    if (!ok)
      return json(
        {
          errors: { minutes: 'Only an attempt in progress with a time limit can be extended.' } as Record<string, string>,
          done: null,
        },
        { status: 400 },
      );
    return json({ errors: {} as Record<string, string>, done: `Added ${parsed.data.minutes} minutes to the attempt.` });
  }
  throw new Response('That action is not available here.', { status: 400 });
}

export default function TraineePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">Trainer</Link>
      </p>
      <h1>{d.trainee.name}</h1>
      <p>
        {d.trainee.email} · {d.cohorts.map((c) => c.name).join(', ') || 'No group'}
      </p>
      <p>
        {d.units.filter((u) => u.complete).length} of {d.units.length} units complete in {d.course.title}. Time spent in units:{' '}
        {d.spentText}. Planned time of the completed units: {d.plannedText}.
      </p>
      <p className="muted">Reflection notes are private to the trainee and are never shown here.</p>
      {a?.done ? (
        <p className="success" role="status">
          {a.done}
        </p>
      ) : null}

      <TrainingHours hours={d.hours} viewer="trainer" errors={a?.errors ?? {}} adjustmentKey={d.adjustmentKey} />

      <section aria-labelledby="reset-heading">
        <h2 id="reset-heading">Password</h2>
        <p className="muted">
          You cannot see or set a trainee’s password. If they cannot log in, send them a link to choose a new one.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="send-reset" />
          <button type="submit">Email a password reset link</button>
        </Form>
      </section>

      <CertificateAdmin certificates={d.certificates.rows} canRevoke={d.certificates.canRevoke} />

      <section aria-labelledby="units-heading">
        <h2 id="units-heading">Units</h2>
        <p className="muted">
          Time spent in unit is measured: while the unit is open, visible and in use (with JavaScript), or between page requests,
          a few minutes at most each (without). Planned time is what the unit is written to take.
        </p>
        <TableWrap label="Units">
          <table>
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Status</th>
                <th scope="col">Time spent in unit</th>
                <th scope="col">Planned time</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">{u.title}</th>
                  <td>{u.complete ? 'Complete' : 'Not complete'}</td>
                  <td>{u.spentText}</td>
                  <td>{u.plannedText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="acc-heading" className="card">
        <h2 id="acc-heading">Exam time accommodation</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="accommodation" />
          <div className="field">
            <label htmlFor="multiplier">Time multiplier</label>
            <p className="hint" id="multiplier-hint">
              1 is the standard time; 1.5 gives 50% more time.
            </p>
            <input
              id="multiplier"
              name="multiplier"
              type="number"
              step="0.25"
              min="1"
              max="4"
              defaultValue={d.trainee.multiplier}
              aria-describedby={`multiplier-hint${a?.errors.multiplier ? ' multiplier-error' : ''}`}
              aria-invalid={a?.errors.multiplier ? true : undefined}
            />
            {a?.errors.multiplier ? (
              <p className="field-error" id="multiplier-error">
                {a.errors.multiplier}
              </p>
            ) : null}
          </div>
          <label className="choice">
            <input type="checkbox" name="noLimit" defaultChecked={d.trainee.noLimit} />
            <span>No time limit</span>
          </label>
          <button type="submit">Save accommodation</button>
        </Form>
      </section>

      <section aria-labelledby="exam-heading">
        <h2 id="exam-heading">Practice exam attempts</h2>
        {d.exams.length ? (
          d.exams.map((e) => (
            <div key={e.id} className="card">
              <h3>
                {e.form}, started {e.started}
              </h3>
              <p>
                Status: {e.status.replace('_', ' ')} · deadline {e.deadline} · multiple choice {e.objective}
                {e.percent !== null ? ` · final ${e.percent}% (${e.passed ? 'passed' : 'not yet'})` : ''}
                {e.gradingUrl ? (
                  <>
                    {' '}
                    · <Link to={e.gradingUrl}>Written answers and grades</Link>
                  </>
                ) : null}
              </p>
              {e.status === 'in_progress' ? (
                <Form method="post" className="inline-form" noValidate>
                  <input type="hidden" name="intent" value="extend" />
                  <input type="hidden" name="attemptId" value={e.id} />
                  <label htmlFor={`minutes-${e.id}`}>Add minutes to this attempt</label>
                  <input id={`minutes-${e.id}`} name="minutes" type="number" min="1" max="600" defaultValue="15" />
                  <button type="submit" className="secondary">
                    Extend
                  </button>
                  {a?.errors.minutes ? <p className="field-error">{a.errors.minutes}</p> : null}
                </Form>
              ) : null}
              <details>
                <summary>Answers</summary>
                {e.edition ? (
                  <p>
                    <WrittenIn locale={e.edition} />
                  </p>
                ) : null}
                <ol>
                  {e.answers.map((x) =>
                    x.prompt === null ? (
                      <li key={x.position} value={x.position}>
                        Written answer: awaiting grading. It shows here once the grade is released.
                      </li>
                    ) : (
                      <li key={x.position} value={x.position} lang={e.edition ?? undefined}>
                        {x.prompt} <strong>{x.response ?? '(no answer)'}</strong>
                        {x.kind === 'choice' && x.correct !== null ? ` (${x.correct ? 'right' : 'not right'})` : ''}
                      </li>
                    ),
                  )}
                </ol>
              </details>
            </div>
          ))
        ) : (
          <p>No attempts yet.</p>
        )}
      </section>

      <section aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">Unit quiz attempts</h2>
        {d.quizzes.length ? (
          d.quizzes.map((q) => (
            <details key={q.id} className="card">
              <summary>
                {q.unit}: {q.percent}% ({q.passed ? 'passed' : 'not yet'}), {q.when} · <WrittenIn locale={q.edition} />
              </summary>
              <ol>
                {q.questions.map((x) => (
                  <li key={x.id}>
                    {x.prompt} <strong>{x.chosen.join('; ') || '(no answer)'}</strong> ({x.right ? 'right' : 'not right'})
                  </li>
                ))}
              </ol>
            </details>
          ))
        ) : (
          <p>No quiz attempts yet.</p>
        )}
      </section>

      {d.practice ? (
        <section aria-labelledby="practice-heading">
          <h2 id="practice-heading">Practice questions</h2>
          <p className="muted">
            Estimated chance of a right answer on a new practice question, per content area, from practice and practice-exam
            answers. Practice only: not a prediction of the certification exam.
          </p>
          <ReadinessChart rows={d.practice} label={`Practice estimate by content area for ${d.trainee.name}`} />
        </section>
      ) : null}
    </div>
  );
}
