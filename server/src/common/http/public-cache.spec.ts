import { PublicCache } from './public-cache';

describe('PublicCache', () => {
  it('makes a body once per key and evicts the least recently used', async () => {
    const cache = new PublicCache(2);
    let made = 0;
    const make = jest.fn(async (): Promise<{ n: number }> => ({ n: ++made }));
    const a1 = await cache.get(['a', 1], make);
    const a1again = await cache.get(['a', 1], make);
    expect(a1again).toBe(a1);
    await cache.get(['b', 1], make);
    await cache.get(['a', 1], make); // a is now the most recent
    await cache.get(['c', 1], make); // evicts b
    await cache.get(['b', 1], make);
    expect(make).toHaveBeenCalledTimes(4);
  });

  it('gives a new ETag when the version part changes', async () => {
    const cache = new PublicCache();
    const v1 = await cache.get(['entries', 7, 10], async () => 1);
    const v2 = await cache.get(['entries', 7, 11], async () => 2);
    expect(v1.etag).not.toBe(v2.etag);
    expect(v1.etag).toMatch(/^W\/".+"$/);
  });
});
