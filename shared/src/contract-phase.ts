import type { ContractPhase } from './registers';

export interface ContractDates {
  /** First day of the term. */
  startOn: string;
  /** Last day of the term (inclusive). */
  endOn: string;
  /** Last day in force of a contract ended early (an approved termination), else null. */
  terminatedOn: string | null;
}

/**
 * Where a contract stands on `today` (China's calendar date): ended early once today is past its
 * termination date, else not yet started, in force, or past its end date. Derived, never stored.
 */
export function contractPhase(c: ContractDates, today: string): ContractPhase {
  if (c.terminatedOn !== null && today > c.terminatedOn) return 'terminated';
  if (today < c.startOn) return 'pending';
  if (today > c.endOn) return 'expired';
  return 'active';
}
