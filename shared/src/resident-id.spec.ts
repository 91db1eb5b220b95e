import { normalizeResidentId, residentIdProblem } from './resident-id';

describe('resident ID numbers', () => {
  it('accepts a number with a valid check character, in any case and spacing', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('11010519491231002x')).toBeNull();
    expect(normalizeResidentId(' 110105 19491231002x ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, an impossible birth date and a wrong length', () => {
    expect(residentIdProblem('110105194912310021')).toMatch(/check/);
    expect(residentIdProblem('110105194902300028')).toMatch(/date of birth/);
    expect(residentIdProblem('1101051949123100')).toMatch(/18 characters/);
  });
});
