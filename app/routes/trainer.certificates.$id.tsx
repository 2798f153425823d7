import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CertificateAdmin } from '~/components/certificate-admin';
import { forbidden } from '~/guards/auth.server';
import { requireManagedCertificate } from '~/guards/certificate.server';
import { requestLocale } from '~/i18n/locale.server';
import { i18nMeta } from '~/i18n/meta';
import { useT } from '~/i18n/react';
import { db } from '~/infra/db.server';
import { reissueCertificate, revokeCertificate } from '~/models/certificate.server';
import { certificateRow } from '~/web/certificates';
import { parseForm, readForm } from '~/web/forms.server';

// Reissue (a trainer of the trainee's group, or an admin) or revoke (admins only) one
// certificate, with a reason (ADR 023). The trainee page shows the same forms and posts here;
// a field error is shown here, and success goes back to the trainee page.

export const meta: MetaFunction = ({ matches }) =>
  i18nMeta(matches, 'trainer.certificate.title', 'trainer.certificate.description');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, certificate } = await requireManagedCertificate(request, params);
  return json({
    certificate: certificateRow(certificate, await requestLocale(request)),
    traineeUrl: `/trainer/trainees/${certificate.userId}?course=${certificate.courseSlug}`,
    canRevoke: user.role === 'admin',
  });
}

const schema = () =>
  z.object({
    intent: z.enum(['reissue', 'revoke']),
    reason: z
      .string({ message: 'trainer.certificate.error.reason' })
      .trim()
      .min(3, 'trainer.certificate.error.reasonShort')
      .max(500, 'trainer.certificate.error.reasonLong'),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, certificate } = await requireManagedCertificate(request, params);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  if (intent === 'revoke' && user.role !== 'admin') throw forbidden('trainer.certificate.error.adminOnly');
  const parsed = parseForm(form, schema);
  if (!parsed.ok) {
    if (parsed.errors.intent) throw new Response('trainer.queue.badAction', { status: 400 });
    return json({ errors: { intent, reason: parsed.errors.reason } }, { status: 400 });
  }
  const change = parsed.data.intent === 'reissue' ? reissueCertificate : revokeCertificate;
  const result = await change(db(), { certificateId: certificate.id, by: user.id, reason: parsed.data.reason });
  if (!result.ok) {
    return json({ errors: { intent, form: 'trainer.certificate.error.changed' } }, { status: 409 });
  }
  return redirect(`/trainer/trainees/${certificate.userId}?course=${certificate.courseSlug}#certificates`);
}

export default function CertificatePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="wide">
      <p className="muted">
        <Link to={d.traineeUrl}>{t('trainer.certificate.back')}</Link>
      </p>
      <h1>{t('trainer.certificate.heading', { number: d.certificate.number })}</h1>
      <CertificateAdmin certificates={[d.certificate]} canRevoke={d.canRevoke} errors={a?.errors ?? null} />
    </div>
  );
}
