import { guessKind, parseDate, parseFen, parseSubject, parseYuan } from './cell-values';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `error: ${p.reason}`);

describe('import cell values', () => {
  it('reads dates as written in Chinese spreadsheets', () => {
    expect(value(parseDate('2025-03-05'))).toBe('2025-03-05');
    expect(value(parseDate('2025/3/5'))).toBe('2025-03-05');
    expect(value(parseDate('2025.3.5'))).toBe('2025-03-05');
    expect(value(parseDate('2025年3月5日'))).toBe('2025-03-05');
    expect(value(parseDate('20250305'))).toBe('2025-03-05');
    expect(value(parseDate('2025-03-05 14:30:00'))).toBe('2025-03-05');
    expect(value(parseDate(new Date(Date.UTC(2025, 2, 5))))).toBe('2025-03-05');
    expect(value(parseDate(45721))).toBe('2025-03-05'); // an Excel day number
    expect(value(parseDate('2025-02-29'))).toMatch(/^error/);
    expect(value(parseDate('5/3/2025'))).toMatch(/^error/);
  });

  it('reads yuan with at most two decimals, and whole fen', () => {
    expect(value(parseYuan('1,234.50'))).toBe(123_450);
    expect(value(parseYuan('¥1234.5'))).toBe(123_450);
    expect(value(parseYuan('￥88元'))).toBe(8_800);
    expect(value(parseYuan('0.01'))).toBe(1);
    expect(value(parseYuan(1234.5))).toBe(123_450);
    expect(value(parseYuan(0.1 + 0.2))).toBe(30);
    expect(value(parseYuan('12.345'))).toMatch(/两位小数/);
    expect(value(parseYuan('1,23.00'))).toMatch(/格式/);
    expect(value(parseYuan('-5'))).toMatch(/负数/);
    expect(value(parseYuan('0'))).toMatch(/大于0/);
    expect(value(parseYuan('100000000.01'))).toBe(10_000_000_001);
    expect(value(parseYuan('10000000000.01'))).toMatch(/100亿/);
    expect(value(parseFen('123450'))).toBe(123_450);
    expect(value(parseFen(12.5))).toMatch(/整数/);
  });

  it('takes the code from "501 经营收入" and keeps the name to check it', () => {
    expect(parseSubject('501 经营收入')).toEqual({ code: '501', name: '经营收入' });
    expect(parseSubject('501经营收入')).toEqual({ code: '501', name: '经营收入' });
    expect(parseSubject('501-经营收入')).toEqual({ code: '501', name: '经营收入' });
    expect(parseSubject(501)).toEqual({ code: '501', name: undefined });
    expect(parseSubject('经营收入')).toEqual({ name: '经营收入' });
  });

  it('treats a counterparty as an organisation only when its name says so', () => {
    expect(guessKind('上坂村鱼塘合作社')).toBe('organisation');
    expect(guessKind('福建某某建设有限公司')).toBe('organisation');
    expect(guessKind('镇财政所')).toBe('organisation');
    expect(guessKind('张小三')).toBe('person');
  });
});
