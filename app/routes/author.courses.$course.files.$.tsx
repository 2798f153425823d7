import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { StudioEditor } from '~/components/studio-editor';
import { KIND_LABEL, KIND_MESSAGE } from '~/content/studio';
import { checkEdit, contentRoot, editorData, saveEdit, studioTarget } from '~/content/studio.server';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta, metaT } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

// The studio's editor for any content file of a course (exam items, scenarios and rubrics, the
// exam blueprint and forms, course.yaml, and units and quizzes in any edition folder), at
// /author/courses/<course>/files/<path inside the course folder>.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  const file = data ? t('author.files.fileName', { kind: t(KIND_MESSAGE[data.kind]), path: data.path }) : null;
  return i18nMeta(matches, 'author.files.title', 'author.files.description', { file: file ?? t('author.files.titleFile') });
};

const paramsSchema = () => z.object({ course: slug, '*': z.string().min(1).max(300) });
const searchSchema = () =>
  z.object({ saved: z.string().optional(), line: z.coerce.number().int().min(1).max(100_000).optional() });
const formSchema = () =>
  z.object({
    intent: z.enum(['preview', 'save'], { message: 'author.studio.intentRequired' }),
    source: z.string({ message: 'author.studio.sourceMissing' }).max(500_000, 'author.studio.sourceTooLong'),
    baseHash: z.string().regex(/^(?:[0-9a-f]{16}|absent)$/, 'author.studio.staleForm'),
  });

async function loadTarget(request: Request, params: Record<string, string | undefined>) {
  const p = parseParams(params, paramsSchema);
  const search = parseParams(Object.fromEntries(new URL(request.url).searchParams), searchSchema);
  // studioTarget refuses anything but an editable file inside the content root (no `..`, no links out).
  const target = await studioTarget(contentRoot(), `courses/${p.course}/${p['*']}`);
  if (!target) throw new Response('author.files.notFound', { status: 404 });
  return { target, search, path: p['*'] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const { target, search, path } = await loadTarget(request, params);
  const title = `${KIND_LABEL[target.kind]}: ${path}`;
  const editor = await editorData(db(), target, {
    title,
    editing: env().CONTENT_EDITING,
    saved: search.saved === '1',
    line: search.line ?? null,
  });
  return json({ ...editor, course: target.course, path });
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
  if (result.status === 'saved') return redirect(`${new URL(request.url).pathname}?saved=1`);
  const status = result.status === 'disabled' ? 403 : result.status === 'conflict' ? 409 : 400;
  return json({ intent: 'save' as const, result, source }, { status });
}

/** The live preview posts on every pause in typing; that changes nothing the loaders read. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'preview' ? false : defaultShouldRevalidate;

export default function EditFilePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const formAction = `/author/courses/${data.course}/files/${data.path}`;
  return (
    <StudioEditor
      key={data.hash}
      data={data}
      actionData={actionData}
      formAction={formAction}
      heading={t('author.files.heading', {
        file: t('author.files.fileName', { kind: t(KIND_MESSAGE[data.kind]), path: data.path }),
      })}
      nav={
        <>
          <Link to="/author">{t('author.studio.overview')}</Link> ·{' '}
          <Link to={`/author/courses/${data.course}/exam`}>{t('author.studio.examBank')}</Link> ·{' '}
          <Link to={`/author/courses/${data.course}/glossary`}>{t('author.studio.glossary')}</Link>
        </>
      }
    />
  );
}
