import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn, type Routes } from '../../testing/fake-api'
import { staffAsset, staffContract } from '../../testing/register-fixtures'
import ContractFormPage from './index'

const errorOf = (container: HTMLElement, field: string) => container.querySelector(`.sf-field--${field} > .sf-field__error`)?.textContent ?? null
const type = (container: HTMLElement, placeholder: string, value: string) =>
  fireEvent.input(container.querySelector(`input[placeholder="${placeholder}"]`)!, { target: { value } })
const pickDate = (container: HTMLElement, field: string, value: string) =>
  fireEvent.change(container.querySelector(`.sf-field--${field} input[type=date]`)!, { target: { value } })

const base: Routes = {
  'GET /staff/assets': () => ({ items: [staffAsset({ id: 3, status: 'approved' }), staffAsset({ id: 4, code: 'ZC-004', name: '集体厂房', status: 'approved' })], nextCursor: null }),
}

async function renderForm() {
  const view = render(<ContractFormPage />)
  await screen.findByText('保存草稿')
  return view
}

function fillValid(container: HTMLElement) {
  fireEvent.change(container.querySelector('.sf-field--assetId select')!, { target: { value: '2' } })
  type(container, '如 HT-2026-01', 'HT-2026-07')
  fireEvent.click(screen.getByText('租赁'))
  fireEvent.click(screen.getByText('个人'))
  type(container, '姓名', '王建华')
  pickDate(container, 'startOn', '2026-01-01')
  pickDate(container, 'endOn', '2027-06-30')
  fireEvent.click(screen.getByText('每半年'))
  type(container, '每年的租金或承包费', '12000')
  fireEvent.click(screen.getByText('协商议价'))
}

beforeEach(() => {
  resetTaroMock()
  signIn('bookkeeper')
})
afterAll(() => setTransport())

it('checks the form with the shared rules before sending anything', async () => {
  const calls = fakeApi(base)
  const { container } = await renderForm()
  fireEvent.click(screen.getByText('个人'))
  type(container, '18位', '110105194912310021')
  pickDate(container, 'endOn', '2025-01-01')
  fireEvent.click(screen.getByText('提交审核'))
  expect(errorOf(container, 'code')).toBe('必填')
  expect(errorOf(container, 'kind')).toBe('请选择合同类型')
  expect(errorOf(container, 'counterpartyIdNumber')).toBe('身份证号码最后一位（校验码）不对，请核对')
  expect(errorOf(container, 'endOn')).toBe('终止日期不能早于起始日期')
  expect(errorOf(container, 'annualRentFen')).toBe('请输入年租金')
  expect(errorOf(container, 'awardMethod')).toBe('请选择发包方式')
  expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0)
})

it('previews the schedule, creates the contract with the ID number once, and opens it', async () => {
  const calls = fakeApi({
    ...base,
    'POST /staff/contracts': () => [201, staffContract({ id: 30 })],
    'POST /staff/contracts/30/submit': () => staffContract({ id: 30, status: 'submitted' }),
  })
  const { container } = await renderForm()
  fillValid(container)
  type(container, '18位', '11010519491231002x')
  const preview = container.querySelector('.sf-preview')!
  expect(preview.textContent).toContain('共3期，合计 ¥18,000.00')
  expect(preview.textContent).toContain('第2期 2026年7月1日应收')
  expect(screen.getByText('没有公开招标或竞价的合同，金额较大时会提示纪检监察部门关注。')).toBeTruthy()

  fireEvent.click(screen.getByText('提交审核'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/contract/index?id=30' }))
  const post = calls.find((c) => c.method === 'POST' && c.path === '/staff/contracts')!
  expect(post.data).toEqual({
    villageId: 6,
    assetId: 4,
    code: 'HT-2026-07',
    kind: 'lease',
    counterpartyKind: 'person',
    counterpartyName: '王建华',
    counterpartyIdNumber: '11010519491231002X',
    startOn: '2026-01-01',
    endOn: '2027-06-30',
    frequency: 'half_yearly',
    annualRentFen: 1_200_000,
    depositFen: 0,
    areaM2: null,
    awardMethod: 'negotiated',
    note: null,
    attachmentIds: [],
  })
  expect(calls.some((c) => c.path === '/staff/contracts/30/submit')).toBe(true)
})

it('edits a custom schedule row by row and shows the server reasons on the row', async () => {
  const calls = fakeApi({
    ...base,
    'POST /staff/contracts': () =>
      errorBody(400, 'VALIDATION_FAILED', '请求参数不正确', [{ field: 'installments[1].dueOn', reason: '应收日期必须在合同期限内' }]),
  })
  const { container } = await renderForm()
  fillValid(container)
  fireEvent.click(screen.getByText('自定义'))
  // Switching to custom starts from the schedule the annual rent gives.
  expect(container.querySelectorAll('.sf-inst-row')).toHaveLength(3)
  fireEvent.click(screen.getAllByText('删除')[2])
  expect(container.querySelectorAll('.sf-inst-row')).toHaveLength(2)
  const amounts = container.querySelectorAll('.sf-inst-row__amount input, input.sf-inst-row__amount')
  fireEvent.input(amounts[1], { target: { value: '12000' } })
  expect(container.querySelector('.sf-preview')!.textContent).toContain('共2期，合计 ¥18,000.00')
  fireEvent.click(screen.getByText('＋ 添加一期'))
  expect(container.querySelectorAll('.sf-inst-row')).toHaveLength(3)
  fireEvent.click(screen.getByText('保存草稿'))
  expect(errorOf(container, 'installments')).toBe('请按红字修改各期租金')
  expect(container.querySelector('.sf-inst-row--invalid')?.textContent).toContain('第3期')
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

  fireEvent.click(screen.getAllByText('删除')[2])
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(container.querySelector('.sf-inst-row--invalid')?.textContent).toContain('应收日期必须在合同期限内'))
  const body = calls.find((c) => c.method === 'POST')!.data as { frequency: string; annualRentFen: null; installments: unknown[] }
  expect(body.frequency).toBe('custom')
  expect(body.annualRentFen).toBeNull()
  expect(body.installments).toEqual([
    { periodStart: '2026-01-01', periodEnd: '2026-06-30', dueOn: '2026-01-01', amountFen: 600_000 },
    { periodStart: '2026-07-01', periodEnd: '2026-12-31', dueOn: '2026-07-01', amountFen: 1_200_000 },
  ])
})

it('edits a rejected contract without showing the ID number back', async () => {
  setRouterParams({ id: '21' })
  const calls = fakeApi({
    ...base,
    'GET /staff/contracts/21': () => staffContract({ status: 'rejected', rejectReason: '年租金有误', hasCounterpartyIdHash: true }),
    'PATCH /staff/contracts/21': () => staffContract({ status: 'rejected' }),
  })
  const { container } = await renderForm()
  expect(screen.getByText('退回原因：年租金有误')).toBeTruthy()
  const id = container.querySelector('input[placeholder="已登记，如需更正请重新填写"]') as HTMLInputElement
  expect(id.value).toBe('')
  type(container, '每年的租金或承包费', '13000')
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  const patch = calls.find((c) => c.method === 'PATCH')!.data as Record<string, unknown>
  expect(patch.annualRentFen).toBe(1_300_000)
  expect('villageId' in patch).toBe(false)
  expect('counterpartyIdNumber' in patch).toBe(false)
})
