import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { getHeads } from '../models/content-store.server';
import { IMAGE_NAME, imageName, imagePath, MAX_IMAGE_BYTES, sniffImage } from './images';
import { type ContentChange, readTreeFile } from './store.server';

// Uploaded images: checked by their bytes, named after what they are and a hash of their
// content (so the address changes whenever the image does, and may be cached for a year).

export type ImageUpload = { ok: true; name: string; change: ContentChange } | { ok: false; message: string };

/** Checks an uploaded file and names it; refuses anything that is not a PNG, JPEG, WebP or GIF of at most 1 MB (SVG included). */
export function prepareImage(course: string, original: string, bytes: Uint8Array): ImageUpload {
  if (bytes.length === 0) return { ok: false, message: 'Choose an image file to upload.' };
  if (bytes.length > MAX_IMAGE_BYTES)
    return {
      ok: false,
      message: `This image is ${(bytes.length / 1_000_000).toFixed(1)} MB; the limit is 1 MB. Save it smaller (for example 1200 pixels wide, as JPEG or WebP) and try again.`,
    };
  const type = sniffImage(bytes);
  if (!type)
    return {
      ok: false,
      message:
        'This file is not a PNG, JPEG, WebP or GIF image (we look at the file itself, not its name). SVG images are not accepted: save the picture as PNG instead.',
    };
  const stem = imageName(original, type) ?? `image.${type.ext}`;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const name = stem.replace(/\.[a-z]+$/, `-${hash}.${type.ext}`);
  return { ok: true, name, change: { path: imagePath(course, name), bytes } };
}

/**
 * The bytes of a course image, or null (a name that is not an image name is never read). Read
 * from the published tree, then the draft: an image's name holds a hash of its bytes, so both
 * can only answer the same bytes, and an author's preview of an unpublished unit shows its image.
 */
export async function readCourseImage(db: Kysely<Database>, course: string, name: string): Promise<Uint8Array | null> {
  if (!IMAGE_NAME.test(name) || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(course)) return null;
  const heads = await getHeads(db);
  for (const tree of [heads.published, heads.draft]) {
    if (!tree) continue;
    const bytes = await readTreeFile(db, tree, imagePath(course, name));
    if (bytes) return bytes;
  }
  return null;
}
