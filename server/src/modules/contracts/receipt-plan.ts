import type { FieldError } from '@mingbai/shared';
import { ValidationFailed } from '../../common/errors/app-exception';
import type { InstallmentRow } from './contracts.repository';

/** How a rent receipt splits an entry's money over installments. */
export interface Allocation {
  installmentId: number;
  amountFen: number;
}

/** The entry's money over the oldest installments not fully paid, each up to what it still lacks. */
export function planOldestFirst(installments: InstallmentRow[], available: number): Allocation[] {
  const plan: Allocation[] = [];
  let left = available;
  for (const i of [...installments].sort((a, b) => a.seq - b.seq)) {
    if (left <= 0) break;
    const lacking = i.amountFen - i.receivedFen;
    if (lacking <= 0) continue;
    const amountFen = Math.min(lacking, left);
    plan.push({ installmentId: i.id, amountFen });
    left -= amountFen;
  }
  return plan;
}

/** A split given by the bookkeeper: installments of this contract, once each, none over-paid, within what the entry has left. */
export function planGiven(allocations: Allocation[], installments: InstallmentRow[], available: number): Allocation[] {
  const byId = new Map(installments.map((i) => [i.id, i]));
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  allocations.forEach((a, k) => {
    const inst = byId.get(a.installmentId);
    if (!inst) errors.push({ field: `allocations[${k}].installmentId`, reason: '不是本合同的分期' });
    else if (seen.has(a.installmentId)) errors.push({ field: `allocations[${k}].installmentId`, reason: '同一期只能出现一次' });
    else if (a.amountFen > inst.amountFen - inst.receivedFen)
      errors.push({ field: `allocations[${k}].amountFen`, reason: `超过本期未收金额 ${inst.amountFen - inst.receivedFen} 分` });
    seen.add(a.installmentId);
  });
  if (allocations.length === 0) errors.push({ field: 'allocations', reason: '至少分配到一期' });
  const total = allocations.reduce((s, a) => s + a.amountFen, 0);
  if (total > available) errors.push({ field: 'allocations', reason: `合计超过这笔收入尚未计入租金的 ${available} 分` });
  if (errors.length) throw new ValidationFailed(errors);
  return allocations.map((a) => ({ installmentId: a.installmentId, amountFen: a.amountFen }));
}
