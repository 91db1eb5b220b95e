import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { listQueue, saveReport, sendQueued, setQueueFiles } from '../../../../services/report-queue'
import { errorBody, fakeApi } from '../../../staff/testing/fake-api'
import PendingPage from './index'

const RECEIPT = { receiptCode: '8765432187654321', status: 'submitted', createdAt: '2026-03-05T06:20:00.000Z', duplicate: false, canSubscribe: false, reportId: null }
const save = (text: string, key: string) =>
  saveReport({
    key,
    report: { villageId: 6, categoryCode: 'other', text, subjectType: 'village', subjectId: null, anonymous: true },
    photos: [],
    context: '石桥村的村务和账目',
    categoryLabel: '其他',
  })
const card = (text: string) => screen.getByText(text).closest('.rp-pending__item') as HTMLElement

beforeEach(() => {
  resetTaroMock()
  setQueueFiles({ persist: async (p) => p, exists: async () => true, release: () => undefined })
})
afterAll(() => {
  setTransport()
  setQueueFiles()
})

describe('pending list', () => {
  it('lists waiting, refused and delivered reports with what can be done with each', async () => {
    fakeApi({
      'POST /reports': (c) =>
        c.header['Idempotency-Key'].startsWith('F')
          ? errorBody(422, 'CONTENT_REJECTED', 'risky')
          : c.header['Idempotency-Key'].startsWith('S')
            ? [201, RECEIPT]
            : (() => {
                throw new TypeError('offline')
              })(),
    })
    const waiting = await save('还没发出去的', 'Waiting-key-000000000000000000000')
    await sendQueued(waiting.id)
    await sendQueued((await save('被退回的', 'Failed-key-0000000000000000000000')).id)
    await sendQueued((await save('已经送达的', 'Sent-key-000000000000000000000000')).id)

    render(<PendingPage />)
    expect(within(card('还没发出去的')).getByText('待发送')).toBeTruthy()
    expect(within(card('还没发出去的')).getByText('立即重试')).toBeTruthy()
    expect(within(card('被退回的')).getByText('发送失败')).toBeTruthy()
    expect(within(card('被退回的')).getByText('原因：内容未通过安全检查，请修改后再提交')).toBeTruthy()
    expect(within(card('被退回的')).getByText('修改')).toBeTruthy()
    expect(within(card('已经送达的')).getByText('已送达')).toBeTruthy()
    expect(within(card('已经送达的')).getByText('8765 4321 8765 4321')).toBeTruthy()

    fireEvent.click(within(card('被退回的')).getByText('修改'))
    expect((Taro.navigateTo as jest.Mock).mock.calls[0][0].url).toMatch(/^\/packages\/report\/pages\/form\/index\?pending=\w+$/)

    // 立即重试 of a waiting report that now gets through opens its receipt.
    fakeApi({ 'POST /reports': () => [201, RECEIPT] })
    fireEvent.click(within(card('还没发出去的')).getByText('立即重试'))
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/report/pages/receipt/index?id=${waiting.id}` }))
    expect(listQueue().map((r) => r.report.text)).toEqual(['被退回的', '已经送达的'])

    fireEvent.click(within(card('被退回的')).getByText('删除'))
    await waitFor(() => expect(listQueue().map((r) => r.report.text)).toEqual(['已经送达的']))
    await act(async () => {})
    expect(screen.queryByText('被退回的')).toBeNull()
  })
})
