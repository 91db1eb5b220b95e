import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi, signIn, VILLAGE } from '../../testing/fake-api'
import { staffAsset } from '../../testing/register-fixtures'
import Assets from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('sends a signed-out visitor to the login page', () => {
  const calls = fakeApi({})
  render(<Assets />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' })
  expect(calls).toHaveLength(0)
})

it('lists assets by status, with the reason a rejected one came back and a pending change', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/assets': (c) => {
      const status = c.query.get('status')
      if (status === 'draft') return { items: [staffAsset({ id: 5, name: '集体厂房', kind: 'building', bookValueFen: 35_000_000 })], nextCursor: null }
      if (status === 'rejected') return { items: [staffAsset({ id: 6, status: 'rejected', rejectReason: '面积与产权证不符' })], nextCursor: null }
      if (status === 'approved')
        return {
          items: [staffAsset({ id: 7, status: 'approved', pendingChange: { changes: { usage: 'idle' }, requestedBy: 2, requestedAt: '2026-03-05T02:00:00.000Z' } })],
          nextCursor: null,
        }
      return { items: [], nextCursor: null }
    },
  })
  const { container } = render(<Assets />)
  expect(await screen.findByText('集体厂房')).toBeTruthy()
  expect(screen.getByText('¥350,000.00')).toBeTruthy()
  expect(container.querySelector('.sf-assets__import')?.textContent).toContain('资产编号、名称、类别')

  fireEvent.click(screen.getByText('集体厂房'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/asset-form/index?id=5' })

  fireEvent.click(screen.getByText('被退回'))
  expect(await screen.findByText('退回原因：面积与产权证不符')).toBeTruthy()
  fireEvent.click(screen.getByText('已生效'))
  expect(await screen.findByText('修改待审核')).toBeTruthy()
  expect(calls.map((c) => c.query.get('status'))).toEqual(['draft', 'rejected', 'approved'])

  fireEvent.click(screen.getByText('登记资产'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/pages/asset-form/index' })
})

it('lets an approver look, without 登记资产, with the village names of the town', async () => {
  signIn('approver', 3, 3)
  fakeApi({
    'GET /staff/assets': () => ({ items: [staffAsset({ status: 'draft' })], nextCursor: null }),
    'GET /villages/6': () => VILLAGE,
  })
  render(<Assets />)
  expect(await screen.findByText('村东鱼塘')).toBeTruthy()
  expect(screen.queryByText('登记资产')).toBeNull()
  expect(await screen.findByText('石桥村', { exact: false, selector: '.t-small' })).toBeTruthy()
  fireEvent.click(screen.getByText('台账审核'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/register-review/index' })
})
