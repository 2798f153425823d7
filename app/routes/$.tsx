import { ErrorPage } from '~/components/error-page';

// Any unknown address: a friendly 404 through the shared error boundary.
export function loader() {
  throw new Response('account.notFound', { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
