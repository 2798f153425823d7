import type { MetaFunction } from '@remix-run/node';
import { pageMeta } from '~/web/meta';

export const meta: MetaFunction = () =>
  pageMeta('About · Peer Academy', 'What Peer Academy is, who runs it, and what the practice exam is and is not.');

// A small static page. The benchmark also uses it as the framework's floor: the cost of the
// shell, the session lookup and rendering, with no page data.
export default function About() {
  return (
    <>
      <h1>About Peer Academy</h1>
      <p>
        Peer Academy helps people in California train to become Peer Support Specialists. It is a practice and learning tool; it
        is not affiliated with CalMHSA, and its practice exam is not the certification exam.
      </p>
    </>
  );
}
