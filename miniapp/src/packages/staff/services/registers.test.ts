import { ApiError } from '../../../services/api-error'
import { setTransport } from '../../../services/request'
import { fakeApi, signIn } from '../testing/fake-api'
import { staffAsset } from '../testing/register-fixtures'
import { registerErrorText } from './register-errors'
import { registersStaffApi } from './registers'

beforeEach(() => signIn('bookkeeper'))
afterAll(() => setTransport())

it('calls the staff register endpoints with the token', async () => {
  const calls = fakeApi({
    'GET /staff/assets': () => ({ items: [], nextCursor: null }),
    'PATCH /staff/assets/3': () => staffAsset(),
    'POST /staff/assets/3/reject': () => staffAsset(),
    'GET /staff/contracts': () => ({ items: [], nextCursor: null }),
    'POST /staff/contracts/21/terminate': () => ({}),
    'GET /staff/contracts/21/receipt-candidates': () => ({ items: [], nextCursor: null }),
    'PUT /staff/contracts/21/attachments': () => ({}),
    'POST /staff/contracts/21/receipts': () => ({}),
  })
  await registersStaffApi.assets({ status: 'draft', cursor: null, limit: 20 })
  await registersStaffApi.updateAsset(3, { usage: 'idle' })
  await registersStaffApi.rejectAsset(3, '面积不对')
  await registersStaffApi.contracts({ awaitingReview: true, cursor: '40', limit: 20 })
  await registersStaffApi.terminateContract(21, { terminatedOn: '2026-06-30', reason: '协商解除' })
  await registersStaffApi.receiptCandidates(21)
  await registersStaffApi.addReceipt(21, { entryId: 55 })
  await registersStaffApi.setScans(21, [9, 10])
  expect(calls.map((c) => `${c.method} ${c.path}?${c.query}`)).toEqual([
    'GET /staff/assets?status=draft&limit=20',
    'PATCH /staff/assets/3?',
    'POST /staff/assets/3/reject?',
    'GET /staff/contracts?awaitingReview=true&cursor=40&limit=20',
    'POST /staff/contracts/21/terminate?',
    'GET /staff/contracts/21/receipt-candidates?limit=50',
    'POST /staff/contracts/21/receipts?',
    'PUT /staff/contracts/21/attachments?',
  ])
  expect(calls.map((c) => c.data).filter((d) => d && Object.keys(d as object).length)).toEqual([
    { usage: 'idle' },
    { reason: '面积不对' },
    { terminatedOn: '2026-06-30', reason: '协商解除' },
    { entryId: 55 },
    { attachmentIds: [9, 10] },
  ])
  expect(calls.every((c) => c.header.Authorization === 'Bearer access-bookkeeper')).toBe(true)
})

it('reads every approved asset of a village for the contract form', async () => {
  const calls = fakeApi({
    'GET /staff/assets': (c) =>
      c.query.get('cursor') === '3'
        ? { items: [staffAsset({ id: 2 })], nextCursor: null }
        : { items: [staffAsset({ id: 4 }), staffAsset({ id: 3 })], nextCursor: '3' },
  })
  expect((await registersStaffApi.approvedAssets(6)).map((a) => a.id)).toEqual([4, 3, 2])
  expect(calls.map((c) => c.query.toString())).toEqual(['villageId=6&status=approved&limit=50', 'villageId=6&status=approved&cursor=3&limit=50'])
})

it('words the register error codes in Chinese', () => {
  expect(registerErrorText(new ApiError({ statusCode: 409, code: 'CHANGE_PENDING', message: 'a change to this asset is already waiting for approval' }))).toBe(
    '已有一项修改在等待审核，审核后才能再提出修改',
  )
  expect(registerErrorText(new ApiError({ statusCode: 403, code: 'SELF_APPROVAL', message: 'x' }))).toBe('不能审核自己登记或申请修改的记录')
  expect(registerErrorText(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: 'asset not found' }))).toBe('没有找到这条记录，可能已被删除或不在您的管辖范围')
  expect(registerErrorText(new ApiError({ statusCode: 0, code: 'NETWORK', message: '' }))).toBe('网络不好，请检查网络后重试')
  expect(registerErrorText(new ApiError({ statusCode: 409, code: 'SOMETHING', message: '编号已被使用' }))).toBe('编号已被使用')
  expect(
    registerErrorText(new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: '输入有误', details: [{ field: 'code', reason: '本村已有相同编号的资产' }] })),
  ).toBe('本村已有相同编号的资产')
})
