// The trainee's certificate block on the course page (ADR 023, ADR 024): the PDF, the Open
// Badges credential for a digital wallet, and the public check page. Only valid certificates.

import { useT } from '~/i18n/react';

export interface OwnCertificate {
  id: string;
  number: string;
  issuedOn: string;
}

export function CertificateDownloads({ certificates }: { certificates: OwnCertificate[] }) {
  const t = useT();
  if (!certificates.length) return null;
  return (
    <section aria-labelledby="certificate-heading" className="card">
      <h2 id="certificate-heading">{t('trainee.certificate.heading')}</h2>
      {certificates.map((c) => (
        <div key={c.id}>
          <p>
            {t('trainee.certificate.number', {
              number: c.number,
              issuedOn: c.issuedOn,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <ul>
            <li>
              <a href={`/certificates/${c.id}.pdf`} download>
                {t('trainee.certificate.pdf')}
              </a>
            </li>
            <li>
              <a href={`/certificates/${c.id}.jwt`} download>
                {t('trainee.certificate.jwt')}
              </a>
            </li>
            <li>{t('trainee.certificate.check', { link: (chunks) => <a href={`/verify/${c.number}`}>{chunks}</a> })}</li>
          </ul>
        </div>
      ))}
    </section>
  );
}
