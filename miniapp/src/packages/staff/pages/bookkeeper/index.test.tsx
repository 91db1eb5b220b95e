import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { getSession } from '../../../../services/session'
import type { StaffEntry } from '../../services/staff'
import { fakeApi, signIn, staffEntry } from '../../testing/fake-api'
import Bookkeeper from './index'

const listItem = (over: Partial<StaffEntry>) => ({ ...staffEntry(over), attachments: 0 })

beforeEach(() => {
  resetTaroMock()
})
afterAll(() => setTransport())

it('sends a signed-out visitor to the login page', () => {
  const calls = fakeApi({})
  render(<Bookkeeper />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' })
  expect(calls).toHaveLength(0)
})

it('sends an approver to their own page', () => {
  signIn('approver', 3)
  fakeApi({})
  render(<Bookkeeper />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/approver/index' })
})

it('lists entries by status, pages on, and shows why an entry came back', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/entries': (c) => {
      const status = c.query.get('status')
      if (status === 'draft')
        return c.query.get('cursor') === '30'
          ? { items: [listItem({ id: 29, summary: '第二页的草稿' })], nextCursor: null }
          : { items: [listItem({ id: 31, summary: '购买办公用品', amountFen: 12345 }), listItem({ id: 30, summary: '误餐费' })], nextCursor: '30' }
      if (status === 'rejected')
        return {
          items: [
            listItem({
              id: 20,
              status: 'rejected',
              summary: '修路材料款',
              rejectReason: '缺少发票',
              approvals: [{ step: 1, role: 'approver', decision: 'rejected', reason: '缺少发票', userId: 3, at: '2026-03-06T01:00:00.000Z' }],
            }),
          ],
          nextCursor: null,
        }
      return { items: [], nextCursor: null }
    },
  })
  render(<Bookkeeper />)
  expect(await screen.findByText('购买办公用品')).toBeTruthy()
  expect(screen.getByText('-¥123.45')).toBeTruthy()
  expect(calls[0].query.get('status')).toBe('draft')
  expect(calls[0].query.get('limit')).toBe('20')

  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('第二页的草稿')).toBeTruthy()
  expect(screen.getByText('购买办公用品')).toBeTruthy()
  expect(screen.getByText('没有更多了')).toBeTruthy()

  fireEvent.click(screen.getByText('购买办公用品'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/entry-form/index?id=31' })

  fireEvent.click(screen.getByText('被退回'))
  expect(await screen.findByText('退回原因：缺少发票')).toBeTruthy()
  expect(screen.queryByText('购买办公用品')).toBeNull()
  expect(calls.map((c) => c.query.get('status'))).toEqual(['draft', 'draft', 'rejected'])
})

it('reverses a published entry with a reason (红字冲销)', async () => {
  signIn('bookkeeper')
  const published = staffEntry({ id: 12, status: 'published', serial: 4, summary: '鱼塘承包费', direction: 'income', subjectCode: '501', subjectName: '经营收入' })
  const calls = fakeApi({
    'GET /staff/entries': (c) =>
      c.query.get('status') === 'published' ? { items: [{ ...published, attachments: 0 }], nextCursor: null } : { items: [], nextCursor: null },
    'GET /staff/entries/12': () => published,
    'POST /staff/entries/12/reversal': (c) => [201, staffEntry({ id: 50, status: 'submitted', reversesId: 12, reversalReason: (c.data as { reason: string }).reason })],
  })
  const { container } = render(<Bookkeeper />)
  fireEvent.click(screen.getByText('已公开'))
  fireEvent.click(await screen.findByText('鱼塘承包费'))
  fireEvent.click(await screen.findByText('红字冲销'))
  const reason = container.querySelector('textarea[placeholder="请填写冲销原因"]')!
  fireEvent.click(screen.getByText('确认冲销'))
  expect(screen.getByText('请填写原因')).toBeTruthy()
  fireEvent.change(reason, { target: { value: '重复入账' } })
  fireEvent.click(screen.getByText('确认冲销'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '冲销已提交审核', icon: 'success' }))
  expect(calls.find((c) => c.method === 'POST')!.data).toEqual({ reason: '重复入账' })
  expect(container.querySelector('.sf-panel')).toBeNull()
})

it('signs out locally even when the server cannot be reached', async () => {
  const session = signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/entries': () => ({ items: [], nextCursor: null }),
    'POST /auth/logout': () => Promise.reject(new Error('offline')),
  })
  render(<Bookkeeper />)
  fireEvent.click(screen.getByText('退出登录'))
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' }))
  expect(calls.find((c) => c.path === '/auth/logout')!.data).toEqual({ refreshToken: session.refreshToken })
  expect(getSession()).toBeNull()
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '未能通知服务器退出，本机已退出登录', icon: 'none' })
})
