import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { type CourseContent, requireCourse } from '../content/content.server';
import type { ExamContent } from '../content/load.server';
import { isPastDeadline } from '../domain/exam';
import { requestLocale } from '../i18n/locale.server';
import { db } from '../infra/db.server';
import { getOwnAttempt } from '../models/exam.server';
import { examAccess } from '../models/progress.server';
import { parseParams, slug } from '../web/forms.server';
import { requireUser, type SessionUser } from './auth.server';

const courseParams = z.object({ course: slug });
const attemptParams = z.object({ attemptId: z.uuid() });

/**
 * The course named in the URL, in the reader's edition, with its exam; 404 when either is
 * missing. An attempt's items are its snapshot, in the edition it was drawn in.
 */
async function courseWithExam(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, courseParams);
  const course = await requireCourse(p.course, await requestLocale(request));
  if (!course.exam) throw new Response('account.guard.noExam', { status: 404 });
  return { course, exam: course.exam };
}

/**
 * The guard of every exam loader and action: signed in, the course exists and has an exam,
 * and every unit of it is complete. Otherwise 403 (or the caller's own locked page).
 */
export async function requireExam(
  request: Request,
  params: Record<string, string | undefined>,
  opts: { allowLocked?: boolean } = {},
): Promise<{
  user: SessionUser;
  course: CourseContent;
  exam: ExamContent;
  unlocked: boolean;
  remaining: { slug: string; title: string }[];
}> {
  const user = await requireUser(request);
  const { course, exam } = await courseWithExam(request, params);
  const access = await examAccess(db(), user.id, {
    slug: course.course.slug,
    units: course.units.map((u) => ({ slug: u.meta.slug, title: u.meta.title })),
  });
  if (!access.unlocked && !opts.allowLocked) throw new Response('account.guard.examLocked', { status: 403 });
  return { user, course, exam, unlocked: access.unlocked, remaining: access.remaining };
}

/**
 * One of the user's own attempts at this course's exam; anyone else's answers 404. Reads only:
 * an attempt past its deadline is closed by the page that shows it (finaliseIfOverdue on the
 * result page, or the save that meets the deadline), never by this guard.
 *
 * The attempt itself shows the exam was open to this trainee when it started, and completed
 * units are never taken back, so the unit check of requireExam runs only when there is no such
 * attempt (a trainee with units left still gets the 403 every exam page gives). This keeps one
 * query off every autosave, and a unit added to the course mid-attempt never locks a trainee
 * out of the exam they are sitting.
 */
export async function requireAttempt(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const { course, exam } = await courseWithExam(request, params);
  const { attemptId } = parseParams(params, attemptParams);
  const attempt = await getOwnAttempt(db(), user.id, attemptId);
  if (!attempt || attempt.course_slug !== course.course.slug) {
    await requireExam(request, params);
    throw new Response('account.guard.attemptNotFound', { status: 404 });
  }
  return { user, course, exam, attempt, base: `/courses/${course.course.slug}/exam/attempts/${attempt.id}` };
}

/**
 * As requireAttempt, for pages that only make sense while the attempt is open: once it is
 * submitted or its time is up, to the result page (which closes an overdue attempt and says so).
 */
export async function requireOpenAttempt(request: Request, params: Record<string, string | undefined>) {
  const found = await requireAttempt(request, params);
  if (found.attempt.status !== 'in_progress' || isPastDeadline(found.attempt.deadline_at, Date.now()))
    throw redirect(`${found.base}/result`);
  return found;
}

export function formOf(exam: ExamContent, formId: string) {
  return exam.definition.forms.find((f) => f.id === formId);
}
