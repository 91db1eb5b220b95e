import type { AuthUser } from '../../common/auth/auth-user';
import { AppException } from '../../common/errors/app-exception';
import { RegisterRecord, requireAuthor, requireReviewer, requireTransition, requireVillageBookkeeper } from './register-review';

const user = (id: number, role: AuthUser['role'], regionId: number): AuthUser => ({
  id,
  username: `u${id}`,
  displayName: '',
  role,
  regionId,
  regionPath: `/${regionId}/`,
  regionLevel: 'village',
});
const rec = (over: Partial<RegisterRecord> = {}): RegisterRecord => ({
  id: 1,
  villageId: 7,
  status: 'draft',
  createdBy: 1,
  pendingChange: null,
  ...over,
});
const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as AppException).code;
  }
};

describe('register review rules', () => {
  it('lets only a bookkeeper of the village near a record, and a draft only near its author', () => {
    expect(code(() => requireVillageBookkeeper(user(1, 'bookkeeper', 7), rec(), 'asset'))).toBeNull();
    expect(code(() => requireVillageBookkeeper(user(2, 'bookkeeper', 7), rec(), 'asset'))).toBe('NOT_FOUND');
    expect(code(() => requireVillageBookkeeper(user(2, 'bookkeeper', 7), rec({ status: 'rejected' }), 'asset'))).toBeNull();
    expect(code(() => requireVillageBookkeeper(user(1, 'bookkeeper', 8), rec(), 'asset'))).toBe('NOT_FOUND');
    expect(code(() => requireVillageBookkeeper(user(1, 'approver', 7), rec(), 'asset'))).toBe('NOT_FOUND');
  });

  it('keeps edits to the author and changes of approved records to one at a time', () => {
    expect(code(() => requireAuthor(user(2, 'bookkeeper', 7), rec({ status: 'rejected' }), 'edit', 'asset'))).toBe('NOT_AUTHOR');
    expect(code(() => requireAuthor(user(1, 'bookkeeper', 7), rec({ status: 'submitted' }), 'edit', 'asset'))).toBe('INVALID_STATE');
    expect(code(() => requireTransition(rec({ status: 'approved', pendingChange: '{}' }), 'change', 'asset'))).toBe('CHANGE_PENDING');
    expect(code(() => requireTransition(rec({ status: 'approved' }), 'change', 'asset'))).toBeNull();
  });

  it('refuses a decision on what the approver wrote or asked for', () => {
    expect(code(() => requireReviewer(user(1, 'approver', 7), rec({ status: 'submitted' }), 'approve', 'asset'))).toBe('SELF_APPROVAL');
    expect(code(() => requireReviewer(user(3, 'approver', 7), rec({ status: 'submitted' }), 'approve', 'asset'))).toBeNull();
    const change = rec({ status: 'approved', pendingChange: JSON.stringify({ requestedBy: 3, requestedAt: '' }) });
    expect(code(() => requireReviewer(user(3, 'approver', 7), change, 'reject', 'asset'))).toBe('SELF_APPROVAL');
    expect(code(() => requireReviewer(user(1, 'approver', 7), change, 'approve', 'asset'))).toBeNull();
    expect(code(() => requireReviewer(user(3, 'approver', 7), rec(), 'approve', 'asset'))).toBe('NOT_FOUND');
    expect(code(() => requireReviewer(user(3, 'approver', 7), rec({ status: 'approved' }), 'approve', 'asset'))).toBe('INVALID_STATE');
  });
});
