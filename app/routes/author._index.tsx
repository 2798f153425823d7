import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ProblemLinks } from '~/components/author-preview';
import { TableWrap } from '~/components/table-wrap';
import { getDraftContent } from '~/content/content.server';
import { formatProblem, sortProblems } from '~/content/problems';
import { unpublishedChangeCount } from '~/content/publish.server';
import { KIND_MESSAGE, type StudioKind } from '~/content/studio';
import { contentRoot, editLinkFor, listStudioFiles } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import type { MessageId } from '~/i18n/catalogues';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'author.overview.title', 'author.overview.description');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const content = await getDraftContent();
  const problems = sortProblems(content.problems);
  const root = contentRoot();
  const files = new Map(
    await Promise.all(
      content.courses.map(async (c) => [c.course.slug, await listStudioFiles(db(), root, c.course.slug)] as const),
    ),
  );
  return json({
    version: content.version,
    editing: env().CONTENT_EDITING,
    publishChanges: await unpublishedChangeCount(db()),
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
const KIND_HEADING: Record<StudioKind, MessageId> = {
  course: 'author.overview.kind.course',
  exam: 'author.overview.kind.exam',
  items: 'author.overview.kind.items',
  scenarios: 'author.overview.kind.scenarios',
  unit: 'author.overview.kind.unit',
  quiz: 'author.overview.kind.quiz',
};
export default function AuthorOverview() {
  const { courses, problems, version, editing, publishChanges } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="wide">
      <h1>{t('author.overview.heading')}</h1>
      <p className="muted">{t('author.overview.version', { version })}</p>
      <p>
        {t('author.overview.intro')} {editing ? t('author.overview.editingOn') : t('author.overview.editingOff')}
      </p>
      <p className="studio-links">
        <Link to="/author/publish">{t('author.overview.publishLink', { count: publishChanges })}</Link>
      </p>
      {problems.length ? (
        <section aria-labelledby="problems-heading" className="form-error">
          <h2 id="problems-heading">{t('author.overview.problemsHeading', { count: problems.length })}</h2>
          <ProblemLinks problems={problems} />
        </section>
      ) : (
        <p className="success">{t('author.overview.allValid')}</p>
      )}
      {courses.map((c) => (
        <section key={c.slug} aria-labelledby={`c-${c.slug}`}>
          <h2 id={`c-${c.slug}`}>{c.title}</h2>
          <TableWrap label={t('author.overview.unitsLabel')}>
            <table>
              <caption className="visually-hidden">{t('author.overview.unitsCaption', { course: c.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('author.overview.col.unit')}</th>
                  <th scope="col">{t('author.overview.col.words')}</th>
                  <th scope="col">{t('author.overview.col.grade')}</th>
                  <th scope="col">{t('author.overview.col.questions')}</th>
                  <th scope="col">{t('author.overview.col.competencies')}</th>
                  <th scope="col">{t('author.overview.col.status')}</th>
                  <th scope="col">{t('author.overview.col.studio')}</th>
                </tr>
              </thead>
              <tbody>
                {c.units.map((u) => (
                  <tr key={u.file}>
                    <td>
                      {u.order}. {u.title}
                      {u.retired ? t('author.overview.retired') : null}
                    </td>
                    <td>{u.words ?? '-'}</td>
                    <td>{u.grade ?? '-'}</td>
                    <td>{u.questions}</td>
                    <td>{u.competencies.join(', ')}</td>
                    <td>{u.problems ? t('author.overview.unitProblems', { count: u.problems }) : t('author.overview.valid')}</td>
                    <td>
                      <ul className="studio-links">
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}`}
                            aria-label={t('author.overview.previewLabel', { order: u.order, title: u.title })}
                          >
                            {t('author.overview.preview')}
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/edit`}
                            aria-label={t('author.overview.editTextLabel', { order: u.order, title: u.title })}
                          >
                            {t('author.overview.editText')}
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/edit?file=quiz`}
                            aria-label={t(u.hasQuiz ? 'author.overview.editQuizLabel' : 'author.overview.addQuizLabel', {
                              order: u.order,
                              title: u.title,
                            })}
                          >
                            {u.hasQuiz ? t('author.overview.editQuiz') : t('author.overview.addQuiz')}
                          </Link>
                        </li>
                        <li>
                          <Link
                            to={`/author/courses/${c.slug}/units/${u.slug}/manage`}
                            aria-label={t('author.overview.manageLabel', { order: u.order, title: u.title })}
                          >
                            {t('author.overview.manage')}
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
            <Link to={`/author/courses/${c.slug}/units/new`}>{t('author.overview.addUnit')}</Link> ·{' '}
            <Link to={`/author/courses/${c.slug}/glossary`}>{t('author.overview.glossary')}</Link>
          </p>
          <h3>{t('author.overview.otherFiles')}</h3>
          <ul>
            {KIND_ORDER.map((kind) => {
              const list = c.files.filter((f) => f.kind === kind);
              if (!list.length) return null;
              return (
                <li key={kind}>
                  {t(KIND_HEADING[kind])}:{' '}
                  {list.map((f, i) => (
                    <span key={f.rel}>
                      {i ? ', ' : null}
                      <Link
                        to={f.link}
                        aria-label={t('author.overview.editFileLabel', { kind: t(KIND_MESSAGE[kind]), path: f.path })}
                      >
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
              <h3>{t('author.overview.bankHeading', { count: c.scenarios })}</h3>
              <p>
                <Link to={`/trainer/practice?course=${c.slug}`}>{t('author.overview.practiceLink')}</Link>
              </p>
              <TableWrap label={t('author.overview.bankLabel')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('author.overview.col.area')}</th>
                      <th scope="col">{t('author.overview.col.have')}</th>
                      {c.bank[0].draws.map((d) => (
                        <th scope="col" key={d.form}>
                          {t('author.overview.col.draws', { form: d.form })}
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
