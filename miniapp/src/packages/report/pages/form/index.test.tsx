import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { DEFAULT_REPORT_CATEGORIES } from '@mingbai/shared'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { flushQueue, getReceipt, listQueue, setQueueFiles, stopReportQueue } from '../../../../services/report-queue'
import { errorBody, fakeApi, VILLAGE, type FakeCall, type Routes } from '../../../staff/testing/fake-api'
import ReportFormPage from './index'

const ENTRY = {
  id: 42,
  villageId: 6,
  serial: 12,
  direction: 'expense',
  subjectCode: '513',
  subjectName: '管理费用',
  amountFen: 32000,
  occurredOn: '2026-03-05',
  counterpartyKind: 'organisation',
  counterpartyName: '溪畔农家饭店',
  summary: '村民代表会议误餐费',
  paymentMethod: 'transfer',
  voucherNo: null,
  publishedAt: '2026-03-10T00:00:00.000Z',
  hash: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
  reversesId: null,
  reversesSerial: null,
  reversedById: null,
  reversalReason: null,
  attachmentCount: 0,
  approvals: [],
  attachments: [],
}

const RECEIPT = {
  receiptCode: '1234567812345678',
  status: 'submitted',
  createdAt: '2026-03-05T06:20:00.000Z',
  duplicate: false,
  canSubscribe: false,
  reportId: null,
}

const base: Routes = {
  'GET /report-categories': () => DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c })),
  'GET /villages/6': () => VILLAGE,
  'GET /entries/42': () => ENTRY,
}

const posts = (calls: FakeCall[]) => calls.filter((c) => c.method === 'POST' && c.path === '/reports')
const errorOf = (container: HTMLElement, field: string) =>
  container.querySelector(`.rp-field--${field} .rp-field__error`)?.textContent ?? null
const env = process.env.TARO_ENV

async function renderForm() {
  const view = render(<ReportFormPage />)
  await screen.findByText('石桥村 · 第12号 2026年3月5日 支出 ¥320.00 · 村民代表会议误餐费')
  await screen.findByText('账目不实')
  await act(async () => {})
  return view
}

function fill(container: HTMLElement, text = '三月五日根本没有开村民代表会议，误餐费是假的。') {
  fireEvent.click(screen.getByText('账目不实'))
  fireEvent.change(container.querySelector('textarea')!, { target: { value: text } })
}

beforeEach(() => {
  resetTaroMock()
  stopReportQueue()
  setQueueFiles({ persist: async (p) => p, exists: async () => true, release: () => undefined })
  setRouterParams({ villageId: '6', subjectType: 'entry', subjectId: '42' })
  process.env.TARO_ENV = env
})
afterAll(() => {
  setTransport()
  setQueueFiles()
  process.env.TARO_ENV = env
})

describe('report form', () => {
  it('says what the report is about, and checks the fields before saving or sending anything', async () => {
    const calls = fakeApi(base)
    const { container } = await renderForm()
    fireEvent.click(screen.getByText('提交举报'))
    expect(errorOf(container, 'categoryCode')).toBe('请选择举报类别')
    expect(errorOf(container, 'text')).toBe('请写下您要反映的情况')
    expect(screen.getByText('请按红字提示修改后再提交')).toBeTruthy()
    expect(posts(calls)).toHaveLength(0)
    expect(listQueue()).toEqual([])
  })

  it('counts the characters as the villager types', async () => {
    fakeApi(base)
    const { container } = await renderForm()
    expect(screen.getByText('0/2000')).toBeTruthy()
    fireEvent.change(container.querySelector('textarea')!, { target: { value: '误餐费是假的' } })
    expect(screen.getByText('6/2000')).toBeTruthy()
  })

  it('explains in a browser that reports are anonymous, and offers no named report', async () => {
    fakeApi(base)
    await renderForm()
    expect(screen.getByText(/在浏览器中提交的举报都是匿名的/)).toBeTruthy()
    expect(screen.queryByText('实名举报')).toBeNull()
  })

  it('submits an anonymous report with an Idempotency-Key and no token, then opens the receipt', async () => {
    const calls = fakeApi({ ...base, 'POST /reports': () => [201, RECEIPT] })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('提交举报'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())

    const [post] = posts(calls)
    expect(post.data).toEqual({
      villageId: 6,
      categoryCode: 'false_accounts',
      text: '三月五日根本没有开村民代表会议，误餐费是假的。',
      subjectType: 'entry',
      subjectId: 42,
      photoIds: [],
      anonymous: true,
      reporterName: null,
      reporterPhone: null,
    })
    expect(post.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(post.header.Authorization).toBeUndefined()
    const url = (Taro.redirectTo as jest.Mock).mock.calls[0][0].url as string
    const id = /^\/packages\/report\/pages\/receipt\/index\?id=(\w+)$/.exec(url)?.[1]
    expect(id).toBeTruthy()
    // The code is handed over in memory, never written to storage.
    expect(getReceipt(id!)?.receipt.receiptCode).toBe('1234567812345678')
    expect(listQueue()).toEqual([])
    const stored = (Taro.setStorageSync as jest.Mock).mock.calls.map((c) => JSON.stringify(c[1]))
    expect(stored.some((s) => s.includes('1234567812345678'))).toBe(false)
  })

  it('puts the server’s field errors next to the fields, keeps nothing queued, and resends with the same key', async () => {
    let n = 0
    const calls = fakeApi({
      ...base,
      'POST /reports': () =>
        ++n === 1
          ? errorBody(400, 'VALIDATION_FAILED', '输入有误', [
              { field: 'text', reason: '内容太短' },
              { field: 'subjectId', reason: '这条记录不属于该村' },
            ])
          : [201, RECEIPT],
    })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('提交举报'))
    await waitFor(() => expect(errorOf(container, 'text')).toBe('内容太短'))
    expect(screen.getByText('输入有误；这条记录不属于该村')).toBeTruthy()
    expect(listQueue()).toEqual([])

    fireEvent.change(container.querySelector('textarea')!, { target: { value: '补充：三月五日根本没有开会，误餐费是假的。' } })
    fireEvent.click(screen.getByText('提交举报'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const keys = posts(calls).map((c) => c.header['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })

  it('says when a rate-limited villager may try again', async () => {
    fakeApi({
      ...base,
      'POST /reports': () => errorBody(429, 'RATE_LIMITED', '提交太频繁', [{ field: 'retryAfter', reason: '1800' }]),
    })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('提交举报'))
    expect(await screen.findByText('提交太频繁，请30分钟后再试')).toBeTruthy()
  })

  it('keeps the report as 待发送 when the network fails, and shows the receipt when it goes out later with the same key', async () => {
    let online = false
    const calls = fakeApi({
      ...base,
      'POST /reports': () => {
        if (!online) throw new TypeError('Failed to fetch')
        return [201, RECEIPT]
      },
    })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('提交举报'))
    expect(await screen.findByText('已保存，待发送')).toBeTruthy()
    expect(listQueue()).toEqual([expect.objectContaining({ status: 'pending', categoryLabel: '账目不实' })])
    expect(Taro.redirectTo).not.toHaveBeenCalled()

    online = true
    await act(async () => {
      await flushQueue()
    })
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const keys = posts(calls).map((c) => c.header['Idempotency-Key'])
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(listQueue()).toEqual([])
  })

  it('uploads chosen photos with progress and sends their ids', async () => {
    ;(Taro.chooseMedia as jest.Mock).mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'blob:p1' }, { tempFilePath: 'blob:p2' }] })
    ;(Taro.uploadFile as jest.Mock).mockImplementation(async ({ filePath }: { filePath: string }) => ({
      statusCode: 201,
      data: JSON.stringify({ id: `id-${filePath.slice(-2)}`, mime: 'image/jpeg', size: 1, expiresAt: '2030-01-01T00:00:00Z' }),
    }))
    const calls = fakeApi({ ...base, 'POST /reports': () => [201, RECEIPT] })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('＋ 添加照片'))
    await waitFor(() => expect(container.querySelectorAll('.rp-thumb--done')).toHaveLength(2))
    fireEvent.click(screen.getByText('提交举报'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    expect(posts(calls)[0].data).toMatchObject({ photoIds: ['id-p1', 'id-p2'] })
    expect((Taro.uploadFile as jest.Mock).mock.calls.map((c) => c[0].url)).toEqual(['/api/report-uploads', '/api/report-uploads'])
  })

  it('in WeChat, sends a named report with the villager’s own token, after checking the phone number', async () => {
    process.env.TARO_ENV = 'weapp'
    const later = new Date(Date.now() + 86400_000).toISOString()
    const calls = fakeApi({
      ...base,
      'POST /villager/session': () => [201, { token: 'villager-token', expiresAt: later }],
      'POST /reports': () => [201, { ...RECEIPT, canSubscribe: true, reportId: 77 }],
    })
    const { container } = await renderForm()
    fill(container)
    fireEvent.click(screen.getByText('实名举报'))
    const [name, phone] = Array.from(container.querySelectorAll('.rp-input input, input.rp-input')) as HTMLInputElement[]
    fireEvent.input(name, { target: { value: '王大伯' } })
    fireEvent.input(phone, { target: { value: '12345' } })
    fireEvent.click(screen.getByText('提交举报'))
    expect(errorOf(container, 'reporterPhone')).toBe('请填写正确的手机号或带区号的座机号')
    expect(posts(calls)).toHaveLength(0)

    fireEvent.input(phone, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByText('提交举报'))
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const [post] = posts(calls)
    expect(post.header.Authorization).toBe('Bearer villager-token')
    expect(post.data).toMatchObject({ anonymous: false, reporterName: '王大伯', reporterPhone: '13800138000' })
  })

  it('asks to start from a village or an entry when opened without one', async () => {
    setRouterParams({})
    fakeApi(base)
    render(<ReportFormPage />)
    expect(screen.getByText(/请从本村首页或账目详情里的“我要举报”进入/)).toBeTruthy()
  })
})
