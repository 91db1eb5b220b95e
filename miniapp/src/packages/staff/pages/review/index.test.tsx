import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { errorBody, fakeApi, signIn, staffEntry } from '../../testing/fake-api'
import Review from './index'

const submitted = staffEntry({
  id: 5,
  status: 'submitted',
  counterpartyKind: 'person',
  counterpartyName: '张小三',
  counterpartyDisplay: '张*三',
  submittedAt: '2026-03-05T03:00:00.000Z',
  attachments: [
    { id: 7, mime: 'image/jpeg', size: 100, url: '/api/attachments/7' },
    { id: 8, mime: 'image/png', size: 100, url: '/api/attachments/8' },
  ],
})

beforeEach(() => {
  resetTaroMock()
  signIn('approver', 3)
  setRouterParams({ id: '5' })
  ;(Taro.downloadFile as unknown as jest.Mock).mockImplementation(async ({ url }: { url: string }) => ({
    statusCode: 200,
    tempFilePath: `blob:${url.split('/').pop()}`,
  }))
})
afterAll(() => setTransport())

it('shows the whole entry, with the full name, and previews the vouchers among all of them', async () => {
  fakeApi({ 'GET /staff/entries/5': () => submitted })
  const { container } = render(<Review />)
  expect(await screen.findByText('张小三')).toBeTruthy()
  expect(screen.getByText('张*三')).toBeTruthy()
  await waitFor(() => expect(container.querySelectorAll('.sf-thumb img')).toHaveLength(2))
  expect(Taro.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ header: { Authorization: 'Bearer access-approver' } }))
  fireEvent.click(container.querySelectorAll('.sf-thumb')[1])
  expect(Taro.previewImage).toHaveBeenCalledWith({ current: 'blob:8', urls: ['blob:7', 'blob:8'] })
})

it('will not send a rejection without a reason', async () => {
  const calls = fakeApi({
    'GET /staff/entries/5': () => submitted,
    'POST /staff/entries/5/reject': () => staffEntry({ ...submitted, status: 'rejected' }),
  })
  const { container } = render(<Review />)
  fireEvent.click(await screen.findByText('退回'))
  const reason = container.querySelector('textarea[placeholder="请填写退回原因"]')!
  fireEvent.click(screen.getByText('确认退回'))
  expect(screen.getByText('请填写原因')).toBeTruthy()
  fireEvent.change(reason, { target: { value: '   ' } })
  fireEvent.click(screen.getByText('确认退回'))
  expect(screen.getByText('请填写原因')).toBeTruthy()
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

  fireEvent.change(reason, { target: { value: ' 缺少劳务签收单 ' } })
  fireEvent.click(screen.getByText('确认退回'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  const reject = calls.find((c) => c.method === 'POST')!
  expect(reject.path).toBe('/staff/entries/5/reject')
  expect(reject.data).toEqual({ reason: '缺少劳务签收单' })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已退回', icon: 'success' })
})

it('approves after confirmation and goes back to the queue', async () => {
  const calls = fakeApi({
    'GET /staff/entries/5': () => submitted,
    'POST /staff/entries/5/approve': () => staffEntry({ ...submitted, status: 'published', serial: 12 }),
  })
  render(<Review />)
  fireEvent.click(await screen.findByText('通过'))
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '通过后这笔账将向村民公开，不能撤回。' }))
  expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/staff/entries/5/approve'])
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已通过并公开', icon: 'success' })
})

it('does nothing when the approval is not confirmed', async () => {
  ;(Taro.showModal as unknown as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  const calls = fakeApi({ 'GET /staff/entries/5': () => submitted })
  render(<Review />)
  fireEvent.click(await screen.findByText('通过'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
})

it.each([
  ['SELF_APPROVAL', 'an approver may not review an entry they wrote', '不能审批自己录入的账目'],
  ['TOWN_APPROVAL_REQUIRED', 'the second approval must be given by the town agent', '这笔账需要两级审批，第二次审批须由乡镇审批人（村账乡管）进行'],
])('explains a refused approval (%s) and stays', async (code, message, text) => {
  fakeApi({
    'GET /staff/entries/5': () => submitted,
    'POST /staff/entries/5/approve': () => errorBody(403, code, message),
  })
  render(<Review />)
  fireEvent.click(await screen.findByText('通过'))
  expect(await screen.findByText(text)).toBeTruthy()
  expect(Taro.navigateBack).not.toHaveBeenCalled()
})
