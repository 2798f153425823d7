import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { requireAttempt } from '~/guards/exam-access.server';
import { db } from '~/infra/db.server';
import { saveExamResponse } from '~/models/exam.server';
import { saveAnswerSchema } from '~/web/exam-answer.server';
import { parseForm, readForm } from '~/web/forms.server';

// The background autosave endpoint: one answer or flag per request, JSON back.
// 409 tells the page the attempt has closed (submitted, or its deadline passed).

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attempt } = await requireAttempt(request, params);
  if (attempt.status !== 'in_progress') return json({ error: 'trainee.save.closed' }, { status: 409 });
  const form = await readForm(request).catch(() => null);
  const parsed = form ? parseForm(form, saveAnswerSchema) : null;
  if (!parsed?.ok) return json({ error: 'trainee.save.unreadable' }, { status: 400 });
  const result = await saveExamResponse(
    db(),
    {
      userId: user.id,
      attemptId: attempt.id,
      position: parsed.data.position,
      response: parsed.data.response,
      flagged: parsed.data.flagged,
    },
    undefined,
    attempt,
  );
  if (result.ok) return json({ savedAt: result.savedAt });
  if (result.reason === 'closed') return json({ error: 'trainee.save.closed' }, { status: 409 });
  return json({ error: 'trainee.save.mismatch' }, { status: 400 });
}

export function loader() {
  throw new Response('trainee.notFound', { status: 404 });
}
