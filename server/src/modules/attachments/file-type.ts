/** The voucher formats accepted, told apart by their first bytes (never by name or client mime). */
export interface FileKind {
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  ext: 'jpg' | 'png' | 'webp' | 'pdf';
  image: boolean;
}

const JPEG: FileKind = { mime: 'image/jpeg', ext: 'jpg', image: true };
const PNG: FileKind = { mime: 'image/png', ext: 'png', image: true };
const WEBP: FileKind = { mime: 'image/webp', ext: 'webp', image: true };
const PDF: FileKind = { mime: 'application/pdf', ext: 'pdf', image: false };

const startsWith = (buf: Buffer, bytes: number[], at = 0): boolean =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

export function detectFileKind(buf: Buffer): FileKind | null {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(buf, ascii('%PDF-'))) return PDF;
  return null;
}

export const KIND_BY_MIME: Record<FileKind['mime'], FileKind> = {
  'image/jpeg': JPEG,
  'image/png': PNG,
  'image/webp': WEBP,
  'application/pdf': PDF,
};
