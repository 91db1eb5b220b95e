import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi, signIn } from '../../testing/fake-api'
import { staffContractItem } from '../../testing/register-fixtures'
import Contracts from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('lists contracts with their overdue rent and opens one', async () => {
  signIn('bookkeeper')
  const calls = fakeApi({
    'GET /staff/contracts': () => ({
      items: [staffContractItem({ status: 'approved' }), staffContractItem({ id: 22, code: 'HT-2024-02', assetName: '集体厂房' }, true)],
      nextCursor: null,
    }),
  })
  render(<Contracts />)
  expect(await screen.findByText('发包 · 村东鱼塘 · 王建华')).toBeTruthy()
  expect(screen.getAllByText('逾期未收1期，共¥12,000.00')).toHaveLength(1)
  expect(screen.getByText('终止申请待审核')).toBeTruthy()
  expect(calls[0].query.get('status')).toBe('approved')
  fireEvent.click(screen.getByText('发包 · 村东鱼塘 · 王建华'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/contract/index?id=21' })
})
