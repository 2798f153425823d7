import { createCookie } from '@remix-run/node';

/** The language someone chose while signed out (signed in, it is kept on the account as well). */
export const languageCookie = createCookie('lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: process.env.NODE_ENV === 'production',
});
