import { json } from '@remix-run/node';
import { publicKeySet } from '~/models/credential.server';

// The public key that signs Open Badges credentials and the status list (ADR 024).
export async function loader() {
  return json(await publicKeySet(), { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
