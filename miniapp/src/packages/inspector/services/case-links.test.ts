import type { CaseLinkDto } from '@mingbai/shared'
import { linkedByText, linkReason, parseLinkTarget } from './case-links'

const link = (caseId: number, linkedBy: string | null = null): CaseLinkDto => ({
  caseId,
  kind: 'report',
  title: 't',
  status: 'submitted',
  statusLabel: '待受理',
  linkedBy,
  at: '2026-03-05T02:00:00.000Z',
})

it('reads the case number typed, refusing itself and cases already linked', () => {
  expect(parseLinkTarget(' 41 ', 52, [])).toEqual({ caseId: 41 })
  expect(parseLinkTarget('#41', 52, [])).toEqual({ caseId: 41 })
  expect(parseLinkTarget('', 52, [])).toEqual({ error: '请填写要关联的案件编号' })
  expect(parseLinkTarget('4a', 52, [])).toEqual({ error: '案件编号是数字，如 41' })
  expect(parseLinkTarget('052', 52, [])).toEqual({ error: '案件编号是数字，如 41' })
  expect(parseLinkTarget('52', 52, [])).toEqual({ error: '不能关联本案件自身' })
  expect(parseLinkTarget('41', 52, [link(41)])).toEqual({ error: '已经关联了这件案件' })
})

it('says who linked a case, and why the server refused one', () => {
  expect(linkedByText(link(41))).toBe('自动关联（同一对象）')
  expect(linkedByText(link(41, '王监察'))).toBe('王监察 关联')
  expect(linkReason('a case cannot be linked to itself')).toBe('不能关联本案件自身')
  expect(linkReason('is a duplicate of report 44; link that one')).toBe('这是一件重复举报，请关联原举报（编号 44）')
  expect(linkReason('只能关联同一辖区的案件')).toBe('只能关联同一辖区的案件')
  expect(linkReason('something else')).toBe('无法关联这件案件')
})
