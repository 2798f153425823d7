import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { DiffView, ProblemList } from '~/components/author-preview';
import { Field, FormError } from '~/components/field';
import { requireCourse } from '~/content/content.server';
import type { Problem } from '~/content/problems';
import { contentRoot } from '~/content/studio.server';
import { currentTreeId } from '~/content/studio-changes.server';
import { runUnitOp, type UnitOp } from '~/content/unit-studio.server';
import { requireRole } from '~/guards/auth.server';
import type { MessageId } from '~/i18n/catalogues';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

// Rename (old addresses redirect, records follow), move up or down, retire or bring back a unit.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'author.manage.title', 'author.manage.description', {
    unit: data?.title ?? metaT(matches)('author.manage.titleUnit'),
  });

const paramsSchema = () => z.object({ course: slug, unit: slug });
const tree = () => z.string().regex(/^[0-9a-f]{24}$/, 'author.studio.staleForm');
const formSchema = () =>
  z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('rename'),
      to: z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'author.studio.slugFormat')
        .max(60, 'author.studio.slugLength'),
      baseTreeId: tree(),
    }),
    z.object({ intent: z.literal('move'), direction: z.enum(['up', 'down']), baseTreeId: tree() }),
    z.object({ intent: z.literal('retire'), retired: z.enum(['true', 'false']), baseTreeId: tree() }),
  ]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course, undefined, 'draft');
  const all = [...course.units, ...course.retiredUnits].sort((a, b) => a.meta.order - b.meta.order);
  const index = all.findIndex((u) => u.meta.slug === p.unit);
  if (index < 0) throw new Response('author.studio.unitNotFound', { status: 404 });
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
    treeId: await currentTreeId(db(), contentRoot()),
    editing: env().CONTENT_EDITING,
    done: new URL(request.url).searchParams.get('done'),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course, undefined, 'draft');
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
  if (!env().CONTENT_EDITING) return fail(403, 'author.studio.savingOffNothingChanged');
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

const DONE: Record<string, MessageId> = {
  rename: 'author.manage.done.rename',
  move: 'author.manage.done.move',
  retire: 'author.manage.done.retire',
};
const code = (chunks: ReactNode) => <code>{chunks}</code>;

export default function ManageUnit() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const base = `/author/courses/${data.course.slug}/units/${data.slug}`;
  const done = data.done;
  return (
    <>
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link> · <Link to={base}>{t('author.studio.preview')}</Link> ·{' '}
        <Link to={`${base}/edit`}>{t('author.studio.editUnitText')}</Link>
      </nav>
      <h1>{t('author.manage.heading', { unit: data.title })}</h1>
      <p className="muted">
        {t('author.manage.meta', {
          course: data.course.title,
          order: data.order,
          slug: data.slug,
          retired: data.retired ? 'yes' : 'no',
          code,
        })}
      </p>
      {done && DONE[done] && !result ? (
        <p className="success" role="status">
          {t(DONE[done])}
        </p>
      ) : null}
      {data.editing ? null : <p className="notice">{t('author.studio.savingOff')}</p>}
      <FormError error={result?.message ?? undefined} />
      {result?.problems.length ? <ProblemList problems={result.problems} /> : null}
      {result?.diff ? <DiffView diff={result.diff} /> : null}

      <section aria-labelledby="rename-heading">
        <h2 id="rename-heading">{t('author.manage.rename')}</h2>
        <p>{t('author.manage.renameIntro')}</p>
        {data.redirects.length ? (
          <p>
            {t('author.manage.oldAddresses')}{' '}
            {data.redirects.map((r) => (
              <code key={r}>{r} </code>
            ))}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <Field
            label={t('author.manage.newSlug')}
            name="to"
            required
            maxLength={60}
            defaultValue={data.slug}
            error={errors.to}
          />
          <button type="submit">{t('author.manage.rename')}</button>
        </Form>
      </section>

      <section aria-labelledby="move-heading">
        <h2 id="move-heading">{t('author.manage.move')}</h2>
        <p>{t('author.manage.moveIntro')}</p>
        <Form method="post" className="inline-actions">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <button type="submit" name="direction" value="up" disabled={data.first}>
            {t('author.manage.moveUp')}
          </button>{' '}
          <button type="submit" name="direction" value="down" disabled={data.last}>
            {t('author.manage.moveDown')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="retire-heading">
        <h2 id="retire-heading">{data.retired ? t('author.manage.bringBack') : t('author.manage.retire')}</h2>
        <p>{data.retired ? t('author.manage.retiredIntro') : t('author.manage.retireIntro')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="retire" />
          <input type="hidden" name="baseTreeId" value={data.treeId} />
          <input type="hidden" name="retired" value={data.retired ? 'false' : 'true'} />
          <button type="submit" className={data.retired ? undefined : 'secondary'}>
            {data.retired ? t('author.manage.bringBackButton') : t('author.manage.retireButton')}
          </button>
        </Form>
      </section>
    </>
  );
}
