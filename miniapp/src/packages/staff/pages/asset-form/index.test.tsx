import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn } from '../../testing/fake-api'
import { staffAsset } from '../../testing/register-fixtures'
import AssetFormPage from './index'

const errorOf = (container: HTMLElement, field: string) => container.querySelector(`.sf-field--${field} .sf-field__error`)?.textContent ?? null
const type = (container: HTMLElement, placeholder: string, value: string) =>
  fireEvent.input(container.querySelector(`input[placeholder="${placeholder}"]`)!, { target: { value } })

function fillValid(container: HTMLElement) {
  type(container, '本村自己的编号，如 ZC-001', 'ZC-009')
  type(container, '如 村部办公楼、村东鱼塘', '村西机动地')
  fireEvent.click(screen.getByText('土地'))
  type(container, '如 石桥村一组', '石桥村西组')
  type(container, '整数，设备等没有面积的不填', '6670')
  type(container, '没有账面价值请填0', '0')
  fireEvent.click(screen.getByText('闲置'))
}

beforeEach(() => {
  resetTaroMock()
  signIn('bookkeeper')
})
afterAll(() => setTransport())

it('shows the shared rules next to the fields and sends nothing', async () => {
  const calls = fakeApi({})
  const { container } = render(<AssetFormPage />)
  type(container, '整数，设备等没有面积的不填', '12.5')
  type(container, '如 石桥村一组', '联系 13812345678')
  fireEvent.click(screen.getByText('提交审核'))
  expect(errorOf(container, 'code')).toBe('必填')
  expect(errorOf(container, 'kind')).toBe('请选择类别')
  expect(errorOf(container, 'location')).toBe('不得包含手机号码')
  expect(errorOf(container, 'areaM2')).toBe('面积请填整数平方米，例如 1200')
  expect(errorOf(container, 'bookValueFen')).toBe('请输入金额，没有请填0')
  expect(errorOf(container, 'usage')).toBe('请选择使用状态')
  expect(errorOf(container, 'acquiredOn')).toBeNull()
  expect(screen.getByText('请按红字提示修改后再保存')).toBeTruthy()
  expect(calls).toHaveLength(0)
})

it('creates the asset for the bookkeeper village and submits it', async () => {
  const calls = fakeApi({
    'POST /staff/assets': (c) => [201, staffAsset({ id: 40, ...(c.data as object) })],
    'POST /staff/assets/40/submit': () => staffAsset({ id: 40, status: 'submitted' }),
  })
  const { container } = render(<AssetFormPage />)
  fillValid(container)
  fireEvent.click(screen.getByText('提交审核'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /staff/assets', 'POST /staff/assets/40/submit'])
  expect(calls[0].data).toEqual({
    villageId: 6,
    code: 'ZC-009',
    name: '村西机动地',
    kind: 'land',
    location: '石桥村西组',
    areaM2: 6670,
    bookValueFen: 0,
    usage: 'idle',
    acquiredOn: null,
    note: null,
  })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已提交审核', icon: 'success' })
})

it('puts the server reasons next to the fields they name', async () => {
  fakeApi({
    'POST /staff/assets': () => errorBody(400, 'VALIDATION_FAILED', '请求参数不正确', [{ field: 'code', reason: '资产编号 ZC-009 已被本村另一项资产使用' }]),
  })
  const { container } = render(<AssetFormPage />)
  fillValid(container)
  fireEvent.click(screen.getByText('保存草稿'))
  await waitFor(() => expect(errorOf(container, 'code')).toBe('资产编号 ZC-009 已被本村另一项资产使用'))
  expect(Taro.navigateBack).not.toHaveBeenCalled()
})

it('asks for a change to an approved asset with only what changed', async () => {
  setRouterParams({ id: '3' })
  const calls = fakeApi({
    'GET /staff/assets/3': () => staffAsset({ status: 'approved', approvedAt: '2026-03-06T02:00:00.000Z' }),
    'PATCH /staff/assets/3': () => staffAsset({ status: 'approved' }),
  })
  const { container } = render(<AssetFormPage />)
  expect(await screen.findByText('提交修改（需审核）')).toBeTruthy()
  expect(screen.getByText('这项资产已经生效并向村民公开。修改后需要审核，审核通过前公开的仍是原来的内容。')).toBeTruthy()
  fireEvent.click(screen.getByText('提交修改（需审核）'))
  expect(await screen.findByText('没有修改任何内容')).toBeTruthy()
  fireEvent.click(screen.getByText('闲置'))
  type(container, '没有账面价值请填0', '90000')
  fireEvent.click(screen.getByText('提交修改（需审核）'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(calls.find((c) => c.method === 'PATCH')!.data).toEqual({ bookValueFen: 9_000_000, usage: 'idle' })
})

it('shows a pending change as before → after and allows nothing more', async () => {
  setRouterParams({ id: '3' })
  fakeApi({
    'GET /staff/assets/3': () =>
      staffAsset({ status: 'approved', pendingChange: { changes: { usage: 'idle' }, requestedBy: 2, requestedAt: '2026-03-05T02:00:00.000Z' } }),
  })
  const { container } = render(<AssetFormPage />)
  expect(await screen.findByText('修改待审核')).toBeTruthy()
  expect(container.querySelector('.sf-change__before')?.textContent).toBe('出租发包')
  expect(container.querySelector('.sf-change__after')?.textContent).toBe('闲置')
  expect(screen.queryByText('提交修改（需审核）')).toBeNull()
  expect(screen.queryByText('保存草稿')).toBeNull()
})

it('deletes a draft after asking', async () => {
  setRouterParams({ id: '3' })
  const calls = fakeApi({
    'GET /staff/assets/3': () => staffAsset(),
    'DELETE /staff/assets/3': () => [204, null],
  })
  render(<AssetFormPage />)
  fireEvent.click(await screen.findByText('删除这项资产'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(Taro.showModal).toHaveBeenCalled()
  expect(calls.map((c) => c.method)).toEqual(['GET', 'DELETE'])
})
