import { SLICE_SIZE, sliceEnd } from './csv-slices';

describe('CSV slices', () => {
  it('ends a slice at the first line break outside quotes past the slice size', () => {
    const a = 'x'.repeat(SLICE_SIZE - 2);
    const text = `${a},"b\nc"\nnext\n`; // the line break inside quotes is not a boundary
    expect(sliceEnd(text, 0)).toBe(text.indexOf('next'));
    expect(sliceEnd(Buffer.from(text), 0)).toBe(Buffer.from(text).indexOf('next'));
  });

  it('counts escaped quotes twice', () => {
    const text = `${'y'.repeat(SLICE_SIZE)},"say ""hi""\nstill inside"\nnext\n`;
    expect(sliceEnd(text, 0)).toBe(text.indexOf('next'));
  });

  it('takes the rest when it is short or has no break', () => {
    expect(sliceEnd('a,b\nc,d\n', 0)).toBe(8);
    expect(sliceEnd('z'.repeat(SLICE_SIZE + 10), 0)).toBe(SLICE_SIZE + 10);
  });
});
