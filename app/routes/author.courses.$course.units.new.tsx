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
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'author.newUnit.title', 'author.newUnit.description');

const paramsSchema = () => z.object({ course: slug });
const formSchema = () =>
  z.object({
    title: z.string().trim().min(1, 'author.newUnit.titleRequired').max(120, 'author.newUnit.titleLength'),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'author.studio.slugFormat')
      .max(60, 'author.studio.slugLength'),
    order: z.coerce
      .number({ message: 'author.newUnit.orderNumber' })
      .int('author.newUnit.orderWhole')
      .min(1, 'author.newUnit.orderMin'),
    baseTreeId: z.string().regex(/^[0-9a-f]{24}$/, 'author.studio.staleForm'),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course, undefined, 'draft');
  return json({
    course: { slug: course.course.slug, title: course.course.title },
    next: course.units.length + course.retiredUnits.length + 1,
    treeId: await currentTreeId(db(), contentRoot()),
    editing: env().CONTENT_EDITING,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course, undefined, 'draft');
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, message: null, problems: [] as Problem[], diff: null }, { status: 400 });
  if (!env().CONTENT_EDITING)
    return json(
      {
        errors: {},
        message: 'author.newUnit.savingOffNothingAdded',
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
  const t = useT();
  const errors: Record<string, string | undefined> = data?.errors ?? {};
  return (
    <>
      <nav aria-label={t('author.studio.nav')} className="studio-nav">
        <Link to="/author">{t('author.studio.overview')}</Link>
      </nav>
      <h1>{t('author.newUnit.heading', { course: course.title })}</h1>
      {editing ? null : <p className="notice">{t('author.newUnit.savingOff')}</p>}
      <p>{t('author.newUnit.intro')}</p>
      <FormError error={data?.message ?? undefined} />
      {data?.problems.length ? <ProblemList problems={data.problems} /> : null}
      {data?.diff ? <DiffView diff={data.diff} /> : null}
      <Form method="post">
        <input type="hidden" name="baseTreeId" value={treeId} />
        <Field label={t('author.newUnit.fieldTitle')} name="title" required maxLength={120} error={errors.title} />
        <Field
          label={t('author.newUnit.fieldSlug')}
          name="slug"
          required
          maxLength={60}
          error={errors.slug}
          hint={t('author.newUnit.slugHint')}
        />
        <Field
          label={t('author.newUnit.fieldOrder')}
          name="order"
          type="number"
          inputMode="numeric"
          min={1}
          max={next}
          defaultValue={next}
          required
          error={errors.order}
          hint={t('author.newUnit.orderHint', { next })}
        />
        <button type="submit">{t('author.newUnit.submit')}</button>
      </Form>
    </>
  );
}
