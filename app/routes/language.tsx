import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { getOptionalUser } from '~/guards/auth.server';
import { languageCookie } from '~/i18n/language-cookie.server';
import { LOCALES } from '~/i18n/locales';
import { db } from '~/infra/db.server';
import { setUserLocale } from '~/models/locale.server';
import { parseForm, readForm } from '~/web/forms.server';
import { safeRedirect } from '~/web/safe-redirect';

// The language switch in the header (and on the account page) posts here: the choice goes into
// a cookie and, when signed in, onto the account; then back to the page it came from.

const schema = () => z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) throw new Response('error.language.unknown', { status: 400 });
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(db(), user.id, parsed.data.locale);
  // The page it came from, without a ?lang= that would undo the choice.
  const back = new URL(safeRedirect(parsed.data.redirectTo, '/'), 'http://x');
  back.searchParams.delete('lang');
  return redirect(back.pathname + back.search + back.hash, {
    headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.locale) },
  });
}
