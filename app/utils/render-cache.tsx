import { createContext, type ReactNode, useContext } from 'react';

/**
 * Renders an element to HTML, or returns the HTML already rendered under the same key.
 * Provided by the server render only (app/entry.server.tsx); the browser has none.
 */
export type RenderToCache = (key: string, node: ReactNode) => string;
export const RenderCache = createContext<RenderToCache | null>(null);

/**
 * A subtree that is the same for every reader of a content version (a quiz's questions, say)
 * and costs real time to render on every request. The server renders it once per `cacheKey`
 * and then reuses the HTML; the browser renders `children` as usual and hydrates that HTML,
 * which matches because both come from the same elements.
 *
 * NOTE: the children must depend on nothing but what `cacheKey` names, and must not read
 * context (the cached render has none). Change the key whenever the content changes.
 */
export function CachedHtml({ cacheKey, className, children }: { cacheKey: string; className?: string; children: ReactNode }) {
  const render = useContext(RenderCache);
  if (render) return <div className={className} dangerouslySetInnerHTML={{ __html: render(cacheKey, children) }} />;
  return <div className={className}>{children}</div>;
}
