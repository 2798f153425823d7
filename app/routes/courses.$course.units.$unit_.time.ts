import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { z } from 'zod';
import { requireCourse } from '~/content/content.server';
import { requireUser } from '~/guards/auth.server';
import { db } from '~/infra/db.server';
import { timeLimits } from '~/infra/env.server';
import { recordHeartbeat } from '~/models/time-on-task.server';
import { parseParams, slug } from '~/web/forms.server';

// The unit page's time-on-task heartbeat (docs/decisions/017-time-on-task.md): a form-encoded
// (navigator.sendBeacon) or JSON (fetch) POST of the active seconds since the page's last report.
// How much of that is credited is decided in app/domain/time-on-task.ts. JSON back; 4xx for
// anything that cannot be read.

const paramsSchema = () => z.object({ course: slug, unit: slug });
// An hour is far more than one report can claim (the cap is about 40 s); more is not a heartbeat.
const bodySchema = () => z.object({ active: z.coerce.number().finite().min(0).max(3600) });

async function readBody(request: Request): Promise<unknown> {
  if ((request.headers.get('Content-Type') ?? '').includes('application/json')) {
    return request.json().catch(() => null);
  }
  const form = await request.formData().catch(() => null);
  return form ? Object.fromEntries(form) : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (request.method !== 'POST') return json({ error: 'trainee.time.postOnly' }, { status: 405 });
  const p = parseParams(params, paramsSchema);
  const course = await requireCourse(p.course);
  if (!course.units.some((u) => u.meta.slug === p.unit)) return json({ error: 'trainee.time.noUnit' }, { status: 404 });
  const body = bodySchema().safeParse(await readBody(request));
  if (!body.success) return json({ error: 'trainee.time.unreadable' }, { status: 400 });
  const result = await recordHeartbeat(
    db(),
    {
      userId: user.id,
      courseSlug: p.course,
      unitSlug: p.unit,
      activeSeconds: body.data.active,
      minimumUnitMinutes: course.course.rules.minimumUnitMinutes,
    },
    timeLimits(),
  );
  return json(result);
}

export function loader() {
  throw new Response('trainee.notFound', { status: 404 });
}
