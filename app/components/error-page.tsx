import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { MessageId } from '~/i18n/catalogues';
import { useMaybeT, useT } from '~/i18n/react';

const KNOWN = new Set([400, 403, 404, 405, 413, 415, 429]);

/** The one error boundary: plain words in the page's language, never a stack trace. */
export function ErrorPage() {
  const t = useT();
  const maybeT = useMaybeT();
  const error = useRouteError();
  const root = useRouteLoaderData('root') as { requestId?: string } | undefined;
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    // A 4xx body is a message id (thrown by a guard or loader) or, from older code, plain words.
    if (typeof error.data === 'string' && error.data && status < 500) detail = maybeT(error.data);
  }
  // Any other 4xx is still about the request, never "on our side".
  const key = KNOWN.has(status) ? status : status >= 400 && status < 500 ? 400 : 500;
  const title = t(`error.${key}.title` as MessageId);
  const body = t(`error.${key}.body` as MessageId);
  return (
    <div className="error-page">
      <h1>{title}</h1>
      {detail && detail !== body ? <p>{detail}</p> : null}
      <p>{body}</p>
      {status >= 500 && root?.requestId ? <p className="muted">{t('error.reference', { id: root.requestId })}</p> : null}
      <p>
        <Link to="/">{t('error.home')}</Link>
      </p>
    </div>
  );
}
