import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { publicQuestion } from '~/domain/practice';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useMaybeT, useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { answerPracticeItem, getOwnPracticeSet } from '~/models/practice.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

const paramsSchema = () => z.object({ course: slug, setId: z.uuid() });
const searchSchema = () => z.object({ shown: z.coerce.number().int().min(1).max(100).optional().catch(undefined) });
const answerSchema = () =>
  z.object({
    position: z.coerce.number({ message: 'trainee.practice.reload' }).int().min(1).max(100),
    choice: z.string({ message: 'trainee.practice.set.chooseAnswer' }).trim().min(1, 'trainee.practice.set.chooseAnswer').max(40),
  });

export const meta: MetaFunction = ({ matches }) =>
  i18nMeta(matches, 'trainee.practice.set.title', 'trainee.practice.set.description');

/** The trainee's own set in this course; anything else is a 404 like a set that does not exist. */
async function ownSet(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  const found = await getOwnPracticeSet(db(), user.id, p.setId);
  if (!found || found.set.course_slug !== c.course.slug || !c.exam)
    throw new Response('trainee.practice.set.notFound', { status: 404 });
  return { user, c, exam: c.exam, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { c, exam, set, items } = await ownSet(request, params);
  const { shown } = searchSchema().parse(Object.fromEntries(new URL(request.url).searchParams));
  const areaOf = new Map(exam.definition.areas.map((a) => [a.id, a]));
  const unitTitles = new Map(c.units.map((u) => [u.meta.slug, u.meta.title]));
  const studyLinks = (area: string) => (areaOf.get(area)?.units ?? []).map((u) => ({ slug: u, title: unitTitles.get(u) ?? u }));
  const answered = items.filter((i) => i.response !== null).length;
  const next = items.find((i) => i.response === null);
  // Keys and rationales only for questions already answered.
  const done = shown ? items.find((i) => i.position === shown && i.response !== null) : undefined;
  const feedback = done
    ? {
        position: done.position,
        prompt: done.snapshot.prompt,
        options: done.snapshot.options,
        chosen: done.response,
        answer: done.snapshot.answer,
        correct: done.correct === true,
        rationale: done.snapshot.rationale,
        area: areaOf.get(done.area)?.title ?? done.area,
        study: studyLinks(done.area),
      }
    : null;
  const question =
    !feedback && next
      ? {
          position: next.position,
          ...publicQuestion(next.snapshot),
          area: areaOf.get(next.area)?.title ?? next.area,
          review: next.reason === 'review',
        }
      : null;
  const summary =
    !feedback && !next
      ? {
          right: items.filter((i) => i.correct).length,
          missed: items
            .filter((i) => i.correct === false)
            .map((i) => ({
              position: i.position,
              prompt: i.snapshot.prompt,
              area: areaOf.get(i.area)?.title ?? i.area,
              study: studyLinks(i.area),
            })),
        }
      : null;
  return json({
    course: { slug: c.course.slug, title: c.course.title },
    setId: set.id,
    total: items.length,
    answered,
    hasNext: Boolean(next),
    question,
    feedback,
    summary,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, c, set } = await ownSet(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, answerSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = await answerPracticeItem(db(), { userId: user.id, setId: set.id, ...parsed.data });
  if (!result.ok) {
    if (result.reason === 'not-found') throw new Response('trainee.practice.set.questionNotFound', { status: 404 });
    return json({ errors: { choice: 'trainee.practice.set.chooseShown' } as Record<string, string> }, { status: 400 });
  }
  return redirect(`/courses/${c.course.slug}/practice/${set.id}?shown=${parsed.data.position}`);
}

function StudyLinks({ course, study }: { course: string; study: { slug: string; title: string }[] }) {
  const t = useT();
  if (!study.length) return null;
  return (
    <p>
      {t('trainee.practice.set.readMore')}{' '}
      {study.map((u, i) => (
        <span key={u.slug}>
          {i ? ' · ' : ''}
          <Link to={`/courses/${course}/units/${u.slug}`}>{u.title}</Link>
        </span>
      ))}
    </p>
  );
}

export default function PracticeSet() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  const maybeT = useMaybeT();
  const home = `/courses/${d.course.slug}/practice`;
  const error = a?.errors.choice ?? a?.errors.position;
  return (
    <>
      <p>
        <Link to={home}>{t('trainee.practice.set.home')}</Link>
      </p>
      <h1>{t('trainee.practice.set.heading')}</h1>
      <p className="muted">{t('trainee.practice.set.progress', { answered: d.answered, total: d.total })}</p>
      {d.question ? (
        <Form method="post" key={d.question.position}>
          <input type="hidden" name="position" value={d.question.position} />
          <p className="muted">
            {t('trainee.practice.set.position', { position: d.question.position, total: d.total, area: d.question.area })}
            {d.question.review ? t('trainee.practice.set.missedBefore') : ''}
          </p>
          <fieldset aria-describedby={error ? 'choice-error' : undefined} aria-invalid={error ? true : undefined}>
            <legend>{d.question.prompt}</legend>
            {d.question.options.map((o) => (
              <label key={o.id} className="choice">
                <input type="radio" name="choice" value={o.id} required />
                <span>{o.text}</span>
              </label>
            ))}
            {error ? (
              <p className="field-error" id="choice-error">
                {maybeT(error)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit">{t('trainee.practice.set.check')}</button>
        </Form>
      ) : null}
      {d.feedback ? (
        <section aria-labelledby="feedback-heading">
          <h2 id="feedback-heading" className={d.feedback.correct ? 'result-right' : 'result-wrong'}>
            {t(d.feedback.correct ? 'trainee.practice.set.right' : 'trainee.practice.set.notQuite')}
          </h2>
          <p className="muted">
            {t('trainee.practice.set.position', { position: d.feedback.position, total: d.total, area: d.feedback.area })}
          </p>
          <p className="item-prompt">{d.feedback.prompt}</p>
          <ul className="review-list">
            {d.feedback.options.map((o) => (
              <li key={o.id} className={o.id === d.feedback?.answer ? 'correct-option' : undefined}>
                {o.text}
                {o.id === d.feedback?.answer ? <strong>{t('trainee.practice.set.bestAnswer')}</strong> : null}
                {o.id === d.feedback?.chosen && o.id !== d.feedback?.answer ? (
                  <strong>{t('trainee.practice.set.yourAnswer')}</strong>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('trainee.practice.set.why')}</strong> {d.feedback.rationale}
          </p>
          {d.feedback.correct ? null : <p className="muted">{t('trainee.practice.set.comesBack')}</p>}
          <StudyLinks course={d.course.slug} study={d.feedback.study} />
          <p>
            <Link className="button" to={`${home}/${d.setId}`}>
              {t(d.hasNext ? 'trainee.practice.set.next' : 'trainee.practice.set.seeHow')}
            </Link>
          </p>
        </section>
      ) : null}
      {d.summary ? (
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('trainee.practice.set.done', { right: d.summary.right, total: d.total })}</h2>
          {d.summary.missed.length ? (
            <>
              <p>{t('trainee.practice.set.missedBack')}</p>
              <ul>
                {d.summary.missed.map((m) => (
                  <li key={m.position}>
                    <p>
                      {m.prompt} <span className="muted">({m.area})</span>
                    </p>
                    <StudyLinks course={d.course.slug} study={m.study} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="success">{t('trainee.practice.set.allRight')}</p>
          )}
          <p>
            <Link className="button" to={home}>
              {t('trainee.practice.set.backToPractice')}
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
