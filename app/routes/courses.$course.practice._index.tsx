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
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import {
  dueReviewIds,
  newPracticeSetId,
  startPracticeSet,
  traineeReadiness,
  unfinishedPracticeSet,
} from '~/models/practice.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

const paramsSchema = () => z.object({ course: slug });
const startSchema = () =>
  z.object({
    size: z.enum(['10', '5'], { message: 'trainee.practice.chooseSize' }).transform(Number),
    token: z.uuid({ message: 'trainee.practice.reload' }),
  });

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.practice.title', 'trainee.practice.description');

async function practiceCourse(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  if (!c.exam) throw new Response('trainee.practice.noQuestions', { status: 404 });
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
          form: result.reason === 'empty' ? 'trainee.practice.empty' : 'trainee.practice.restart',
        } as Record<string, string>,
      },
      { status: result.reason === 'empty' ? 409 : 400 },
    );
  return redirect(`/courses/${course.slug}/practice/${result.setId}`);
}

export default function PracticeHome() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/courses/${d.course.slug}`}>{t('trainee.practice.back', { course: d.course.title })}</Link>
      </p>
      <h1>{t('trainee.practice.heading')}</h1>
      <p>{t('trainee.practice.intro')}</p>
      {d.due > 0 ? <p className="notice">{t('trainee.practice.due', { count: d.due })}</p> : null}
      {d.unfinished ? (
        <p>
          <Link to={`/courses/${d.course.slug}/practice/${d.unfinished.id}`}>{t('trainee.practice.continue')}</Link>
        </p>
      ) : null}
      <section aria-labelledby="start-heading" className="card">
        <h2 id="start-heading">{t('trainee.practice.start')}</h2>
        <FormError error={a?.errors.form} />
        <Form method="post">
          <input type="hidden" name="token" value={d.token} />
          <div className="pager">
            <button type="submit" name="size" value="10">
              {t('trainee.practice.ten')}
            </button>
            <button type="submit" name="size" value="5" className="secondary">
              {t('trainee.practice.five')}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">{t('trainee.practice.howHeading')}</h2>
        <p>{t('trainee.practice.howIntro', { min: MIN_ANSWERS })}</p>
        <p className="notice">{t('trainee.practice.notPrediction')}</p>
        <ReadinessChart rows={d.readiness} label={t('trainee.practice.chart')} />
      </section>
    </>
  );
}
