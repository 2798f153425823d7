import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CertificateAdmin } from '~/components/certificate-admin';
import { forbidden } from '~/guards/auth.server';
import { requireManagedCertificate } from '~/guards/certificate.server';
import { db } from '~/infra/db.server';
import { reissueCertificate, revokeCertificate } from '~/models/certificate.server';
import { certificateRow } from '~/web/certificates';
import { parseForm, readForm } from '~/web/forms.server';
import { pageMeta } from '~/web/meta';

// Reissue (a trainer of the trainee's group, or an admin) or revoke (admins only) one
// certificate, with a reason (ADR 023). The trainee page shows the same forms and posts here;
// a field error is shown here, and success goes back to the trainee page.

export const meta: MetaFunction = () => pageMeta('Certificate · Peer Academy', 'Reissue or revoke a certificate of completion.');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, certificate } = await requireManagedCertificate(request, params);
  return json({
    certificate: certificateRow(certificate),
    traineeUrl: `/trainer/trainees/${certificate.userId}?course=${certificate.courseSlug}`,
    canRevoke: user.role === 'admin',
  });
}

const schema = () =>
  z.object({
    intent: z.enum(['reissue', 'revoke']),
    reason: z
      .string({ message: 'Write the reason.' })
      .trim()
      .min(3, 'Write the reason, in a few words.')
      .max(500, 'Keep the reason under 500 characters.'),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, certificate } = await requireManagedCertificate(request, params);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  if (intent === 'revoke' && user.role !== 'admin') throw forbidden('Only an admin can revoke a certificate.');
  const parsed = parseForm(form, schema);
  if (!parsed.ok) {
    if (parsed.errors.intent) throw new Response('That action is not available here.', { status: 400 });
    return json({ errors: { intent, reason: parsed.errors.reason } }, { status: 400 });
  }
  const change = parsed.data.intent === 'reissue' ? reissueCertificate : revokeCertificate;
  const result = await change(db(), { certificateId: certificate.id, by: user.id, reason: parsed.data.reason });
  if (!result.ok) {
    return json(
      { errors: { intent, form: 'This certificate has already been revoked or replaced, so nothing was changed.' } },
      { status: 409 },
    );
  }
  return redirect(`/trainer/trainees/${certificate.userId}?course=${certificate.courseSlug}#certificates`);
}

export default function CertificatePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={d.traineeUrl}>Back to the trainee</Link>
      </p>
      <h1>Certificate {d.certificate.number}</h1>
      <CertificateAdmin certificates={[d.certificate]} canRevoke={d.canRevoke} errors={a?.errors ?? null} />
    </div>
  );
}
