import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { imageTypeOfName, sniffImage } from '~/content/images';
import { readCourseImage } from '~/content/images.server';
import { db } from '~/infra/db.server';
import { parseParams, slug } from '~/web/forms.server';

// A course image. Its name carries a hash of its bytes (ADR 031), so the answer never changes
// and browsers may keep it for a year. `X-Content-Type-Options: nosniff` comes with every response
// (server.ts, helmet).

const paramsSchema = () => z.object({ course: slug, name: z.string().max(120) });

export async function loader({ params }: LoaderFunctionArgs) {
  const p = parseParams(params, paramsSchema);
  const bytes = await readCourseImage(db(), p.course, p.name);
  const type = imageTypeOfName(p.name);
  // The bytes must still be what the name says (a file put there by hand is checked too).
  if (!bytes || !type || sniffImage(bytes)?.type !== type) throw new Response('author.images.notFound', { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': type,
      'Content-Length': String(bytes.length),
      'Cache-Control': ['public', 'max-age=31536000', 'immutable'].join(', '),
    },
  });
}
