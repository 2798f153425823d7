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
import { runUnitOp, type UnitOp } from '~/content/unit-studio.server';
import { requireRole } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Rename (old addresses redirect, records follow), move up or down, retire or bring back a unit.

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`Rename, move or retire: ${data?.title ?? 'unit'} · Peer Academy`, 'Rename, move or retire a course unit.');

const paramsSchema = () => z.object({ course: slug, unit: slug });
const tree = z.string().regex(/^[0-9a-f]{24}$/, 'This form is out of date. Please reload the page.');
const formSchema = () =>
  z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('rename'),
      to: z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and dashes, like recovery-planning.')
        .max(60, 'Keep the slug under 60 characters.'),
      baseTreeId: tree,
    }),
    z.object({ intent: z.literal('move'), direction: z.enum(['up', 'down']), baseTreeId: tree }),
    z.object({ intent: z.literal('retire'), retired: z.enum(['true', 'false']), baseTreeId: tree }),
  ]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course);
  const all = [...course.units, ...course.retiredUnits].sort((a, b) => a.meta.order - b.meta.order);
  const index = all.findIndex((u) => u.meta.slug === p.unit);
  if (index < 0) throw new Response('We could not find that unit.', { status: 404 });
  const unit = all[index];
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    slug: unit.meta.slug,
    title: unit.meta.title,
    order: unit.meta.order,
    retired: Boolean(unit.meta.retired),
    first: index === 0,
    last: index === all.length - 1,
    redirects: Object.entries(course.course.redirects)
      .filter(([, to]) => to === unit.meta.slug)
      .map(([from]) => from),
    treeId: await currentTreeId(contentRoot()),
    editing: env().CONTENT_EDITING,
    done: new URL(request.url).searchParams.get('done'),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course);
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  const fail = (
    status: number,
    message: string | null,
    errors: Record<string, string> = {},
    problems: Problem[] = [],
    diff: string | null = null,
  ) => json({ errors, message, problems, diff }, { status });
  if (!parsed.ok) return fail(400, null, parsed.errors);
  if (!env().CONTENT_EDITING)
    return fail(403, 'Saving is turned off on this server (CONTENT_EDITING is off), so nothing changed.');
  const d = parsed.data;
  const op: UnitOp =
    d.intent === 'rename'
      ? { op: 'rename', unit: p.unit, to: d.to }
      : d.intent === 'move'
        ? { op: 'move', unit: p.unit, direction: d.direction }
        : { op: 'retire', unit: p.unit, retired: d.retired === 'true' };
  const result = await runUnitOp(db(), contentRoot(), { course: p.course, op, baseTreeId: d.baseTreeId, authorId: user.id });
  if (result.status === 'saved') return redirect(`/author/courses/${p.course}/units/${result.unit}/manage?done=${d.intent}`);
  if (result.status === 'conflict') return fail(409, result.message, {}, [], result.diff);
  return fail(400, result.message, {}, result.status === 'invalid' ? result.problems : []);
}

const DONE: Record<string, string> = {
  rename: 'Renamed. The old address leads here, and trainees keep their progress.',
  move: 'Moved.',
  retire: 'Saved.',
};

export default function ManageUnit() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const base = `/author/courses/${data.course.slug}/units/${data.slug}`;
  const done = data.done;
  return (
    <>
      <nav aria-label="Author studio" className="studio-nav">
        <Link to="/author">Content overview</Link> · <Link to={base}>Preview</Link> ·{' '}
        <Link to={`${base}/edit`}>Edit unit text</Link>
      </nav>
      <h1>Rename, move or retire: {data.title}</h1>
      <p className="muted">
        {data.course.title} · unit {data.order} · slug <code>{data.slug}</code>
        {data.retired ? ' · retired' : ''}
      </p>
      {done && DONE[done] && !result ? (
        <p className="success" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {data.editing ? null : <p className="notice">Saving is turned off on this server (CONTENT_EDITING is off).</p>}
      <FormError error={result?.message ?? undefined} />
      {result?.problems.length ? <ProblemList problems={result.problems} /> : null}
      {result?.diff ? <DiffView diff={result.diff} /> : null}

      <section aria-labelledby="rename-heading">
        <h2 id="rename-heading">Rename</h2>
        <p>
          A new slug changes the unit’s address. The old address keeps working (it leads to the new one), the exam areas that name
          the unit are updated, and trainees keep their progress, quiz attempts, notes and time.
        </p>
        {data.redirects.length ? (
          <p>
            Old addresses that lead here:{' '}
            {data.redirects.map((r) => (
              <code key={r}>{r} </code>
            ))}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <Field label="New slug" name="to" required maxLength={60} defaultValue={data.slug} error={errors.to} />
          <button type="submit">Rename</button>
        </Form>
      </section>

      <section aria-labelledby="move-heading">
        <h2 id="move-heading">Move</h2>
        <p>Moving swaps this unit’s place with the unit before or after it.</p>
        <Form method="post" className="inline-actions">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <button type="submit" name="direction" value="up" disabled={data.first}>
            Move up
          </button>{' '}
          <button type="submit" name="direction" value="down" disabled={data.last}>
            Move down
          </button>
        </Form>
      </section>

      <section aria-labelledby="retire-heading">
        <h2 id="retire-heading">{data.retired ? 'Bring back' : 'Retire'}</h2>
        <p>
          {data.retired
            ? 'This unit is retired: trainees do not see it, and the practice exam does not wait for it. Bringing it back lists it again.'
            : 'A retired unit disappears from trainees’ unit lists and no longer counts toward opening the practice exam. Trainees’ records of it are kept. An exam area that still names the unit must drop it first.'}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="retire" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <input type="hidden" name="retired" value={data.retired ? 'false' : 'true'} />
          <button type="submit" className={data.retired ? undefined : 'secondary'}>
            {data.retired ? 'Bring the unit back' : 'Retire the unit'}
          </button>
        </Form>
      </section>
    </>
  );
}
