import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn, staffEntry, VILLAGE } from '../../testing/fake-api'
import Approver from './index'

const item = (id: number, importBatchId: number | null, summary: string) => ({
  ...staffEntry({ id, status: 'submitted', importBatchId, summary, submittedAt: '2026-03-05T03:00:00.000Z' }),
  attachments: 0,
})

const batch = (submitted: number) => ({
  id: 3,
  villageId: 6,
  villageName: '石桥村',
  fileName: '2026年3月流水.xlsx',
  rowCount: 2,
  createdBy: 2,
  createdAt: '2026-03-05T02:00:00.000Z',
  counts: { draft: 0, submitted, rejected: 0, published: 2 - submitted },
})

beforeEach(() => {
  resetTaroMock()
  signIn('approver', 3)
})
afterAll(() => setTransport())

it('lists the submitted entries and opens one for review', async () => {
  const calls = fakeApi({
    'GET /staff/entries': () => ({ items: [item(8, null, '修路材料款')], nextCursor: null }),
    'GET /villages/6': () => VILLAGE,
  })
  render(<Approver />)
  fireEvent.click(await screen.findByText('修路材料款'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/review/index?id=8' })
  expect(calls[0].query.get('status')).toBe('submitted')
  expect(screen.getByText('没有等待审批的导入批次')).toBeTruthy()
})

it('approves an import batch as a whole after confirmation', async () => {
  let approved = false
  const calls = fakeApi({
    'GET /staff/entries': () => ({
      items: approved ? [item(8, null, '修路材料款')] : [item(11, 3, '导入一'), item(10, 3, '导入二'), item(8, null, '修路材料款')],
      nextCursor: null,
    }),
    'GET /villages/6': () => VILLAGE,
    'GET /staff/imports/3': () => batch(approved ? 0 : 2),
    'POST /staff/imports/3/approve': () => {
      approved = true
      return { approved: 2, published: 2, pendingSecondApproval: 0 }
    },
  })
  render(<Approver />)
  expect(await screen.findByText('待审批 2 笔，已公开 0 笔，被退回 0 笔')).toBeTruthy()
  fireEvent.click(screen.getByText('整批通过'))
  await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/staff/imports/3/approve')).toBe(true))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '整批通过？' }))
  expect(await screen.findByText('批次#3：已通过2笔，其中2笔已公开')).toBeTruthy()
  await waitFor(() => expect(screen.queryByText('导入一')).toBeNull())
  expect(screen.getByText('没有等待审批的导入批次')).toBeTruthy()
})

it('says why a batch approval failed', async () => {
  fakeApi({
    'GET /staff/entries': () => ({ items: [item(11, 3, '导入一')], nextCursor: null }),
    'GET /villages/6': () => VILLAGE,
    'GET /staff/imports/3': () => batch(1),
    'POST /staff/imports/3/approve': () =>
      errorBody(403, 'TOWN_APPROVAL_REQUIRED', '批量审批未完成，没有任何记录被审批 (entry 11: the second approval must be given by the town agent)'),
  })
  render(<Approver />)
  fireEvent.click(await screen.findByText('整批通过'))
  expect(
    await screen.findByText('整批通过失败，没有任何一笔被审批：这笔账需要两级审批，第二次审批须由乡镇审批人（村账乡管）进行'),
  ).toBeTruthy()
})
