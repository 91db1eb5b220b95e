import { daysBetween, median, medianDays } from './stats';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';

describe('case statistics', () => {
  it('takes the median of odd and even lists, unsorted, and null of nothing', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('measures days to one decimal and skips rows that have not reached the step', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000);
    expect(daysBetween(day(0), day(1.25))).toBe(1.3);
    const rows = [
      { created: day(0), accepted: day(1) },
      { created: day(0), accepted: day(3) },
      { created: day(2), accepted: null },
      { created: day(1), accepted: day(11) },
    ];
    expect(medianDays(rows, (r) => r.created, (r) => r.accepted)).toBe(3);
    expect(medianDays(rows.slice(2, 3), (r) => r.created, (r) => r.accepted)).toBeNull();
  });
});

describe('inbox cursor', () => {
  it('round-trips and refuses anything else', () => {
    const c = { createdAt: new Date('2026-03-02T02:00:00.123Z'), id: 42 };
    expect(decodeInboxCursor(encodeInboxCursor(c))).toEqual(c);
    for (const bad of ['x', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-03-02T02:00:00.123Z",0]').toString('base64url')])
      expect(() => decodeInboxCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
