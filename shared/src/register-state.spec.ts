import { awaitsReview, nextRegisterStatus } from './register-state';

describe('register record states', () => {
  it('follows the ledger: drafts and rejected records are edited, submitted, deleted; submitted ones are decided', () => {
    expect(nextRegisterStatus('draft', 'submit')).toBe('submitted');
    expect(nextRegisterStatus('rejected', 'edit')).toBe('rejected');
    expect(nextRegisterStatus('submitted', 'approve')).toBe('approved');
    expect(nextRegisterStatus('submitted', 'reject')).toBe('rejected');
    expect(nextRegisterStatus('submitted', 'edit')).toBeNull();
    expect(nextRegisterStatus('draft', 'approve')).toBeNull();
    expect(nextRegisterStatus('approved', 'delete')).toBeNull();
    expect(nextRegisterStatus('approved', 'edit')).toBeNull();
  });

  it('keeps an approved record approved while a change waits, and allows one change at a time', () => {
    expect(nextRegisterStatus('approved', 'change')).toBe('approved');
    expect(nextRegisterStatus('approved', 'change', true)).toBeNull();
    expect(nextRegisterStatus('approved', 'approve')).toBeNull();
    expect(nextRegisterStatus('approved', 'approve', true)).toBe('approved');
    expect(nextRegisterStatus('approved', 'reject', true)).toBe('approved');
    expect(nextRegisterStatus('draft', 'change')).toBeNull();
  });

  it('tells what waits for an approver', () => {
    expect(awaitsReview('submitted', false)).toBe(true);
    expect(awaitsReview('approved', true)).toBe(true);
    expect(awaitsReview('approved', false)).toBe(false);
    expect(awaitsReview('rejected', false)).toBe(false);
  });
});
