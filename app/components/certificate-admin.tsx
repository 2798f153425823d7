import { Form, Link } from '@remix-run/react';
import type { CertificateRow } from '~/web/certificates';

// The certificates section of a trainer's trainee page (ADR 023): each certificate with its
// status, and for a valid one the reissue form (trainers of the group, admins) and the revoke
// form (admins). Both post to /trainer/certificates/<id>, which shows the same forms with any
// field error and returns here when done.

const STATUS = { valid: 'Valid', revoked: 'Revoked', replaced: 'Replaced by a reissue' } as const;

function ReasonForm(props: {
  id: string;
  intent: 'reissue' | 'revoke';
  label: string;
  hint: string;
  button: string;
  error?: string;
}) {
  const fieldId = `${props.intent}-reason-${props.id}`;
  const describedBy = [`${fieldId}-hint`, props.error ? `${fieldId}-error` : null].filter(Boolean).join(' ');
  return (
    <Form method="post" action={`/trainer/certificates/${props.id}`} noValidate>
      <input type="hidden" name="intent" value={props.intent} />
      <div className="field">
        <label htmlFor={fieldId}>{props.label}</label>
        <p className="hint" id={`${fieldId}-hint`}>
          {props.hint}
        </p>
        <input
          id={fieldId}
          name="reason"
          type="text"
          maxLength={500}
          aria-describedby={describedBy}
          aria-invalid={props.error ? true : undefined}
        />
        {props.error ? (
          <p className="field-error" id={`${fieldId}-error`}>
            {props.error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="secondary">
        {props.button}
      </button>
    </Form>
  );
}

export function CertificateAdmin(props: {
  certificates: CertificateRow[];
  canRevoke: boolean;
  errors?: { intent: string; reason?: string; form?: string } | null;
}) {
  const { certificates, canRevoke, errors } = props;
  return (
    <section aria-labelledby="certificates-heading" id="certificates">
      <h2 id="certificates-heading">Certificates</h2>
      {certificates.length === 0 ? <p>No certificate has been issued for this course yet.</p> : null}
      {errors?.form ? (
        <div className="form-error" role="alert">
          {errors.form}
        </div>
      ) : null}
      {certificates.map((c) => (
        <div key={c.id} className="card">
          <h3>
            {c.courseTitle}: {c.number}
          </h3>
          <p>
            {STATUS[c.status]} · issued {c.issuedOn}
            {c.revokedOn ? ` · ${c.status === 'replaced' ? 'replaced' : 'revoked'} ${c.revokedOn}` : ''}
            {c.revokeReason ? ` · reason: ${c.revokeReason}` : ''} · <Link to={`/verify/${c.number}`}>Public check page</Link>
          </p>
          {c.status === 'valid' ? (
            <>
              <ReasonForm
                id={c.id}
                intent="reissue"
                label="Reason for reissuing"
                hint="A reissue gives a new number with the same facts (and the legal name the trainee has confirmed); the old number then shows as replaced."
                button="Reissue certificate"
                error={errors?.intent === 'reissue' ? errors.reason : undefined}
              />
              {canRevoke ? (
                <ReasonForm
                  id={c.id}
                  intent="revoke"
                  label="Reason for revoking"
                  hint="Revoking is final: the public check page and the digital credential will say revoked. The reason is not shown publicly."
                  button="Revoke certificate"
                  error={errors?.intent === 'revoke' ? errors.reason : undefined}
                />
              ) : null}
            </>
          ) : null}
        </div>
      ))}
    </section>
  );
}
