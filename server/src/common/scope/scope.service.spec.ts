import { ScopeService } from './scope.service';
import type { AuthUser } from '../auth/auth-user';
import type { Db } from '../../database/db.service';

const user = (over: Partial<AuthUser>): AuthUser => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  role: 'approver',
  regionId: 3,
  regionPath: '/1/2/3/',
  regionLevel: 'town',
  ...over,
});

describe('ScopeService', () => {
  const fakeDb = { manager: { findOne: jest.fn() } } as unknown as Db;
  const scope = new ScopeService(fakeDb);

  it('covers villages under the user region only, by path prefix', () => {
    expect(scope.covers(user({}), { path: '/1/2/3/40/' })).toBe(true);
    expect(scope.covers(user({}), { path: '/1/2/30/40/' })).toBe(false); // '/1/2/3' is a string prefix of '/1/2/30', the trailing slash tells them apart
    expect(scope.covers(user({ role: 'admin', regionPath: null, regionId: null }), { path: '/9/' })).toBe(true);
    expect(scope.covers(user({ role: 'bookkeeper', regionPath: null }), { path: '/1/' })).toBe(false);
  });

  it('answers 404 for a village out of scope, as if it did not exist', async () => {
    (fakeDb.manager.findOne as jest.Mock).mockResolvedValueOnce({ id: 41, path: '/1/2/30/41/', level: 'village' });
    await expect(scope.requireVillage(user({}), 41)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
