import { formatFen } from '@mingbai/shared';
import { Rng } from './prng';

/**
 * Receipt-like pictures for the demo vouchers, as SVG made of shapes only: bars stand for printed
 * text and digits are drawn as seven-segment glyphs, so nothing depends on the fonts installed.
 * The same art always gives the same SVG.
 */
export type VoucherLayout = 'invoice' | 'receipt' | 'bank-slip' | 'sign-sheet' | 'paste-sheet';

export interface VoucherArt {
  layout: VoucherLayout;
  amountFen: number;
  occurredOn: string;
  /** Picks among otherwise identical pictures (the sign and paste sheets are small shared pools). */
  variant: number;
}

/** Drawn on a 360×480 canvas and output at 300×400 px: legible, and a few KB as a JPEG. */
export const VOUCHER_WIDTH = 300;
export const VOUCHER_HEIGHT = 400;
const CANVAS_W = 360;
const CANVAS_H = 480;

/** The same content always maps to the same key, so a picture is drawn once and reused. */
export function voucherArtKey(a: VoucherArt): string {
  return a.layout === 'sign-sheet' || a.layout === 'paste-sheet' ? `${a.layout}|${a.variant}` : `${a.layout}|${a.amountFen}|${a.occurredOn}|${a.variant}`;
}

export function voucherSvg(art: VoucherArt): string {
  const rng = new Rng(hash32(voucherArtKey(art)));
  const tilt = (rng.float() * 6 - 3).toFixed(2);
  const body = DRAW[art.layout](art, rng);
  return mergeBars(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${VOUCHER_WIDTH}" height="${VOUCHER_HEIGHT}" viewBox="0 0 ${CANVAS_W} ${CANVAS_H}">` +
    `<rect width="${CANVAS_W}" height="${CANVAS_H}" fill="${rng.pick(DESKS)}"/>` +
    `<g transform="translate(${CANVAS_W / 2} ${CANVAS_H / 2}) rotate(${tilt})">${body}</g></svg>`
  );
}

const DESKS = ['#6f5b47', '#7a6a58', '#5d5f63', '#8a7560'];
const GREY = '#8d8d8d';
const INK = '#1f3a93';
const RED = '#d0312d';

/** Paper of w×h centred on the origin, with a soft shadow. */
function paper(w: number, h: number, fill: string): string {
  return `<rect x="${-w / 2 + 5}" y="${-h / 2 + 7}" width="${w}" height="${h}" fill="#000" opacity="0.3"/>` + `<rect x="${-w / 2}" y="${-h / 2}" width="${w}" height="${h}" fill="${fill}"/>`;
}

const bar = (x: number, y: number, w: number, h: number, fill = GREY) => `<path d="M${r1(x)} ${r1(y)}h${r1(w)}v${r1(h)}h${r1(-w)}z" fill="${fill}"/>`;

/** Joins neighbouring bars of one colour into one path: the same picture, fewer elements to draw. */
function mergeBars(svg: string): string {
  const adjacent = /<path d="([^"]*)" fill="(#[0-9a-f]{3,6})"\/><path d="([^"]*)" fill="\2"\/>/g;
  for (let prev = ''; prev !== svg; ) {
    prev = svg;
    svg = svg.replace(adjacent, '<path d="$1$3" fill="$2"/>');
  }
  return svg;
}
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1) =>
  `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
const r1 = (n: number) => Math.round(n * 10) / 10;

/** A row of grey bars of random widths, like a line of printed text, within [x, x+w]. */
function textLine(rng: Rng, x: number, y: number, w: number, h: number, fill = GREY): string {
  let out = '';
  for (let at = x; at < x + w - 8; ) {
    const len = Math.min(rng.int(12, 46), x + w - at);
    out += bar(at, y, len, h, fill);
    at += len + rng.int(4, 9);
  }
  return out;
}

/** A handwritten-looking stroke: a signature or a filled-in word. */
function scribble(rng: Rng, x: number, y: number, w: number, color = INK): string {
  let d = `M${r1(x)} ${r1(y)}`;
  const steps = rng.int(4, 7);
  for (let i = 1; i <= steps; i++) {
    const nx = x + (w * i) / steps;
    d += ` Q${r1(nx - w / steps / 2)} ${r1(y + rng.int(-14, 14))} ${r1(nx)} ${r1(y + rng.int(-5, 5))}`;
  }
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round"/>`;
}

/** A red seal: a ring (or an oval) with a star or bars inside. */
function seal(rng: Rng, cx: number, cy: number, r: number, oval = false): string {
  const ry = oval ? r * 0.68 : r;
  let inner = '';
  if (oval) inner = bar(cx - r * 0.55, cy - 3, r * 1.1, 6, RED) + glyphs(digitsOf(rng, 6), cx - r * 0.5, cy + ry * 0.3, 8, RED);
  else {
    const pts = Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? r * 0.32 : r * 0.13;
      return `${r1(cx + rr * Math.cos(a))},${r1(cy + rr * Math.sin(a))}`;
    }).join(' ');
    inner = `<polygon points="${pts}" fill="${RED}"/>` + bar(cx - r * 0.45, cy + r * 0.45, r * 0.9, 4, RED);
  }
  return `<g opacity="${(0.7 + rng.float() * 0.2).toFixed(2)}"><ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${r1(ry)}" fill="none" stroke="${RED}" stroke-width="3"/>${inner}</g>`;
}

function digitsOf(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
}

const amountText = (fen: number) => formatFen(fen);

const DRAW: Record<VoucherLayout, (a: VoucherArt, rng: Rng) => string> = {
  /** A printed invoice: title, number and date, an item table, the total and the seller's oval seal. */
  invoice(a, rng) {
    const brown = '#9c5b3b';
    let s = paper(300, 410, '#fdfcf7');
    s += bar(-70, -190, 140, 12, '#7a4a34') + line(-62, -170, 62, -170, brown, 1.5) + line(-62, -166, 62, -166, brown, 1.5);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (rng.chance(0.5)) s += bar(-138 + i * 6, -198 + j * 6, 6, 6, '#222');
    s += glyphs(digitsOf(rng, 8), 50, -188, 10, '#222') + glyphs(a.occurredOn, 40, -170, 9, '#222');
    s += `<rect x="-140" y="-150" width="280" height="300" fill="none" stroke="${brown}" stroke-width="1.5"/>`;
    for (const y of [-100, -10, 60, 100]) s += line(-140, y, 140, y, brown);
    s += line(-112, -150, -112, -100, brown) + line(-112, 100, -112, 150, brown);
    s += bar(-132, -140, 10, 30, '#c9a08a') + bar(-132, 110, 10, 30, '#c9a08a');
    for (let i = 0; i < 3; i++) s += textLine(rng, -102, -143 + i * 14, 230, 6);
    for (let i = 0, n = rng.int(2, 4); i < n; i++) {
      s += textLine(rng, -132, -88 + i * 16, 120, 6);
      s += glyphs(String(rng.int(1, 20)), 0, -82 + i * 16, 8, '#333');
    }
    s += glyphs(amountText(a.amountFen), 30, -82, 8, '#333');
    s += bar(-132, 74, 60, 8, '#c9a08a') + glyphs(amountText(a.amountFen), 10, 88, 16, '#222');
    for (let i = 0; i < 3; i++) s += textLine(rng, -102, 110 + i * 13, 230, 6);
    return s + seal(rng, 80, 170, 40, true);
  },

  /** A handwritten receipt book page (收据) on carbon paper: boxes for each digit, a round seal and a signature. */
  receipt(a, rng) {
    const paperFill = rng.pick(['#fde8ec', '#fff6d6', '#e8f1fd']);
    const rule = '#c0392b';
    let s = paper(310, 250, paperFill);
    s += bar(-50, -110, 100, 12, '#b3463a') + glyphs(a.occurredOn, -55, -82, 11, INK);
    s += glyphs(digitsOf(rng, 7), 80, -104, 9, RED);
    for (let i = 0; i < 3; i++) {
      const y = -55 + i * 30;
      s += bar(-140, y - 10, 34, 8, '#c98a80') + line(-100, y, 140, y, rule, 0.8) + scribble(rng, -95, y - 8, rng.int(90, 200));
    }
    const digits = String(a.amountFen);
    const cell = 18;
    const left = 140 - digits.length * cell;
    s += bar(-140, 42, 34, 8, '#c98a80') + glyphs('¥', left - 18, 58, 14, INK);
    for (let i = 0; i < digits.length; i++) {
      s += `<rect x="${left + i * cell}" y="38" width="${cell}" height="26" fill="none" stroke="${rule}" stroke-width="0.8"/>`;
      s += glyphs(digits[i], left + i * cell + 4, 58, 16, INK);
    }
    s += bar(-140, 90, 34, 8, '#c98a80') + scribble(rng, -100, 95, 80);
    return s + seal(rng, 85, 80, 34);
  },

  /** A bank's transfer slip (回单): coloured header, field rows, the amount and the bank's round seal. */
  'bank-slip'(a, rng) {
    const band = rng.pick(['#2c5aa0', '#1b7f5c', '#a02c2c']);
    let s = paper(320, 230, '#ffffff');
    s += bar(-160, -115, 320, 30, band) + bar(-60, -105, 120, 10, '#ffffff');
    s += glyphs(a.occurredOn, -150, -68, 10, '#222') + glyphs(digitsOf(rng, 10), 40, -68, 10, '#222');
    for (let i = 0; i < 4; i++) {
      const y = -52 + i * 26;
      s += line(-150, y, 150, y, '#ccd') + bar(-150, y + 8, 40, 7, '#9aa') + textLine(rng, -100, y + 8, rng.int(90, 240), 7, '#555');
    }
    s += line(-150, 52, 150, 52, '#ccd') + bar(-150, 64, 40, 8, '#9aa') + glyphs(amountText(a.amountFen), -90, 78, 18, '#111');
    for (let i = 0; i < 2; i++) s += textLine(rng, -150, 92 + i * 11, 180, 5, '#aaa');
    return s + seal(rng, 105, 75, 30);
  },

  /** A sign-off sheet (签收单, 工资发放表): rows with amounts, signatures and red fingerprints. */
  'sign-sheet'(_a, rng) {
    let s = paper(300, 410, '#fbfbf8');
    s += bar(-65, -188, 130, 12, '#555');
    s += `<rect x="-135" y="-160" width="270" height="330" fill="none" stroke="#444" stroke-width="1.2"/>`;
    for (const x of [-105, -20, 50]) s += line(x, -160, x, 170, '#444', 0.8);
    for (let i = 1; i <= 10; i++) {
      const y = -160 + i * 30;
      s += line(-135, y, 135, y, '#444', 0.8);
      if (i === 1) {
        s += bar(-128, y - 20, 18, 8) + bar(-95, y - 20, 50, 8) + bar(-10, y - 20, 40, 8) + bar(65, y - 20, 40, 8);
        continue;
      }
      s += glyphs(String(i - 1), -124, y - 9, 11, '#333');
      s += scribble(rng, -97, y - 14, rng.int(40, 70));
      s += glyphs(amountText(rng.yuan(80, 3200, 10)).slice(1), -14, y - 10, 9, '#333');
      s += scribble(rng, 58, y - 14, rng.int(35, 55));
      if (rng.chance(0.8)) s += `<ellipse cx="${120}" cy="${y - 14}" rx="7" ry="9" fill="${RED}" opacity="0.55"/>`;
    }
    return s + textLine(rng, -135, 180, 200, 6);
  },

  /**
   * A voucher pasting sheet (原始凭证粘贴单) as archived vouchers are scanned: the form, one or two
   * slips glued on (their print too small to read at this size) and the signatures below.
   */
  'paste-sheet'(_a, rng) {
    let s = paper(300, 410, rng.pick(['#fbfaf4', '#f7f3e8']));
    s += bar(-70, -188, 140, 12, '#555') + textLine(rng, -135, -166, 270, 5, '#999');
    s += `<rect x="-135" y="-152" width="270" height="250" fill="none" stroke="#777" stroke-width="1" stroke-dasharray="4 3"/>`;
    for (let k = 0, n = rng.int(1, 2); k < n; k++) {
      const w = rng.int(150, 230);
      const h = rng.int(90, 130);
      const cx = rng.int(-125 + w / 2, 125 - w / 2);
      const cy = -150 + h / 2 + 10 + k * rng.int(90, 110);
      let slip = paper(w, h, rng.pick(['#ffffff', '#fdf1f3', '#fff8dc', '#eef5ff']));
      for (let i = 0; i < 5; i++) slip += textLine(rng, -w / 2 + 10, -h / 2 + 14 + i * ((h - 30) / 5), w - 20, 4, '#8a8a8a');
      slip += seal(rng, w / 2 - 30, h / 2 - 28, 18, rng.chance(0.5));
      s += `<g transform="translate(${cx} ${r1(cy)}) rotate(${(rng.float() * 6 - 3).toFixed(1)})">${slip}</g>`;
    }
    for (let i = 0; i < 3; i++) {
      const x = -135 + i * 92;
      s += bar(x, 122, 36, 8, '#777') + scribble(rng, x + 4, 150, rng.int(45, 70));
    }
    return s + textLine(rng, -135, 178, 180, 5, '#aaa');
  },
};

// ── Seven-segment glyphs ──────────────────────────────────────────────────────────────────────

const SEGMENTS: Record<string, string> = {
  '0': 'abcdef', '1': 'bc', '2': 'abged', '3': 'abgcd', '4': 'fgbc',
  '5': 'afgcd', '6': 'afgedc', '7': 'abc', '8': 'abcdefg', '9': 'abcdfg', '-': 'g',
};

/** Text of digits, '-', '.', ',' and '¥' drawn from `x` with its baseline at `y`, `size` tall. */
export function glyphs(text: string, x: number, y: number, size: number, color: string): string {
  const w = size * 0.5;
  const t = Math.max(1, size * 0.13);
  let out = '';
  let at = x;
  for (const ch of text) {
    const top = y - size;
    if (SEGMENTS[ch]) {
      const half = size / 2;
      for (const seg of SEGMENTS[ch]) {
        const [sx, sy, sw, sh] = {
          a: [at, top, w, t], g: [at, top + half - t / 2, w, t], d: [at, y - t, w, t],
          f: [at, top, t, half], b: [at + w - t, top, t, half], e: [at, top + half, t, half], c: [at + w - t, top + half, t, half],
        }[seg as 'a']!;
        out += bar(sx, sy, sw, sh, color);
      }
      at += w + size * 0.22;
    } else if (ch === '.' || ch === ',') {
      out += bar(at, y - t, t, ch === ',' ? t * 2 : t, color);
      at += t + size * 0.22;
    } else if (ch === '¥') {
      const mid = at + w / 2;
      out += `<path d="M${r1(at)} ${r1(top)} L${r1(mid)} ${r1(top + size * 0.45)} L${r1(at + w)} ${r1(top)} M${r1(mid)} ${r1(top + size * 0.45)} V${r1(y)} M${r1(at)} ${r1(top + size * 0.55)} H${r1(at + w)} M${r1(at)} ${r1(top + size * 0.75)} H${r1(at + w)}" fill="none" stroke="${color}" stroke-width="${r1(t)}"/>`;
      at += w + size * 0.22;
    } else at += w;
  }
  return out;
}

/** FNV-1a over the key, to seed each picture's own random details. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
