import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { Announcements } from '~/components/announcements';
import { CertificateDownloads } from '~/components/certificate-downloads';
import { EditionNote } from '~/components/edition-note';
import { HoursDetail, HoursSummary, TraineeCompletion } from '~/components/training-hours';
import { requireCourse } from '~/content/content.server';
import { editionNote } from '~/content/editions.server';
import { courseProgress, examUnlocked, unitStatus } from '~/domain/progress';
import { requireUser } from '~/guards/auth.server';
import { requestLocale } from '~/i18n/locale.server';
import { metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { announcementsForTrainee } from '~/models/announcement.server';
import { certificatesFor } from '~/models/certificate.server';
import { dueReviewIds } from '~/models/practice.server';
import { getUnitProgress } from '~/models/progress.server';
import { completionState, confirmLegalName } from '~/models/training-record.server';
import { hoursView } from '~/views/training-hours';
import { pacificDateTime } from '~/web/dates';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

const paramsSchema = () => z.object({ course: slug });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return pageMeta(
    t('trainee.course.title', { title: data?.course.title ?? t('trainee.course.titleFallback') }),
    data?.course.description || t('site.description'),
  );
};

const STATUS_LABEL = {
  'not-started': 'trainee.course.status.not-started',
  started: 'trainee.course.status.started',
  complete: 'trainee.course.status.complete',
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course, await requestLocale(request));
  const [rows, record, announcements] = await Promise.all([
    getUnitProgress(db(), user.id, c.course.slug),
    completionState(db(), user.id, c),
    announcementsForTrainee(db(), user.id),
  ]);
  const now = Date.now();
  const locale = await requestLocale(request);
  const bySlug = new Map(rows.map((r) => [r.unit_slug, r]));
  const progress = courseProgress(
    c.units.map((u) => u.meta.slug),
    rows,
  );
  return json({
    edition: editionNote(c),
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
    // Practice questions (ADR 027): how many missed questions are due for review today.
    practiceDue: c.exam ? (await dueReviewIds(db(), user.id, { slug: c.course.slug, exam: c.exam })).length : null,
    // The trainee's own valid certificates (ADR 023).
    certificates: (await certificatesFor(db(), user.id, c.course.slug))
      .filter((x) => x.status === 'valid')
      .map((x) => ({ id: x.id, number: x.number, issuedOn: pacificDateTime(x.issuedAt, locale) })),
    hours: hoursView(record, locale),
    // The trainee's own sessions: upcoming ones, and past ones with their own mark only.
    upcoming: record.ledger.sessions
      .filter((s) => s.startsAt > now)
      .map((s) => ({ id: s.id, title: s.title, when: pacificDateTime(s.startsAt, locale), makeup: s.makeup })),
    announcements: announcements.map((a) => ({ ...a, published: pacificDateTime(a.publishedAt, locale) })),
  });
}

const legalNameSchema = () => z.object({ intent: z.literal('confirm-legal-name'), legalName: z.string().max(300) });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const c = await requireCourse(p.course);
  const form = await readForm(request);
  const parsed = parseForm(form, legalNameSchema);
  if (!parsed.ok) throw new Response('trainee.course.badAction', { status: 400 });
  // Confirms only the name the page showed: a name changed meanwhile must be seen first.
  const ok = await confirmLegalName(db(), user.id, parsed.data.legalName);
  if (!ok) return json({ error: 'trainee.course.legalNameChanged' }, { status: 409 });
  return redirect(`/courses/${c.course.slug}#completion-heading`);
}

export default function CoursePage() {
  const {
    course,
    units,
    progress,
    continueTitle,
    examUnlocked,
    hasExam,
    practiceDue,
    certificates,
    hours,
    upcoming,
    announcements,
    edition,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const minutesLeft = units.filter((u) => u.status !== 'complete').reduce((s, u) => s + u.minutes, 0);
  return (
    <>
      <h1>{course.title}</h1>
      <EditionNote edition={edition} />
      <p>{course.description}</p>
      {course.disclaimer ? <p className="notice">{course.disclaimer}</p> : null}
      <Announcements items={announcements} redirectTo={`/courses/${course.slug}`} />
      <section aria-labelledby="progress-heading" className="card">
        <h2 id="progress-heading">{t('trainee.course.progressHeading')}</h2>
        <label htmlFor="course-progress">
          {t('trainee.course.progress', { complete: progress.complete, total: progress.total, percent: progress.percent })}
        </label>
        <progress id="course-progress" max={progress.total} value={progress.complete}>
          {progress.percent}%
        </progress>
        {minutesLeft > 0 ? <p className="muted">{t('trainee.course.minutesLeft', { minutes: minutesLeft })}</p> : null}
        {progress.continueWith ? (
          <p>
            <Link className="button" to={`units/${progress.continueWith}`}>
              {t(
                progress.complete === 0 && !units.some((u) => u.status === 'started')
                  ? 'trainee.course.start'
                  : 'trainee.course.continue',
                { title: continueTitle },
              )}
            </Link>
          </p>
        ) : (
          <p className="success">{t('trainee.course.allDone')}</p>
        )}
      </section>
      <CertificateDownloads certificates={certificates} />
      <section aria-labelledby="hours-heading" className="card">
        <h2 id="hours-heading">{t('trainee.course.hoursHeading')}</h2>
        <HoursSummary hours={hours} />
        {upcoming.length ? (
          <>
            <h3>{t('trainee.course.upcoming')}</h3>
            <ul>
              {upcoming.map((s) => (
                <li key={s.id}>{t('trainee.course.upcomingItem', { title: s.title, makeup: String(s.makeup), when: s.when })}</li>
              ))}
            </ul>
          </>
        ) : null}
        <HoursDetail hours={hours} />
        <p>
          <Link to="transcript">{t('trainee.course.transcriptLink')}</Link>
          {t('trainee.course.transcriptHint')}
        </p>
      </section>
      <TraineeCompletion hours={hours} error={actionData?.error} />
      <h2>{t('trainee.course.unitsHeading')}</h2>
      <ol className="unit-list">
        {units.map((u) => (
          <li key={u.slug}>
            <Link to={`units/${u.slug}`}>
              <strong>{u.title}</strong>
            </Link>
            <p>{u.summary}</p>
            <p className="muted">
              <span className={`status status-${u.status}`}>{t(STATUS_LABEL[u.status])}</span>
              {t('trainee.course.unitMinutes', { minutes: u.minutes })}
              {u.bestPercent !== null ? t('trainee.course.unitBest', { percent: u.bestPercent }) : ''}
            </p>
          </li>
        ))}
      </ol>
      {practiceDue !== null ? (
        <section aria-labelledby="practice-heading" className="card">
          <h2 id="practice-heading">{t('trainee.course.practiceHeading')}</h2>
          <p>
            {practiceDue > 0 ? t('trainee.course.practiceDue', { count: practiceDue }) : t('trainee.course.practiceIntro')}
            <Link to="practice">{t(practiceDue > 0 ? 'trainee.course.practiceReview' : 'trainee.course.practiceNow')}</Link>
          </p>
        </section>
      ) : null}
      {hasExam ? (
        <section aria-labelledby="exam-heading" className="card">
          <h2 id="exam-heading">{t('trainee.course.examHeading')}</h2>
          {examUnlocked ? (
            <p>
              {t('trainee.course.examOpen')}
              <Link to="exam">{t('trainee.course.examGo')}</Link>
            </p>
          ) : (
            <p>
              {t('trainee.course.examLocked')}
              <Link to="exam">{t('trainee.course.examRemains')}</Link>
            </p>
          )}
        </section>
      ) : null}
      <p>
        <Link to="glossary">{t('trainee.course.glossary')}</Link> · <Link to="sources">{t('trainee.course.sources')}</Link>
      </p>
    </>
  );
}
