import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CaseLinkDto, CaseTransitionRequest, ReportDetailDto } from '@mingbai/shared'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, reportDetail, signInInspector, warning, warningDetail, type FakeCall } from '../../testing/fixtures'
import Detail from './index'

beforeEach(() => {
  resetTaroMock()
  signInInspector()
  setRouterParams({ id: '41' })
})
afterAll(() => setTransport())

const posts = (calls: FakeCall[]) => calls.filter((c) => c.method === 'POST')
const textarea = (container: HTMLElement, placeholder: string) => container.querySelector(`textarea[placeholder="${placeholder}"]`)!

/** A server that applies transitions to `state` the way the real one answers. */
function caseServer(state: ReportDetailDto, extra: Record<string, (c: FakeCall) => unknown> = {}) {
  let current = state
  const calls = fakeApi({
    'GET /inspector/reports/41': () => current,
    'POST /inspector/reports/41/transitions': (c) => {
      const body = c.data as CaseTransitionRequest
      const to = { accept: 'accepted', investigate: 'investigating', conclude: 'concluded', close: 'closed', decline: 'not_accepted' }[body.action as string]
      current = { ...current, status: to as ReportDetailDto['status'], statusLabel: `→${to}`, allowedActions: [] }
      return current
    },
    ...extra,
  })
  return calls
}

it('shows the whole report: text, subject, photos, thread, timeline, dues and duplicates', async () => {
  const calls = caseServer(
    reportDetail({
      overdue: 'accept',
      photos: [
        { id: 1, mime: 'image/jpeg', url: '/api/report-files/a?exp=1&sig=x' },
        { id: 2, mime: 'image/jpeg', url: '/api/report-files/b?exp=1&sig=y' },
      ],
      messages: [
        { id: 1, from: 'reporter', text: '补充：还有一个人也没来', at: '2026-03-06T02:00:00.000Z', photos: [] },
        { id: 2, from: 'office', text: '已收到，正在了解情况', at: '2026-03-07T02:00:00.000Z', photos: [] },
      ],
      events: [
        { id: 1, at: '2026-03-05T02:00:00.000Z', action: 'submitted', fromStatus: null, toStatus: 'submitted', actorName: null, note: null },
        { id: 2, at: '2026-03-05T03:00:00.000Z', action: 'assigned', fromStatus: 'submitted', toStatus: 'submitted', actorName: '王监察', note: '由李监察承办' },
      ],
      duplicates: [{ id: 44, createdAt: '2026-03-05T05:00:00.000Z', excerpt: '同样的内容又报了一次' }],
    }),
  )
  const { container } = render(<Detail />)
  expect(await screen.findByText('村里修路的误工补贴发给了没干活的人，名单上有三个人那几天在外地打工。')).toBeTruthy()
  expect(calls[0].path).toBe('/inspector/reports/41')
  expect(container.querySelector('.ip-overdue')!.textContent).toBe('受理逾期')
  expect(screen.getByText('受理期限：2026年3月12日（已逾期）')).toBeTruthy()
  expect(screen.getByText('办结期限：2026年5月4日')).toBeTruthy()
  expect(screen.getByText('匿名举报')).toBeTruthy()
  expect(screen.queryByText('查看举报人身份')).toBeNull()

  fireEvent.click(screen.getByText('查看公开记录'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/entry/index?id=12' })
  expect(screen.getByText('2026-03-01 支出 ¥3,200.00 修路误工补贴')).toBeTruthy()

  fireEvent.click(container.querySelectorAll('.sf-thumb')[1])
  expect(Taro.previewImage).toHaveBeenCalledWith({
    current: '/api/report-files/b?exp=1&sig=y',
    urls: ['/api/report-files/a?exp=1&sig=x', '/api/report-files/b?exp=1&sig=y'],
  })

  expect(container.querySelector('.ip-msg--reporter')!.textContent).toContain('举报人')
  expect(container.querySelector('.ip-msg--office')!.textContent).toContain('办理单位')
  expect(screen.getByText('提交举报')).toBeTruthy()
  expect(screen.getByText('指派承办人')).toBeTruthy()
  expect(screen.getByText('由李监察承办')).toBeTruthy()
  expect(screen.getByText('2026年3月5日 11:00 · 王监察')).toBeTruthy()

  expect(screen.getByText('重复举报（1）')).toBeTruthy()
  fireEvent.click(screen.getByText('同样的内容又报了一次'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/pages/detail/index?id=44' })
})

it('accepts with one tap on 受理 and 确认受理 (no note needed) and shows the new state', async () => {
  const calls = caseServer(reportDetail())
  render(<Detail />)
  fireEvent.click(await screen.findByText('受理'))
  expect(screen.getByText('仅纪检监察人员可见。')).toBeTruthy()
  fireEvent.click(screen.getByText('确认受理'))
  expect(await screen.findByText('→accepted')).toBeTruthy()
  expect(posts(calls)[0].data).toEqual({ action: 'accept', note: null, expectedStatus: 'submitted' })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已受理', icon: 'success' })
})

it('will not decline without a reason', async () => {
  const calls = caseServer(reportDetail())
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('不予受理'))
  fireEvent.click(screen.getByText('确认不予受理'))
  expect(container.querySelector('.sf-field--note .sf-field__error')!.textContent).toBe('请填写不予受理的理由')
  fireEvent.change(textarea(container, '请填写不予受理的理由'), { target: { value: '   ' } })
  fireEvent.click(screen.getByText('确认不予受理'))
  expect(posts(calls)).toHaveLength(0)
  fireEvent.change(textarea(container, '请填写不予受理的理由'), { target: { value: ' 不属于本单位管辖 ' } })
  fireEvent.click(screen.getByText('确认不予受理'))
  await waitFor(() => expect(posts(calls)).toHaveLength(1))
  expect(posts(calls)[0].data).toEqual({ action: 'decline', note: '不属于本单位管辖', expectedStatus: 'submitted' })
})

it('concludes with an outcome, findings and the amount recovered in fen', async () => {
  const calls = caseServer(reportDetail({ status: 'investigating', statusLabel: '核查中', allowedActions: ['conclude'] }))
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('办结'))
  fireEvent.click(screen.getByText('确认办结'))
  expect(container.querySelector('.sf-field--outcome .sf-field__error')!.textContent).toBe('请选择核查结论')
  expect(container.querySelector('.sf-field--note .sf-field__error')!.textContent).toBe('请填写办结意见（核查结果）')

  fireEvent.click(screen.getByText('部分属实'))
  fireEvent.input(container.querySelector('.sf-field--amountRecoveredFen input')!, { target: { value: '12.345' } })
  fireEvent.change(textarea(container, '请填写办结意见（核查结果）'), { target: { value: '两人冒领属实，已责令退回' } })
  fireEvent.click(screen.getByText('确认办结'))
  expect(container.querySelector('.sf-field--amountRecoveredFen .sf-field__error')).toBeTruthy()
  expect(posts(calls)).toHaveLength(0)

  fireEvent.input(container.querySelector('.sf-field--amountRecoveredFen input')!, { target: { value: '1200.5' } })
  fireEvent.click(screen.getByText('确认办结'))
  await waitFor(() => expect(posts(calls)).toHaveLength(1))
  expect(posts(calls)[0].data).toEqual({
    action: 'conclude',
    note: '两人冒领属实，已责令退回',
    outcome: 'partly_substantiated',
    amountRecoveredFen: 120050,
    expectedStatus: 'investigating',
  })
})

it('explains that the closing note is the reply the reporter reads', async () => {
  const calls = caseServer(reportDetail({ status: 'concluded', statusLabel: '已办结', outcome: 'substantiated', allowedActions: ['require_rectification', 'close'] }))
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('结案'))
  expect(screen.getByText(/这段答复将作为给举报人的回复/)).toBeTruthy()
  fireEvent.change(textarea(container, '请填写给举报人的答复'), { target: { value: '经核查，反映问题属实，已处理。' } })
  fireEvent.click(screen.getByText('确认结案'))
  await waitFor(() => expect(posts(calls)).toHaveLength(1))
  expect(posts(calls)[0].data).toEqual({ action: 'close', note: '经核查，反映问题属实，已处理。', expectedStatus: 'concluded' })
})

it('shows the server’s 400 next to the field it names', async () => {
  const calls = caseServer(reportDetail(), {
    'POST /inspector/reports/41/transitions': () =>
      errorBody(400, 'VALIDATION_FAILED', 'invalid', [{ field: 'note', reason: 'note must be at most 2000 characters' }]),
  })
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('受理'))
  fireEvent.click(screen.getByText('确认受理'))
  await waitFor(() =>
    expect(container.querySelector('.sf-field--note .sf-field__error')?.textContent).toBe('最多2000个字'),
  )
  expect(posts(calls)).toHaveLength(1)
})

it('reloads the case and says so when someone else moved it first (409 CASE_CHANGED)', async () => {
  let gets = 0
  const calls = fakeApi({
    'GET /inspector/reports/41': () =>
      ++gets === 1 ? reportDetail() : reportDetail({ status: 'accepted', statusLabel: '已受理', allowedActions: ['investigate'] }),
    'POST /inspector/reports/41/transitions': () => errorBody(409, 'CASE_CHANGED', 'the case changed meanwhile'),
  })
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('受理'))
  fireEvent.click(screen.getByText('确认受理'))
  expect(await screen.findByText('这件举报刚刚被其他人处理过，已为您刷新，请确认后再操作')).toBeTruthy()
  expect(calls.filter((c) => c.method === 'GET' && c.path === '/inspector/reports/41')).toHaveLength(2)
  expect(screen.getByText('开始核查')).toBeTruthy()
  expect(container.querySelector('.ip-form')).toBeNull()
})

it('reveals a named reporter only after the warning and a reason of 5+ characters, on the page only', async () => {
  let reveals = [{ id: 1, at: '2026-03-04T02:00:00.000Z', inspectorName: '县纪委 赵监察', reason: '核实举报人是否为利害关系人' }]
  const calls = fakeApi({
    'GET /inspector/reports/41': () => reportDetail({ named: true }),
    'GET /inspector/reports/41/reveals': () => reveals,
    'POST /inspector/reports/41/reveal': (c) => {
      reveals = [...reveals, { id: 2, at: '2026-03-08T02:00:00.000Z', inspectorName: '清溪镇纪委 王监察', reason: (c.data as { reason: string }).reason }]
      return { name: '张三', phone: '13800001111', openid: 'o-test-openid', revealedAt: '2026-03-08T02:00:00.000Z' }
    },
  })
  const { container } = render(<Detail />)
  expect(await screen.findByText('理由：核实举报人是否为利害关系人')).toBeTruthy()

  ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('查看举报人身份'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('审计日志') })))
  expect(container.querySelector('.ip-form')).toBeNull()

  fireEvent.click(screen.getByText('查看举报人身份'))
  await screen.findByText('确认查看')
  const reason = textarea(container, '请写明查看理由（至少5个字）')
  fireEvent.click(screen.getByText('确认查看'))
  expect(screen.getByText('请写明查看理由，至少5个字')).toBeTruthy()
  fireEvent.change(reason, { target: { value: ' 需要联系 ' } })
  fireEvent.click(screen.getByText('确认查看'))
  expect(posts(calls)).toHaveLength(0)

  fireEvent.change(reason, { target: { value: '需要当面核实细节' } })
  fireEvent.click(screen.getByText('确认查看'))
  expect(await screen.findByText('手机号：13800001111')).toBeTruthy()
  expect(screen.getByText('姓名：张三')).toBeTruthy()
  expect(screen.getByText('微信标识：o-test-openid')).toBeTruthy()
  expect(posts(calls)[0].data).toEqual({ reason: '需要当面核实细节' })
  expect(await screen.findByText('理由：需要当面核实细节')).toBeTruthy()
  // Never written to the platform storage.
  const stored = JSON.stringify((Taro.setStorageSync as unknown as jest.Mock).mock.calls)
  expect(stored).not.toContain('13800001111')
  expect(stored).not.toContain('张三')

  fireEvent.click(screen.getByText('隐藏身份'))
  expect(screen.queryByText('手机号：13800001111')).toBeNull()
})

it('replies to the reporter', async () => {
  const calls = caseServer(reportDetail(), {
    'POST /inspector/reports/41/messages': (c) => [201, { id: 9, from: 'office', text: (c.data as { text: string }).text, at: '2026-03-08T02:00:00.000Z', photos: [] }],
  })
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('回复举报人'))
  fireEvent.click(screen.getByText('发送回复'))
  expect(screen.getByText('请填写回复内容')).toBeTruthy()
  fireEvent.change(textarea(container, '请填写给举报人的回复'), { target: { value: '您反映的情况已收到' } })
  fireEvent.click(screen.getByText('发送回复'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已回复举报人', icon: 'success' }))
  expect(posts(calls).map((c) => [c.path, c.data])).toEqual([['/inspector/reports/41/messages', { text: '您反映的情况已收到' }]])
})

it('offers no reply, assignment or transfer on a closed case or a duplicate (the server refuses them)', async () => {
  for (const over of [
    { status: 'closed', statusLabel: '已结案', allowedActions: [] },
    { duplicateOfId: 40, allowedActions: [] },
  ] as Partial<ReportDetailDto>[]) {
    caseServer(reportDetail(over))
    const { unmount } = render(<Detail />)
    expect(await screen.findByText('办理')).toBeTruthy()
    for (const label of ['回复举报人', '指派', '转办']) expect(screen.queryByText(label)).toBeNull()
    unmount()
  }
})

it('assigns the case to a colleague', async () => {
  const calls = caseServer(reportDetail(), {
    'GET /inspector/colleagues': () => [
      { id: 21, displayName: '王监察', regionName: '清溪镇' },
      { id: 22, displayName: '李监察', regionName: '清溪镇' },
    ],
    'POST /inspector/reports/41/assign': (c) => reportDetail({ assigneeId: (c.data as { assigneeId: number }).assigneeId, assigneeName: '李监察' }),
  })
  render(<Detail />)
  fireEvent.click(await screen.findByText('指派'))
  fireEvent.click(await screen.findByText('李监察'))
  expect(await screen.findByText('承办人：李监察')).toBeTruthy()
  expect(posts(calls)[0].data).toEqual({ assigneeId: 22 })
})

it('transfers to another office only with a chosen office and a reason', async () => {
  const calls = caseServer(reportDetail(), {
    'GET /inspector/offices': () => [
      { id: 3, name: '清溪镇纪委', level: 'town' },
      { id: 2, name: '清溪县纪委监委', level: 'county' },
    ],
    'POST /inspector/reports/41/transfer': () => reportDetail({ officeRegionId: 2, officeName: '清溪县纪委监委' }),
  })
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('转办'))
  await screen.findByText('清溪县纪委监委')
  expect(container.querySelectorAll('.ip-choice')).toHaveLength(1) // not the current office
  fireEvent.change(textarea(container, '请填写转办理由'), { target: { value: '涉及金额较大，报县纪委' } })
  fireEvent.click(screen.getByText('确认转办'))
  expect(screen.getByText('请选择转办到哪个单位')).toBeTruthy()
  fireEvent.click(screen.getByText('清溪县纪委监委'))
  fireEvent.change(textarea(container, '请填写转办理由'), { target: { value: '' } })
  fireEvent.click(screen.getByText('确认转办'))
  expect(screen.getByText('请填写转办理由')).toBeTruthy()
  expect(posts(calls)).toHaveLength(0)
  fireEvent.change(textarea(container, '请填写转办理由'), { target: { value: '涉及金额较大，报县纪委' } })
  fireEvent.click(screen.getByText('确认转办'))
  expect(await screen.findByText('承办单位：清溪县纪委监委')).toBeTruthy()
  expect(posts(calls)[0].data).toEqual({ officeRegionId: 2, reason: '涉及金额较大，报县纪委' })
})

// ---------------------------------------------------------------- warnings (预警)

function warningServer(state: ReportDetailDto, extra: Record<string, (c: FakeCall) => unknown> = {}) {
  let current = state
  return fakeApi({
    'GET /inspector/reports/52': () => current,
    'POST /inspector/reports/52/transitions': (c) => {
      const body = c.data as CaseTransitionRequest
      const to = { conclude: 'concluded', confirm_rectified: 'rectified', close: 'closed' }[body.action as string]
      current = { ...current, status: to as ReportDetailDto['status'], statusLabel: `→${to}`, allowedActions: [] }
      return current
    },
    ...extra,
  })
}

it('shows a warning’s finding, facts and evidence, and nothing that belongs to a reporter', async () => {
  setRouterParams({ id: '52' })
  const calls = warningServer(warningDetail({ named: true, allowedActions: ['accept', 'decline'] }))
  const { container } = render(<Detail />)
  await screen.findByText('预警内容')
  const finding = container.querySelector('.ip-finding')!
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '预警详情' })
  expect(container.querySelector('.ip-detail__title')!.textContent).toBe('租金拖欠')
  expect(container.querySelector('.card .ip-kind--warning')!.textContent).toBe('预警')
  expect(container.querySelector('.card .ip-sev--high')!.textContent).toBe('重点')
  expect(screen.getByText('案件编号：52')).toBeTruthy()
  expect(screen.getByText('预警时间：2026年3月5日 10:00')).toBeTruthy()

  expect(finding.querySelector('.ip-finding__summary')!.textContent).toBe(warning().summary)
  expect(finding.querySelector('.ip-finding__amount')!.textContent).toBe('涉及金额：¥12,000.00')
  expect(finding.querySelector('.ip-finding__state')!.textContent).toBe('预警状态：存在')
  const facts = Array.from(finding.querySelectorAll('.ip-finding__fact')).map((f) => f.textContent)
  expect(facts).toEqual(['应付日期2025年10月1日', '欠缴金额¥12,000.00', '逾期天数158 天', '宽限天数60 天'])

  fireEvent.click(screen.getByText('石桥村鱼塘承包合同（张*三）'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/village/pages/contract/index?id=15' })
  ;(Taro.navigateTo as unknown as jest.Mock).mockClear()
  fireEvent.click(screen.getByText('2025-10-01 应收 12,000.00 元，已收 0.00 元'))
  expect(Taro.navigateTo).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('规则说明'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/rules/index?ruleId=rent-arrears' })

  for (const label of ['举报内容', '往来消息', '回复举报人', '查看举报人身份', '身份查看记录', '实名举报', '匿名举报']) expect(screen.queryByText(label)).toBeNull()
  expect(screen.getByText('预警对象')).toBeTruthy()
  expect(screen.getByText('指派')).toBeTruthy()
  expect(calls.some((c) => c.path.endsWith('/reveals'))).toBe(false)
})

it('says when a warning’s condition has cleared', async () => {
  setRouterParams({ id: '52' })
  warningServer(warningDetail({ warningState: 'resolved', warning: warning({ state: 'resolved', resolvedOn: '2026-03-05', amountFen: null }) }))
  const { container } = render(<Detail />)
  await screen.findByText('预警内容')
  const finding = container.querySelector('.ip-finding')!
  expect(finding.querySelector('.ip-finding__state')!.textContent).toBe('预警状态：已消除（2026年3月5日消除）')
  expect(finding.querySelector('.ip-finding__amount')).toBeNull()
  expect(container.querySelector('.card .ip-wstate--resolved')!.textContent).toBe('已消除')
})

it('concludes a warning as 不属实 with the reason, for the office only', async () => {
  setRouterParams({ id: '52' })
  const calls = warningServer(warningDetail({ status: 'investigating', statusLabel: '核查中', allowedActions: ['conclude'] }))
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('办结'))
  expect(screen.getByText(/核查结论为不属实时请写明原因/)).toBeTruthy()
  expect(screen.queryByText('举报人可以看到办结意见。')).toBeNull()
  fireEvent.click(screen.getByText('不属实'))
  fireEvent.click(screen.getByText('确认办结'))
  expect(container.querySelector('.sf-field--note .sf-field__error')!.textContent).toBe('请填写办结意见（核查结果）')
  fireEvent.change(textarea(container, '请填写办结意见（核查结果）'), { target: { value: '承包户已于3月1日缴清，系入账延迟' } })
  fireEvent.click(screen.getByText('确认办结'))
  await waitFor(() => expect(posts(calls)).toHaveLength(1))
  expect(posts(calls)[0].data).toEqual({
    action: 'conclude',
    note: '承包户已于3月1日缴清，系入账延迟',
    outcome: 'not_substantiated',
    amountRecoveredFen: null,
    expectedStatus: 'investigating',
  })
})

it('confirms a warning’s rectification with the evidence, and closes it with a note instead of a reply', async () => {
  setRouterParams({ id: '52' })
  const calls = warningServer(warningDetail({ status: 'rectifying', statusLabel: '整改中', outcome: 'substantiated', allowedActions: ['confirm_rectified'] }))
  const { container } = render(<Detail />)
  fireEvent.click(await screen.findByText('确认整改'))
  expect(screen.getByText(/请写明整改结果和证据/)).toBeTruthy()
  fireEvent.click(screen.getByText('确认确认整改'))
  expect(container.querySelector('.sf-field--note .sf-field__error')!.textContent).toBe('请填写整改情况')
  fireEvent.change(textarea(container, '请填写整改情况'), { target: { value: '租金12,000元已追回，见3月8日收入凭证第15号' } })
  fireEvent.click(screen.getByText('确认确认整改'))
  await waitFor(() => expect(posts(calls)).toHaveLength(1))
  expect(posts(calls)[0].data).toMatchObject({ action: 'confirm_rectified', note: '租金12,000元已追回，见3月8日收入凭证第15号' })

  const calls2 = warningServer(warningDetail({ status: 'rectified', statusLabel: '已整改', allowedActions: ['close'] }))
  const view = render(<Detail />)
  fireEvent.click((await view.findAllByText('结案'))[0])
  expect(view.getByText('结案说明')).toBeTruthy()
  expect(view.queryByText(/这段答复将作为给举报人的回复/)).toBeNull()
  fireEvent.change(textarea(view.container, '请填写结案说明'), { target: { value: '已整改到位' } })
  fireEvent.click(view.getByText('确认结案'))
  await waitFor(() => expect(posts(calls2)).toHaveLength(1))
  expect(posts(calls2)[0].data).toEqual({ action: 'close', note: '已整改到位', expectedStatus: 'rectified' })
})

const autoLink: CaseLinkDto = { caseId: 41, kind: 'report', title: '鱼塘承包费三年没收', status: 'accepted', statusLabel: '已受理', linkedBy: null, at: '2026-03-05T02:00:00.000Z' }
const manualLink: CaseLinkDto = { caseId: 44, kind: 'report', title: '承包户说交过钱了', status: 'submitted', statusLabel: '待受理', linkedBy: '王监察', at: '2026-03-06T02:00:00.000Z' }

it('lists linked cases, opens them, links another by its number and removes manual links', async () => {
  setRouterParams({ id: '52' })
  let links = [autoLink, manualLink]
  const calls = warningServer(warningDetail({ links }), {
    'POST /inspector/reports/52/links': (c) => {
      const caseId = (c.data as { caseId: number }).caseId
      if (caseId === 60) return errorBody(404, 'NOT_FOUND', 'case not found')
      if (caseId === 45) return errorBody(400, 'VALIDATION_FAILED', 'invalid', [{ field: 'caseId', reason: 'is a duplicate of report 44; link that one' }])
      links = [...links, { ...manualLink, caseId, title: '另一件举报' }]
      return links
    },
    'DELETE /inspector/reports/52/links/44': () => {
      links = links.filter((l) => l.caseId !== 44)
      return links
    },
  })
  const { container } = render(<Detail />)
  expect(await screen.findByText('关联案件（2）')).toBeTruthy()
  const auto = container.querySelector('.ip-link--41')!
  expect(auto.textContent).toContain('自动关联（同一对象）')
  expect(auto.textContent).toContain('已受理')
  expect(auto.querySelector('.ip-link__remove')).toBeNull()
  expect(container.querySelector('.ip-link--44')!.textContent).toContain('王监察 关联')
  fireEvent.click(screen.getByText('鱼塘承包费三年没收'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/detail/index?id=41' })

  const input = container.querySelector('input[placeholder="案件编号，如 41"]')!
  const error = () => container.querySelector('.sf-field--caseId .sf-field__error')?.textContent
  fireEvent.click(screen.getByText('关联'))
  expect(error()).toBe('请填写要关联的案件编号')
  for (const [typed, problem] of [
    ['52', '不能关联本案件自身'],
    ['41', '已经关联了这件案件'],
    ['0', '案件编号是数字，如 41'],
  ]) {
    fireEvent.input(input, { target: { value: typed } })
    fireEvent.click(screen.getByText('关联'))
    expect(error()).toBe(problem)
  }
  expect(calls.filter((c) => c.path.endsWith('/links'))).toHaveLength(0)

  fireEvent.input(input, { target: { value: '60' } })
  fireEvent.click(screen.getByText('关联'))
  await waitFor(() => expect(error()).toBe('没有找到编号为 60 的案件，或不在您的管辖范围'))
  fireEvent.input(input, { target: { value: '45' } })
  fireEvent.click(screen.getByText('关联'))
  await waitFor(() => expect(error()).toBe('这是一件重复举报，请关联原举报（编号 44）'))
  fireEvent.input(input, { target: { value: '61' } })
  fireEvent.click(screen.getByText('关联'))
  expect(await screen.findByText('关联案件（3）')).toBeTruthy()
  expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/links')).map((c) => c.data)).toEqual([{ caseId: 60 }, { caseId: 45 }, { caseId: 61 }])
  expect((input as HTMLInputElement).value).toBe('')

  ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(container.querySelector('.ip-link--44 .ip-link__remove')!)
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1))
  expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0)
  fireEvent.click(container.querySelector('.ip-link--44 .ip-link__remove')!)
  expect(await screen.findByText('关联案件（2）')).toBeTruthy()
  expect(container.querySelector('.ip-link--44')).toBeNull()
  expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/inspector/reports/52/links/44'])
})
