import { Form, Link } from '@remix-run/react';
import type { MessageId } from '~/i18n/catalogues';
import { useMaybeT, useT } from '~/i18n/react';
import type { CertificateRow } from '~/web/certificates';

// The certificates section of a trainer's trainee page (ADR 023): each certificate with its
// status, and for a valid one the reissue form (trainers of the group, admins) and the revoke
// form (admins). Both post to /trainer/certificates/<id>, which shows the same forms with any
// field error and returns here when done.

const STATUS: Record<CertificateRow['status'], MessageId> = {
  valid: 'trainer.certAdmin.status.valid',
  revoked: 'trainer.certAdmin.status.revoked',
  replaced: 'trainer.certAdmin.status.replaced',
};

function ReasonForm(props: {
  id: string;
  intent: 'reissue' | 'revoke';
  label: string;
  hint: string;
  button: string;
  error?: string;
}) {
  const maybeT = useMaybeT();
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
            {maybeT(props.error)}
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
  const t = useT();
  const maybeT = useMaybeT();
  return (
    <section aria-labelledby="certificates-heading" id="certificates">
      <h2 id="certificates-heading">{t('trainer.certAdmin.heading')}</h2>
      {certificates.length === 0 ? <p>{t('trainer.certAdmin.none')}</p> : null}
      {errors?.form ? (
        <div className="form-error" role="alert">
          {maybeT(errors.form)}
        </div>
      ) : null}
      {certificates.map((c) => (
        <div key={c.id} className="card">
          <h3>
            {c.courseTitle}: {c.number}
          </h3>
          <p>
            {t('trainer.certAdmin.line', { status: t(STATUS[c.status]), issuedOn: c.issuedOn })}
            {c.revokedOn
              ? t('trainer.certAdmin.lineEnded', { replaced: String(c.status === 'replaced'), date: c.revokedOn })
              : ''}
            {c.revokeReason ? t('trainer.certAdmin.lineReason', { reason: c.revokeReason }) : ''}
            {' · '}
            <Link to={`/verify/${c.number}`}>{t('trainer.certAdmin.checkPage')}</Link>
          </p>
          {c.status === 'valid' ? (
            <>
              <ReasonForm
                id={c.id}
                intent="reissue"
                label={t('trainer.certAdmin.reissue.label')}
                hint={t('trainer.certAdmin.reissue.hint')}
                button={t('trainer.certAdmin.reissue.button')}
                error={errors?.intent === 'reissue' ? errors.reason : undefined}
              />
              {canRevoke ? (
                <ReasonForm
                  id={c.id}
                  intent="revoke"
                  label={t('trainer.certAdmin.revoke.label')}
                  hint={t('trainer.certAdmin.revoke.hint')}
                  button={t('trainer.certAdmin.revoke.button')}
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
