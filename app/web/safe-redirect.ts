const DEFAULT = '/';
const BASE = 'http://local.invalid';

/**
 * The one place redirect targets from user input are checked: only same-site paths
 * ("/courses"), never "//evil.example", "/\evil", schemes, or control characters.
 *
 * NOTE: the target is normalised by the URL parser first and checked after, because dot
 * segments turn a harmless-looking path into a protocol-relative one: "/.//evil.example",
 * "/%2e%2e//x" and "/a/..//x" all resolve to the path "//…", which a browser reads as another
 * host when it is sent back in `Location`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT): string {
  if (!to || typeof to !== 'string') return fallback;
  const target = to.trim();
  if (!target.startsWith('/')) return fallback;
  // Browsers drop tabs and newlines inside URLs and read "\" as "/": refuse both outright.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}
