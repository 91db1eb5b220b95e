import { ENTRY_LIMITS } from '@mingbai/shared';
import type { FieldDetail } from '../../common/errors/app-exception';

const FIELD = 'attachmentIds';

/** What the rules need to know about one attachment named in a binding request. */
export interface BindingCandidate {
  id: number;
  villageId: number;
  entryId: number | null;
  /** A contract scan (never public) is not free for an entry, nor a voucher for a contract. */
  contractId: number | null;
  /** Whether the uploader's scope covers the entry's village. */
  uploaderCovers: boolean;
}

/** Problems with the list itself, before looking anything up. */
export function listProblems(ids: unknown[]): FieldDetail[] {
  if (ids.some((id) => !Number.isInteger(id) || (id as number) < 1))
    return [{ field: FIELD, reason: '附件编号必须是正整数' }];
  if (new Set(ids).size > ENTRY_LIMITS.attachmentsMax)
    return [{ field: FIELD, reason: `每笔记账最多 ${ENTRY_LIMITS.attachmentsMax} 个附件` }];
  return [];
}

/**
 * Each id must exist in the entry's village, come from someone whose scope covers that village,
 * and be free or already on this entry. A foreign attachment reads as missing, as everywhere else.
 */
export function candidateProblems(ids: number[], found: BindingCandidate[], entry: { id: number; villageId: number }): FieldDetail[] {
  const byId = new Map(found.map((a) => [a.id, a]));
  const problems: FieldDetail[] = [];
  for (const id of ids) {
    const a = byId.get(id);
    if (!a || a.villageId !== entry.villageId || !a.uploaderCovers) problems.push({ field: FIELD, reason: `附件 ${id} 不存在` });
    else if ((a.entryId !== null && a.entryId !== entry.id) || a.contractId !== null)
      problems.push({ field: FIELD, reason: `附件 ${id} 已用于另一笔记账或合同` });
  }
  return problems;
}

/** The same rules for the scans of a contract: free, or already on this contract. */
export function contractCandidateProblems(
  ids: number[],
  found: BindingCandidate[],
  contract: { id: number; villageId: number },
): FieldDetail[] {
  const byId = new Map(found.map((a) => [a.id, a]));
  const problems: FieldDetail[] = [];
  for (const id of ids) {
    const a = byId.get(id);
    if (!a || a.villageId !== contract.villageId || !a.uploaderCovers) problems.push({ field: FIELD, reason: `附件 ${id} 不存在` });
    else if (a.entryId !== null || (a.contractId !== null && a.contractId !== contract.id))
      problems.push({ field: FIELD, reason: `附件 ${id} 已用于记账或另一份合同` });
  }
  return problems;
}
