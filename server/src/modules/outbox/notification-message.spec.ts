import { CASE_STATUSES } from '@mingbai/shared';
import { chinaDateTime, SUBSCRIBE_MESSAGE_NOTE, subscribeMessageData } from './notification-message';

describe('subscribe message data', () => {
  it('names the new status and the time in China, within WeChat field limits', () => {
    const at = new Date('2026-03-01T16:05:59.000Z'); // 2026-03-02 00:05 in China
    expect(subscribeMessageData('accepted', at)).toEqual({
      phrase1: { value: '已受理' },
      time2: { value: '2026-03-02 00:05' },
      thing3: { value: expect.any(String) },
    });
    for (const status of CASE_STATUSES) {
      const data = subscribeMessageData(status, at);
      expect(Array.from(data.phrase1.value).length).toBeLessThanOrEqual(5);
      expect(Array.from(data.thing3.value).length).toBeLessThanOrEqual(20);
      expect(data.phrase1.value.length).toBeGreaterThan(0);
      expect(data.thing3.value).toBe(SUBSCRIBE_MESSAGE_NOTE);
    }
  });

  it('formats China time', () => {
    expect(chinaDateTime(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31 23:59');
    expect(chinaDateTime(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00');
  });
});
