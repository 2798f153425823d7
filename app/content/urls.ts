// The one home of the link rule for content (docs/decisions/012-content-trust-model.md): a link
// or image in content may point only at https:, http: or mailto: addresses, at a relative
// path, or at a #fragment of the same page. Pure, so the schema and the MDX checker share it.

const ALLOWED_SCHEMES = ['https', 'http', 'mailto'];

/**
 * Why `url` may not be used as a link or image address, or null when it may. The URL is read
 * the way a browser reads it (tabs and newlines dropped, leading control characters and spaces
 * ignored, scheme case-insensitive), so `JaVa&#9;Script:` is caught as `javascript:`.
 */
export function urlProblem(url: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip exactly these before reading a URL
  const read = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = read.match(/^([a-zA-Z][a-zA-Z0-9+.-]*):/);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (ALLOWED_SCHEMES.includes(name)) return null;
    return `"${name}:" addresses are not allowed; use an https:, http: or mailto: address, a relative path or a #fragment`;
  }
  // Browsers read `//host` and `/\host` as another site with this page's scheme.
  if (/^[/\\]{2}/.test(read)) return 'an address starting with // points at another site; write it in full with https://';
  return null;
}
