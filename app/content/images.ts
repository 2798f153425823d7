import type { Problem } from './problems';

// Images in units: where they are kept, how a unit names them, and the checker's rules (every
// image has alt text, and a course image exists). Pure, so the studio's browser code may use it.

/** Types the studio accepts, by their first bytes (never by the name or the browser's word). */
export const IMAGE_TYPES = [
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', ext: 'gif', magic: [0x47, 0x49, 0x46, 0x38] },
  // RIFF....WEBP: checked at bytes 0-3 and 8-11.
  { type: 'image/webp', ext: 'webp', magic: [0x52, 0x49, 0x46, 0x46] },
] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** 1 MB: an image on a phone on slow data should not cost more. The server's body limit is 1 MiB. */
export const MAX_IMAGE_BYTES = 1_000_000;

/** What the bytes of a file are, among the accepted image types; null for anything else (SVG included). */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  for (const t of IMAGE_TYPES) {
    if (bytes.length < t.magic.length) continue;
    if (!t.magic.every((b, i) => bytes[i] === b)) continue;
    if (t.type === 'image/webp' && String.fromCharCode(...bytes.slice(8, 12)) !== 'WEBP') continue;
    return t;
  }
  return null;
}

export const IMAGE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(png|jpg|gif|webp)$/;

/** The content type of an image file by its stored name (the name was given from its bytes). */
export function imageTypeOfName(name: string): string | null {
  const ext = name.match(IMAGE_NAME)?.[1];
  return IMAGE_TYPES.find((t) => t.ext === ext)?.type ?? null;
}

/**
 * A safe stored name from an uploaded file's name and its sniffed type: lowercase words and
 * dashes, the extension of what the bytes are. Null when nothing usable is left.
 */
export function imageName(original: string, type: ImageType): string | null {
  const stem = original
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem ? `${stem}.${type.ext}` : null;
}

/** Where a course's images are kept, relative to the content root. */
export const imagePath = (course: string, name: string) => `courses/${course}/images/${name}`;
/** The address a unit writes for a course image. */
export const imageUrl = (course: string, name: string) => `/courses/${course}/images/${name}`;

const MD_IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|!\[([^\]]*)\]\[[^\]]*\]/g;
const HTML_IMG = /<img\b[^>]*>/gi;

/**
 * The image problems of a unit's source: an image without alt text (Markdown `![](…)` or an
 * `<img>` without `alt`), and a course image (`/courses/<course>/images/<name>`) that does not
 * exist or belongs to another course. Positions are the file's own.
 */
export function imageProblems(file: string, source: string, course: string, hasImage: (name: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  let fenced = false;
  source.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const at = (index: number, message: string) => problems.push({ file, line: i + 1, column: index + 1, message });
    for (const m of line.matchAll(MD_IMAGE)) {
      const alt = m[1] ?? m[3] ?? '';
      if (!alt.trim())
        at(
          m.index,
          'this image has no alt text: describe what it shows for people who cannot see it, ![like this](…) (for a purely decorative image, leave the image out)',
        );
      const src = m[2];
      const own = src?.match(/^\/courses\/([^/]+)\/images\/([^/?#]+)$/);
      if (src && /^\/courses\/[^/]+\/images\//.test(src)) {
        if (!own || own[1] !== course)
          at(m.index, `image "${src}" is not one of this course's images (/courses/${course}/images/…)`);
        else if (!hasImage(own[2]))
          at(m.index, `image "${own[2]}" is not in this course's images: upload it in the unit editor first`);
      }
    }
    for (const m of line.matchAll(HTML_IMG))
      if (!/\balt\s*=\s*("[^"]*\S[^"]*"|'[^']*\S[^']*')/i.test(m[0]))
        at(m.index, '<img> has no alt text: use ![description](address) instead');
  });
  return problems;
}
