import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { z } from 'zod';
import { EditionNote } from '~/components/edition-note';
import { QuizResult, type QuizResultData, useOptionText } from '~/components/quiz-result';
import { useFormatDuration, useTimeOnTask } from '~/components/time-on-task';
import { UnitContent } from '~/components/unit-content';
import { getContent, requireCourse } from '~/content/content.server';
import { editionNote } from '~/content/editions.server';
import { sectionAnchor } from '~/content/segments';
import { attemptsLeft, canAttemptQuiz, unitTimeGate } from '~/domain/progress';
import {
  attemptFeedback,
  effectiveQuizRules,
  normaliseResponses,
  type PublicQuestion,
  publicQuiz,
  reviewView,
  unansweredQuestions,
} from '~/domain/quiz';
import { requireUser } from '~/guards/auth.server';
import { translator } from '~/i18n/intl.server';
import { requestLocale } from '~/i18n/locale.server';
import { metaT } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { timeLimits } from '~/infra/env.server';
import { quizSettingsForTrainee } from '~/models/cohort.server';
import { getOneUnitProgress, markUnitDone, recordVisit } from '~/models/progress.server';
import { getOwnDraw, getOwnQuizAttempt, listQuizAttempts, openQuizDraw, submitDrawnAttempt } from '~/models/quiz-attempt.server';
import { getOwnReflections, saveReflection } from '~/models/reflection.server';
import { recordUnitRequest, unitSecondsSpent } from '~/models/time-on-task.server';
import { pacificDateTime, pacificDeadline } from '~/web/dates';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return pageMeta(
    t('trainee.unit.title', { title: data?.unit.title ?? t('trainee.unit.titleFallback') }),
    data?.unit.objectives.length
      ? t('trainee.unit.description', { objectives: data.unit.objectives.join(' ') })
      : t('site.description'),
  );
};

const VISIT_PRECISION_MS = 60_000;

const paramsSchema = () => z.object({ course: slug, unit: slug });

/** The unit in the reader's edition (their language, or English where it is not translated yet). */
async function loadUnit(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course, await requestLocale(request));
  const index = course.units.findIndex((u) => u.meta.slug === p.unit);
  // A renamed unit's old address leads to its new one for good (ADR 031).
  const renamed = course.course.redirects[p.unit];
  if (index < 0 && renamed) throw redirect(`/courses/${course.course.slug}/units/${renamed}`, 301);
  if (index < 0) throw new Response('trainee.unit.notFound', { status: 404 });
  return { course, unit: course.units[index], index };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { course, unit, index } = await loadUnit(request, params);
  if (!unit.compiled) throw new Response('trainee.unit.contentError', { status: 500 });
  const slugs = { course: course.course.slug, unit: unit.meta.slug };
  // Time on task: before progress is read, since it can complete a unit whose pass waited for time.
  const limits = timeLimits();
  const timeGate = await recordUnitRequest(
    db(),
    {
      userId: user.id,
      courseSlug: slugs.course,
      unitSlug: slugs.unit,
      minimumUnitMinutes: course.course.rules.minimumUnitMinutes,
    },
    limits,
  );
  const [attempts, reflections, progress, group] = await Promise.all([
    listQuizAttempts(db(), user.id, slugs.course, slugs.unit),
    getOwnReflections(db(), user.id, slugs.course, slugs.unit),
    getOneUnitProgress(db(), user.id, slugs.course, slugs.unit),
    unit.quiz ? quizSettingsForTrainee(db(), user.id) : null,
  ]);
  // "Continue where you left off" needs only minute precision: skip the write (and its fsync)
  // when this unit was opened in the last minute.
  if (!progress || Date.now() - progress.last_visited_at > VISIT_PRECISION_MS)
    await recordVisit(db(), user.id, slugs.course, slugs.unit);

  const rules = effectiveQuizRules(course.course.rules, unit.quiz, group);
  const permission = canAttemptQuiz(rules, attempts, Date.now());
  // What the review policy lets this trainee see now: answer keys travel only when it says so.
  const view = reviewView({
    policy: rules.review,
    feedback: rules.feedback,
    passedEver: attempts.some((a) => a.passed),
    attemptsLeft: attemptsLeft(rules, attempts.length),
  });

  // Feedback on one of the trainee's own submitted attempts (?attempt=id).
  const search = new URL(request.url).searchParams;
  const attemptId = search.get('attempt');
  let result: QuizResultData | null = null;
  if (attemptId && z.uuid().safeParse(attemptId).success) {
    const a = await getOwnQuizAttempt(db(), user.id, attemptId);
    if (a && a.unit_slug === slugs.unit && a.course_slug === slugs.course) {
      const feedback = attemptFeedback(a.snapshot, a.responses, view);
      result = {
        ...feedback,
        id: a.id,
        sections: feedback.sections.map((title) => ({ title, anchor: sectionAnchor(title) })),
        questions: feedback.questions.map((q) => ({ ...q, anchor: q.section ? sectionAnchor(q.section) : null })),
      };
    }
  }

  // The questions of the next attempt, drawn and stored before they are shown.
  const draw =
    unit.quiz && permission.ok
      ? await openQuizDraw(db(), {
          userId: user.id,
          courseSlug: slugs.course,
          unitSlug: slugs.unit,
          quiz: unit.quiz,
          contentVersion: unit.quiz.version,
          // The same snapshot requireCourse read: getContent is pinned for the request.
          contentTreeId: (await getContent()).treeId,
          locale: unit.locale,
        })
      : null;
  const locale = await requestLocale(request);
  const prev = course.units[index - 1];
  const next = course.units[index + 1];
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    edition: { ...editionNote(course), untranslated: course.locale !== course.requested || unit.locale !== course.requested },
    unit: {
      slug: unit.meta.slug,
      title: unit.meta.title,
      order: unit.meta.order,
      minutes: unit.meta.minutes,
      objectives: unit.meta.objectives,
      contentNote: unit.meta.contentNote ?? null,
      segments: unit.compiled.segments,
    },
    unitCount: course.units.length,
    complete: Boolean(progress?.completed_at),
    bestPercent: progress?.best_percent ?? null,
    // Public view of this attempt's questions: prompts and options only. Answers stay on the server.
    quiz: unit.quiz
      ? {
          passPercent: unit.quiz.passPercent,
          asked: Math.min(unit.quiz.draw ?? unit.quiz.questions.length, unit.quiz.questions.length),
          pool: unit.quiz.questions.length,
          drawId: draw?.id ?? null,
          questions: draw ? publicQuiz(draw.quiz).questions : [],
        }
      : null,
    // Dates are formatted here, once, so the browser shows exactly what the server rendered.
    attempts: attempts.map((a) => ({ ...a, when: pacificDateTime(a.submitted_at, locale) })),
    permission,
    waitUntil: permission.ok || permission.reason !== 'wait' ? null : pacificDeadline(permission.until, locale),
    attemptLimit: rules.quizAttemptLimit,
    waitMinutes: rules.quizWaitMinutes,
    attemptsLeft: attemptsLeft(rules, attempts.length),
    reviewPolicy: rules.review,
    reflections,
    savedReflection: search.get('saved'),
    result,
    prev: prev ? { slug: prev.meta.slug, title: prev.meta.title } : null,
    next: next ? { slug: next.meta.slug, title: next.meta.title } : null,
    time: {
      url: `/courses/${slugs.course}/units/${slugs.unit}/time`,
      heartbeatSeconds: limits.heartbeatSeconds,
      idleSeconds: limits.idleSeconds,
      minimumMinutes: timeGate.minimumSeconds / 60,
      spentSeconds: timeGate.spentSeconds,
    },
  });
}

const reflectionSchema = () =>
  z.object({
    intent: z.literal('reflection'),
    reflectionId: slug,
    body: z.string().max(10_000, 'trainee.unit.noteTooLong'),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, unit } = await loadUnit(request, params);
  const slugs = { course: course.course.slug, unit: unit.meta.slug };
  const form = await readForm(request);
  const intent = form.get('intent');
  const locale = await requestLocale(request);
  const t = translator(locale);

  if (intent === 'reflection') {
    const parsed = parseForm(form, reflectionSchema);
    const rid = String(form.get('reflectionId') ?? '');
    if (!parsed.ok)
      return json(
        { reflection: { id: rid, error: Object.values(parsed.errors)[0], body: String(form.get('body') ?? '') } },
        { status: 400 },
      );
    if (!unit.compiled?.reflections.some((r) => r.id === parsed.data.reflectionId))
      throw new Response('trainee.unit.badReflection', { status: 400 });
    await saveReflection(db(), {
      userId: user.id,
      courseSlug: slugs.course,
      unitSlug: slugs.unit,
      reflectionId: parsed.data.reflectionId,
      body: parsed.data.body,
      locale: unit.locale,
    });
    return redirect(`?saved=${parsed.data.reflectionId}#reflection-${parsed.data.reflectionId}`);
  }

  if (intent === 'done') {
    if (unit.quiz) throw new Response('trainee.unit.completedByQuiz', { status: 400 });
    const minimum = course.course.rules.minimumUnitMinutes;
    if (minimum && !unitTimeGate(minimum, await unitSecondsSpent(db(), user.id, slugs.course, slugs.unit)).met)
      return json({ doneError: t('trainee.unit.doneTooSoon', { minutes: minimum }) }, { status: 400 });
    await markUnitDone(db(), user.id, slugs.course, slugs.unit);
    return redirect('.');
  }

  if (intent === 'quiz') {
    if (!unit.quiz) throw new Response('trainee.unit.noQuiz', { status: 400 });
    const drawId = z.uuid().safeParse(form.get('drawId'));
    const draw = drawId.success ? await getOwnDraw(db(), user.id, slugs.course, slugs.unit, drawId.data) : undefined;
    if (!draw) throw new Response('trainee.unit.staleForm', { status: 400 });
    // A double submit (or a reload of the POST) shows the attempt it already made.
    if (draw.attempt_id) return redirect(`?attempt=${draw.attempt_id}#result`);
    if (draw.closed_at) return json({ quizError: t('trainee.unit.replaced') }, { status: 409 });
    // Answers count only for the questions this attempt asked.
    const asked = new Set(draw.quiz.questions.map((q) => q.id));
    const fields = [...new Set([...form.keys()].filter((k) => k.startsWith('q:')).map((k) => k.slice(2)))];
    if (fields.some((id) => !asked.has(id))) throw new Response('trainee.unit.notAsked', { status: 400 });
    const [attempts, group] = await Promise.all([
      listQuizAttempts(db(), user.id, slugs.course, slugs.unit),
      quizSettingsForTrainee(db(), user.id),
    ]);
    const rules = effectiveQuizRules(course.course.rules, unit.quiz, group);
    const permission = canAttemptQuiz(rules, attempts, Date.now());
    if (!permission.ok) {
      return json(
        {
          quizError:
            permission.reason === 'limit'
              ? t('trainee.unit.limitNotRecorded')
              : t('trainee.unit.waitNotRecorded', { when: pacificDeadline(permission.until, locale) }),
        },
        { status: 429 },
      );
    }
    const raw: Record<string, string[]> = {};
    for (const q of draw.quiz.questions) raw[q.id] = form.getAll(`q:${q.id}`).map(String);
    const responses = normaliseResponses(draw.quiz, raw);
    const unanswered = unansweredQuestions(draw.quiz, responses);
    if (unanswered.length) return json({ unanswered, chosen: responses }, { status: 400 });
    const r = await submitDrawnAttempt(db(), {
      userId: user.id,
      courseSlug: slugs.course,
      unitSlug: slugs.unit,
      drawId: draw.id,
      responses,
      minimumUnitMinutes: course.course.rules.minimumUnitMinutes,
    });
    if (r.status === 'closed') return json({ quizError: t('trainee.unit.replaced') }, { status: 409 });
    return redirect(`?attempt=${r.id}#result`);
  }
  throw new Response('trainee.unit.badAction', { status: 400 });
}

function Reflection({
  id,
  prompt,
  saved,
  body,
  error,
}: {
  id: string;
  prompt: string;
  saved: boolean;
  body: string;
  error?: string;
}) {
  const fieldId = `reflection-field-${id}`;
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <Form method="post" className="reflection" id={`reflection-${id}`} preventScrollReset>
      <input type="hidden" name="intent" value="reflection" />
      <input type="hidden" name="reflectionId" value={id} />
      <label htmlFor={fieldId}>{t('trainee.unit.reflectionLabel', { prompt })}</label>
      <p className="hint" id={`${fieldId}-hint`}>
        {t('trainee.unit.reflectionHint')}
      </p>
      <textarea
        id={fieldId}
        name="body"
        defaultValue={body}
        aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {maybeT(error)}
        </p>
      ) : null}
      <p>
        <button type="submit" className="secondary">
          {t('trainee.unit.saveNote')}
        </button>{' '}
        {saved ? <span role="status">{t('trainee.unit.saved')}</span> : null}
      </p>
    </Form>
  );
}

function QuizQuestions({
  questions,
  chosen,
  unanswered,
}: {
  questions: PublicQuestion[];
  chosen: Record<string, string[]>;
  unanswered: string[];
}) {
  const t = useT();
  const optionText = useOptionText();
  return questions.map((q, i) => {
    const missing = unanswered.includes(q.id);
    const errorId = `question-${q.id}-error`;
    return (
      <fieldset key={q.id} className={missing ? 'question-missing' : undefined}>
        <legend>
          {t('trainee.unit.question', { number: i + 1, prompt: q.prompt })}
          {q.type === 'multiple' ? <span className="hint">{t('trainee.unit.chooseAll')}</span> : null}
        </legend>
        {missing ? (
          <p className="field-error" id={errorId}>
            {t('trainee.unit.answerMissing')}
          </p>
        ) : null}
        {q.options.map((o) => (
          <label key={o.id} className="choice">
            <input
              type={q.type === 'multiple' ? 'checkbox' : 'radio'}
              name={`q:${q.id}`}
              value={o.id}
              defaultChecked={chosen[q.id]?.includes(o.id)}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? errorId : undefined}
            />
            <span>{optionText(o)}</span>
          </label>
        ))}
      </fieldset>
    );
  });
}

const REVIEW_NOTE = {
  'after-each-attempt': 'trainee.unit.review.after-each-attempt',
  'after-pass-or-last': 'trainee.unit.review.after-pass-or-last',
  never: 'trainee.unit.review.never',
} as const;

export default function UnitPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submittingQuiz = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'quiz';
  const { unit, quiz } = data;
  const reflectionError = actionData && 'reflection' in actionData ? actionData.reflection : null;
  const missing = actionData && 'unanswered' in actionData ? actionData : null;
  const revalidator = useRevalidator();
  const t = useT();
  const formatDuration = useFormatDuration();
  const [spentSeconds, setSpentSeconds] = useState(data.time.spentSeconds);
  const [shownFor, setShownFor] = useState(data.time);
  if (shownFor !== data.time) {
    // New loader data (another unit, or after a form): start from the server's figure again.
    setShownFor(data.time);
    setSpentSeconds(data.time.spentSeconds);
  }
  useTimeOnTask(data.time.url, {
    heartbeatSeconds: data.time.heartbeatSeconds,
    idleSeconds: data.time.idleSeconds,
    onReport: (report) => {
      setSpentSeconds(report.spentSeconds);
      // A passed quiz that was waiting for the minimum time has just completed the unit.
      if (report.completedNow) revalidator.revalidate();
    },
  });
  const minimumMinutes = data.time.minimumMinutes;
  const passedPending = !data.complete && data.attempts.some((a) => a.passed);
  return (
    <article>
      <p className="muted">
        <Link to={`/courses/${data.course.slug}`}>{data.course.title}</Link>
        {t('trainee.unit.breadcrumb', { order: unit.order, count: data.unitCount, minutes: unit.minutes })}
      </p>
      <h1>{unit.title}</h1>
      <EditionNote edition={data.edition} />
      {data.complete ? <p className="success">{t('trainee.unit.completed')}</p> : null}
      <UnitContent
        contentNote={unit.contentNote}
        objectives={unit.objectives}
        segments={unit.segments}
        renderReflection={(s) => (
          <Reflection
            id={s.id}
            prompt={s.prompt}
            saved={data.savedReflection === s.id && !reflectionError}
            body={reflectionError?.id === s.id ? reflectionError.body : (data.reflections[s.id]?.body ?? '')}
            error={reflectionError?.id === s.id ? reflectionError.error : undefined}
          />
        )}
      />

      {data.result ? (
        <QuizResult
          result={data.result}
          bestPercent={data.bestPercent}
          waitUntil={data.waitUntil}
          waitingForTime={minimumMinutes > 0 && !data.complete}
        />
      ) : null}

      {minimumMinutes > 0 && !data.complete ? (
        <p className="notice">
          {t('trainee.unit.timeNotice', {
            passed: String(passedPending),
            minutes: minimumMinutes,
            spent: formatDuration(spentSeconds),
          })}
        </p>
      ) : null}

      {quiz ? (
        <section aria-labelledby="quiz-heading" className="card">
          <h2 id="quiz-heading">{t('trainee.unit.quizHeading')}</h2>
          <p>
            {quiz.asked < quiz.pool
              ? t('trainee.unit.quizDrawn', { asked: quiz.asked, pool: quiz.pool })
              : t('trainee.unit.quizCount', { asked: quiz.asked })}
            {t('trainee.unit.quizRules', { percent: quiz.passPercent })}{' '}
            {data.attemptLimit
              ? t('trainee.unit.quizLimit', { limit: data.attemptLimit, left: data.attemptsLeft ?? 0 })
              : t('trainee.unit.quizUnlimited')}
            {data.waitMinutes ? t('trainee.unit.quizWait', { minutes: data.waitMinutes }) : ''}{' '}
            {t(REVIEW_NOTE[data.reviewPolicy])}
          </p>
          {data.attempts.length ? (
            <details>
              <summary>{t('trainee.unit.earlier', { count: data.attempts.length })}</summary>
              <ul>
                {data.attempts.map((a) => (
                  <li key={a.id}>
                    <Link to={`?attempt=${a.id}#result`}>{a.when}</Link>
                    {t(a.passed ? 'trainee.unit.attemptPassed' : 'trainee.unit.attemptNotYet', { percent: a.percent })}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {actionData && 'quizError' in actionData ? (
            <p className="form-error" role="alert">
              {actionData.quizError}
            </p>
          ) : null}
          {missing ? (
            <p className="form-error" role="alert">
              {t('trainee.unit.unanswered', { count: missing.unanswered.length })}
            </p>
          ) : null}
          {quiz.drawId ? (
            <Form method="post" key={quiz.drawId} preventScrollReset={false}>
              <input type="hidden" name="intent" value="quiz" />
              <input type="hidden" name="drawId" value={quiz.drawId} />
              <QuizQuestions questions={quiz.questions} chosen={missing?.chosen ?? {}} unanswered={missing?.unanswered ?? []} />
              <button type="submit" disabled={submittingQuiz}>
                {t(submittingQuiz ? 'trainee.unit.checking' : 'trainee.unit.submit')}
              </button>
            </Form>
          ) : (
            <p className="notice" role="status">
              {data.permission.ok || data.permission.reason === 'limit'
                ? t('trainee.unit.limitReached')
                : t('trainee.unit.waitUntil', { when: data.waitUntil })}
            </p>
          )}
        </section>
      ) : data.complete ? null : (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="done" />
          <p>{t('trainee.unit.noQuizDone')}</p>
          {actionData && 'doneError' in actionData ? (
            <p className="form-error" role="alert">
              {actionData.doneError}
            </p>
          ) : null}
          <button type="submit">{t('trainee.unit.markDone')}</button>
        </Form>
      )}

      <nav aria-label={t('trainee.unit.pager')} className="pager">
        {data.prev ? (
          <Link to={`/courses/${data.course.slug}/units/${data.prev.slug}`}>
            {t('trainee.unit.previous', { title: data.prev.title })}
          </Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link to={`/courses/${data.course.slug}/units/${data.next.slug}`}>
            {t('trainee.unit.next', { title: data.next.title })}
          </Link>
        ) : (
          <Link to={`/courses/${data.course.slug}`}>{t('trainee.unit.backToCourse')}</Link>
        )}
      </nav>
    </article>
  );
}
