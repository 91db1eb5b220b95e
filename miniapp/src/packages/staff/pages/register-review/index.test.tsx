import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn, VILLAGE } from '../../testing/fake-api'
import { staffAsset, staffContractItem } from '../../testing/register-fixtures'
import RegisterReview from './index'

const change = staffAsset({
  id: 7,
  status: 'approved',
  name: '集体厂房',
  kind: 'building',
  usage: 'leased',
  pendingChange: { changes: { usage: 'idle', bookValueFen: 9_000_000 }, requestedBy: 2, requestedAt: '2026-03-05T02:00:00.000Z' },
})

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('is for approvers only', () => {
  signIn('bookkeeper')
  fakeApi({})
  render(<RegisterReview />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/bookkeeper/index' })
})

it('shows a pending change as before → after and approves it', async () => {
  signIn('approver', 3)
  let decided = false
  const calls = fakeApi({
    'GET /villages/6': () => VILLAGE,
    'GET /staff/assets': () => ({ items: decided ? [] : [staffAsset({ status: 'submitted', importBatchId: 4 }), change], nextCursor: null }),
    'POST /staff/assets/7/approve': () => {
      decided = true
      return { ...change, pendingChange: null, usage: 'idle' }
    },
  })
  const { container } = render(<RegisterReview />)
  expect(await screen.findByText('村东鱼塘')).toBeTruthy()
  expect(calls[0].query.get('awaitingReview')).toBe('true')
  await waitFor(() => expect(container.querySelector('.sf-asset-item')?.textContent).toContain('导入批次#4'))

  fireEvent.click(screen.getByText('集体厂房'))
  const changes = container.querySelector('.sf-asset-review__changes')!
  expect(changes.querySelector('.sf-change--usage .sf-change__before')?.textContent).toBe('出租发包')
  expect(changes.querySelector('.sf-change--usage .sf-change__after')?.textContent).toBe('闲置')
  expect(changes.querySelector('.sf-change--bookValueFen')?.textContent).toContain('¥80,000.00 → ¥90,000.00')
  fireEvent.click(screen.getByText('通过'))
  await waitFor(() => expect(screen.getByText('集体厂房：已同意修改')).toBeTruthy())
  expect(container.querySelector('.sf-asset-review')).toBeNull()
  expect(await screen.findByText('没有等待审核的资产')).toBeTruthy()
})

it('sends an asset back with a reason and shows why a decision failed', async () => {
  signIn('approver', 3)
  let fail = true
  const calls = fakeApi({
    'GET /staff/assets': () => ({ items: [staffAsset({ status: 'submitted' })], nextCursor: null }),
    'POST /staff/assets/3/reject': () => (fail ? errorBody(403, 'SELF_APPROVAL', 'no') : staffAsset({ status: 'rejected' })),
  })
  const { container } = render(<RegisterReview />)
  fireEvent.click(await screen.findByText('村东鱼塘'))
  fireEvent.click(screen.getByText('退回'))
  fireEvent.change(container.querySelector('.sf-asset-review textarea')!, { target: { value: '面积与产权证不符' } })
  fireEvent.click(screen.getByText('确认退回'))
  expect(await screen.findByText('不能审核自己登记或申请修改的记录')).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('确认退回'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已退回', icon: 'success' }))
  expect(calls.filter((c) => c.method === 'POST').map((c) => c.data)).toEqual([{ reason: '面积与产权证不符' }, { reason: '面积与产权证不符' }])
})

it('lists contracts waiting for review and opens them', async () => {
  signIn('approver', 3)
  const calls = fakeApi({
    'GET /staff/assets': () => ({ items: [], nextCursor: null }),
    'GET /staff/contracts': () => ({ items: [staffContractItem({ status: 'submitted' })], nextCursor: null }),
  })
  render(<RegisterReview />)
  fireEvent.click(screen.getByText('合同'))
  fireEvent.click(await screen.findByText('发包 · 村东鱼塘 · 王建华'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/contract/index?id=21' })
  expect(calls.find((c) => c.path === '/staff/contracts')!.query.toString()).toBe('awaitingReview=true&limit=20')
})

it('approves an import batch as a whole after confirming', async () => {
  signIn('approver', 3)
  let done = false
  const calls = fakeApi({
    'GET /staff/assets': () => ({
      items: done ? [] : [staffAsset({ id: 11, status: 'submitted', importBatchId: 4 }), staffAsset({ id: 12, name: '村部办公楼', status: 'submitted', importBatchId: 4 })],
      nextCursor: null,
    }),
    'POST /staff/assets/imports/4/approve': () => {
      done = true
      return { approved: 2 }
    },
  })
  render(<RegisterReview />)
  expect(await screen.findByText('本页有2条来自这个批次，核对后可以整批通过。')).toBeTruthy()
  fireEvent.click(screen.getByText('整批通过'))
  expect(await screen.findByText('导入批次#4：已通过2条资产')).toBeTruthy()
  expect(Taro.showModal).toHaveBeenCalled()
  expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/staff/assets/imports/4/approve'])
  expect(await screen.findByText('没有等待审核的资产')).toBeTruthy()
})
