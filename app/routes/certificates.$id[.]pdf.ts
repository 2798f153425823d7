import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireOwnCertificate } from '~/guards/certificate.server';
import { renderCertificatePdf } from '~/models/certificate-pdf.server';
import { program, verifyUrl } from '~/models/credential.server';
import { pacificDateTime } from '~/web/dates';

// The owner's certificate as a PDF (ADR 023). A revoked or replaced one is no longer handed out.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await requireOwnCertificate(request, params);
  if (c.status !== 'valid') {
    throw new Response(
      c.status === 'replaced'
        ? `This certificate was replaced by a new one on ${pacificDateTime(c.revokedAt)}. Download the new one from your course page.`
        : `This certificate was revoked on ${pacificDateTime(c.revokedAt)}, so it can no longer be downloaded.`,
      { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    );
  }
  const pdf = await renderCertificatePdf({
    facts: c.facts,
    number: c.number,
    verifyUrl: verifyUrl(c.number),
    program: program(),
    issuedAt: c.issuedAt,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // Cache-Control: private, no-store comes from server.js, as for every signed-in answer.
      'Content-Disposition': `attachment; filename="certificate-${c.number}.pdf"`,
    },
  });
}
