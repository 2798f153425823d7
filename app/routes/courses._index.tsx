import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getContent } from '~/content/content.server';
import { courseProgress } from '~/domain/progress';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { getUnitProgress } from '~/models/progress.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('Your courses · Peer Academy', 'Your Peer Academy courses and how far you have come.');

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
  return (
    <>
      <h1>Your courses</h1>
      {courses.length === 0 ? <p>There are no courses yet.</p> : null}
      {courses.map((c) => (
        <section key={c.slug} className="card" aria-labelledby={`course-${c.slug}`}>
          <h2 id={`course-${c.slug}`}>
            <Link to={`/courses/${c.slug}`}>{c.title}</Link>
          </h2>
          <p>{c.description}</p>
          <label htmlFor={`progress-${c.slug}`}>
            {c.complete} of {c.units} units complete
          </label>
          <progress id={`progress-${c.slug}`} max={c.units} value={c.complete}>
            {c.percent}%
          </progress>
        </section>
      ))}
    </>
  );
}
