import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi } from '../../../staff/testing/fake-api'
import { contractDetail, installment, receipt } from '../../testing/fixtures'
import ContractPage from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('shows the parties masked, the terms, each installment with its state, and the receipts linked to the ledger', async () => {
  setRouterParams({ id: '21' })
  const detail = contractDetail({
    awardMethod: 'negotiated',
    receipts: [receipt(), receipt({ id: 9, installmentSeq: 2, entryId: 80, entrySerial: 60, reversed: true })],
  })
  fakeApi({ 'GET /contracts/21': () => detail })
  const { container } = render(<ContractPage />)
  expect(await screen.findByText('王*华')).toBeTruthy()
  expect(container.querySelector('.vg-contract__phase')?.textContent).toBe('履行中')
  expect(container.querySelector('.vg-contract__overdue')?.textContent).toBe('逾期1期')
  expect(screen.getByText('2024年1月1日至2028年12月31日（5年）')).toBeTruthy()
  expect(screen.getByText('协商议价（非公开方式）')).toBeTruthy()
  expect(screen.getByText('未公开招标')).toBeTruthy()
  expect(screen.getByText('¥2,000.00')).toBeTruthy()

  const rows = container.querySelectorAll('.vg-contract__installment')
  expect(rows).toHaveLength(5)
  expect(container.querySelectorAll('.vg-contract__installment--paid')).toHaveLength(2)
  const overdue = container.querySelector('.vg-contract__installment--overdue')!
  expect(overdue.textContent).toContain('第3期')
  expect(overdue.textContent).toContain('逾期未收')
  expect(overdue.textContent).toContain('未收 ¥12,000.00')
  expect(container.querySelector('.vg-contract__unpaid')?.textContent).toContain('¥12,000.00')

  expect(screen.getByText('这笔收款已被红字冲销，不再计入已收租金')).toBeTruthy()
  fireEvent.click(screen.getByText('查看账本第31号收入记录 ›'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/entry/index?id=55' })

  fireEvent.click(screen.getByText('我要举报'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/report/pages/form/index?villageId=6&subjectType=contract&subjectId=21' })
  fireEvent.click(screen.getByText('查看资产：村东鱼塘 ›'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/village/pages/asset/index?id=3' })
})

it('opens a long schedule on the installments that matter now', async () => {
  setRouterParams({ id: '21' })
  const monthly = Array.from({ length: 36 }, (_, i) =>
    installment({ id: 200 + i, seq: i + 1, amountFen: 100_000, receivedFen: i < 20 ? 100_000 : 0, state: i < 20 ? 'paid' : i === 20 ? 'due' : 'upcoming' }),
  )
  fakeApi({ 'GET /contracts/21': () => contractDetail({ frequency: 'monthly', installments: monthly, receipts: [] }) })
  const { container } = render(<ContractPage />)
  await screen.findByText('王*华')
  expect(container.querySelectorAll('.vg-contract__installment')).toHaveLength(5)
  fireEvent.click(screen.getByText('展开全部36期（另有31期）'))
  expect(container.querySelectorAll('.vg-contract__installment')).toHaveLength(36)
  expect(screen.getByText('还没有登记收款')).toBeTruthy()
})

it('says so when the contract is not public', async () => {
  setRouterParams({ id: '99' })
  fakeApi({})
  render(<ContractPage />)
  expect(await screen.findByText('没有找到相关内容')).toBeTruthy()
})
