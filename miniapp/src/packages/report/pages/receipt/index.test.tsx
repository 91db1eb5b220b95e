import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { claimDeliveries, getReceipt, listQueue, saveReport, sendQueued, setQueueFiles } from '../../../../services/report-queue'
import { fakeApi } from '../../../staff/testing/fake-api'
import ReceiptPage from './index'

const RECEIPT = { receiptCode: '1234567812345678', status: 'submitted', createdAt: '2026-03-05T06:20:00.000Z', duplicate: false, canSubscribe: false, reportId: null }

/** A report delivered while `claimed` decides whether a page on screen took the receipt. */
async function deliver(claimed: boolean): Promise<string> {
  fakeApi({ 'POST /reports': () => [201, RECEIPT] })
  const r = await saveReport({
    key: 'Abcdefghijklmnopqrstuvwxyz012345',
    report: { villageId: 6, categoryCode: 'other', text: '情况', subjectType: 'village', subjectId: null, anonymous: true },
    photos: [],
    context: '石桥村的村务和账目',
    categoryLabel: '其他',
  })
  const off = claimDeliveries(() => claimed)
  await sendQueued(r.id)
  off()
  return r.id
}

const setClipboardData = jest.fn(async () => ({}))

beforeEach(() => {
  resetTaroMock()
  setClipboardData.mockClear()
  ;(Taro as unknown as { setClipboardData: typeof setClipboardData }).setClipboardData = setClipboardData
  setQueueFiles({ persist: async (p) => p, exists: async () => true, release: () => undefined })
})
afterAll(() => {
  setTransport()
  setQueueFiles()
})

describe('receipt page', () => {
  it('shows the code once, in groups of four, copies it, and forgets it when the page closes', async () => {
    const id = await deliver(true)
    setRouterParams({ id })
    const { unmount } = render(<ReceiptPage />)
    expect(screen.getByText('1234 5678 1234 5678')).toBeTruthy()
    expect(screen.getByText(/回执码只显示这一次/)).toBeTruthy()
    fireEvent.click(screen.getByText('复制回执码'))
    await waitFor(() => expect(setClipboardData).toHaveBeenCalledWith({ data: '1234567812345678' }))
    expect(screen.queryByText('接收办理进度通知')).toBeNull()
    unmount()
    expect(getReceipt(id)).toBeNull()
  })

  it('removes a receipt delivered in the background from the list once it has been shown', async () => {
    const id = await deliver(false)
    expect(listQueue()).toHaveLength(1)
    setRouterParams({ id })
    const { unmount } = render(<ReceiptPage />)
    expect(screen.getByText('1234 5678 1234 5678')).toBeTruthy()
    unmount()
    expect(listQueue()).toEqual([])
  })

  it('explains that the code is gone when the page is opened again', () => {
    setRouterParams({ id: 'nope' })
    render(<ReceiptPage />)
    expect(screen.getByText('回执码只显示一次，这个页面已经关闭。')).toBeTruthy()
    expect(screen.getByText('查询举报进度')).toBeTruthy()
  })
})
