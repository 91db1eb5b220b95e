import {
  contractFormFromDto,
  contractFormToBody,
  contractPatch,
  emptyContractForm,
  hasErrors,
  nextInstallmentRow,
  schedulePreview,
  validateContractForm,
  type ContractForm,
} from './contract-form-model'
import { autoAllocation, checkSplit, receiptBody, unpaidInstallments } from './receipt-model'
import { candidate, staffContract, staffInstallment } from '../testing/register-fixtures'

const valid: ContractForm = {
  ...emptyContractForm('2026-03-05'),
  assetId: 3,
  code: 'HT-2026-01',
  kind: 'lease',
  counterpartyKind: 'person',
  counterpartyName: '王建华',
  startOn: '2026-01-01',
  endOn: '2030-12-31',
  frequency: 'yearly',
  annualRentText: '12000',
  depositText: '2000',
  awardMethod: 'public_tender',
}

it('starts a new contract today for a year, paid yearly', () => {
  const f = emptyContractForm('2026-03-05')
  expect([f.startOn, f.endOn, f.frequency]).toEqual(['2026-03-05', '2027-03-04', 'yearly'])
})

describe('validateContractForm', () => {
  it('accepts a complete contract and builds its body, with the ID number only when typed', () => {
    expect(validateContractForm(valid)).toEqual({ fields: {}, rows: {} })
    const body = contractFormToBody(valid, 6)
    expect(body).toEqual({
      villageId: 6,
      assetId: 3,
      code: 'HT-2026-01',
      kind: 'lease',
      counterpartyKind: 'person',
      counterpartyName: '王建华',
      startOn: '2026-01-01',
      endOn: '2030-12-31',
      frequency: 'yearly',
      annualRentFen: 1_200_000,
      depositFen: 200_000,
      areaM2: null,
      awardMethod: 'public_tender',
      note: null,
    })
    expect('counterpartyIdNumber' in body).toBe(false)
    expect(contractFormToBody({ ...valid, counterpartyIdNumber: ' 11010519491231002x ' }, 6).counterpartyIdNumber).toBe('11010519491231002X')
    expect(contractFormToBody({ ...valid, counterpartyKind: 'organisation', counterpartyIdNumber: '11010519491231002X' }, 6).counterpartyIdNumber).toBeUndefined()
    expect('villageId' in contractPatch(body)).toBe(false)
  })

  it('checks the ID number with the shared resident-ID rule, in Chinese', () => {
    expect(validateContractForm({ ...valid, counterpartyIdNumber: '110105194912310021' }).fields).toEqual({
      counterpartyIdNumber: '身份证号码最后一位（校验码）不对，请核对',
    })
    expect(validateContractForm({ ...valid, counterpartyIdNumber: '1101051949' }).fields.counterpartyIdNumber).toBe('身份证号码应为18位：17位数字，最后一位是数字或X')
    expect(validateContractForm({ ...valid, counterpartyIdNumber: '110105194902300011' }).fields.counterpartyIdNumber).toBe('身份证号码中的出生日期不存在，请核对')
    expect(validateContractForm({ ...valid, counterpartyIdNumber: '11010519491231002X' }).fields).toEqual({})
  })

  it('names what is missing and the term that runs backwards', () => {
    const { fields } = validateContractForm({ ...emptyContractForm('2026-03-05'), startOn: '2026-05-01', endOn: '2026-04-30' })
    expect(fields).toEqual({
      code: '必填',
      kind: '请选择合同类型',
      counterpartyKind: '请选择承租方类型',
      counterpartyName: '必填',
      endOn: '终止日期不能早于起始日期',
      annualRentFen: '请输入年租金',
      awardMethod: '请选择发包方式',
    })
    expect(validateContractForm({ ...valid, annualRentText: '12.345' }).fields).toEqual({ annualRentFen: '金额最多两位小数（到分）' })
  })

  it('checks a custom schedule row by row', () => {
    const custom: ContractForm = {
      ...valid,
      frequency: 'custom',
      annualRentText: '',
      installments: [
        { key: 'a', periodStart: '2026-01-01', periodEnd: '2027-12-31', dueOn: '2026-01-01', amountText: '24000' },
        { key: 'b', periodStart: '2027-06-01', periodEnd: '2030-12-31', dueOn: '2028-01-01', amountText: 'abc' },
      ],
    }
    const v = validateContractForm(custom)
    expect(v.fields).toEqual({ installments: '请按红字修改各期租金' })
    expect(v.rows).toEqual({ 1: { amountFen: '请输入正确的金额，例如 1234.50' } })
    expect(hasErrors(v)).toBe(true)
    const overlap = validateContractForm({ ...custom, installments: [custom.installments[0], { ...custom.installments[1], amountText: '36000' }] })
    expect(overlap.rows).toEqual({ 1: { periodStart: '各期租期必须按时间先后排列且不重叠' } })
    const ok = { ...custom, installments: [custom.installments[0], { ...custom.installments[1], periodStart: '2028-01-01', amountText: '36000' }] }
    expect(hasErrors(validateContractForm(ok))).toBe(false)
    expect(contractFormToBody(ok, 6)).toMatchObject({
      frequency: 'custom',
      annualRentFen: null,
      installments: [
        { periodStart: '2026-01-01', periodEnd: '2027-12-31', dueOn: '2026-01-01', amountFen: 2_400_000 },
        { periodStart: '2028-01-01', periodEnd: '2030-12-31', dueOn: '2028-01-01', amountFen: 3_600_000 },
      ],
    })
    expect(validateContractForm({ ...custom, installments: [] }).fields).toEqual({ installments: '自定义付款方式必须逐期填写租金' })
  })
})

it('adds custom rows after the last one', () => {
  const first = nextInstallmentRow({ startOn: '2026-01-01', endOn: '2030-12-31', installments: [] })
  expect(first).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2030-12-31', dueOn: '2026-01-01', amountText: '' })
  const second = nextInstallmentRow({ startOn: '2026-01-01', endOn: '2030-12-31', installments: [{ ...first, periodEnd: '2027-12-31' }] })
  expect(second).toMatchObject({ periodStart: '2028-01-01', dueOn: '2028-01-01', periodEnd: '2030-12-31' })
  expect(second.key).not.toBe(first.key)
})

it('previews the schedule the server will store', () => {
  const p = schedulePreview({ ...valid, startOn: '2026-01-01', endOn: '2027-06-30', frequency: 'half_yearly' })!
  expect(p.rows.map((r) => [r.dueOn, r.amountFen])).toEqual([
    ['2026-01-01', 600_000],
    ['2026-07-01', 600_000],
    ['2027-01-01', 600_000],
  ])
  expect(p.totalFen).toBe(1_800_000)
  expect(schedulePreview({ ...valid, annualRentText: '' })).toBeNull()
  expect(schedulePreview({ ...valid, endOn: '2025-01-01' })).toBeNull()
  // Fields that do not change the schedule do not hide it.
  expect(schedulePreview({ ...valid, code: '' })?.rows).toHaveLength(5)
})

it('fills the form from a stored contract without the ID number', () => {
  const f = contractFormFromDto(staffContract({ hasCounterpartyIdHash: true }))
  expect(f).toMatchObject({ counterpartyName: '王建华', counterpartyIdNumber: '', annualRentText: '12000.00', depositText: '2000.00', areaText: '12000' })
  const custom = contractFormFromDto(staffContract({ frequency: 'custom', annualRentFen: null }))
  expect(custom.installments.map((i) => i.amountText)).toEqual(['12000.00', '12000.00', '12000.00'])
})

describe('receipts', () => {
  const list = [
    staffInstallment({ id: 1, seq: 1, amountFen: 1000, receivedFen: 1000 }),
    staffInstallment({ id: 3, seq: 3, amountFen: 1000, receivedFen: 0 }),
    staffInstallment({ id: 2, seq: 2, amountFen: 1000, receivedFen: 400 }),
  ]

  it('pays the oldest unpaid installments first', () => {
    expect(unpaidInstallments(list).map((i) => i.id)).toEqual([2, 3])
    expect(autoAllocation(list, 900)).toEqual([
      { installmentId: 2, amountFen: 600 },
      { installmentId: 3, amountFen: 300 },
    ])
    expect(autoAllocation(list, 5000)).toEqual([
      { installmentId: 2, amountFen: 600 },
      { installmentId: 3, amountFen: 1000 },
    ])
  })

  it('checks a split typed by hand', () => {
    const c = candidate({ unallocatedFen: 1200 })
    expect(checkSplit({}, list, c).total).toBe('请至少给一期填写金额')
    expect(checkSplit({ 2: '7', 3: 'x' }, list, c).rows).toEqual({ 2: '这一期只差 ¥6.00', 3: '请输入正确的金额，例如 1234.50' })
    expect(checkSplit({ 2: '6', 3: '7' }, list, c).total).toBe('合计 ¥13.00，超过了这笔收入可登记的 ¥12.00')
    const ok = checkSplit({ 2: '6', 3: '5', 1: '1' }, list, c)
    expect(ok).toMatchObject({ rows: {}, total: undefined, sumFen: 1100 })
    expect(receiptBody(55, ok)).toEqual({
      entryId: 55,
      allocations: [
        { installmentId: 2, amountFen: 600 },
        { installmentId: 3, amountFen: 500 },
      ],
    })
    expect(receiptBody(55, null)).toEqual({ entryId: 55 })
  })
})
