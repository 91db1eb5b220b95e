import { CASE_ACTIONS, CASE_STATUSES, caseActionsFrom, checkCaseTransition, nextCaseStatus, type CaseStatus } from './case-state';

describe('the case lifecycle (reports and warnings)', () => {
  it('walks a substantiated case through rectification to closed', () => {
    let s: CaseStatus = 'submitted';
    for (const action of ['accept', 'investigate', 'conclude', 'require_rectification', 'confirm_rectified', 'close'] as const) {
      const next = nextCaseStatus(s, action);
      expect(next).not.toBeNull();
      s = next!;
    }
    expect(s).toBe('closed');
  });

  it('closes a declined case and a concluded one without rectification', () => {
    expect(nextCaseStatus(nextCaseStatus('submitted', 'decline')!, 'close')).toBe('closed');
    expect(nextCaseStatus('concluded', 'close')).toBe('closed');
  });

  it('has no way out of closed and no shortcut past investigation', () => {
    expect(caseActionsFrom('closed')).toEqual([]);
    expect(nextCaseStatus('submitted', 'conclude')).toBeNull();
    expect(nextCaseStatus('accepted', 'close')).toBeNull();
    expect(nextCaseStatus('rectifying', 'close')).toBeNull();
  });

  it('reaches every status from submitted', () => {
    const seen = new Set<CaseStatus>(['submitted']);
    const queue: CaseStatus[] = ['submitted'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of CASE_ACTIONS) {
        const n = nextCaseStatus(s, a);
        if (n && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('asks each action for what it must carry', () => {
    expect(checkCaseTransition('submitted', { action: 'accept' })).toEqual([]);
    expect(checkCaseTransition('submitted', { action: 'decline', note: '  ' })).toEqual([{ field: 'note', reason: 'is required for this action' }]);
    expect(checkCaseTransition('investigating', { action: 'conclude', note: '查实' }).map((p) => p.field)).toEqual(['outcome']);
    expect(checkCaseTransition('investigating', { action: 'conclude', note: '查实', outcome: 'substantiated', amountRecoveredFen: 51200000 })).toEqual([]);
    expect(checkCaseTransition('investigating', { action: 'conclude', note: '查实', outcome: 'substantiated', amountRecoveredFen: -1 }).map((p) => p.field)).toEqual([
      'amountRecoveredFen',
    ]);
    expect(checkCaseTransition('submitted', { action: 'accept', amountRecoveredFen: 5 }).map((p) => p.field)).toEqual(['amountRecoveredFen']);
    expect(checkCaseTransition('submitted', { action: 'accept', outcome: 'substantiated' }).map((p) => p.field)).toEqual(['outcome']);
    expect(checkCaseTransition('concluded', { action: 'close' }).map((p) => p.field)).toEqual(['note']);
  });

  it('refuses actions not allowed from the status, and rectification of an unfounded case', () => {
    expect(checkCaseTransition('closed', { action: 'accept' })).toEqual([{ field: 'action', reason: 'cannot accept a case that is closed' }]);
    expect(checkCaseTransition('concluded', { action: 'require_rectification', note: '整改' }, 'not_substantiated').map((p) => p.field)).toEqual(['action']);
    expect(checkCaseTransition('concluded', { action: 'require_rectification', note: '整改' }, 'partly_substantiated')).toEqual([]);
  });
});
