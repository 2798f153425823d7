import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StudioEditor } from '~/components/studio-editor';
import { getCourse } from '~/content/content.server';
import { IMAGE_NAME, imageUrl } from '~/content/images';
import { checkEdit, contentRoot, editorData, findStudioTarget, saveEdit } from '~/content/studio.server';
import { currentTreeId } from '~/content/studio-changes.server';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  i18nMeta(matches, 'author.edit.title', 'author.edit.description', {
    kind: data?.kind === 'quiz' ? 'quiz' : 'unit',
    unit: data?.title ?? '',
  });

const paramsSchema = () => z.object({ course: slug, unit: slug });
const searchSchema = () =>
  z.object({
    file: z.enum(['unit', 'quiz']).default('unit'),
    saved: z.string().optional(),
    line: z.coerce.number().int().min(1).max(100_000).optional(),
    image: z.string().regex(IMAGE_NAME).optional(),
    alt: z.string().max(300).optional(),
  });
const formSchema = () =>
  z.object({
    intent: z.enum(['preview', 'save'], { message: 'author.studio.intentRequired' }),
    source: z.string({ message: 'author.studio.sourceMissing' }).max(500_000, 'author.studio.sourceTooLong'),
    baseHash: z.string().regex(/^(?:[0-9a-f]{16}|absent)$/, 'author.studio.staleForm'),
  });

async function loadTarget(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const search = parseParams(Object.fromEntries(new URL(request.url).searchParams), searchSchema);
  const target = await findStudioTarget(db(), contentRoot(), p.course, p.unit, search.file);
  if (!target) throw new Response('author.studio.unitNotFound', { status: 404 });
  return { target, search };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const { target, search } = await loadTarget(request, params);
  const course = await getCourse(target.course, undefined, 'draft');
  const unit = course?.units.find((u) => u.meta.slug === target.unit);
  const editor = await editorData(db(), target, {
    title: unit?.meta.title ?? target.unit ?? '',
    editing: env().CONTENT_EDITING,
    saved: search.saved === '1',
    line: search.line ?? null,
  });
  return json({
    ...editor,
    course: { slug: target.course, title: course?.course.title ?? target.course },
    unit: target.unit,
    treeId: target.kind === 'unit' ? await currentTreeId(db(), contentRoot()) : null,
    // After an upload: the Markdown to paste, with the alt text the author gave.
    inserted: search.image ? `![${(search.alt ?? '').replace(/[[\]\n]/g, ' ')}](${imageUrl(target.course, search.image)})` : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const { target } = await loadTarget(request, params);
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  if (!parsed.ok)
    return json({ intent: 'invalid' as const, errors: parsed.errors, source: String(form.get('source') ?? '') }, { status: 400 });
  const { intent, source, baseHash } = parsed.data;
  if (intent === 'preview') return json({ intent: 'preview' as const, check: await checkEdit(db(), target, source), source });
  const result = await saveEdit(db(), { target, source, baseHash, authorId: user.id, editing: env().CONTENT_EDITING });
  if (result.status === 'saved') {
    const url = new URL(request.url);
    return redirect(`${url.pathname}?${target.kind === 'quiz' ? 'file=quiz&' : ''}saved=1`);
  }
  const status = result.status === 'disabled' ? 403 : result.status === 'conflict' ? 409 : 400;
  return json({ intent: 'save' as const, result, source }, { status });
}

/** The live preview posts on every pause in typing; that changes nothing the loaders read. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate;

export default function EditPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/author/courses/${data.course.slug}/units/${data.unit}`;
  const formAction = `${base}/edit${data.kind === 'quiz' ? '?file=quiz' : ''}`;
  // A new saved version starts a fresh editor.
  return (
    <StudioEditor
      key={data.hash}
      data={data}
      actionData={actionData}
      formAction={formAction}
      heading={t('author.edit.heading', { kind: data.kind === 'quiz' ? 'quiz' : 'unit', unit: data.title })}
      nav={
        <>
          <Link to="/author">{t('author.studio.overview')}</Link> · <Link to={base}>{t('author.studio.preview')}</Link> ·{' '}
          {data.kind === 'quiz' ? (
            <Link to={`${base}/edit`}>{t('author.studio.editUnitText')}</Link>
          ) : (
            <Link to={`${base}/edit?file=quiz`}>{t('author.studio.editQuiz')}</Link>
          )}{' '}
          · <Link to={`${base}/manage`}>{t('author.studio.manage')}</Link>
        </>
      }
    >
      {data.kind === 'unit' && data.treeId && data.unit ? (
        <ImageUpload course={data.course.slug} unit={data.unit} treeId={data.treeId} inserted={data.inserted} />
      ) : null}
    </StudioEditor>
  );
}

function ImageUpload({
  course,
  unit,
  treeId,
  inserted,
}: {
  course: string;
  unit: string;
  treeId: string;
  inserted: string | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="image-heading" className="card">
      <h2 id="image-heading">{t('author.edit.imageHeading')}</h2>
      {inserted ? (
        <div role="status">
          <p className="success">{t('author.edit.imageUploaded')}</p>
          <pre>
            <code>{inserted}</code>
          </pre>
        </div>
      ) : null}
      <p>{t('author.edit.imageHint')}</p>
      <form method="post" action={`/author/courses/${course}/images`} encType="multipart/form-data">
        <input type="hidden" name="unit" value={unit} />
        <input type="hidden" name="baseTreeId" value={treeId} />
        <div className="field">
          <label htmlFor="image-file">{t('author.edit.imageFile')}</label>
          <input id="image-file" name="image" type="file" accept="image/png,image/jpeg,image/webp,image/gif" required />
        </div>
        <div className="field">
          <label htmlFor="image-alt">{t('author.edit.imageAlt')}</label>
          <input id="image-alt" name="alt" required maxLength={300} />
        </div>
        <button type="submit" className="secondary">
          {t('author.edit.upload')}
        </button>
      </form>
    </section>
  );
}
