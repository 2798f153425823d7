/** What every page tells search engines and link previews when it has nothing more specific. */
export const SITE_DESCRIPTION =
  'Peer Academy: training toward California Peer Support Specialist certification, with course units, quizzes, a practice exam and feedback from trainers.';

/** A page's title and meta description (Remix replaces, not merges, the root's meta, so every page gives both). */
export function pageMeta(title: string, description: string = SITE_DESCRIPTION) {
  return [{ title }, { name: 'description', content: description }];
}
