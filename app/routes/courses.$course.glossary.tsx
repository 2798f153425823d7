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

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'trainee.glossary.title', 'trainee.glossary.description');

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
  const t = useT();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </p>
      <h1>{t('trainee.glossary.heading')}</h1>
      <p>{t('trainee.glossary.intro')}</p>
      <dl>
        {terms.map((term) => (
          <div key={`${term.unit}-${term.term}`} className="card">
            <dt>
              <dfn>
                <strong>{term.term}</strong>
              </dfn>
            </dt>
            <dd>
              {term.definition}{' '}
              <span className="muted">
                {t('trainee.glossary.from', {
                  unit: term.unitTitle,
                  link: (chunks) => <Link to={`/courses/${course.slug}/units/${term.unit}`}>{chunks}</Link>,
                })}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
