import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';
import { refreshContent } from './content/content.server';
import { assertDatabaseReady } from './infra/db.server';
import { env } from './infra/env.server';
import { startContentWatch } from './jobs/content-watch.server';
import { startDeadlineSweep } from './jobs/deadline-sweep.server';
import { startNotificationJobs } from './jobs/notifications.server';
import { startOutboxWorker } from './jobs/outbox-worker.server';
import { NonceContext } from './web/nonce';

/** Called by server.ts in each server process before it listens: a bad environment or an unmigrated database stops the start. */
export async function checkReady() {
  env();
  await assertDatabaseReady();
  startDeadlineSweep();
  startOutboxWorker();
  startNotificationJobs();
  // Load the published course (importing content/ into an empty database) before the first request.
  await refreshContent();
  startContentWatch();
}

export { withContentPin } from './content/content.server';

/**
 * Unexpected errors are logged with the request id; users see a plain page with that id.
 * A 4xx from Remix's router (no such route for `?_data`, a method a route does not take) is the
 * client's mistake, like any 4xx a route answers itself: not logged, so that nobody can fill
 * the log with stack traces by asking for odd addresses. Aborted requests are not logged either.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const id = context.requestId ?? '-';
  console.error(`[request ${id}] ${request.method} ${new URL(request.url).pathname}`, error);
}

/**
 * Renders the whole page to a string. No route defers data or suspends, so streaming would
 * gain nothing, and a string skips the Node-to-web stream plumbing that cost more per request
 * than the render itself (docs/performance.md).
 */
export default function handleRequest(
  _request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.nonce;
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={_request.url} />
    </NonceContext.Provider>,
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
