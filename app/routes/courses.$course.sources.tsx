import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { parseParams, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction = () => pageMeta('Sources · Peer Academy', 'The sources behind this course, with links.');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  return json({
    course: { slug: c.course.slug, title: c.course.title, disclaimer: c.course.disclaimer ?? null },
    sources: c.course.sources,
  });
}

export default function Sources() {
  const { course, sources } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </p>
      <h1>Sources</h1>
      {course.disclaimer ? <p className="notice">{course.disclaimer}</p> : null}
      <p>
        The course is written in our own words from these public sources. Where a fact could not be confirmed, the course leaves
        it out or tells you to ask your supervisor or agency.
      </p>
      <ul>
        {sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noreferrer">
              {s.title}
            </a>
            {s.note ? <span>: {s.note}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
