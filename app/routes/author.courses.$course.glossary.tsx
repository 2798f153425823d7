import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { keyTermLines } from '~/content/studio';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { parseParams, slug } from '~/web/forms.server';

// The glossary is built from the <KeyTerm> components in the units: to change a term, edit it
// where the unit defines it. Each term links to the unit editor at its line.

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'author.glossary.title', 'author.glossary.description');

const paramsSchema = () => z.object({ course: slug });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, undefined, 'draft');
  const terms = c.units
    .flatMap((u) =>
      keyTermLines(u.source).map((t) => ({
        term: t.term,
        line: t.line,
        unit: u.meta.slug,
        unitTitle: u.meta.title,
        definition: u.compiled?.keyTerms.find((k) => k.term === t.term)?.definition ?? null,
      })),
    )
    .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return json({ course: { slug: c.course.slug, title: c.course.title }, terms });
}

export default function AuthorGlossary() {
  const { course, terms } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="wide">
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link> ·{' '}
        <Link to={`/courses/${course.slug}/glossary`}>{t('author.glossary.asTrainees')}</Link>
      </nav>
      <h1>{t('author.glossary.heading', { course: course.title })}</h1>
      <p>{t('author.glossary.intro', { tag: '<KeyTerm>', code: (chunks: ReactNode) => <code>{chunks}</code> })}</p>
      {terms.length ? (
        <ul>
          {terms.map((term) => (
            <li key={`${term.unit}-${term.line}`}>
              <Link
                to={`/author/courses/${course.slug}/units/${term.unit}/edit?line=${term.line}`}
                aria-label={t('author.glossary.editLabel', { term: term.term, unit: term.unitTitle, line: term.line })}
              >
                {term.term}
              </Link>{' '}
              <span className="muted">{t('author.glossary.where', { unit: term.unitTitle, line: term.line })}</span>
              {term.definition ? <>: {term.definition}</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('author.glossary.empty')}</p>
      )}
    </div>
  );
}
