import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi, VILLAGE } from '../../../staff/testing/fake-api'
import { publicAsset, publicContract, SUMMARY } from '../../testing/fixtures'
import Registers from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

it('shows the summary, the assets with filters, and the contracts with their overdue rent', async () => {
  setRouterParams({ v: '6' })
  const calls = fakeApi({
    'GET /villages/6': () => VILLAGE,
    'GET /villages/6/registers': () => SUMMARY,
    'GET /villages/6/assets': (c) =>
      c.query.get('cursor') === '3'
        ? { items: [publicAsset({ id: 2, name: '集体厂房', kind: 'building', areaM2: 800, usage: 'idle' })], nextCursor: null }
        : c.query.get('kind') === 'forest'
          ? { items: [], nextCursor: null }
          : { items: [publicAsset()], nextCursor: '3' },
    'GET /villages/6/contracts': () => ({ items: [publicContract()], nextCursor: null }),
  })
  const { container } = render(<Registers />)
  expect(await screen.findByText('村东鱼塘')).toBeTruthy()
  expect(screen.getByText('石桥村 · 集体资产资源和合同')).toBeTruthy()
  expect(container.querySelector('.vg-summary__assets')?.textContent).toBe('12项')
  expect(container.querySelector('.vg-summary__value')?.textContent).toBe('¥3,560,000.00')
  expect(screen.getByText('12,000平方米（约18.0亩）', { exact: false })).toBeTruthy()

  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('集体厂房')).toBeTruthy()
  expect(screen.getByText('没有更多了')).toBeTruthy()

  fireEvent.click(screen.getByText('林地'))
  expect(await screen.findByText('没有符合条件的记录')).toBeTruthy()
  expect(calls.filter((c) => c.path === '/villages/6/assets').map((c) => c.query.toString())).toEqual([
    'limit=20',
    'cursor=3&limit=20',
    'kind=forest&limit=20',
  ])

  fireEvent.click(screen.getByText('全部类别'))
  fireEvent.click(screen.getByText('有1份合同租金逾期未收，点此查看 ›'))
  await waitFor(() => expect(container.querySelectorAll('.vg-contract-row')).toHaveLength(1))
  expect(screen.getByText('逾期1期')).toBeTruthy()
  expect(screen.getByText('个人 王*华 · 2024年1月1日至2028年12月31日', { exact: false })).toBeTruthy()
  expect(calls.find((c) => c.path === '/villages/6/contracts')!.query.toString()).toBe('overdue=true&limit=20')
  expect(calls.every((c) => !c.header.Authorization)).toBe(true)

  fireEvent.click(container.querySelector('.vg-contract-row')!)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/village/pages/contract/index?id=21' })

  // Back on the assets tab, the list is as it was: no new request.
  const before = calls.length
  fireEvent.click(screen.getByText('资产'))
  expect(await screen.findByText('村东鱼塘')).toBeTruthy()
  expect(calls.length).toBe(before)
})

it('offers 重试 when the list fails, and recovers', async () => {
  setRouterParams({ v: '6', tab: 'contracts' })
  let fail = true
  fakeApi({
    'GET /villages/6': () => VILLAGE,
    'GET /villages/6/registers': () => SUMMARY,
    'GET /villages/6/contracts': () => (fail ? [503, { statusCode: 503, code: 'X', message: 'x' }] : { items: [], nextCursor: null }),
  })
  render(<Registers />)
  expect(await screen.findByText('服务器忙，请稍后重试', {}, { timeout: 3000 })).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('本村还没有公开的发包、租赁合同')).toBeTruthy()
})

it('asks for a village when none is chosen', () => {
  fakeApi({})
  render(<Registers />)
  fireEvent.click(screen.getByText('选择村庄'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/choose/index' })
})
