import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { keyTermLines } from '~/content/studio';
import { requireRole } from '~/guards/auth.server';
import { parseParams, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// The glossary is built from the <KeyTerm> components in the units: to change a term, edit it
// where the unit defines it. Each term links to the unit editor at its line.

export const meta: MetaFunction = () =>
  pageMeta('Glossary terms · Author studio · Peer Academy', 'Every key term of the course, with a link to where it is written.');

const paramsSchema = () => z.object({ course: slug });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course);
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
  return (
    <div className="wide">
      <nav aria-label="Author studio" className="studio-nav">
        <Link to="/author">Content overview</Link> ·{' '}
        <Link to={`/courses/${course.slug}/glossary`}>Glossary as trainees see it</Link>
      </nav>
      <h1>Glossary terms: {course.title}</h1>
      <p>
        The glossary gathers every <code>&lt;KeyTerm&gt;</code> of the units. To change a term or its definition, edit it in its
        unit: each link opens the unit editor at the term's line.
      </p>
      {terms.length ? (
        <ul>
          {terms.map((t) => (
            <li key={`${t.unit}-${t.line}`}>
              <Link
                to={`/author/courses/${course.slug}/units/${t.unit}/edit?line=${t.line}`}
                aria-label={`Edit "${t.term}" in ${t.unitTitle}, line ${t.line}`}
              >
                {t.term}
              </Link>{' '}
              <span className="muted">
                ({t.unitTitle}, line {t.line})
              </span>
              {t.definition ? <>: {t.definition}</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No key terms yet. Add one to a unit with a KeyTerm component (see the author guide).</p>
      )}
    </div>
  );
}
