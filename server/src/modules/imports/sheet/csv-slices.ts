/** About this many bytes (or characters) of CSV are parsed at a time. */
export const SLICE_SIZE = 256 * 1024;

type Content = Buffer | string;

/**
 * Where the slice starting at `start` (a record boundary) should end: just after the first line
 * break past start + SLICE_SIZE that lies outside quotes, or at the end. A line break inside a
 * quoted value is not a record boundary; for well-formed CSV an even number of quote characters
 * since the last boundary means "outside quotes" (an escaped quote "" counts twice).
 */
export function sliceEnd(content: Content, start: number): number {
  const quote: number | string = typeof content === 'string' ? '"' : 0x22;
  const newline: number | string = typeof content === 'string' ? '\n' : 0x0a;
  const indexOf = (what: number | string, from: number) => (content as Buffer).indexOf(what as number, from);
  const length = content.length;
  let from = start + SLICE_SIZE;
  if (from >= length) return length;
  let quotes = count(indexOf, quote, start, from);
  for (let nl = indexOf(newline, from); nl !== -1; nl = indexOf(newline, from)) {
    quotes += count(indexOf, quote, from, nl);
    if (quotes % 2 === 0) return nl + 1;
    from = nl + 1;
  }
  return length;
}

function count(indexOf: (what: number | string, from: number) => number, what: number | string, from: number, to: number): number {
  let n = 0;
  for (let i = indexOf(what, from); i !== -1 && i < to; i = indexOf(what, i + 1)) n++;
  return n;
}
