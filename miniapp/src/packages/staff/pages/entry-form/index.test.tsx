import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { CHART, errorBody, fakeApi, signIn, staffEntry, VILLAGE, type Routes } from '../../testing/fake-api'
import EntryFormPage from './index'

const base: Routes = {
  'GET /villages/6': () => VILLAGE,
  'GET /chart': () => CHART,
}

const errorOf = (container: HTMLElement, field: string) =>
  container.querySelector(`.sf-field--${field} .sf-field__error`)?.textContent ?? null

const type = (container: HTMLElement, placeholder: string, value: string) =>
  fireEvent.input(container.querySelector(`input[placeholder="${placeholder}"]`)!, { target: { value } })

async function renderForm() {
  const view = render(<EntryFormPage />)
  await screen.findByText('保存草稿')
  return view
}

/** Fills a complete, valid expense entry. */
function fillValid(container: HTMLElement) {
  fireEvent.click(screen.getByText('支出'))
  const subject = container.querySelector('.sf-field--subjectCode select')!
  // options: '', 511 经营支出, 513 管理费用 (income accounts are filtered out)
  expect(Array.from(subject.querySelectorAll('option')).map((o) => o.textContent)).toEqual(['', '511 经营支出', '513 管理费用'])
  fireEvent.change(subject, { target: { value: '1' } })
  type(container, '请输入金额', '320')
  fireEvent.click(screen.getByText('单位'))
  type(container, '请输入对方名称', '清溪县溪畔农家饭店')
  type(container, '请输入摘要', '村民代表会议误餐费')
  fireEvent.click(screen.getByText('转账'))
  type(container, '选填', '记-2026-031')
}

beforeEach(() => {
  resetTaroMock()
  signIn('bookkeeper')
})
afterAll(() => setTransport())

it('shows the client-side errors next to their fields and sends nothing', async () => {
  const calls = fakeApi(base)
  const { container } = await renderForm()
  type(container, '请输入金额', '12.345')
  type(container, '请输入对方名称', '张三 13800138000')
  fireEvent.click(screen.getByText('保存草稿'))

  expect(errorOf(container, 'direction')).toBe('请选择收支方向')
  expect(errorOf(container, 'subjectCode')).toBe('请选择会计科目')
  expect(errorOf(container, 'amountFen')).toBe('金额最多两位小数（到分）')
  expect(errorOf(container, 'counterpartyKind')).toBe('请选择对方类型')
  expect(errorOf(container, 'counterpartyName')).toBe('不得包含手机号码')
  expect(errorOf(container, 'summary')).toBe('必填')
  expect(errorOf(container, 'paymentMethod')).toBe('请选择支付方式')
  expect(errorOf(container, 'occurredOn')).toBeNull()
  expect(errorOf(container, 'voucherNo')).toBeNull()
  expect(screen.getByText('请按红字提示修改后再保存')).toBeTruthy()
  expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0)
})

it.each([
  ['0', '金额必须大于0'],
  ['-5', '金额不能是负数'],
  ['10000000000.01', '金额必须小于100亿元'],
])('rejects the amount %s', async (amount, message) => {
  fakeApi(base)
  const { container } = await renderForm()
  fillValid(container)
  type(container, '请输入金额', amount)
  fireEvent.click(screen.getByText('提交审核'))
  expect(errorOf(container, 'amountFen')).toBe(message)
})

it('creates the draft and submits it', async () => {
  const calls = fakeApi({
    ...base,
    'POST /staff/entries': (c) => [201, staffEntry({ ...(c.data as object), id: 42 })],
    'POST /staff/entries/42/submit': () => staffEntry({ id: 42, status: 'submitted' }),
  })
  const { container } = await renderForm()
  fillValid(container)
  fireEvent.click(screen.getByText('提交审核'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  const writes = calls.filter((c) => c.method !== 'GET')
  expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /staff/entries', 'POST /staff/entries/42/submit'])
  expect(writes[0].data).toEqual({
    direction: 'expense',
    subjectCode: '513',
    amountFen: 32000,
    occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    counterpartyName: '清溪县溪畔农家饭店',
    counterpartyKind: 'organisation',
    summary: '村民代表会议误餐费',
    paymentMethod: 'transfer',
    voucherNo: '记-2026-031',
    attachmentIds: [],
  })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已提交审核', icon: 'success' })
})

it('puts the server’s field errors next to the fields and the rest in the banner', async () => {
  const calls = fakeApi({
    ...base,
    'POST /staff/entries': () =>
      errorBody(400, 'VALIDATION_FAILED', '输入有误', [
        { field: 'occurredOn', reason: '日期不能早于建账日期2025-01-01' },
        { field: 'subjectCode', reason: '513 管理费用 is an expense account' },
        { field: 'extra', reason: 'property extra should not exist' },
      ]),
  })
  const { container } = await renderForm()
  fillValid(container)
  fireEvent.click(screen.getByText('提交审核'))
  await waitFor(() => expect(errorOf(container, 'occurredOn')).toBe('日期不能早于建账日期2025-01-01'))
  expect(errorOf(container, 'subjectCode')).toBe('513 管理费用 is an expense account')
  expect(errorOf(container, 'amountFen')).toBeNull()
  expect(screen.getByText('输入有误；extra：property extra should not exist')).toBeTruthy()
  expect(calls.some((c) => c.path.endsWith('/submit'))).toBe(false)
  expect(Taro.navigateBack).not.toHaveBeenCalled()
})

it('after a failed submit, saves again into the draft it created instead of a second one', async () => {
  let submits = 0
  const calls = fakeApi({
    ...base,
    'POST /staff/entries': (c) => [201, staffEntry({ ...(c.data as object), id: 42 })],
    'PATCH /staff/entries/42': (c) => staffEntry({ ...(c.data as object), id: 42 }),
    'POST /staff/entries/42/submit': () =>
      submits++ === 0 ? errorBody(503, 'DATABASE_UNAVAILABLE', 'down') : staffEntry({ id: 42, status: 'submitted' }),
  })
  const { container } = await renderForm()
  fillValid(container)
  fireEvent.click(screen.getByText('提交审核'))
  expect(await screen.findByText('草稿已保存，但提交失败：服务器忙，请稍后重试')).toBeTruthy()
  fireEvent.click(screen.getByText('提交审核'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([
    'POST /staff/entries',
    'POST /staff/entries/42/submit',
    'PATCH /staff/entries/42',
    'POST /staff/entries/42/submit',
  ])
})

it('edits a rejected entry: shows why it came back and saves with PATCH', async () => {
  setRouterParams({ id: '9' })
  const rejected = staffEntry({
    status: 'rejected',
    rejectReason: '缺少发票',
    submittedAt: '2026-03-05T03:00:00.000Z',
    approvals: [{ step: 1, role: 'approver', decision: 'rejected', reason: '缺少发票', userId: 3, at: '2026-03-05T04:00:00.000Z' }],
  })
  const calls = fakeApi({
    ...base,
    'GET /staff/entries/9': () => rejected,
    'PATCH /staff/entries/9': (c) => staffEntry({ ...rejected, ...(c.data as object) }),
  })
  const { container } = await renderForm()
  expect(screen.getByText('退回原因：缺少发票')).toBeTruthy()
  expect((container.querySelector('input[placeholder="请输入金额"]') as HTMLInputElement).value).toBe('320.00')
  expect(container.querySelector('.sf-field--subjectCode .sf-picker')!.textContent).toContain('513 管理费用')
  type(container, '请输入摘要', '村民代表会议误餐费（附发票）')
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  const patch = calls.find((c) => c.method === 'PATCH')!
  expect(patch.path).toBe('/staff/entries/9')
  expect(patch.data).toMatchObject({ summary: '村民代表会议误餐费（附发票）', amountFen: 32000, voucherNo: null, attachmentIds: [] })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '草稿已保存', icon: 'success' })
})

it('uploads chosen photos one by one with progress and binds them to the entry', async () => {
  let release: () => void = () => {}
  const gate = new Promise<void>((r) => (release = r))
  let n = 0
  ;(Taro.chooseMedia as unknown as jest.Mock).mockResolvedValueOnce({
    type: 'image',
    tempFiles: [{ tempFilePath: 'blob:one' }, { tempFilePath: 'blob:two' }],
  })
  ;(Taro.uploadFile as unknown as jest.Mock).mockImplementation(() => {
    const id = 70 + ++n
    let listener: (r: { progress: number }) => void = () => {}
    const p = (async () => {
      await Promise.resolve()
      listener({ progress: 40 })
      if (id === 71) await gate
      return { statusCode: 201, data: JSON.stringify({ id, mime: 'image/jpeg', size: 5, url: `/api/attachments/${id}` }) }
    })() as Promise<unknown> & { progress: (cb: typeof listener) => void }
    p.progress = (cb) => (listener = cb)
    return p
  })
  const calls = fakeApi({
    ...base,
    'POST /staff/entries': (c) => [201, staffEntry({ ...(c.data as object), id: 43 })],
  })
  const { container } = await renderForm()
  fireEvent.click(screen.getByText('＋ 添加照片'))
  expect(await screen.findByText('40%')).toBeTruthy()
  expect(screen.getByText('等待上传')).toBeTruthy()
  expect(Taro.uploadFile).toHaveBeenCalledTimes(1)

  fillValid(container)
  fireEvent.click(screen.getByText('保存草稿'))
  expect(screen.getByText('照片还在上传，请稍候再保存')).toBeTruthy()

  await act(async () => release())
  await waitFor(() => expect(container.querySelectorAll('.sf-thumb--done')).toHaveLength(2))
  expect((Taro.uploadFile as unknown as jest.Mock).mock.calls.map((c) => c[0].filePath)).toEqual(['blob:one', 'blob:two'])

  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(calls.find((c) => c.method === 'POST')!.data).toMatchObject({ attachmentIds: [71, 72] })
})

it('shows a failed upload with the reason, blocks saving until it is retried or removed', async () => {
  ;(Taro.chooseMedia as unknown as jest.Mock).mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'blob:bad' }] })
  ;(Taro.uploadFile as unknown as jest.Mock).mockImplementation(async () => ({
    statusCode: 415,
    data: JSON.stringify({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE', message: 'unsupported', details: [] }),
  }))
  const calls = fakeApi({ ...base, 'POST /staff/entries': (c) => [201, staffEntry({ ...(c.data as object), id: 44 })] })
  const { container } = await renderForm()
  fireEvent.click(screen.getByText('＋ 添加照片'))
  expect(await screen.findByText('上传失败')).toBeTruthy()
  expect(screen.getByText('只能上传 JPEG、PNG、WebP 图片或 PDF 文件')).toBeTruthy()

  fillValid(container)
  fireEvent.click(screen.getByText('保存草稿'))
  expect(screen.getByText('有照片没有上传成功，请点“重试”或删除后再保存')).toBeTruthy()

  fireEvent.click(screen.getByText('重试'))
  await waitFor(() => expect(Taro.uploadFile).toHaveBeenCalledTimes(2))
  // the thumbnail itself, not just some text, is back in the failed state
  await waitFor(() => expect(container.querySelector('.sf-thumb--failed')).not.toBeNull())
  expect(screen.getByText('上传失败')).toBeTruthy()

  fireEvent.click(within(container.querySelector('.sf-thumb--failed')!).getByText('删除'))
  expect(container.querySelector('.sf-thumb--failed')).toBeNull()
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(calls.find((c) => c.method === 'POST')!.data).toMatchObject({ attachmentIds: [] })
})
