import type { SupervisionRule } from '../rule';
import { benfordRule } from './benford.rule';
import { conflictOfInterestRule } from './conflict-of-interest.rule';
import { contractLowRentRule } from './contract-low-rent.rule';
import { contractNoTenderRule } from './contract-no-tender.rule';
import { contractTermLimitRule } from './contract-term-limit.rule';
import { crossDepartmentRule } from './cross-department.rule';
import { duplicatePaymentsRule } from './duplicate-payments.rule';
import { holidayEntriesRule } from './holiday-entries.rule';
import { largeCashRule } from './large-cash.rule';
import { latePostingRule } from './late-posting.rule';
import { missingVoucherRule } from './missing-voucher.rule';
import { rentArrearsRule } from './rent-arrears.rule';
import { roundAmountsRule } from './round-amounts.rule';
import { splitPaymentsRule } from './split-payments.rule';

/** Every supervision rule, in the order the rules page lists them. One file per rule in this folder. */
export const RULES: readonly SupervisionRule[] = [
  rentArrearsRule,
  contractTermLimitRule,
  contractNoTenderRule,
  contractLowRentRule,
  splitPaymentsRule,
  duplicatePaymentsRule,
  largeCashRule,
  missingVoucherRule,
  conflictOfInterestRule,
  crossDepartmentRule,
  benfordRule,
  roundAmountsRule,
  latePostingRule,
  holidayEntriesRule,
];
