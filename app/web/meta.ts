/**
 * A page's title and meta description (Remix replaces, not merges, the root's meta, so every page
 * gives both), already in the page's language: a page with nothing more specific to say passes
 * the catalogue's `site.description`.
 */
export function pageMeta(title: string, description: string) {
  return [{ title }, { name: 'description', content: description }];
}
