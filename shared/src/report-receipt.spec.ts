import { DEFAULT_REPORT_CATEGORIES, formatReceiptCode, normalizeReceiptCode } from './report-receipt';

describe('receipt codes', () => {
  it('groups the digits in fours for reading', () => {
    expect(formatReceiptCode('1234567812345678')).toBe('1234 5678 1234 5678');
  });

  it('accepts a code typed with spaces or dashes, and nothing else', () => {
    expect(normalizeReceiptCode('1234 5678-1234 5678')).toBe('1234567812345678');
    expect(normalizeReceiptCode(' 1234567812345678 ')).toBe('1234567812345678');
    expect(normalizeReceiptCode('123456781234567')).toBeNull();
    expect(normalizeReceiptCode('12345678123456789')).toBeNull();
    expect(normalizeReceiptCode('1234 5678 1234 567a')).toBeNull();
  });

  it('ships the six categories of the issue, with unique codes', () => {
    expect(DEFAULT_REPORT_CATEGORIES.map((c) => c.label)).toEqual(['虚报冒领', '挪用资金', '优亲厚友', '租金未收', '账目不实', '其他']);
    expect(new Set(DEFAULT_REPORT_CATEGORIES.map((c) => c.code)).size).toBe(6);
  });
});
