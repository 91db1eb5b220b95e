import { chinaDateTime, csvCell, csvField, fenToYuanText, safeText, xlsxValue } from './sheet-cells';

describe('export cells', () => {
  it('defuses formulas with a leading apostrophe', () => {
    for (const t of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(safeText(t)).toBe(`'${t}`);
    for (const t of ['上坂村', '1-2', 'a=b', '']) expect(safeText(t)).toBe(t);
    expect(xlsxValue({ text: '=HYPERLINK("x")' })).toBe('\'=HYPERLINK("x")');
  });

  it('quotes CSV fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' edge')).toBe('" edge"');
    expect(csvCell({ text: '=1+1,2' })).toBe('"\'=1+1,2"');
  });

  it('writes amounts as yuan with two decimals, exactly', () => {
    expect(fenToYuanText(0)).toBe('0.00');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(123456)).toBe('1234.56');
    expect(fenToYuanText(999_999_999_999)).toBe('9999999999.99');
    expect(csvCell({ fen: null })).toBe('');
    expect(xlsxValue({ fen: 360_000 })).toBe(3600);
    expect(csvCell({ int: 42 })).toBe('42');
  });

  it('writes instants in China time', () => {
    expect(chinaDateTime(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02 00:30');
    expect(chinaDateTime(null)).toBeNull();
  });
});
