import { assetChanges, assetFormFromDto, assetFormToBody, emptyAssetForm, validateAssetForm, withPendingChange, type AssetForm } from './asset-form-model'
import { assetChangeList } from './register-review-model'
import { detailTarget, parseArea, parseFenOrZero, splitDetails } from './register-form'
import { staffAsset } from '../testing/register-fixtures'

const valid: AssetForm = {
  ...emptyAssetForm(),
  code: 'ZC-001',
  name: '村部办公楼',
  kind: 'building',
  location: '石桥村一组',
  areaText: '850',
  bookValueText: '1200000',
  usage: 'self_used',
  acquiredOn: '2010-05-01',
}

it('turns yuan and area text into API values', () => {
  expect(parseFenOrZero('0')).toEqual({ fen: 0 })
  expect(parseFenOrZero('0.00')).toEqual({ fen: 0 })
  expect(parseFenOrZero('1234.5')).toEqual({ fen: 123450 })
  expect(parseFenOrZero('')).toEqual({ error: '请输入金额，没有请填0' })
  expect(parseFenOrZero('', 0)).toEqual({ fen: 0 })
  expect(parseFenOrZero('-3')).toEqual({ error: '金额不能是负数' })
  expect(parseArea('')).toEqual({ value: null })
  expect(parseArea('1200')).toEqual({ value: 1200 })
  expect(parseArea('12.5')).toEqual({ error: '面积请填整数平方米，例如 1200' })
  expect(parseArea('0')).toEqual({ error: '面积必须大于0，没有面积请不填' })
})

describe('validateAssetForm', () => {
  it('accepts a complete asset and builds its body', () => {
    expect(validateAssetForm(valid, '2026-03-05')).toEqual({})
    expect(assetFormToBody(valid)).toEqual({
      code: 'ZC-001',
      name: '村部办公楼',
      kind: 'building',
      location: '石桥村一组',
      areaM2: 850,
      bookValueFen: 120_000_000,
      usage: 'self_used',
      acquiredOn: '2010-05-01',
      note: null,
    })
  })

  it('applies the shared rules with friendly words for choices', () => {
    const errors = validateAssetForm(
      { ...emptyAssetForm(), name: 'x'.repeat(101), location: '电话 13812345678', areaText: 'abc', acquiredOn: '2026-03-06' },
      '2026-03-05',
    )
    expect(errors).toEqual({
      code: '必填',
      name: '不能超过100个字',
      kind: '请选择类别',
      location: '不得包含手机号码',
      areaM2: '面积请填整数平方米，例如 1200',
      bookValueFen: '请输入金额，没有请填0',
      usage: '请选择使用状态',
      acquiredOn: '取得日期不能晚于今天',
    })
  })

  it('allows equipment without an area and a book value of 0', () => {
    expect(validateAssetForm({ ...valid, kind: 'equipment', areaText: '', bookValueText: '0', acquiredOn: '' }, '2026-03-05')).toEqual({})
  })
})

it('round-trips a stored asset and finds what changed', () => {
  const a = staffAsset()
  const form = assetFormFromDto(a)
  expect(form.bookValueText).toBe('80000.00')
  const body = assetFormToBody(form)
  expect(assetChanges(a, body)).toEqual({})
  expect(assetChanges(a, assetFormToBody({ ...form, usage: 'idle', areaText: '13000' }))).toEqual({ usage: 'idle', areaM2: 13000 })
})

it('lists a pending change as before → after', () => {
  const a = staffAsset({
    status: 'approved',
    pendingChange: { changes: { usage: 'idle', bookValueFen: 9_000_000, note: null }, requestedBy: 2, requestedAt: '2026-03-05T02:00:00.000Z' },
  })
  expect(assetChangeList(a)).toEqual([
    { field: 'bookValueFen', label: '账面价值', before: '¥80,000.00', after: '¥90,000.00' },
    { field: 'usage', label: '使用状态', before: '出租发包', after: '闲置' },
  ])
  expect(withPendingChange(a).usage).toBe('idle')
})

it('maps server details to fields, rows and the rest', () => {
  expect(detailTarget('installments[2].amountFen')).toEqual({ field: 'installments', row: 2, sub: 'amountFen' })
  expect(detailTarget('installments.0.dueOn')).toEqual({ field: 'installments', row: 0, sub: 'dueOn' })
  expect(detailTarget('code')).toEqual({ field: 'code' })
  expect(
    splitDetails(
      [
        { field: 'code', reason: '编号已被使用' },
        { field: 'code', reason: 'dropped' },
        { field: 'installments[1].amountFen', reason: '每期租金必须是大于0的整数分' },
        { field: 'foo', reason: 'property foo should not exist' },
      ],
      ['code', 'installments'] as const,
    ),
  ).toEqual({
    fields: { code: '编号已被使用', installments: '第2期：每期租金必须是大于0的整数分' },
    rows: { 1: { amountFen: '每期租金必须是大于0的整数分' } },
    other: ['foo：property foo should not exist'],
  })
})
