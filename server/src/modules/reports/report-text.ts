import { createHash } from 'node:crypto';

/** Trimmed, every run of whitespace one space: what counts as "the same text" for duplicates. */
export function normalizeReportText(text: string): string {
  return text.trim().replace(/\s+/gu, ' ');
}

/** sha256 (hex) of the normalised text. */
export function reportTextHash(text: string): string {
  return createHash('sha256').update(normalizeReportText(text), 'utf8').digest('hex');
}

/** The first `max` characters (code points), with an ellipsis when cut. */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(normalizeReportText(text));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
