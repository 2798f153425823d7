import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from '@remix-run/react';

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: 'Something in that request was not right', body: 'Please go back and check what you entered.' },
  403: {
    title: 'This page is not open to you',
    body: 'Your account does not have access to this page. If you think it should, ask your trainer or an administrator.',
  },
  404: { title: 'We could not find that page', body: 'The link may be old, or the address may have a typo.' },
  405: { title: 'That action is not available here', body: 'Please go back and try again from the page.' },
  413: { title: 'That was too much to send at once', body: 'Please shorten what you wrote and try again.' },
  415: { title: 'We could not read that form', body: 'Please go back, reload the page and try again.' },
  429: { title: 'Please wait a moment', body: 'There have been too many tries. Please wait a few minutes and try again.' },
};

/** The one error boundary: plain words, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const root = useRouteLoaderData('root') as { requestId?: string } | undefined;
  let status = 500;
  let detail: string | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (typeof error.data === 'string' && error.data && status < 500) detail = error.data;
  }
  // Any other 4xx is still about the request, never "on our side".
  const known = MESSAGES[status] ?? (status >= 400 && status < 500 ? MESSAGES[400] : undefined);
  const title = known?.title ?? 'Something went wrong on our side';
  const body = known?.body ?? 'Your work is saved up to your last save. Please try again in a moment.';
  return (
    <div className="error-page">
      <h1>{title}</h1>
      {detail && detail !== body ? <p>{detail}</p> : null}
      <p>{body}</p>
      {status >= 500 && root?.requestId ? (
        <p className="muted">If this keeps happening, tell your trainer this reference: {root.requestId}</p>
      ) : null}
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
