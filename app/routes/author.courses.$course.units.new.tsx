import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { DiffView, ProblemList } from '~/components/author-preview';
import { Field, FormError } from '~/components/field';
import { requireCourse } from '~/content/content.server';
import type { Problem } from '~/content/problems';
import { contentRoot } from '~/content/studio.server';
import { currentTreeId } from '~/content/studio-changes.server';
import { runUnitOp } from '~/content/unit-studio.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () => pageMeta('Add a unit · Author studio · Peer Academy', 'Add a new unit to a course.');

const paramsSchema = () => z.object({ course: slug });
const formSchema = () =>
  z.object({
    title: z.string().trim().min(1, 'Write the unit’s title.').max(120, 'Keep the title under 120 characters.'),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and dashes, like recovery-planning.')
      .max(60, 'Keep the slug under 60 characters.'),
    order: z.coerce
      .number({ message: 'Give the place as a number.' })
      .int('Give a whole number.')
      .min(1, 'The first place is 1.'),
    baseTreeId: z.string().regex(/^[0-9a-f]{24}$/, 'This form is out of date. Please reload the page.'),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course);
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    next: course.units.length + course.retiredUnits.length + 1,
    treeId: await currentTreeId(contentRoot()),
    editing: env().CONTENT_EDITING,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course);
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, message: null, problems: [] as Problem[], diff: null }, { status: 400 });
  if (!env().CONTENT_EDITING)
    return json(
      {
        errors: {},
        message: 'Saving is turned off on this server (CONTENT_EDITING is off), so no unit was added.',
        problems: [] as Problem[],
        diff: null,
      },
      { status: 403 },
    );
  const { title, order, baseTreeId } = parsed.data;
  const result = await runUnitOp(db(), contentRoot(), {
    course: p.course,
    op: { op: 'create', title, slug: parsed.data.slug, order },
    baseTreeId,
    authorId: user.id,
  });
  if (result.status === 'saved') return redirect(`/author/courses/${p.course}/units/${result.unit}/edit?saved=1`);
  return json(
    {
      errors: {},
      message: result.message,
      problems: result.status === 'invalid' ? result.problems : [],
      diff: result.status === 'conflict' ? result.diff : null,
    },
    { status: result.status === 'conflict' ? 409 : 400 },
  );
}

export default function NewUnit() {
  const { course, next, treeId, editing } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <nav aria-label="Author studio" className="studio-nav">
        <Link to="/author">Content overview</Link>
      </nav>
      <h1>Add a unit to {course.title}</h1>
      {editing ? null : (
        <p className="notice">Saving is turned off on this server (CONTENT_EDITING is off): a new unit cannot be added here.</p>
      )}
      <p>
        The new unit starts with a short template that passes the check. Units at its place or later move down one place. You
        write the text next, in the unit editor.
      </p>
      <FormError error={data?.message ?? undefined} />
      {data?.problems.length ? <ProblemList problems={data.problems} /> : null}
      {data?.diff ? <DiffView diff={data.diff} /> : null}
      <Form method="post">
        <input type="hidden" name="baseTreeId" value={treeId} />
        <Field label="Title" name="title" required maxLength={120} error={errors.title} />
        <Field
          label="Slug"
          name="slug"
          required
          maxLength={60}
          error={errors.slug}
          hint="Part of the unit’s address: lowercase letters, digits and dashes, like recovery-planning."
        />
        <Field
          label="Place in the course"
          name="order"
          type="number"
          inputMode="numeric"
          min={1}
          max={next}
          defaultValue={next}
          required
          error={errors.order}
          hint={`1 is the first unit; ${next} puts it last.`}
        />
        <button type="submit">Add the unit</button>
      </Form>
    </>
  );
}
