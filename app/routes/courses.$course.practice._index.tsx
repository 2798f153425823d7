import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { ReadinessChart } from '~/components/practice-readiness';
import { requireCourse } from '~/content/content.server';
import { MIN_ANSWERS } from '~/domain/readiness';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { db } from '~/infra/db.server';
import {
  dueReviewIds,
  newPracticeSetId,
  startPracticeSet,
  traineeReadiness,
  unfinishedPracticeSet,
} from '~/models/practice.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

const paramsSchema = () => z.object({ course: slug });
const startSchema = () =>
  z.object({
    size: z.enum(['10', '5'], { message: 'Choose how many questions.' }).transform(Number),
    token: z.uuid({ message: 'Reload the page and try again.' }),
  });

export const meta: MetaFunction = () =>
  pageMeta(
    'Practice questions · Peer Academy',
    'Practice questions drawn from the areas you most need, with spaced review of missed questions.',
  );

async function practiceCourse(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  if (!c.exam) throw new Response('This course has no practice questions.', { status: 404 });
  return { c, course: { slug: c.course.slug, exam: c.exam } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { c, course } = await practiceCourse(request, params);
  const [rows, due, unfinished] = await Promise.all([
    traineeReadiness(db(), user.id, course),
    dueReviewIds(db(), user.id, course),
    unfinishedPracticeSet(db(), user.id, course.slug),
  ]);
  const titles = new Map(course.exam.definition.areas.map((a) => [a.id, a.title]));
  return json({
    course: { slug: c.course.slug, title: c.course.title },
    readiness: rows.map((r) => ({ ...r, title: titles.get(r.area) ?? r.area })),
    due: due.length,
    unfinished: unfinished ? { id: unfinished.id } : null,
    // Names the set the start form creates, so sending the form twice makes one set.
    token: newPracticeSetId(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { c, course } = await practiceCourse(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, startSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = await startPracticeSet(db(), {
    userId: user.id,
    course,
    size: parsed.data.size,
    setId: parsed.data.token,
    locale: c.locale,
  });
  if (!result.ok)
    return json(
      {
        errors: {
          form:
            result.reason === 'empty' ? 'There are no practice questions to ask right now.' : 'Reload the page and start again.',
        } as Record<string, string>,
      },
      { status: result.reason === 'empty' ? 409 : 400 },
    );
  return redirect(`/courses/${course.slug}/practice/${result.setId}`);
}

export default function PracticeHome() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/courses/${d.course.slug}`}>Back to {d.course.title}</Link>
      </p>
      <h1>Practice questions</h1>
      <p>
        Short sets of questions, one at a time, with the answer and the reason right after each one. No timer. Each set mixes
        content areas and asks more from the areas where you need the most practice.
      </p>
      {d.due > 0 ? (
        <p className="notice">
          {d.due} {d.due === 1 ? 'question' : 'questions'} to review today: questions you missed before come back first.
        </p>
      ) : null}
      {d.unfinished ? (
        <p>
          <Link to={`/courses/${d.course.slug}/practice/${d.unfinished.id}`}>Continue your unfinished set</Link>
        </p>
      ) : null}
      <section aria-labelledby="start-heading" className="card">
        <h2 id="start-heading">Start a set</h2>
        <FormError error={a?.errors.form} />
        <Form method="post">
          <input type="hidden" name="token" value={d.token} />
          <div className="pager">
            <button type="submit" name="size" value="10">
              10 questions
            </button>
            <button type="submit" name="size" value="5" className="secondary">
              Just a few minutes (5 questions)
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">How your practice is going</h2>
        <p>
          For each content area: our estimate of your chance of answering a new practice question right, from your practice and
          practice-exam answers (recent answers count more). It needs {MIN_ANSWERS} answers in an area before it shows a figure.
        </p>
        <p className="notice">
          This is practice. It does not predict your result on the official certification exam, and it is not a pass mark.
        </p>
        <ReadinessChart rows={d.readiness} label="Your practice estimate by content area" />
      </section>
    </>
  );
}
