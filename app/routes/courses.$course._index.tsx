import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Announcements } from '~/components/announcements';
import { requireCourse } from '~/content/content.server';
import { courseProgress, examUnlocked, unitStatus } from '~/domain/progress';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { announcementsForTrainee } from '~/models/announcement.server';
import { getUnitProgress } from '~/models/progress.server';
import { pacificDateTime } from '~/web/dates';
import { parseParams, slug } from '~/web/forms.server';

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? 'Course'} · Peer Academy` }];

const STATUS_LABEL = { 'not-started': 'Not started', started: 'In progress', complete: 'Complete' } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course);
  const [rows, announcements] = await Promise.all([
    getUnitProgress(db(), user.id, c.course.slug),
    announcementsForTrainee(db(), user.id),
  ]);
  const bySlug = new Map(rows.map((r) => [r.unit_slug, r]));
  const progress = courseProgress(
    c.units.map((u) => u.meta.slug),
    rows,
  );
  return json({
    course: {
      slug: c.course.slug,
      title: c.course.title,
      description: c.course.description,
      disclaimer: c.course.disclaimer ?? null,
    },
    units: c.units.map((u) => {
      const r = bySlug.get(u.meta.slug);
      return {
        slug: u.meta.slug,
        order: u.meta.order,
        title: u.meta.title,
        summary: u.meta.summary,
        minutes: u.meta.minutes,
        hasQuiz: Boolean(u.quiz),
        status: unitStatus(r),
        bestPercent: r?.best_percent ?? null,
      };
    }),
    progress,
    continueTitle: c.units.find((u) => u.meta.slug === progress.continueWith)?.meta.title ?? null,
    examUnlocked: examUnlocked(progress),
    hasExam: Boolean(c.exam),
    announcements: announcements.map((a) => ({ ...a, published: pacificDateTime(a.publishedAt) })),
  });
}

export default function CoursePage() {
  const { course, units, progress, continueTitle, examUnlocked, hasExam, announcements } = useLoaderData<typeof loader>();
  const minutesLeft = units.filter((u) => u.status !== 'complete').reduce((s, u) => s + u.minutes, 0);
  return (
    <>
      <h1>{course.title}</h1>
      <p>{course.description}</p>
      {course.disclaimer ? <p className="notice">{course.disclaimer}</p> : null}
      <Announcements items={announcements} redirectTo={`/courses/${course.slug}`} />
      <section aria-labelledby="progress-heading" className="card">
        <h2 id="progress-heading">Your progress</h2>
        <label htmlFor="course-progress">
          {progress.complete} of {progress.total} units complete ({progress.percent}%)
        </label>
        <progress id="course-progress" max={progress.total} value={progress.complete}>
          {progress.percent}%
        </progress>
        {minutesLeft > 0 ? <p className="muted">About {minutesLeft} minutes of learning left.</p> : null}
        {progress.continueWith ? (
          <p>
            <Link className="button" to={`units/${progress.continueWith}`}>
              {progress.complete === 0 && !units.some((u) => u.status === 'started') ? 'Start' : 'Continue'}: {continueTitle}
            </Link>
          </p>
        ) : (
          <p className="success">You have completed every unit. Well done.</p>
        )}
      </section>
      <h2>Units</h2>
      <ol className="unit-list">
        {units.map((u) => (
          <li key={u.slug}>
            <Link to={`units/${u.slug}`}>
              <strong>{u.title}</strong>
            </Link>
            <p>{u.summary}</p>
            <p className="muted">
              <span className={`status status-${u.status}`}>{STATUS_LABEL[u.status]}</span> · about {u.minutes} minutes
              {u.bestPercent !== null ? ` · best quiz score ${u.bestPercent}%` : ''}
            </p>
          </li>
        ))}
      </ol>
      {hasExam ? (
        <section aria-labelledby="exam-heading" className="card">
          <h2 id="exam-heading">Practice certification exam</h2>
          {examUnlocked ? (
            <p>
              The practice exam is open to you. <Link to="exam">Go to the practice exam</Link>
            </p>
          ) : (
            <p>
              The practice exam opens when every unit is complete. <Link to="exam">See what remains</Link>
            </p>
          )}
        </section>
      ) : null}
      <p>
        <Link to="glossary">Glossary of key terms</Link> · <Link to="sources">Sources</Link>
      </p>
    </>
  );
}
