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

export const meta: MetaFunction = () =>
  pageMeta('Glossary · Peer Academy', 'Plain-language meanings of the terms used in this course.');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  const terms = c.units
    .flatMap((u) => (u.compiled?.keyTerms ?? []).map((t) => ({ ...t, unit: u.meta.slug, unitTitle: u.meta.title })))
    .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return json({ course: { slug: c.course.slug, title: c.course.title }, terms });
}

export default function Glossary() {
  const { course, terms } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </p>
      <h1>Glossary</h1>
      <p>Every key term from the course, in alphabetical order, with the unit that teaches it.</p>
      <dl>
        {terms.map((t) => (
          <div key={`${t.unit}-${t.term}`} className="card">
            <dt>
              <dfn>
                <strong>{t.term}</strong>
              </dfn>
            </dt>
            <dd>
              {t.definition}{' '}
              <span className="muted">
                (from <Link to={`/courses/${course.slug}/units/${t.unit}`}>{t.unitTitle}</Link>)
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
