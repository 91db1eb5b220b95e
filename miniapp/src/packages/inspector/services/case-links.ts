import type { CaseLinkDto } from '@mingbai/shared'

/** The case number typed to link another case, or why it cannot be linked. */
export function parseLinkTarget(text: string, selfId: number, links: CaseLinkDto[]): { caseId: number } | { error: string } {
  const t = text.trim().replace(/^#/, '')
  if (!t) return { error: '请填写要关联的案件编号' }
  if (!/^[1-9]\d{0,9}$/.test(t)) return { error: '案件编号是数字，如 41' }
  const caseId = Number(t)
  if (caseId === selfId) return { error: '不能关联本案件自身' }
  if (links.some((l) => l.caseId === caseId)) return { error: '已经关联了这件案件' }
  return { caseId }
}

/** Who linked it: automatic links (same entry or contract) have no person. */
export function linkedByText(link: CaseLinkDto): string {
  return link.linkedBy === null ? '自动关联（同一对象）' : `${link.linkedBy} 关联`
}

/** The server's reasons for refusing a link, in Chinese. */
export function linkReason(reason: string): string {
  if (/[\u4e00-\u9fff]/.test(reason)) return reason
  if (/linked to itself/.test(reason)) return '不能关联本案件自身'
  const dup = /duplicate of report (\d+)/.exec(reason)
  if (dup) return `这是一件重复举报，请关联原举报（编号 ${dup[1]}）`
  return '无法关联这件案件'
}
