import { emptyForm, fenToYuanText, formToBody, mapServerDetails, parseAmount, validateForm, type EntryForm } from './entry-form-model'
import type { ChartAccount } from './staff'

const accounts: ChartAccount[] = [
  { code: '501', name: '经营收入', direction: 'income', level: 1 },
  { code: '513', name: '管理费用', direction: 'expense', level: 1 },
]

const valid: EntryForm = {
  ...emptyForm('2026-03-05'),
  direction: 'expense',
  subjectCode: '513',
  amountText: '1234.5',
  counterpartyKind: 'person',
  counterpartyName: '张小三',
  summary: '误餐费',
  paymentMethod: 'cash',
}
const ctx = { today: '2026-03-05', ledgerStart: '2025-01-01' }

describe('parseAmount', () => {
  it.each([
    ['1234.5', { fen: 123450 }],
    [' 0.01 ', { fen: 1 }],
    ['9999999999.99', { fen: 999_999_999_999 }],
    ['', { error: '请输入金额' }],
    ['-1', { error: '金额不能是负数' }],
    ['1.234', { error: '金额最多两位小数（到分）' }],
    ['0.00', { error: '金额必须大于0' }],
    ['10000000000', { error: '金额必须小于100亿元' }],
    ['123456789012.5', { error: '金额必须小于100亿元' }],
    ['1,000', { error: '请输入正确的金额，例如 1234.50' }],
    ['12.', { error: '请输入正确的金额，例如 1234.50' }],
  ])('%s', (text, expected) => expect(parseAmount(text)).toEqual(expected))
})

it('writes fen back as yuan text without rounding errors', () => {
  expect(fenToYuanText(32000)).toBe('320.00')
  expect(fenToYuanText(1)).toBe('0.01')
  expect(fenToYuanText(999_999_999_999)).toBe('9999999999.99')
})

describe('validateForm', () => {
  it('accepts a complete entry and builds its body', () => {
    expect(validateForm(valid, ctx, accounts)).toEqual({})
    expect(formToBody(valid, [7])).toEqual({
      direction: 'expense',
      subjectCode: '513',
      amountFen: 123450,
      occurredOn: '2026-03-05',
      counterpartyName: '张小三',
      counterpartyKind: 'person',
      summary: '误餐费',
      paymentMethod: 'cash',
      voucherNo: null,
      attachmentIds: [7],
    })
  })

  it('applies the shared rules: dates, personal numbers, lengths', () => {
    const errors = validateForm(
      { ...valid, occurredOn: '2024-12-31', summary: '身份证 110101199003071234', voucherNo: 'x'.repeat(51) },
      ctx,
      accounts,
    )
    expect(errors).toEqual({
      occurredOn: '日期不能早于建账日期2025-01-01',
      summary: '不得包含身份证号码',
      voucherNo: '不能超过50个字',
    })
    expect(validateForm({ ...valid, occurredOn: '2026-03-06' }, ctx, accounts)).toEqual({ occurredOn: '日期不能晚于今天' })
  })

  it('requires a subject of the chosen direction', () => {
    expect(validateForm({ ...valid, subjectCode: '501' }, ctx, accounts)).toEqual({ subjectCode: '请选择会计科目' })
  })
})

it('maps server details to form fields and keeps the rest for the banner', () => {
  expect(
    mapServerDetails([
      { field: 'amountFen', reason: 'too big' },
      { field: 'attachmentIds', reason: '附件 9 不存在' },
      { field: 'attachmentIds.0', reason: 'second message is dropped' },
      { field: 'foo', reason: 'property foo should not exist' },
    ]),
  ).toEqual({
    fields: { amountFen: 'too big', attachmentIds: '附件 9 不存在' },
    other: ['foo：property foo should not exist'],
  })
})
