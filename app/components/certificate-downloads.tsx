// The trainee's certificate block on the course page (ADR 023, ADR 024): the PDF, the Open
// Badges credential for a digital wallet, and the public check page. Only valid certificates.

export interface OwnCertificate {
  id: string;
  number: string;
  issuedOn: string;
}

export function CertificateDownloads({ certificates }: { certificates: OwnCertificate[] }) {
  if (!certificates.length) return null;
  return (
    <section aria-labelledby="certificate-heading" className="card">
      <h2 id="certificate-heading">Your certificate of completion</h2>
      {certificates.map((c) => (
        <div key={c.id}>
          <p>
            Certificate number <strong>{c.number}</strong>, issued {c.issuedOn}. It is made out in your legal name.
          </p>
          <ul>
            <li>
              <a href={`/certificates/${c.id}.pdf`} download>
                Download your certificate (PDF)
              </a>
            </li>
            <li>
              <a href={`/certificates/${c.id}.jwt`} download>
                Download the digital credential (Open Badges, for a wallet app)
              </a>
            </li>
            <li>
              Anyone can check it, without an account, at <a href={`/verify/${c.number}`}>the certificate check page</a>.
            </li>
          </ul>
        </div>
      ))}
    </section>
  );
}
