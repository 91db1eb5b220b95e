import { validateEntryInput } from './entry-rules';
import { nextEntryStatus } from './entry-state';

const good = {
  direction: 'expense',
  subjectCode: '514',
  amountFen: 50000,
  occurredOn: '2025-06-01',
  counterpartyName: '清溪建筑队',
  counterpartyKind: 'organisation',
  summary: '村道修缮',
  paymentMethod: 'transfer',
};
const ctx = { today: '2025-06-30', ledgerStart: '2024-01-01' };

describe('validateEntryInput', () => {
  it('accepts a complete entry', () => expect(validateEntryInput(good, ctx)).toEqual([]));
  it('names each bad field', () => {
    const fields = (over: object) => validateEntryInput({ ...good, ...over }, ctx).map((e) => e.field);
    expect(fields({ amountFen: '100' })).toEqual(['amountFen']);
    expect(fields({ occurredOn: '2025-07-01' })).toEqual(['occurredOn']);
    expect(fields({ occurredOn: '2023-12-31' })).toEqual(['occurredOn']);
    expect(fields({ occurredOn: '2025-02-30' })).toEqual(['occurredOn']);
    expect(fields({ summary: '联系13812345678' })).toEqual(['summary']);
    expect(fields({ summary: '   ' })).toEqual(['summary']);
    expect(fields({ counterpartyName: '张'.repeat(101) })).toEqual(['counterpartyName']);
    expect(fields({ paymentMethod: 'cheque', direction: 'in' })).toEqual(['direction', 'paymentMethod']);
  });
});

describe('entry state machine', () => {
  it('allows only the documented transitions', () => {
    expect(nextEntryStatus('draft', 'submit')).toBe('submitted');
    expect(nextEntryStatus('rejected', 'submit')).toBe('submitted');
    expect(nextEntryStatus('submitted', 'approve')).toBe('published');
    expect(nextEntryStatus('submitted', 'reject')).toBe('rejected');
    expect(nextEntryStatus('published', 'edit')).toBeNull();
    expect(nextEntryStatus('published', 'delete')).toBeNull();
    expect(nextEntryStatus('submitted', 'edit')).toBeNull();
  });
});
