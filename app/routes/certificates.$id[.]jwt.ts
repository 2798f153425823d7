import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireOwnCertificate } from '~/guards/certificate.server';
import { signedCredential } from '~/models/credential.server';
import { inWords } from '~/web/refusal.server';

// The owner's Open Badges 3.0 credential, a signed VC-JWT for a digital wallet (ADR 024). A
// revoked one is still the owner's to download: its status list entry says it is revoked.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate } = await inWords(request, () => requireOwnCertificate(request, params));
  return new Response(await signedCredential(certificate), {
    headers: {
      'Content-Type': 'application/vc+jwt',
      'Content-Disposition': attachment(`certificate-${certificate.number}.jwt`),
    },
  });
}

const attachment = (filename: string) => `attachment; filename="${filename}"`;
