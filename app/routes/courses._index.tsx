import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getContent } from '~/content/content.server';
import { courseProgress } from '~/domain/progress';
import { requireUser } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { getUnitProgress } from '~/models/progress.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.courses.title', 'trainee.courses.description');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const content = await getContent();
  const courses = await Promise.all(
    content.courses.map(async (c) => {
      const rows = await getUnitProgress(db(), user.id, c.course.slug);
      const p = courseProgress(
        c.units.map((u) => u.meta.slug),
        rows,
      );
      return {
        slug: c.course.slug,
        title: c.course.title,
        description: c.course.description,
        units: c.units.length,
        complete: p.complete,
        percent: p.percent,
      };
    }),
  );
  return json({ courses });
}

export default function Courses() {
  const { courses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('trainee.courses.heading')}</h1>
      {courses.length === 0 ? <p>{t('trainee.courses.empty')}</p> : null}
      {courses.map((c) => (
        <section key={c.slug} className="card" aria-labelledby={`course-${c.slug}`}>
          <h2 id={`course-${c.slug}`}>
            <Link to={`/courses/${c.slug}`}>{c.title}</Link>
          </h2>
          <p>{c.description}</p>
          <label htmlFor={`progress-${c.slug}`}>{t('trainee.courses.progress', { complete: c.complete, units: c.units })}</label>
          <progress id={`progress-${c.slug}`} max={c.units} value={c.complete}>
            {c.percent}%
          </progress>
        </section>
      ))}
    </>
  );
}
