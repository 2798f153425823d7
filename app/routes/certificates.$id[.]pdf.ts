import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireOwnCertificate } from '~/guards/certificate.server';
import { translator } from '~/i18n/intl.server';
import { db } from '~/infra/db.server';
import { renderCertificatePdf } from '~/models/certificate-pdf.server';
import { program, verifyUrl } from '~/models/credential.server';
import { localeOfUser } from '~/models/locale.server';
import { pacificDateTime } from '~/web/dates';
import { inWords } from '~/web/refusal.server';

// The owner's certificate as a PDF (ADR 023). A revoked or replaced one is no longer handed out.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, certificate: c } = await inWords(request, () => requireOwnCertificate(request, params));
  // In the holder's language (their choice, else their group's), whichever device asks.
  const locale = await localeOfUser(db(), user.id);
  if (c.status !== 'valid') {
    const t = translator(locale);
    const date = pacificDateTime(c.revokedAt, locale);
    throw new Response(
      c.status === 'replaced' ? t('certificate.download.replaced', { date }) : t('certificate.download.revoked', { date }),
      { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    );
  }
  const pdf = await renderCertificatePdf({
    facts: c.facts,
    number: c.number,
    verifyUrl: verifyUrl(c.number),
    program: program(),
    issuedAt: c.issuedAt,
    locale,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // Cache-Control: private, no-store comes from server.js, as for every signed-in answer.
      'Content-Disposition': attachment(`certificate-${c.number}.pdf`),
    },
  });
}

const attachment = (filename: string) => `attachment; filename="${filename}"`;
