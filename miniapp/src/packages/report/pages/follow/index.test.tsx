import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ReporterViewDto } from '@mingbai/shared'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, type FakeCall } from '../../../staff/testing/fake-api'
import FollowPage from './index'

const CODE = '1234567812345678'

const view = (over: Partial<ReporterViewDto> = {}): ReporterViewDto => ({
  villageId: 6,
  villageName: '石桥村',
  categoryCode: 'false_accounts',
  categoryLabel: '账目不实',
  subjectType: 'entry',
  subjectId: 42,
  text: '三月五日根本没有开会，误餐费是假的。',
  createdAt: '2026-03-05T06:20:00.000Z',
  status: 'concluded',
  statusLabel: '已办结',
  outcome: 'substantiated',
  anonymous: true,
  photos: [{ id: 1, mime: 'image/jpeg', url: '/api/report-files/1?exp=1&sig=x' }],
  timeline: [
    { at: '2026-03-05T06:20:00.000Z', action: 'submitted', status: 'submitted', note: null },
    { at: '2026-03-06T01:00:00.000Z', action: 'accept', status: 'accepted', note: null },
    { at: '2026-03-07T01:00:00.000Z', action: 'investigate', status: 'investigating', note: null },
    { at: '2026-03-20T08:30:00.000Z', action: 'conclude', status: 'concluded', note: '经查属实，已责令退回误餐费320元。' },
  ],
  messages: [
    { id: 5, from: 'reporter', text: '补充：会议记录本也是空的。', at: '2026-03-06T02:00:00.000Z', photos: [] },
    { id: 9, from: 'office', text: '感谢反映，我们已核实。', at: '2026-03-20T08:31:00.000Z', photos: [] },
  ],
  open: true,
  ...over,
})

const lookups = (calls: FakeCall[]) => calls.filter((c) => c.path === '/reports/lookup')

async function lookUp(typed: string) {
  fireEvent.input(screen.getByPlaceholderText('请输入16位回执码'), { target: { value: typed } })
  fireEvent.click(screen.getByText('查询'))
}

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

describe('follow-up by receipt code', () => {
  it('refuses what is not a 16-digit code without asking the server', async () => {
    const calls = fakeApi({})
    render(<FollowPage />)
    await lookUp('1234 5678')
    expect(screen.getByText('回执码是16位数字，请检查后重新输入')).toBeTruthy()
    expect(calls).toHaveLength(0)
  })

  it('looks the code up (spaces and dashes allowed) and shows the status, the timeline and the thread', async () => {
    const calls = fakeApi({ 'POST /reports/lookup': () => view() })
    const { container } = render(<FollowPage />)
    await lookUp('1234-5678 1234 5678')
    await screen.findByText('办理过程')

    expect(lookups(calls)[0].data).toEqual({ receiptCode: CODE })
    expect(lookups(calls)[0].header.Authorization).toBeUndefined()
    expect(container.querySelector('.rp-case__status .rp-status')?.textContent).toBe('已办结')
    expect(screen.getByText('核查结论：属实')).toBeTruthy()
    expect(Array.from(container.querySelectorAll('.rp-timeline__status')).map((n) => n.textContent)).toEqual([
      '待受理',
      '已受理',
      '核查中',
      '已办结',
    ])
    expect(screen.getByText('收到举报 · 2026年3月5日 14:20')).toBeTruthy()
    expect(screen.getByText('经查属实，已责令退回误餐费320元。')).toBeTruthy()
    expect(Array.from(container.querySelectorAll('.rp-msg')).map((n) => n.className.match(/rp-msg--(\w+)/)?.[1])).toEqual(['reporter', 'office'])
    expect(screen.getByText('感谢反映，我们已核实。')).toBeTruthy()
    expect(screen.getByText('1234 5678 1234 5678')).toBeTruthy()

    fireEvent.click(container.querySelector('.rp-photos__img')!)
    expect(Taro.previewImage).toHaveBeenCalledWith({ current: '/api/report-files/1?exp=1&sig=x', urls: ['/api/report-files/1?exp=1&sig=x'] })
  })

  it('sends a follow-up with its own Idempotency-Key and shows the thread again', async () => {
    let sent = false
    const calls = fakeApi({
      'POST /reports/lookup': () =>
        sent ? view({ messages: [...view().messages, { id: 11, from: 'reporter', text: '还有一张收据', at: '2026-03-21T00:00:00.000Z', photos: [] }] }) : view(),
      'POST /reports/follow-ups': (c) => {
        sent = true
        return [201, { id: 11, from: 'reporter', text: (c.data as { text: string }).text, at: '2026-03-21T00:00:00.000Z', photos: [] }]
      },
    })
    const { container } = render(<FollowPage />)
    await lookUp(CODE)
    await screen.findByText('补充情况')
    fireEvent.change(container.querySelector('.rp-composer textarea')!, { target: { value: '还有一张收据' } })
    fireEvent.click(screen.getByText('发送'))
    await screen.findByText('还有一张收据', { selector: '.rp-msg .rp-text' })

    const post = calls.find((c) => c.path === '/reports/follow-ups')!
    expect(post.data).toEqual({ receiptCode: CODE, text: '还有一张收据', photoIds: [] })
    expect(post.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(lookups(calls)).toHaveLength(2)
  })

  it('resends a follow-up that met no network with the same key', async () => {
    let n = 0
    const calls = fakeApi({
      'POST /reports/lookup': () => view(),
      'POST /reports/follow-ups': () => {
        if (++n === 1) throw new TypeError('Failed to fetch')
        return [201, { id: 12, from: 'reporter', text: 'x', at: '2026-03-21T00:00:00.000Z', photos: [] }]
      },
    })
    const { container } = render(<FollowPage />)
    await lookUp(CODE)
    await screen.findByText('补充情况')
    fireEvent.change(container.querySelector('.rp-composer textarea')!, { target: { value: '再补充一点' } })
    fireEvent.click(screen.getByText('发送'))
    await screen.findByText('网络不好，没有发出。请检查网络后再点“发送”')
    fireEvent.click(screen.getByText('发送'))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已发送', icon: 'success' }))
    const keys = calls.filter((c) => c.path === '/reports/follow-ups').map((c) => c.header['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    await act(async () => {})
  })

  it('says so when the code is unknown, or when the case is closed', async () => {
    fakeApi({ 'POST /reports/lookup': () => errorBody(404, 'RECEIPT_NOT_FOUND', 'not found') })
    render(<FollowPage />)
    await lookUp(CODE)
    expect(await screen.findByText('没有找到这个回执码对应的举报，请检查是否输入正确')).toBeTruthy()

    fakeApi({ 'POST /reports/lookup': () => view({ status: 'closed', statusLabel: '已结案', open: false }) })
    fireEvent.click(screen.getByText('查询'))
    expect(await screen.findByText(/这件举报已经结案，不能再补充材料/)).toBeTruthy()
    expect(screen.queryByText('发送')).toBeNull()
  })
})
