import { decodeCursor, encodeCursor, monthEnd } from './cursor';

describe('public list cursor', () => {
  it('round-trips', () => expect(decodeCursor(encodeCursor('2025-03-05', 42))).toEqual({ occurredOn: '2025-03-05', id: 42 }));
  it.each(['', 'garbage', Buffer.from('["2025-02-30",1]').toString('base64url'), Buffer.from('["2025-02-01",-1]').toString('base64url')])(
    'refuses %p with a 400 naming cursor',
    (c) => {
      expect(() => decodeCursor(c)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cursor' })] }));
    },
  );
  it('knows month ends', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
  });
});
