import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { ProblemList, QuizKeyView, UnitView } from '~/components/author-preview';
import { getDraftContent, requireCourse } from '~/content/content.server';
import { sortProblems } from '~/content/problems';
import { formatQuality, quizQuality } from '~/content/quiz-quality';
import { quizKey } from '~/content/studio';
import { contentRoot, findStudioTarget } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { parseParams, slug } from '~/web/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'author.unitPreview.title', 'author.unitPreview.description', {
    unit: data?.title ?? metaT(matches)('author.unitPreview.titleUnit'),
  });

const code = (chunks: ReactNode) => <code>{chunks}</code>;

const paramsSchema = () => z.object({ course: slug, unit: slug });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course, undefined, 'draft');
  const file = await findStudioTarget(db(), contentRoot(), p.course, p.unit, 'unit');
  if (!file) throw new Response('author.studio.unitNotFound', { status: 404 });
  const unit = course.units.find((u) => u.meta.slug === p.unit);
  const quizFile = file.display.replace(/\.mdx$/, '.quiz.yaml');
  const content = await getDraftContent();
  const mine = (x: { file: string }) => x.file === file.display || x.file === quizFile;
  const problems = sortProblems(content.problems.filter(mine));
  const warnings = sortProblems(content.warnings.filter(mine));
  // Answer keys are fine here: this page is for authors only.
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    slug: p.unit,
    title: unit?.meta.title ?? p.unit,
    file: file.display,
    unitCount: course.units.length,
    unit: unit?.compiled
      ? {
          title: unit.meta.title,
          order: unit.meta.order,
          minutes: unit.meta.minutes,
          objectives: unit.meta.objectives,
          contentNote: unit.meta.contentNote ?? null,
          segments: unit.compiled.segments,
          words: unit.compiled.words,
          grade: unit.compiled.grade,
        }
      : null,
    competencies: unit?.meta.competencies ?? [],
    quiz: unit?.quiz ? quizKey(unit.quiz) : null,
    quality: unit?.quiz ? formatQuality(quizQuality(unit.quiz)) : null,
    problems,
    warnings,
  });
}

export default function AuthorUnitPreview() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const edit = `/author/courses/${data.course.slug}/units/${data.slug}/edit`;
  return (
    <div className="wide">
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link> · <Link to={edit}>{t('author.studio.editUnitText')}</Link> ·{' '}
        <Link to={`${edit}?file=quiz`}>{data.quiz ? t('author.studio.editQuiz') : t('author.unitPreview.addQuiz')}</Link> ·{' '}
        <Link to={`/courses/${data.course.slug}/units/${data.slug}`}>{t('author.unitPreview.openAsTrainee')}</Link>
      </nav>
      <p className="notice">
        {t('author.unitPreview.notice', {
          file: data.file,
          course: data.course.title,
          competencies: data.competencies.join(', ') || t('author.unitPreview.none'),
          code,
        })}
      </p>
      {data.problems.length ? (
        <section aria-labelledby="problems-heading" className="form-error">
          <h2 id="problems-heading">{t('author.unitPreview.problems')}</h2>
          <ProblemList problems={data.problems} />
        </section>
      ) : null}
      {data.warnings.length ? (
        <section aria-labelledby="warnings-heading" className="notice">
          <h2 id="warnings-heading">{t('author.unitPreview.warnings')}</h2>
          <ProblemList problems={data.warnings} />
        </section>
      ) : null}
      {data.unit ? (
        <UnitView unit={data.unit} />
      ) : (
        <>
          <h1>{data.title}</h1>
          <p>{t('author.unitPreview.cannotShow')}</p>
        </>
      )}
      <section aria-labelledby="quiz-heading" className="card">
        <h2 id="quiz-heading">{t('author.unitPreview.quizHeading')}</h2>
        {data.quality ? <p className="muted">{t('author.unitPreview.quizFigures', { quality: data.quality })}</p> : null}
        {data.quiz ? <QuizKeyView quiz={data.quiz} /> : <p>{t('author.unitPreview.noQuiz')}</p>}
      </section>
    </div>
  );
}
