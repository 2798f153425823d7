import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { examAccess } from '~/models/progress.server';
import { requireUser } from '~/utils/auth.server';
import { db } from '~/utils/db.server';
import { parseParams, slug } from '~/utils/forms';

export const meta: MetaFunction = () => [{ title: 'Practice exam · Peer Academy' }];

async function guard(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const p = parseParams(params, z.object({ course: slug }));
  const course = await requireCourse(p.course);
  if (!course.exam) throw new Response('This course has no practice exam.', { status: 404 });
  const access = await examAccess(db(), user.id, {
    slug: course.course.slug,
    units: course.units.map((u) => ({ slug: u.meta.slug, title: u.meta.title })),
  });
  return { user, course, exam: course.exam, access };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, exam, access } = await guard(request, params);
  const base = {
    course: { slug: course.course.slug, title: course.course.title },
    title: exam.definition.title,
    notice: exam.definition.notice,
  };
  if (!access.unlocked) {
    // The page explains what remains; the status tells scripts and tests it is closed.
    return json({ ...base, locked: true as const, remaining: access.remaining }, { status: 403 });
  }
  return json({
    ...base,
    locked: false as const,
    remaining: [],
    forms: exam.definition.forms.map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      minutes: f.timeLimitMinutes,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access } = await guard(request, params);
  if (!access.unlocked) throw new Response('The practice exam opens when every unit is complete.', { status: 403 });
  throw new Response('Starting an attempt is not available yet.', { status: 400 });
}

export default function ExamPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/courses/${data.course.slug}`}>{data.course.title}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="notice">{data.notice}</p>
      {data.locked ? (
        <>
          <h2>Not open yet</h2>
          <p>
            The practice exam opens when you have completed every unit. You have {data.remaining.length}{' '}
            {data.remaining.length === 1 ? 'unit' : 'units'} to go:
          </p>
          <ul>
            {data.remaining.map((u) => (
              <li key={u.slug}>
                <Link to={`/courses/${data.course.slug}/units/${u.slug}`}>{u.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2>The practice exam is open to you</h2>
          <ul>
            {'forms' in data
              ? data.forms.map((f) => (
                  <li key={f.id}>
                    <strong>{f.title}</strong> ({f.minutes} minutes): {f.description}
                  </li>
                ))
              : null}
          </ul>
        </>
      )}
    </>
  );
}
