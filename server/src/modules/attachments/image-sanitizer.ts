import sharp from 'sharp';
import type { FileKind } from './file-type';

/** Longest side of a stored image: enough to read a receipt, small enough for a phone. */
export const MAX_IMAGE_SIDE = 4000;
/** Refuse to decode more pixels than this (a small file can claim huge dimensions). */
const MAX_INPUT_PIXELS = 120_000_000;

/**
 * Decodes and re-encodes an image in its own format. The output carries no metadata at all
 * (sharp strips EXIF, GPS, XMP and ICC unless asked to keep them), with the EXIF orientation
 * applied to the pixels first so the photo still stands the right way up.
 * Throws when the bytes do not decode.
 */
export async function reencodeImage(input: Buffer, kind: FileKind): Promise<Buffer> {
  const img = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
  switch (kind.mime) {
    case 'image/jpeg':
      return img.jpeg({ quality: 85 }).toBuffer();
    case 'image/png':
      return img.png().toBuffer();
    case 'image/webp':
      return img.webp({ quality: 85 }).toBuffer();
    default:
      throw new Error(`not an image: ${kind.mime}`);
  }
}
