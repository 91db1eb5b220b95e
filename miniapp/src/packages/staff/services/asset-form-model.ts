import {
  ASSET_KIND_LABELS,
  ASSET_USAGE_LABELS,
  validateAssetInput,
  type AssetDto,
  type AssetInput,
  type AssetKind,
  type AssetUsage,
} from '@mingbai/shared'
import { fenToYuanText, parseArea, parseFenOrZero } from './register-form'
import type { AssetPatch } from './registers'

/** What the bookkeeper types and picks on the asset form. */
export interface AssetForm {
  code: string
  name: string
  kind: AssetKind | ''
  location: string
  /** Whole m² as typed; empty for none. */
  areaText: string
  /** Yuan as typed. */
  bookValueText: string
  usage: AssetUsage | ''
  /** YYYY-MM-DD, or '' when not known. */
  acquiredOn: string
  note: string
}

/** Form fields as the API names them, so a server 400's details land on the right field. */
export const ASSET_FIELDS = ['code', 'name', 'kind', 'location', 'areaM2', 'bookValueFen', 'usage', 'acquiredOn', 'note'] as const
export type AssetField = (typeof ASSET_FIELDS)[number]
export type AssetErrors = Partial<Record<AssetField, string>>

export const ASSET_FIELD_LABELS: Record<AssetField, string> = {
  code: '资产编号',
  name: '名称',
  kind: '类别',
  location: '坐落位置',
  areaM2: '面积',
  bookValueFen: '账面价值',
  usage: '使用状态',
  acquiredOn: '取得日期',
  note: '备注',
}

export { ASSET_KIND_LABELS, ASSET_USAGE_LABELS }

export function emptyAssetForm(): AssetForm {
  return { code: '', name: '', kind: '', location: '', areaText: '', bookValueText: '', usage: '', acquiredOn: '', note: '' }
}

export function assetFormFromDto(a: Omit<AssetInput, 'villageId'>): AssetForm {
  return {
    code: a.code,
    name: a.name,
    kind: a.kind,
    location: a.location,
    areaText: a.areaM2 === null ? '' : String(a.areaM2),
    bookValueText: fenToYuanText(a.bookValueFen),
    usage: a.usage,
    acquiredOn: a.acquiredOn ?? '',
    note: a.note ?? '',
  }
}

const CHOICE_TEXT: Partial<Record<AssetField, string>> = { kind: '请选择类别', usage: '请选择使用状态' }

/** The shared rules (validateAssetInput, the server's own) over the typed form; one message per field. */
export function validateAssetForm(form: AssetForm, today: string): AssetErrors {
  const area = parseArea(form.areaText)
  const book = parseFenOrZero(form.bookValueText)
  const errors: AssetErrors = {}
  const problems = validateAssetInput(
    {
      code: form.code,
      name: form.name,
      kind: form.kind || undefined,
      location: form.location,
      areaM2: 'value' in area ? area.value : null,
      bookValueFen: 'fen' in book ? book.fen : 0,
      usage: form.usage || undefined,
      acquiredOn: form.acquiredOn || null,
      note: form.note.trim() === '' ? null : form.note,
    },
    { today },
  )
  for (const p of problems) {
    const f = p.field as AssetField
    if (!errors[f]) errors[f] = CHOICE_TEXT[f] ?? p.reason
  }
  if ('error' in area) errors.areaM2 = area.error
  if ('error' in book) errors.bookValueFen = book.error
  return errors
}

/** The body of a form that passed validateAssetForm (without the village). */
export function assetFormToBody(form: AssetForm): Omit<AssetInput, 'villageId'> {
  const area = parseArea(form.areaText)
  const book = parseFenOrZero(form.bookValueText)
  if (!('value' in area) || !('fen' in book) || !form.kind || !form.usage) throw new Error('assetFormToBody needs a validated form')
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    kind: form.kind,
    location: form.location.trim(),
    areaM2: area.value,
    bookValueFen: book.fen,
    usage: form.usage,
    acquiredOn: form.acquiredOn || null,
    note: form.note.trim() === '' ? null : form.note.trim(),
  }
}

/** Only the fields that differ from the approved record: the change an approver is asked to approve. */
export function assetChanges(before: Omit<AssetInput, 'villageId'>, after: Omit<AssetInput, 'villageId'>): AssetPatch {
  const patch: AssetPatch = {}
  for (const key of Object.keys(after) as (keyof AssetPatch)[]) {
    if (after[key] !== before[key]) (patch as Record<string, unknown>)[key] = after[key]
  }
  return patch
}

/** The record as it would be with its pending change applied. */
export function withPendingChange(a: AssetDto): AssetDto {
  return a.pendingChange ? { ...a, ...a.pendingChange.changes } : a
}
