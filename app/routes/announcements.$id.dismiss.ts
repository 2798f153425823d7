import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { dismissAnnouncement } from '~/models/announcement.server';
import { id, parseParams, readForm } from '~/web/forms.server';
import { safeRedirect } from '~/web/safe-redirect';

const paramsSchema = () => z.object({ id });

/** A trainee hides an announcement shown to them; anyone else's is answered like an unknown one. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const p = parseParams(params, paramsSchema);
  const form = await readForm(request);
  if (!(await dismissAnnouncement(db(), user.id, p.id))) throw new Response('trainee.announcements.notFound', { status: 404 });
  return redirect(safeRedirect(form.get('redirectTo'), '/courses'));
}

export async function loader() {
  throw new Response('trainee.pageNotFound', { status: 404 });
}
