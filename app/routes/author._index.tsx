import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableWrap } from '~/components/table-wrap';
import { getContent } from '~/content/content.server';
import { formatProblem, sortProblems } from '~/content/problems';
import { KIND_LABEL, type StudioKind } from '~/content/studio';
import { contentRoot, editLinkFor, listStudioFiles } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import { env } from '~/infra/env.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta(
    'Author overview · Peer Academy',
    'The courses, units, quizzes and item bank authors look after, with any problems to fix.',
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const content = await getContent();
  const problems = sortProblems(content.problems);
  const root = contentRoot();
  const files = new Map(
    await Promise.all(content.courses.map(async (c) => [c.course.slug, await listStudioFiles(root, c.course.slug)] as const)),
  );
  return json({
    version: content.version,
    editing: env().CONTENT_EDITING,
    problems: problems.map((p) => ({ text: formatProblem(p), edit: editLinkFor(root, p.file) })),
    courses: content.courses.map((c) => ({
      slug: c.course.slug,
      title: c.course.title,
      units: [...c.units, ...c.retiredUnits]
        .sort((a, b) => a.meta.order - b.meta.order)
        .map((u) => ({
          retired: Boolean(u.meta.retired),
          file: u.file,
          slug: u.meta.slug,
          order: u.meta.order,
          title: u.meta.title,
          hasQuiz: Boolean(u.quiz),
          words: u.compiled?.words ?? null,
          grade: u.compiled?.grade ?? null,
          competencies: u.meta.competencies,
          questions: u.quiz?.questions.length ?? 0,
          problems: problems.filter((p) => p.file === u.file || p.file === u.quiz?.file).length,
        })),
      bank: c.exam
        ? c.exam.definition.areas.map((a) => ({
            id: a.id,
            title: a.title,
            have: c.exam?.items.filter((i) => i.area === a.id).length ?? 0,
            draws: c.exam?.definition.forms.map((f) => ({ form: f.id, n: f.blueprint[a.id] ?? 0 })) ?? [],
          }))
        : [],
      scenarios: c.exam?.scenarios.length ?? 0,
      // Unit texts and quizzes of the first edition have their own rows above.
      files: (files.get(c.course.slug) ?? []).filter((f) => f.edition || (f.kind !== 'unit' && f.kind !== 'quiz')),
    })),
  });
}

const KIND_ORDER: StudioKind[] = ['course', 'exam', 'items', 'scenarios', 'unit', 'quiz'];
const KIND_HEADING: Record<StudioKind, string> = {
  course: 'Course file (description, rules, completion, sources, redirects)',
  exam: 'Exam blueprint and forms',
  items: 'Exam items, one file per content area',
  scenarios: 'Scenarios and rubrics',
  unit: 'Unit texts in other editions',
  quiz: 'Quizzes in other editions',
};

export default function AuthorOverview() {
  const { courses, problems, version, editing } = useLoaderData<typeof loader>();
  return (
    <div className="wide">
      <h1>Content overview</h1>
      <p className="muted">Content version {version}. The same checks as npm run content:check.</p>
      <p>
        Preview any unit as trainees see it, with its quiz answers, or edit it in the browser.{' '}
        {editing
          ? 'Editing is on: a saved change is checked first, recorded, and shown to trainees at once.'
          : 'Editing is off on this server (CONTENT_EDITING): you can check and preview changes, but not save them.'}
      </p>
      {problems.length ? (
        <section aria-labelledby="problems-heading" className="form-error">
          <h2 id="problems-heading">{problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix</h2>
          <ul>
            {problems.map((p) => (
              <li key={p.text}>
                <code>{p.text}</code>
                {p.edit ? (
                  <>
                    {' '}
                    <Link to={p.edit}>Fix it in the editor</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="success">All content is valid.</p>
      )}
      {courses.map((c) => (
        <section key={c.slug} aria-labelledby={`c-${c.slug}`}>
          <h2 id={`c-${c.slug}`}>{c.title}</h2>
          <TableWrap label="Units">
            <table>
              <caption className="visually-hidden">Units of {c.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  <th scope="col">Words</th>
                  <th scope="col">Reading grade</th>
                  <th scope="col">Quiz questions</th>
                  <th scope="col">Competencies</th>
                  <th scope="col">Status</th>
                  <th scope="col">Studio</th>
                </tr>
              </thead>
              <tbody>
                {c.units.map((u) => (
                  <tr key={u.file}>
                    <td>
                      {u.order}. {u.title}
                      {u.retired ? ' (retired)' : null}
                    </td>
                    <td>{u.words ?? '-'}</td>
                    <td>{u.grade ?? '-'}</td>
                    <td>{u.questions}</td>
                    <td>{u.competencies.join(', ')}</td>
                    <td>{u.problems ? (u.problems === 1 ? '1 problem' : `${u.problems} problems`) : 'Valid'}</td>
                    <td>
                      <ul className="studio-links">
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}`}
                            aria-label={`Preview unit ${u.order}: ${u.title}`}
                          >
                            Preview
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/edit`}
                            aria-label={`Edit text of unit ${u.order}: ${u.title}`}
                          >
                            Edit text
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/edit?file=quiz`}
                            aria-label={`${u.hasQuiz ? 'Edit quiz of' : 'Add quiz to'} unit ${u.order}: ${u.title}`}
                          >
                            {u.hasQuiz ? 'Edit quiz' : 'Add quiz'}
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/manage`}
                            aria-label={`Rename, move or retire unit ${u.order}: ${u.title}`}
                          >
                            Rename, move, retire
                          </Link>
                        </li>
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="studio-links">
            <Link to={`/author/courses/${c.slug}/units/new`}>Add a unit</Link> ·{' '}
            <Link to={`/author/courses/${c.slug}/glossary`}>Glossary terms</Link>
          </p>
          <h3>Other files of this course</h3>
          <ul>
            {KIND_ORDER.map((kind) => {
              const list = c.files.filter((f) => f.kind === kind);
              if (!list.length) return null;
              return (
                <li key={kind}>
                  {KIND_HEADING[kind]}:{' '}
                  {list.map((f, i) => (
                    <span key={f.rel}>
                      {i ? ', ' : null}
                      <Link to={f.link} aria-label={`Edit ${KIND_LABEL[kind]}: ${f.path}`}>
                        {f.path}
                      </Link>
                    </span>
                  ))}
                </li>
              );
            })}
          </ul>
          {c.bank.length ? (
            <>
              <h3>Practice exam item bank ({c.scenarios === 1 ? '1 scenario question' : `${c.scenarios} scenario questions`})</h3>
              <p>
                <Link to={`/trainer/practice?course=${c.slug}`}>How trainees answer these items in practice sets</Link>
              </p>
              <TableWrap label="Item bank">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Content area</th>
                      <th scope="col">Items in bank</th>
                      {c.bank[0].draws.map((d) => (
                        <th scope="col" key={d.form}>
                          {d.form} form draws
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {c.bank.map((a) => (
                      <tr key={a.id}>
                        <td>
                          <Link to={`/author/courses/${c.slug}/exam?area=${a.id}`}>{a.title}</Link>
                        </td>
                        <td>{a.have}</td>
                        {a.draws.map((d) => (
                          <td key={d.form}>{d.n}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}
