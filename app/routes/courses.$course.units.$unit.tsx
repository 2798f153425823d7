import { randomUUID } from 'node:crypto';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { QuizResult, type QuizResultData } from '~/components/quiz-result';
import { UnitContent } from '~/components/unit-content';
import { requireCourse } from '~/content/content.server';
import { type Segment, withoutHtml } from '~/content/segments';
import { canAttemptQuiz } from '~/domain/progress';
import { answerOf, normaliseResponses, optionsOf, type PublicQuestion, publicQuiz, scoreQuiz } from '~/domain/quiz';
import { getOneUnitProgress, markUnitDone, recordVisit } from '~/models/progress.server';
import { getOwnQuizAttempt, listQuizAttempts, submitQuizAttempt } from '~/models/quiz-attempt.server';
import { getOwnReflections, saveReflection } from '~/models/reflection.server';
import { requireUser } from '~/utils/auth.server';
import { pacificClock, pacificDateTime } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { parseForm, parseParams, readForm, slug } from '~/utils/forms.server';
import { CachedHtml } from '~/utils/render-cache';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.title ?? 'Unit'} · Peer Academy` }];

const VISIT_PRECISION_MS = 60_000;

const paramsSchema = () => z.object({ course: slug, unit: slug });

async function loadUnit(params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course);
  const index = course.units.findIndex((u) => u.meta.slug === p.unit);
  if (index < 0) throw new Response('We could not find that unit.', { status: 404 });
  return { course, unit: course.units[index], index };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { course, unit, index } = await loadUnit(params);
  if (!unit.compiled) throw new Response('This unit has a content error and cannot be shown right now.', { status: 500 });
  const slugs = { course: course.course.slug, unit: unit.meta.slug };
  // The server render reads the full HTML from here (see withoutHtml).
  (context as { unitSegments?: Segment[] }).unitSegments = unit.compiled.segments;
  const [attempts, reflections, progress] = await Promise.all([
    listQuizAttempts(db(), user.id, slugs.course, slugs.unit),
    getOwnReflections(db(), user.id, slugs.course, slugs.unit),
    getOneUnitProgress(db(), user.id, slugs.course, slugs.unit),
  ]);
  // "Continue where you left off" needs only minute precision: skip the write (and its fsync)
  // when this unit was opened in the last minute.
  if (!progress || Date.now() - progress.last_visited_at > VISIT_PRECISION_MS)
    await recordVisit(db(), user.id, slugs.course, slugs.unit);

  // Feedback on one of the trainee's own submitted attempts (?attempt=id).
  const search = new URL(request.url).searchParams;
  const attemptId = search.get('attempt');
  let result: QuizResultData | null = null;
  if (attemptId && z.uuid().safeParse(attemptId).success) {
    const a = await getOwnQuizAttempt(db(), user.id, attemptId);
    if (a && a.unit_slug === slugs.unit && a.course_slug === slugs.course) {
      const score = scoreQuiz(a.snapshot, a.responses);
      result = {
        id: a.id,
        percent: a.percent,
        correct: a.correct,
        total: a.total,
        passed: a.passed,
        passPercent: a.snapshot.passPercent,
        questions: a.snapshot.questions.map((q, i) => ({
          id: q.id,
          prompt: q.prompt,
          options: optionsOf(q),
          chosen: score.results[i].chosen,
          answer: answerOf(q),
          right: score.results[i].right,
          rationale: q.rationale,
        })),
      };
    }
  }

  const rules = course.course.rules;
  const permission = canAttemptQuiz(
    rules,
    attempts.map((a) => a.submitted_at),
    Date.now(),
  );
  const prev = course.units[index - 1];
  const next = course.units[index + 1];
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    unit: {
      slug: unit.meta.slug,
      title: unit.meta.title,
      order: unit.meta.order,
      minutes: unit.meta.minutes,
      objectives: unit.meta.objectives,
      contentNote: unit.meta.contentNote ?? null,
      segments: (context as { isDataRequest?: boolean }).isDataRequest
        ? unit.compiled.segments
        : withoutHtml(unit.compiled.segments),
    },
    unitCount: course.units.length,
    complete: Boolean(progress?.completed_at),
    bestPercent: progress?.best_percent ?? null,
    // Public view of the quiz: prompts and options only. Answers stay on the server.
    quiz: unit.quiz ? { ...publicQuiz(unit.quiz), version: unit.quiz.version } : null,
    // Dates are formatted here, once, so the browser shows exactly what the server rendered.
    attempts: attempts.map((a) => ({ ...a, when: pacificDateTime(a.submitted_at) })),
    permission,
    waitUntil: permission.ok || permission.reason !== 'wait' ? null : pacificClock(permission.until),
    attemptLimit: rules.quizAttemptLimit,
    submissionKey: randomUUID(),
    reflections,
    savedReflection: search.get('saved'),
    result,
    prev: prev ? { slug: prev.meta.slug, title: prev.meta.title } : null,
    next: next ? { slug: next.meta.slug, title: next.meta.title } : null,
  });
}

const reflectionSchema = () =>
  z.object({
    intent: z.literal('reflection'),
    reflectionId: slug,
    body: z.string().max(10_000, 'Notes can be up to 10,000 characters. Please shorten this one.'),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course, unit } = await loadUnit(params);
  const slugs = { course: course.course.slug, unit: unit.meta.slug };
  const form = await readForm(request);
  const intent = form.get('intent');

  if (intent === 'reflection') {
    const parsed = parseForm(form, reflectionSchema);
    const rid = String(form.get('reflectionId') ?? '');
    if (!parsed.ok)
      return json(
        { reflection: { id: rid, error: Object.values(parsed.errors)[0], body: String(form.get('body') ?? '') } },
        { status: 400 },
      );
    if (!unit.compiled?.reflections.some((r) => r.id === parsed.data.reflectionId))
      throw new Response('That reflection prompt is not part of this unit.', { status: 400 });
    await saveReflection(db(), {
      userId: user.id,
      courseSlug: slugs.course,
      unitSlug: slugs.unit,
      reflectionId: parsed.data.reflectionId,
      body: parsed.data.body,
    });
    return redirect(`?saved=${parsed.data.reflectionId}#reflection-${parsed.data.reflectionId}`);
  }

  if (intent === 'done') {
    if (unit.quiz) throw new Response('This unit is completed by passing its quiz.', { status: 400 });
    await markUnitDone(db(), user.id, slugs.course, slugs.unit);
    return redirect('.');
  }

  if (intent === 'quiz') {
    if (!unit.quiz) throw new Response('This unit has no quiz.', { status: 400 });
    const key = z.uuid().safeParse(form.get('submissionKey'));
    if (!key.success) throw new Response('This quiz form is out of date. Please reload the page and try again.', { status: 400 });
    const attempts = await listQuizAttempts(db(), user.id, slugs.course, slugs.unit);
    const permission = canAttemptQuiz(
      course.course.rules,
      attempts.map((a) => a.submitted_at),
      Date.now(),
    );
    if (!permission.ok) {
      return json(
        {
          quizError:
            permission.reason === 'limit'
              ? 'You have used every attempt allowed for this quiz.'
              : 'Please wait a little before your next attempt.',
        },
        { status: 429 },
      );
    }
    const raw: Record<string, string[]> = {};
    for (const q of unit.quiz.questions) raw[q.id] = form.getAll(`q:${q.id}`).map(String);
    const { id } = await submitQuizAttempt(db(), {
      userId: user.id,
      courseSlug: slugs.course,
      unitSlug: slugs.unit,
      quiz: unit.quiz,
      contentVersion: unit.quiz.version,
      responses: normaliseResponses(unit.quiz, raw),
      submissionKey: key.data,
    });
    return redirect(`?attempt=${id}#result`);
  }
  throw new Response('That action is not available here.', { status: 400 });
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
  return (
    <Form method="post" className="reflection" id={`reflection-${id}`} preventScrollReset>
      <input type="hidden" name="intent" value="reflection" />
      <input type="hidden" name="reflectionId" value={id} />
      <label htmlFor={fieldId}>Reflection: {prompt}</label>
      <p className="hint" id={`${fieldId}-hint`}>
        Only you can see what you write here. It is saved to your account.
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
          {error}
        </p>
      ) : null}
      <p>
        <button type="submit" className="secondary">
          Save my note
        </button>{' '}
        {saved ? <span role="status">Saved.</span> : null}
      </p>
    </Form>
  );
}

function QuizQuestions({ questions }: { questions: PublicQuestion[] }) {
  return questions.map((q, i) => (
    <fieldset key={q.id}>
      <legend>
        Question {i + 1}. {q.prompt}
        {q.type === 'multiple' ? <span className="hint"> Choose all that apply.</span> : null}
      </legend>
      {q.options.map((o) => (
        <label key={o.id} className="choice">
          <input type={q.type === 'multiple' ? 'checkbox' : 'radio'} name={`q:${q.id}`} value={o.id} />
          <span>{o.text}</span>
        </label>
      ))}
    </fieldset>
  ));
}

export default function UnitPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submittingQuiz = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'quiz';
  const { unit, quiz } = data;
  const reflectionError = actionData && 'reflection' in actionData ? actionData.reflection : null;
  return (
    <article>
      <p className="muted">
        <Link to={`/courses/${data.course.slug}`}>{data.course.title}</Link> · Unit {unit.order} of {data.unitCount} · about{' '}
        {unit.minutes} minutes
      </p>
      <h1>{unit.title}</h1>
      {data.complete ? <p className="success">You have completed this unit.</p> : null}
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

      {data.result ? <QuizResult result={data.result} bestPercent={data.bestPercent} /> : null}

      {quiz ? (
        <section aria-labelledby="quiz-heading" className="card">
          <h2 id="quiz-heading">Check your understanding</h2>
          <p>
            {quiz.questions.length} questions. The pass mark is {quiz.passPercent}%. A question left blank counts as not yet
            answered well, so give each one your best try. You can take the quiz as many times as you like
            {data.attemptLimit ? ` (up to ${data.attemptLimit} times)` : ''}; your best score is kept.
          </p>
          {data.attempts.length ? (
            <details>
              <summary>Your earlier attempts ({data.attempts.length})</summary>
              <ul>
                {data.attempts.map((a) => (
                  <li key={a.id}>
                    <Link to={`?attempt=${a.id}#result`}>{a.when}</Link>: {a.percent}% {a.passed ? '(passed)' : '(not yet)'}
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
          {data.permission.ok ? (
            <Form method="post" key={data.submissionKey} preventScrollReset={false}>
              <input type="hidden" name="intent" value="quiz" />
              <input type="hidden" name="submissionKey" value={data.submissionKey} />
              {/* The questions are the same for every trainee: rendered once per quiz version. */}
              <CachedHtml cacheKey={`quiz:${data.course.slug}/${unit.slug}@${quiz.version}`}>
                <QuizQuestions questions={quiz.questions} />
              </CachedHtml>
              <button type="submit" disabled={submittingQuiz}>
                {submittingQuiz ? 'Checking your answers…' : 'Submit my answers'}
              </button>
            </Form>
          ) : (
            <p className="notice">
              {data.permission.reason === 'limit'
                ? 'You have used every attempt allowed for this quiz. Your trainer can help with next steps.'
                : `You can try again after ${data.waitUntil} (Pacific time).`}
            </p>
          )}
        </section>
      ) : data.complete ? null : (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="done" />
          <p>This unit has no quiz. When you have read it, mark it done.</p>
          <button type="submit">Mark this unit done</button>
        </Form>
      )}

      <nav aria-label="Units" className="pager">
        {data.prev ? (
          <Link to={`/courses/${data.course.slug}/units/${data.prev.slug}`}>← Previous: {data.prev.title}</Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link to={`/courses/${data.course.slug}/units/${data.next.slug}`}>Next: {data.next.title} →</Link>
        ) : (
          <Link to={`/courses/${data.course.slug}`}>Back to the course</Link>
        )}
      </nav>
    </article>
  );
}
