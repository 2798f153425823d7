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
import type { MessageId } from '~/i18n/catalogues';
import { isMessageId, translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
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

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainer.trainee.title', 'trainer.trainee.description');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, traineeId } = await requireTrainee(request, params);
  const course = await courseFromSearch(request);
  const slug = course.course.slug;
  const locale = await requestLocale(request);
  const [trainee, cohorts, progress, quizzes, exams, seconds, record] = await Promise.all([
    findUserById(db(), traineeId),
    cohortsOfUser(db(), traineeId),
    getUnitProgress(db(), traineeId, slug),
    listTraineeQuizAttempts(db(), traineeId, slug),
    listExamAttempts(db(), traineeId, slug),
    traineeUnitSeconds(db(), traineeId, slug),
    completionState(db(), traineeId, course),
  ]);
  if (!trainee) throw new Response('trainer.trainee.notFound', { status: 404 });
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
        started: pacificDateTime(e.started_at, locale),
        deadline: e.deadline_at ? pacificDateTime(e.deadline_at, locale) : null,
        objective: { correct: score.objectiveCorrect, total: score.objectiveTotal },
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
      when: pacificDateTime(q.submitted_at, locale),
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
    certificates: {
      rows: (await certificatesFor(db(), traineeId, slug)).map((c) => certificateRow(c, locale)),
      canRevoke: user.role === 'admin',
    },
    hours: hoursView(record),
    // A fresh token per page view: the same adjustment form submitted twice is stored once.
    adjustmentKey: randomUUID(),
  });
}

const accommodationSchema = () =>
  z.object({
    intent: z.literal('accommodation'),
    multiplier: z.coerce
      .number({ message: 'trainer.trainee.error.multiplier' })
      .min(1, 'trainer.trainee.error.multiplierMin')
      .max(4, 'trainer.trainee.error.multiplierMax'),
    noLimit: z.literal('on').optional(),
  });
const extendSchema = () =>
  z.object({
    intent: z.literal('extend'),
    attemptId: z.uuid(),
    minutes: z.coerce
      .number({ message: 'trainer.trainee.error.minutes' })
      .int('trainer.trainee.error.wholeMinutes')
      .min(1, 'trainer.trainee.error.minutesMin')
      .max(600, 'trainer.trainee.error.minutesMax'),
  });

const adjustmentSchema = () =>
  z.object({
    intent: z.literal('adjust'),
    kind: z.enum(ADJUSTMENT_KINDS, { message: 'trainer.trainee.error.kind' }),
    minutes: z.coerce
      .number({ message: 'trainer.trainee.error.adjustMinutes' })
      .int('trainer.trainee.error.wholeMinutes')
      .min(-6000, 'trainer.trainee.error.adjustMin')
      .max(6000, 'trainer.trainee.error.adjustMax')
      .refine((n) => n !== 0, 'trainer.trainee.error.adjustZero'),
    reason: z.string().trim().min(3, 'trainer.trainee.error.adjustReason').max(500, 'trainer.home.error.nameLong'),
    key: z.uuid(),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, traineeId } = await requireTrainee(request, params);
  const form = await readForm(request);
  // The training-hours section shows its errors as words, so they are said here in the page's language.
  const t = translator(await requestLocale(request));
  const words = (errors: Record<string, string>) =>
    Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, isMessageId(v) ? t(v) : v]));
  if (form.get('intent') === 'adjust') {
    const course = await courseFromSearch(request);
    const parsed = parseForm(form, adjustmentSchema);
    if (!parsed.ok) return json({ errors: words(parsed.errors), done: null }, { status: 400 });
    await addAdjustment(db(), {
      userId: traineeId,
      courseSlug: course.course.slug,
      kind: parsed.data.kind,
      minutes: parsed.data.minutes,
      reason: parsed.data.reason,
      actorId: user.id,
      submissionKey: parsed.data.key,
    });
    return json({ errors: {} as Record<string, string>, done: done('trainer.trainee.done.adjusted') });
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
    if (r.ok) return json({ errors: {} as Record<string, string>, done: done('trainer.trainee.done.confirmed') });
    if (r.reason === 'already') return json({ errors: {} as Record<string, string>, done: done('trainer.trainee.done.already') });
    const why =
      r.reason === 'not-met'
        ? t('trainer.trainee.error.notMet', {
            unmet: r.unmet.map((i) => t(`trainee.hours.item.${i.id}`, i.values).toLowerCase()).join('; '),
          })
        : t('trainer.trainee.error.noCompletion');
    return json({ errors: { completion: why } as Record<string, string>, done: null }, { status: 409 });
  }
  if (form.get('intent') === 'send-reset') {
    // The trainer only triggers the mail: the link goes to the trainee's own address.
    const sent = await sendResetForTrainer(db(), { traineeId, trainerName: user.name, base: appUrl(''), actorId: user.id });
    if (sent === 'missing') throw new Response('trainer.trainee.notFound', { status: 404 });
    nudgeOutbox();
    const said = {
      reset: done('trainer.trainee.done.reset'),
      verification: done('trainer.trainee.done.verification'),
      throttled: done('trainer.trainee.done.throttled'),
    }[sent];
    return json({ errors: {} as Record<string, string>, done: said }, { status: sent === 'throttled' ? 429 : 200 });
  }
  if (form.get('intent') === 'accommodation') {
    const parsed = parseForm(form, accommodationSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, done: null }, { status: 400 });
    await setAccommodation(db(), traineeId, { multiplier: parsed.data.multiplier, noLimit: parsed.data.noLimit === 'on' });
    return json({
      errors: {} as Record<string, string>,
      done: done('trainer.trainee.done.accommodation'),
    });
  }
  if (form.get('intent') === 'extend') {
    const parsed = parseForm(form, extendSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, done: null }, { status: 400 });
    if (!(await getOwnAttempt(db(), traineeId, parsed.data.attemptId)))
      throw new Response('trainer.trainee.notTheirs', { status: 404 });
    const ok = await extendAttempt(db(), parsed.data.attemptId, parsed.data.minutes);
    if (!ok)
      return json(
        {
          errors: { minutes: 'trainer.trainee.error.notExtendable' } as Record<string, string>,
          done: null,
        },
        { status: 400 },
      );
    return json({
      errors: {} as Record<string, string>,
      done: done('trainer.trainee.done.extended', parsed.data.minutes),
    });
  }
  throw new Response('trainer.queue.badAction', { status: 400 });
}

/** What the page says after an action: a message id, with the minutes it may name. */
const done = (id: MessageId, minutes = 0) => ({ id, minutes });

export default function TraineePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to="/trainer">{t('trainer.queue.back')}</Link>
      </p>
      <h1>{d.trainee.name}</h1>
      <p>
        {d.trainee.email} · {d.cohorts.map((c) => c.name).join(', ') || t('trainer.trainee.noGroup')}
      </p>
      <p>
        {t('trainer.trainee.summary', {
          complete: d.units.filter((u) => u.complete).length,
          units: d.units.length,
          course: d.course.title,
          spent: d.spentText,
          planned: d.plannedText,
        })}
      </p>
      <p className="muted">{t('trainer.trainee.reflections')}</p>
      {a?.done ? (
        <p className="success" role="status">
          {t(a.done.id, { minutes: a.done.minutes })}
        </p>
      ) : null}

      <TrainingHours hours={d.hours} viewer="trainer" errors={a?.errors ?? {}} adjustmentKey={d.adjustmentKey} />

      <section aria-labelledby="reset-heading">
        <h2 id="reset-heading">{t('trainer.trainee.password')}</h2>
        <p className="muted">{t('trainer.trainee.passwordIntro')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="send-reset" />
          <button type="submit">{t('trainer.trainee.sendReset')}</button>
        </Form>
      </section>

      <CertificateAdmin certificates={d.certificates.rows} canRevoke={d.certificates.canRevoke} />

      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{t('trainer.group.col.units')}</h2>
        <p className="muted">{t('trainer.trainee.unitsIntro')}</p>
        <TableWrap label={t('trainer.group.col.units')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trainer.trainee.col.unit')}</th>
                <th scope="col">{t('trainer.csv.exam.status')}</th>
                <th scope="col">{t('trainer.trainee.col.spent')}</th>
                <th scope="col">{t('trainer.trainee.col.planned')}</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">{u.title}</th>
                  <td>{u.complete ? t('trainer.trainee.complete') : t('trainer.trainee.notComplete')}</td>
                  <td>{u.spentText}</td>
                  <td>{u.plannedText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="acc-heading" className="card">
        <h2 id="acc-heading">{t('trainer.trainee.acc.heading')}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="accommodation" />
          <div className="field">
            <label htmlFor="multiplier">{t('trainer.trainee.acc.multiplier')}</label>
            <p className="hint" id="multiplier-hint">
              {t('trainer.trainee.acc.hint')}
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
                {maybeT(a.errors.multiplier)}
              </p>
            ) : null}
          </div>
          <label className="choice">
            <input type="checkbox" name="noLimit" defaultChecked={d.trainee.noLimit} />
            <span>{t('trainer.trainee.acc.noLimit')}</span>
          </label>
          <button type="submit">{t('trainer.trainee.acc.save')}</button>
        </Form>
      </section>

      <section aria-labelledby="exam-heading">
        <h2 id="exam-heading">{t('trainer.trainee.exams')}</h2>
        {d.exams.length ? (
          d.exams.map((e) => (
            <div key={e.id} className="card">
              <h3>{t('trainer.trainee.examHeading', { form: e.form, started: e.started })}</h3>
              <p>
                {t('trainer.trainee.examLine', {
                  status: e.status,
                  deadline: e.deadline ?? t('trainer.trainee.acc.noLimit'),
                  correct: e.objective.correct,
                  total: e.objective.total,
                })}
                {e.percent !== null
                  ? t('trainer.trainee.examFinal', { percent: e.percent, passed: e.passed ? 'yes' : 'no' })
                  : ''}
                {e.gradingUrl ? (
                  <>
                    {' '}
                    · <Link to={e.gradingUrl}>{t('trainer.trainee.gradingLink')}</Link>
                  </>
                ) : null}
              </p>
              {e.status === 'in_progress' ? (
                <Form method="post" className="inline-form" noValidate>
                  <input type="hidden" name="intent" value="extend" />
                  <input type="hidden" name="attemptId" value={e.id} />
                  <label htmlFor={`minutes-${e.id}`}>{t('trainer.trainee.extendLabel')}</label>
                  <input id={`minutes-${e.id}`} name="minutes" type="number" min="1" max="600" defaultValue="15" />
                  <button type="submit" className="secondary">
                    {t('trainer.trainee.extend')}
                  </button>
                  {a?.errors.minutes ? <p className="field-error">{maybeT(a.errors.minutes)}</p> : null}
                </Form>
              ) : null}
              <details>
                <summary>{t('trainer.trainee.answers')}</summary>
                {e.edition ? (
                  <p>
                    <WrittenIn locale={e.edition} />
                  </p>
                ) : null}
                <ol>
                  {e.answers.map((x) =>
                    x.prompt === null ? (
                      <li key={x.position} value={x.position}>
                        {t('trainer.trainee.writtenHidden')}
                      </li>
                    ) : (
                      <li key={x.position} value={x.position} lang={e.edition ?? undefined}>
                        {x.prompt} <strong>{x.response ?? t('trainer.grade.noAnswer')}</strong>
                        {x.kind === 'choice' && x.correct !== null
                          ? t('trainer.trainee.right', { right: x.correct ? 'yes' : 'no' })
                          : ''}
                      </li>
                    ),
                  )}
                </ol>
              </details>
            </div>
          ))
        ) : (
          <p>{t('trainer.trainee.noAttempts')}</p>
        )}
      </section>

      <section aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">{t('trainer.trainee.quizzes')}</h2>
        {d.quizzes.length ? (
          d.quizzes.map((q) => (
            <details key={q.id} className="card">
              <summary>
                {t('trainer.trainee.quizLine', {
                  unit: q.unit,
                  percent: q.percent,
                  passed: q.passed ? 'yes' : 'no',
                  when: q.when,
                })}{' '}
                · <WrittenIn locale={q.edition} />
              </summary>
              <ol>
                {q.questions.map((x) => (
                  <li key={x.id}>
                    {x.prompt} <strong>{x.chosen.join('; ') || t('trainer.grade.noAnswer')}</strong>
                    {t('trainer.trainee.right', { right: x.right ? 'yes' : 'no' })}
                  </li>
                ))}
              </ol>
            </details>
          ))
        ) : (
          <p>{t('trainer.trainee.noQuizzes')}</p>
        )}
      </section>

      {d.practice ? (
        <section aria-labelledby="practice-heading">
          <h2 id="practice-heading">{t('trainer.trainee.practice')}</h2>
          <p className="muted">{t('trainer.trainee.practiceIntro')}</p>
          <ReadinessChart rows={d.practice} label={t('trainer.trainee.practiceChart', { name: d.trainee.name })} />
        </section>
      ) : null}
    </div>
  );
}
