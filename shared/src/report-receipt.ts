/**
 * Receipt codes (回执码) of citizen reports: 16 random digits shown once to the reporter, who may
 * type them back with spaces or dashes. The server keeps only a slow hash of the digits.
 */
export const RECEIPT_CODE_DIGITS = 16;

/** "1234567812345678" -> "1234 5678 1234 5678" (easier to copy by hand). */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The 16 digits of a receipt code as typed ("1234-5678 1234 5678"), or null when it is not one. */
export function normalizeReceiptCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${RECEIPT_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** Report categories shipped by default; installations may add their own (data, not code). */
export const DEFAULT_REPORT_CATEGORIES = [
  { code: 'false_claims', label: '虚报冒领' },
  { code: 'misappropriation', label: '挪用资金' },
  { code: 'favouritism', label: '优亲厚友' },
  { code: 'rent_uncollected', label: '租金未收' },
  { code: 'false_accounts', label: '账目不实' },
  { code: 'other', label: '其他' },
] as const;
