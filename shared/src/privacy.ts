/** A person's name shown to the public: 张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧**明. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

// 18-digit resident ID (last may be X) or the old 15-digit form, not embedded in a longer number.
const ID_CARD_RE = /(?<![0-9])(?:[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9])/;
// Mainland mobile numbers, optionally written with +86 and spaces/dashes between groups.
const MOBILE_RE = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])/;

/** Why a free-text field may not be stored as written, or null when it is fine. */
export function personalDataProblem(text: string): string | null {
  if (ID_CARD_RE.test(text)) return '不得包含身份证号码';
  if (MOBILE_RE.test(text)) return '不得包含手机号码';
  return null;
}
