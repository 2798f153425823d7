import { PassThrough } from 'node:stream';
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { type Segment, ServerSegments } from './content/segments';
import { assertDatabaseReady } from './utils/db.server';
import { env } from './utils/env.server';
import { startDeadlineSweep } from './utils/jobs.server';
import { NonceContext } from './utils/nonce';

const ABORT_DELAY = 5_000;

/** Called by server.js before it listens: a bad environment or an unmigrated database stops the start. */
export async function checkReady() {
  env();
  await assertDatabaseReady();
  startDeadlineSweep();
}

/** Unexpected errors are logged with the request id; users see a plain page with that id. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const id = (context as { requestId?: string }).requestId ?? '-';
  console.error(`[request ${id}] ${request.method} ${new URL(request.url).pathname}`, error);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce ?? '';
  const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ServerSegments.Provider value={(loadContext as { unitSegments?: Segment[] }).unitSegments ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </ServerSegments.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
