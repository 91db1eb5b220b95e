import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { VillageDto } from '@mingbai/shared'
import { formatDate } from '../../../../utils/format'
import { todayInChina } from '@mingbai/shared'
import { setTransport, type Transport } from '../../../../services/request'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import Poster from './index'

const VILLAGE: VillageDto = {
  id: 6,
  code: '359901001001',
  name: '石桥村',
  level: 'village',
  parentId: 3,
  path: [
    { id: 1, code: '359900000000', name: '示范市', level: 'city', parentId: null },
    { id: 2, code: '359901000000', name: '清溪县', level: 'county', parentId: 1 },
    { id: 3, code: '359901001000', name: '青石镇', level: 'town', parentId: 2 },
  ],
  chartVersion: '2023',
  ledgerStart: '2025-01-01',
  openingBalanceFen: 0,
  chainHead: { serial: 0, hash: '0'.repeat(64) },
  totals: { incomeFen: 0, expenseFen: 0, balanceFen: 0 },
}

/** The API as the poster sees it: one village, everything else 404. */
const calls: string[] = []
const fakeApi: Transport = async ({ url }) => {
  calls.push(url)
  const id = Number(/\/api\/villages\/(\d+)$/.exec(url)?.[1])
  if (id === VILLAGE.id) return { statusCode: 200, data: VILLAGE, header: {} }
  return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'village not found', details: [] }, header: {} }
}

// Weapp-only APIs the shared Taro mock does not have.
const taro = Taro as unknown as Record<string, jest.Mock>
const env = process.env.TARO_ENV

beforeEach(() => {
  resetTaroMock()
  calls.length = 0
  setTransport(fakeApi)
  taro.saveImageToPhotosAlbum = jest.fn(async () => ({ errMsg: 'saveImageToPhotosAlbum:ok' }))
  taro.downloadFile.mockImplementation(async () => ({ statusCode: 200, tempFilePath: 'wxfile://tmp/qr.png' }))
})
afterEach(() => {
  process.env.TARO_ENV = env
  setTransport()
})

it('shows the village poster from ?v=: title, county · town · village, the QR image, the two lines and the date', async () => {
  setRouterParams({ v: '6' })
  const { container } = render(<Poster />)
  expect(await screen.findByText('石桥村集体三资公开')).toBeTruthy()
  expect(screen.getByText('清溪县 · 青石镇 · 石桥村')).toBeTruthy()
  expect(screen.getByText('微信扫一扫，查看本村每一笔收入和支出')).toBeTruthy()
  expect(screen.getByText('发现问题请向村务监督委员会或纪检监察部门反映')).toBeTruthy()
  expect(screen.getByText(new RegExp(`${formatDate(todayInChina())}制`))).toBeTruthy()
  expect(container.querySelector('img')?.getAttribute('src')).toBe('/api/villages/6/qrcode.png')
  expect(calls).toEqual(['/api/villages/6'])
})

it('falls back to the signed-in staff member’s village', async () => {
  Taro.setStorageSync('mingbai.session', {
    accessToken: 'a',
    refreshToken: 'r',
    user: { id: 9, username: 'demo_bookkeeper', displayName: '报账员', role: 'bookkeeper', regionId: 6 },
  })
  render(<Poster />)
  expect(await screen.findByText('石桥村集体三资公开')).toBeTruthy()
  expect(calls).toEqual(['/api/villages/6'])
})

it('says so when there is no village to show, without calling the API', () => {
  render(<Poster />)
  expect(screen.getByText(/没有指定村/)).toBeTruthy()
  expect(calls).toEqual([])
})

it('shows the error with 重试 when the village cannot be loaded', async () => {
  setRouterParams({ v: '99' })
  render(<Poster />)
  expect(await screen.findByText('没有找到相关内容')).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
})

it('on H5 prints the page and offers no photo-album button', async () => {
  process.env.TARO_ENV = 'h5'
  const print = jest.spyOn(window, 'print').mockImplementation(() => {})
  setRouterParams({ v: '6' })
  render(<Poster />)
  fireEvent.click(await screen.findByText('打印海报'))
  expect(print).toHaveBeenCalledTimes(1)
  expect(screen.queryByText('保存二维码图片')).toBeNull()
  print.mockRestore()
})

it('on weapp downloads the code and saves it to the photo album', async () => {
  process.env.TARO_ENV = 'weapp'
  setRouterParams({ v: '6' })
  render(<Poster />)
  fireEvent.click(await screen.findByText('保存二维码图片'))
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存到相册', icon: 'success' }))
  expect(Taro.downloadFile).toHaveBeenCalledWith({ url: '/api/villages/6/qrcode.png' })
  expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/qr.png' })
  expect(screen.queryByText('打印海报')).toBeNull()
})

it('on weapp shows why saving failed: no album permission, or a failed download', async () => {
  process.env.TARO_ENV = 'weapp'
  setRouterParams({ v: '6' })
  taro.saveImageToPhotosAlbum.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
  render(<Poster />)
  fireEvent.click(await screen.findByText('保存二维码图片'))
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '没有相册权限，请在设置中允许保存到相册', icon: 'none', duration: 3000 }),
  )

  taro.downloadFile.mockImplementationOnce(async () => ({ statusCode: 502, tempFilePath: 'wxfile://tmp/error.json' }))
  fireEvent.click(screen.getByText('保存二维码图片'))
  await waitFor(() =>
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '二维码下载失败，请检查网络后重试', icon: 'none', duration: 3000 }),
  )
  expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledTimes(1)
})
