import {
  addDays,
  addMonths,
  contractInstallments,
  REGISTER_LIMITS,
  validateContractInput,
  type AwardMethod,
  type ContractDto,
  type ContractFrequency,
  type ContractInput,
  type ContractKind,
  type CounterpartyKind,
  type InstallmentInput,
} from '@mingbai/shared'
import { fenToYuanText, parseAmount, parseArea, parseFenOrZero } from './register-form'

/** One installment as typed on the custom-schedule editor. */
export interface InstallmentRow {
  key: string
  periodStart: string
  periodEnd: string
  dueOn: string
  /** Yuan as typed. */
  amountText: string
}

/** What the bookkeeper types and picks on the contract form. */
export interface ContractForm {
  assetId: number | null
  code: string
  kind: ContractKind | ''
  counterpartyKind: CounterpartyKind | ''
  counterpartyName: string
  /** Optional 18-character resident ID of a person; sent once, never shown back. */
  counterpartyIdNumber: string
  startOn: string
  endOn: string
  frequency: ContractFrequency | ''
  annualRentText: string
  installments: InstallmentRow[]
  depositText: string
  areaText: string
  awardMethod: AwardMethod | ''
  note: string
}

export const CONTRACT_FIELDS = [
  'assetId',
  'code',
  'kind',
  'counterpartyKind',
  'counterpartyName',
  'counterpartyIdNumber',
  'startOn',
  'endOn',
  'frequency',
  'annualRentFen',
  'installments',
  'depositFen',
  'areaM2',
  'awardMethod',
  'note',
  'attachmentIds',
] as const
export type ContractField = (typeof CONTRACT_FIELDS)[number]
export type ContractErrors = Partial<Record<ContractField, string>>
export type RowField = 'periodStart' | 'periodEnd' | 'dueOn' | 'amountFen'
export type RowErrors = Record<number, Partial<Record<RowField, string>>>

let seq = 0
const nextKey = () => `i${++seq}`

/** A new contract: the term starts today and runs a year, rent paid yearly. */
export function emptyContractForm(today: string): ContractForm {
  return {
    assetId: null,
    code: '',
    kind: '',
    counterpartyKind: '',
    counterpartyName: '',
    counterpartyIdNumber: '',
    startOn: today,
    endOn: addDays(addMonths(today, 12), -1),
    frequency: 'yearly',
    annualRentText: '',
    installments: [],
    depositText: '',
    areaText: '',
    awardMethod: '',
    note: '',
  }
}

/** The form of a stored contract. The ID number is never sent back by the server, so it starts empty. */
export function contractFormFromDto(c: ContractDto): ContractForm {
  return {
    assetId: c.assetId,
    code: c.code,
    kind: c.kind,
    counterpartyKind: c.counterpartyKind,
    counterpartyName: c.counterpartyName,
    counterpartyIdNumber: '',
    startOn: c.startOn,
    endOn: c.endOn,
    frequency: c.frequency,
    annualRentText: c.annualRentFen === null ? '' : fenToYuanText(c.annualRentFen),
    installments:
      c.frequency === 'custom'
        ? c.installments.map((i) => ({ key: nextKey(), periodStart: i.periodStart, periodEnd: i.periodEnd, dueOn: i.dueOn, amountText: fenToYuanText(i.amountFen) }))
        : [],
    depositText: c.depositFen ? fenToYuanText(c.depositFen) : '',
    areaText: c.areaM2 === null ? '' : String(c.areaM2),
    awardMethod: c.awardMethod,
    note: c.note ?? '',
  }
}

/**
 * The next row of a custom schedule: it starts the day after the last one ends (or on the first day
 * of the term), is due that day and runs to the end of the term; the amount is left to type.
 */
export function nextInstallmentRow(form: Pick<ContractForm, 'startOn' | 'endOn' | 'installments'>): InstallmentRow {
  const last = form.installments[form.installments.length - 1]
  const start = last?.periodEnd ? addDays(last.periodEnd, 1) : form.startOn
  const periodStart = form.endOn && start > form.endOn ? form.endOn : start
  return { key: nextKey(), periodStart, periodEnd: form.endOn || periodStart, dueOn: periodStart, amountText: '' }
}

/** Rows turned into API installments; amounts that are not amounts become NaN (the rules then name them). */
function rowsToInstallments(rows: InstallmentRow[]): InstallmentInput[] {
  return rows.map((r) => {
    const a = parseAmount(r.amountText)
    return { periodStart: r.periodStart, periodEnd: r.periodEnd, dueOn: r.dueOn, amountFen: 'fen' in a ? a.fen : Number.NaN }
  })
}

const CHOICE_TEXT: Partial<Record<ContractField, string>> = {
  kind: '请选择合同类型',
  counterpartyKind: '请选择承租方类型',
  frequency: '请选择付款方式',
  awardMethod: '请选择发包方式',
}

/** residentIdProblem's reasons (written for developers) as the bookkeeper reads them. */
const ID_NUMBER_TEXT: [RegExp, string][] = [
  [/^must be 18/, '身份证号码应为18位：17位数字，最后一位是数字或X'],
  [/date of birth/, '身份证号码中的出生日期不存在，请核对'],
  [/check character/, '身份证号码最后一位（校验码）不对，请核对'],
]

/** A reason for a contract field as the bookkeeper reads it (also for the server's 400 details). */
export function friendly(field: string, reason: string): string {
  if (field !== 'counterpartyIdNumber') return reason
  return ID_NUMBER_TEXT.find(([re]) => re.test(reason))?.[1] ?? reason
}

/**
 * The shared contract rules (validateContractInput, the server's own) over the typed form, plus the
 * text → money parsing: messages per field, and per row of a custom schedule.
 */
export function validateContractForm(form: ContractForm): { fields: ContractErrors; rows: RowErrors } {
  const fields: ContractErrors = {}
  const rows: RowErrors = {}
  const custom = form.frequency === 'custom'
  const rent = parseAmount(form.annualRentText)
  const deposit = parseFenOrZero(form.depositText, 0)
  const area = parseArea(form.areaText)
  const problems = validateContractInput({
    code: form.code,
    kind: form.kind || undefined,
    counterpartyKind: form.counterpartyKind || undefined,
    counterpartyName: form.counterpartyName,
    counterpartyIdNumber: form.counterpartyKind === 'person' && form.counterpartyIdNumber.trim() ? form.counterpartyIdNumber : null,
    startOn: form.startOn,
    endOn: form.endOn,
    frequency: form.frequency || undefined,
    annualRentFen: custom ? null : 'fen' in rent ? rent.fen : null,
    installments: custom ? rowsToInstallments(form.installments) : undefined,
    depositFen: 'fen' in deposit ? deposit.fen : 0,
    areaM2: 'value' in area ? area.value : null,
    awardMethod: form.awardMethod || undefined,
    note: form.note.trim() === '' ? null : form.note,
  })
  for (const p of problems) {
    const m = /^installments\[(\d+)\]\.(\w+)$/.exec(p.field)
    if (m) {
      const row = (rows[Number(m[1])] ??= {})
      const f = m[2] as RowField
      if (!row[f]) row[f] = p.reason
      if (!fields.installments) fields.installments = '请按红字修改各期租金'
      continue
    }
    const f = p.field as ContractField
    if (!fields[f]) fields[f] = CHOICE_TEXT[f] ?? friendly(f, p.reason)
  }
  if (!custom && form.annualRentText.trim() !== '' && 'error' in rent) fields.annualRentFen = rent.error
  if (!custom && form.annualRentText.trim() === '') fields.annualRentFen = '请输入年租金'
  if (custom)
    form.installments.forEach((r, i) => {
      const a = parseAmount(r.amountText)
      if ('error' in a) (rows[i] ??= {}).amountFen = a.error
    })
  if ('error' in deposit) fields.depositFen = deposit.error
  if ('error' in area) fields.areaM2 = area.error
  return { fields, rows }
}

export const hasErrors = (v: { fields: ContractErrors; rows: RowErrors }) =>
  Object.values(v.fields).some(Boolean) || Object.values(v.rows).some((r) => Object.values(r).some(Boolean))

/** The body of a form that passed validateContractForm. The ID number goes only when typed (and only for a person). */
export function contractFormToBody(form: ContractForm, villageId: number, attachmentIds?: number[]): ContractInput {
  const custom = form.frequency === 'custom'
  const rent = parseAmount(form.annualRentText)
  const deposit = parseFenOrZero(form.depositText, 0)
  const area = parseArea(form.areaText)
  if (!form.kind || !form.counterpartyKind || !form.frequency || !form.awardMethod || !('fen' in deposit) || !('value' in area))
    throw new Error('contractFormToBody needs a validated form')
  if (!custom && !('fen' in rent)) throw new Error('contractFormToBody needs a validated form')
  const body: ContractInput = {
    villageId,
    assetId: form.assetId,
    code: form.code.trim(),
    kind: form.kind,
    counterpartyKind: form.counterpartyKind,
    counterpartyName: form.counterpartyName.trim(),
    startOn: form.startOn,
    endOn: form.endOn,
    frequency: form.frequency,
    annualRentFen: custom ? null : (rent as { fen: number }).fen,
    depositFen: deposit.fen,
    areaM2: area.value,
    awardMethod: form.awardMethod,
    note: form.note.trim() === '' ? null : form.note.trim(),
  }
  if (custom) body.installments = rowsToInstallments(form.installments)
  const id = form.counterpartyIdNumber.replace(/\s+/g, '').toUpperCase()
  if (form.counterpartyKind === 'person' && id) body.counterpartyIdNumber = id
  if (attachmentIds) body.attachmentIds = attachmentIds
  return body
}

export interface SchedulePreview {
  rows: (InstallmentInput & { seq: number })[]
  totalFen: number
}

/**
 * The schedule the server will store, computed with the same shared code (rentSchedule for a
 * frequency, the rows as typed for custom), or null while the term or rent is not yet valid.
 */
export function schedulePreview(form: ContractForm): SchedulePreview | null {
  if (!form.frequency) return null
  const { fields, rows } = validateContractForm(form)
  const blocking: ContractField[] = ['startOn', 'endOn', 'frequency', 'annualRentFen', 'installments']
  if (blocking.some((f) => fields[f]) || Object.keys(rows).length) return null
  const custom = form.frequency === 'custom'
  const rent = parseAmount(form.annualRentText)
  const list = contractInstallments({
    startOn: form.startOn,
    endOn: form.endOn,
    frequency: form.frequency,
    annualRentFen: custom ? null : 'fen' in rent ? rent.fen : null,
    installments: custom ? rowsToInstallments(form.installments) : undefined,
  })
  if (list.length > REGISTER_LIMITS.installmentsMax) return null
  return { rows: list, totalFen: list.reduce((s, r) => s + r.amountFen, 0) }
}

/** The body of a PATCH: the whole contract without its village. */
export function contractPatch(body: ContractInput): Omit<ContractInput, 'villageId'> {
  const { villageId: _v, ...rest } = body
  return rest
}
