import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { z } from 'zod';
import { FormError } from '~/components/field';
import { requireCourse } from '~/content/content.server';
import { prepareImage } from '~/content/images.server';
import { contentRoot } from '~/content/studio.server';
import { saveChanges } from '~/content/studio-changes.server';
import { requireRole } from '~/guards/auth.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { env } from '~/infra/env.server';
import { parseForm, parseParams, readForm, slug } from '~/web/forms.server';

// Image upload from the unit editor (a multipart form that works without JavaScript). On
// success the editor opens again showing the Markdown to paste, alt text included.

export const meta: MetaFunction = ({ matches }) => i18nMeta(matches, 'author.images.title', 'author.images.description');

const paramsSchema = () => z.object({ course: slug });
const formSchema = () =>
  z.object({
    alt: z.string().trim().min(1, 'author.images.altRequired').max(300, 'author.images.altLength'),
    unit: slug,
    baseTreeId: z.string().regex(/^[0-9a-f]{24}$/, 'author.studio.staleForm'),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  return redirect(`/author#c-${p.course}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['author']);
  const p = parseParams(params, paramsSchema);
  await requireCourse(p.course, undefined, 'draft');
  const form = await readForm(request);
  const parsed = parseForm(form, formSchema);
  const back = `/author/courses/${p.course}/units/${String(form.get('unit') ?? '').replace(/[^a-z0-9-]/g, '')}/edit`;
  const fail = (status: number, message: string) => json({ message, back }, { status });
  if (!parsed.ok) return fail(400, Object.values(parsed.errors)[0] ?? 'author.images.checkForm');
  if (!env().CONTENT_EDITING) return fail(403, 'author.images.savingOff');
  const file = form.get('image');
  if (!(file instanceof Blob)) return fail(400, 'author.images.chooseFile');
  const upload = prepareImage(p.course, (file as File).name ?? '', new Uint8Array(await file.arrayBuffer()));
  if (!upload.ok) return fail(400, upload.message);
  const r = await saveChanges(db(), contentRoot(), {
    changes: [upload.change],
    baseTreeId: parsed.data.baseTreeId,
    authorId: user.id,
    message: `Image ${upload.name}`,
  });
  if (r.status !== 'saved') return fail(r.status === 'conflict' ? 409 : 400, r.message);
  const q = new URLSearchParams({ image: upload.name, alt: parsed.data.alt });
  return redirect(`/author/courses/${p.course}/units/${parsed.data.unit}/edit?${q}`);
}

export default function ImageUploadResult() {
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <h1>{t('author.images.heading')}</h1>
      <FormError error={data?.message} />
      <p>
        {data ? <Link to={data.back}>{t('author.images.back')}</Link> : <Link to="/author">{t('author.studio.overview')}</Link>}
      </p>
    </>
  );
}
