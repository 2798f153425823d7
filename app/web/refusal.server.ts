import { isMessageId } from '../i18n/catalogues';
import { translator } from '../i18n/intl.server';
import { requestLocale } from '../i18n/locale.server';

/**
 * For resource routes (a PDF, a download): no error page shows their refusals, so a 4xx a guard
 * throws with a message id is answered in the asker's language as plain text instead.
 */
export async function inWords<T>(request: Request, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Response && e.status >= 400 && e.status < 500) {
      const body = await e.clone().text();
      if (isMessageId(body)) {
        throw new Response(translator(await requestLocale(request))(body), {
          status: e.status,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      }
    }
    throw e;
  }
}
