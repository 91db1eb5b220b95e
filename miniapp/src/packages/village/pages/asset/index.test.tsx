import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi } from '../../../staff/testing/fake-api'
import { publicAsset, publicContract } from '../../testing/fixtures'
import AssetPage from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('shows the asset, its contracts and 我要举报', async () => {
  setRouterParams({ id: '3' })
  fakeApi({ 'GET /assets/3': () => ({ ...publicAsset(), contracts: [publicContract(), publicContract({ id: 20, phase: 'expired', overdueCount: 0, dueUnpaidFen: 0 })] }) })
  const { container } = render(<AssetPage />)
  expect(await screen.findByText('村东鱼塘', { selector: '.vg-asset__name' })).toBeTruthy()
  expect(container.querySelector('.vg-asset__value')?.textContent).toBe('¥80,000.00')
  expect(screen.getByText('12,000平方米（约18.0亩）')).toBeTruthy()
  expect(container.querySelectorAll('.vg-contract-row')).toHaveLength(2)
  expect(screen.getByText('已到期')).toBeTruthy()
  fireEvent.click(screen.getByText('我要举报'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/report/pages/form/index?villageId=6&subjectType=asset&subjectId=3' })
})

it('shows an asset without contracts', async () => {
  setRouterParams({ id: '4' })
  fakeApi({ 'GET /assets/4': () => ({ ...publicAsset({ id: 4, usage: 'idle', currentContractId: null, areaM2: null, acquiredOn: null }), contracts: [] }) })
  render(<AssetPage />)
  expect(await screen.findByText('这项资产没有公开的合同')).toBeTruthy()
  expect(screen.getAllByText('未登记').length).toBeGreaterThanOrEqual(2)
})
