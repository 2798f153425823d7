import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { parseParams, slug } from '~/web/forms.server';

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.sources.title', 'trainee.sources.description');

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
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </p>
      <h1>{t('trainee.sources.heading')}</h1>
      {course.disclaimer ? <p className="notice">{course.disclaimer}</p> : null}
      <p>{t('trainee.sources.intro')}</p>
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
