import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn } from '../../testing/fake-api'
import { candidate, staffContract, staffInstallment } from '../../testing/register-fixtures'
import StaffContractPage from './index'

const approved = staffContract({ status: 'approved', approvedAt: '2026-03-06T02:00:00.000Z' })

beforeEach(() => {
  resetTaroMock()
  setRouterParams({ id: '21' })
})
afterAll(() => setTransport())

it('shows the contract to its bookkeeper with the full name, schedule and receipts', async () => {
  signIn('bookkeeper')
  fakeApi({
    'GET /staff/contracts/21': () => ({
      ...approved,
      hasCounterpartyIdHash: true,
      receipts: [{ id: 7, installmentId: 100, installmentSeq: 1, entryId: 55, entrySerial: 31, amountFen: 1_200_000, occurredOn: '2024-01-05', reversed: false, createdAt: '2024-01-06T02:00:00.000Z' }],
      attachments: [{ id: 9, mime: 'application/pdf', size: 1000, url: '/api/attachments/9' }],
    }),
  })
  const { container } = render(<StaffContractPage />)
  expect(await screen.findByText('王建华（个人）')).toBeTruthy()
  expect(screen.getByText('王*华')).toBeTruthy()
  expect(screen.getByText('已登记（不显示）')).toBeTruthy()
  expect(container.querySelectorAll('.vg-contract__installment')).toHaveLength(3)
  expect(container.querySelector('.vg-contract__installment--overdue')?.textContent).toContain('逾期未收')
  fireEvent.click(screen.getByText('第1期 · 2024年1月5日 · 账本第31号', { exact: false }))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/entry/index?id=55' })
  expect(screen.getByText('申请提前终止')).toBeTruthy()
})

it('records rent from a published income entry, oldest installments first', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/contracts/21': () => approved,
    'GET /staff/contracts/21/receipt-candidates': () => ({ items: [candidate({ unallocatedFen: 1_500_000 }), candidate({ entryId: 56, serial: 40, summary: '其他收入' })], nextCursor: null }),
    'POST /staff/contracts/21/receipts': () => ({
      ...approved,
      installments: [approved.installments[0], { ...approved.installments[1], receivedFen: 1_200_000, state: 'paid', stateLabel: '已收' }, approved.installments[2]],
    }),
  })
  const { container } = render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('登记收租'))
  fireEvent.click(await screen.findByText('收到村东鱼塘承包费 · 王*华'))
  const auto = container.querySelector('.sf-receipt-form__auto')!
  expect(auto.textContent).toContain('第2期¥12,000.00')
  expect(auto.textContent).toContain('第3期¥3,000.00')
  fireEvent.click(screen.getByText('确认登记'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '租金已登记', icon: 'success' }))
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({ entryId: 55 })
  expect(container.querySelectorAll('.vg-contract__installment--paid')).toHaveLength(2)
  expect(container.querySelector('.sf-receipt-form')).toBeNull()
})

it('splits an entry over installments by hand, within what each still lacks', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/contracts/21': () => approved,
    'GET /staff/contracts/21/receipt-candidates': () => ({ items: [candidate({ unallocatedFen: 1_500_000 })], nextCursor: null }),
    'POST /staff/contracts/21/receipts': () =>
      errorBody(400, 'VALIDATION_FAILED', '输入有误', [{ field: 'allocations[1].amountFen', reason: '超过本期未收金额 100000 分' }]),
  })
  const { container } = render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('登记收租'))
  fireEvent.click(await screen.findByText('收到村东鱼塘承包费 · 王*华'))
  fireEvent.click(screen.getByText('手动分到各期'))
  const inputs = container.querySelectorAll('.sf-alloc input')
  fireEvent.input(inputs[0], { target: { value: '13000' } })
  fireEvent.click(screen.getByText('确认登记'))
  expect(screen.getByText('这一期只差 ¥12,000.00')).toBeTruthy()
  fireEvent.input(inputs[0], { target: { value: '12000' } })
  fireEvent.input(inputs[1], { target: { value: '3000' } })
  fireEvent.click(screen.getByText('确认登记'))
  // The server names the allocation by position: its reason appears under that installment.
  await waitFor(() => expect(container.querySelectorAll('.sf-alloc')[1].textContent).toContain('超过本期未收金额 100000 分'))
  expect(screen.getByText('请按红字修改')).toBeTruthy()
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({
    entryId: 55,
    allocations: [
      { installmentId: 101, amountFen: 1_200_000 },
      { installmentId: 102, amountFen: 300_000 },
    ],
  })
})

it('says how to record rent when no income entry is available', async () => {
  signIn('bookkeeper')
  fakeApi({ 'GET /staff/contracts/21': () => approved, 'GET /staff/contracts/21/receipt-candidates': () => ({ items: [], nextCursor: null }) })
  render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('登记收租'))
  expect(await screen.findByText('没有可以登记的收入。请先把收到的租金记一笔收入，审批公开后再来登记。')).toBeTruthy()
})

it('asks for an early termination with a date within the term and a reason', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/contracts/21': () => approved,
    'POST /staff/contracts/21/terminate': (c) => ({ ...approved, pendingTermination: { ...(c.data as object), requestedBy: 2, requestedAt: '2026-03-07T02:00:00.000Z' } }),
  })
  const { container } = render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('申请提前终止'))
  fireEvent.change(container.querySelector('.sf-field--terminatedOn input[type=date]')!, { target: { value: '2026-06-30' } })
  fireEvent.click(screen.getByText('提交终止申请'))
  expect(container.querySelector('.sf-field--reason .sf-field__error')?.textContent).toBe('必填')
  fireEvent.change(container.querySelector('.sf-termination textarea')!, { target: { value: '承租方经营困难，双方协商解除' } })
  fireEvent.click(screen.getByText('提交终止申请'))
  await waitFor(() => expect(container.querySelector('.sf-contract__pending')?.textContent).toContain('2026年6月30日'))
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({ terminatedOn: '2026-06-30', reason: '承租方经营困难，双方协商解除' })
  expect(screen.queryByText('申请提前终止')).toBeNull()
})

it('lets the author submit a draft', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/contracts/21': () => staffContract(),
    'POST /staff/contracts/21/submit': () => staffContract({ status: 'submitted' }),
  })
  render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('修改'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/contract-form/index?id=21' })
  fireEvent.click(screen.getByText('提交审核'))
  expect(await screen.findByText('合同正在等待审核。')).toBeTruthy()
  expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /staff/contracts/21', 'POST /staff/contracts/21/submit'])
  expect(screen.queryByText('登记收租')).toBeNull()
})

it('lets an approver approve a termination or send it back', async () => {
  signIn('approver', 3)
  const pending = { ...approved, pendingTermination: { terminatedOn: '2026-06-30', reason: '协商解除', requestedBy: 2, requestedAt: '2026-03-07T02:00:00.000Z' } }
  const calls = fakeApi({
    'GET /staff/contracts/21': () => pending,
    'POST /staff/contracts/21/reject': () => approved,
  })
  const { container } = render(<StaffContractPage />)
  expect(await screen.findByText('同意终止')).toBeTruthy()
  expect(screen.queryByText('登记收租')).toBeNull()
  fireEvent.click(screen.getByText('退回'))
  fireEvent.change(container.querySelector('textarea')!, { target: { value: '终止日期与协议不符' } })
  fireEvent.click(screen.getByText('确认退回'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已退回', icon: 'success' }))
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({ reason: '终止日期与协议不符' })
  expect(screen.queryByText('同意终止')).toBeNull()
})

it('approves a submitted contract after confirming', async () => {
  signIn('approver', 3)
  const calls = fakeApi({
    'GET /staff/contracts/21': () => staffContract({ status: 'submitted', installments: [staffInstallment({ receivedFen: 0, state: 'upcoming', stateLabel: '未到期' })] }),
    'POST /staff/contracts/21/approve': () => approved,
  })
  render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('通过'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已通过', icon: 'success' }))
  expect(Taro.showModal).toHaveBeenCalled()
  expect(calls.map((c) => c.method)).toEqual(['GET', 'POST'])
})

it('adds a scan to an approved contract', async () => {
  signIn('bookkeeper')
  ;(Taro.chooseMedia as unknown as jest.Mock).mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'blob:scan' }] })
  ;(Taro.uploadFile as unknown as jest.Mock).mockImplementationOnce(async () => ({
    statusCode: 201,
    data: JSON.stringify({ id: 12, mime: 'image/jpeg', size: 1000, url: '/api/attachments/12' }),
  }))
  const calls = fakeApi({
    'GET /staff/contracts/21': () => approved,
    'PUT /staff/contracts/21/attachments': () => ({ ...approved, attachments: [{ id: 12, mime: 'image/jpeg', size: 1000, url: '/api/attachments/12' }] }),
  })
  const { container } = render(<StaffContractPage />)
  fireEvent.click(await screen.findByText('＋ 添加照片'))
  await waitFor(() => expect(container.querySelector('.sf-scans .sf-thumb--done')).not.toBeNull())
  fireEvent.click(screen.getByText('保存扫描件'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '扫描件已保存', icon: 'success' }))
  expect(calls.find((c) => c.method === 'PUT')!.data).toEqual({ attachmentIds: [12] })
  await waitFor(() => expect(screen.queryByText('保存扫描件')).toBeNull())
})
