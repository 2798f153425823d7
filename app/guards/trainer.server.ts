import { z } from 'zod';
import { type CourseContent, getContent } from '../content/content.server';
import { db } from '../infra/db.server';
import { canViewTrainee, findCohortFor } from '../models/cohort.server';
import { findGradableAttempt, GRADING_TOKEN } from '../models/grading.server';
import { parseParams, slug } from '../web/forms.server';
import { requireRole, type SessionUser } from './auth.server';

const cohortParams = z.object({ cohortId: z.uuid() });
const userParams = z.object({ userId: z.uuid() });
const gradingParams = z.object({ token: z.string().regex(GRADING_TOKEN) });

// Guards for /trainer: a trainer reaches only their own cohorts' trainees and attempts;
// anything else answers 404 exactly like something that does not exist.

export async function requireCohort(request: Request, params: Record<string, string | undefined>) {
  const user = await requireRole(request, ['trainer']);
  const { cohortId } = parseParams(params, cohortParams);
  const cohort = await findCohortFor(db(), user, cohortId);
  if (!cohort) throw new Response('account.guard.groupNotFound', { status: 404 });
  return { user, cohort };
}

export async function requireTrainee(request: Request, params: Record<string, string | undefined>) {
  const user = await requireRole(request, ['trainer']);
  const { userId } = parseParams(params, userParams);
  if (!(await canViewTrainee(db(), user, userId))) throw new Response('account.guard.traineeNotFound', { status: 404 });
  return { user, traineeId: userId };
}

/**
 * The attempt a grading URL names by its grading token (never by its id, ADR 015), if the
 * trainer may grade it. Their own attempts answer 404 like any attempt out of reach.
 */
export async function requireGradableAttempt(
  request: Request,
  params: Record<string, string | undefined>,
): Promise<{ user: SessionUser; attemptId: string; token: string }> {
  const user = await requireRole(request, ['trainer']);
  const { token } = parseParams(params, gradingParams);
  const attemptId = await findGradableAttempt(db(), user, token);
  if (!attemptId) throw new Response('account.guard.attemptNotFound', { status: 404 });
  return { user, attemptId, token };
}

/** The course a trainer view is about: ?course=slug, or the first course. */
export async function courseFromSearch(request: Request): Promise<CourseContent> {
  const content = await getContent();
  const wanted = new URL(request.url).searchParams.get('course');
  const parsed = slug.safeParse(wanted);
  const course = (parsed.success && content.courses.find((c) => c.course.slug === parsed.data)) || content.courses[0];
  if (!course) throw new Response('account.guard.noCourses', { status: 404 });
  return course;
}
