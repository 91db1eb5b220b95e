import { contractPhase } from './contract-phase';

describe('contractPhase', () => {
  const c = { startOn: '2025-03-01', endOn: '2027-02-28', terminatedOn: null };

  it('is pending before the start, active on the first and last day, expired after the end', () => {
    expect(contractPhase(c, '2025-02-28')).toBe('pending');
    expect(contractPhase(c, '2025-03-01')).toBe('active');
    expect(contractPhase(c, '2027-02-28')).toBe('active');
    expect(contractPhase(c, '2027-03-01')).toBe('expired');
  });

  it('is terminated only after the termination date, which is the last day in force', () => {
    const ended = { ...c, terminatedOn: '2025-12-31' };
    expect(contractPhase(ended, '2025-12-31')).toBe('active');
    expect(contractPhase(ended, '2026-01-01')).toBe('terminated');
    expect(contractPhase(ended, '2030-01-01')).toBe('terminated');
    // a termination agreed before the start still shows as pending until its date passes
    expect(contractPhase({ ...c, terminatedOn: '2025-03-01' }, '2025-02-01')).toBe('pending');
  });
});
