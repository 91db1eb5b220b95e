import {
  ASSET_KIND_LABELS,
  ASSET_USAGE_LABELS,
  formatFen,
  type AssetDto,
  type AssetInput,
} from '@mingbai/shared'
import { formatDate } from '../../../utils/format'
import { ASSET_FIELD_LABELS, type AssetField } from './asset-form-model'

type AssetValues = Omit<AssetInput, 'villageId'>

/** One asset field as a reviewer reads it. */
export function assetValueText(field: keyof AssetValues, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）'
  switch (field) {
    case 'kind':
      return ASSET_KIND_LABELS[value as AssetValues['kind']] ?? String(value)
    case 'usage':
      return ASSET_USAGE_LABELS[value as AssetValues['usage']] ?? String(value)
    case 'bookValueFen':
      return formatFen(Number(value))
    case 'areaM2':
      return `${value}平方米`
    case 'acquiredOn':
      return formatDate(String(value))
    default:
      return String(value)
  }
}

export interface Change {
  field: AssetField
  label: string
  before: string
  after: string
}

/** A pending change to an approved asset, field by field: before → after (fields that do not change are left out). */
export function assetChangeList(a: AssetDto): Change[] {
  const changes = a.pendingChange?.changes ?? {}
  const out: Change[] = []
  for (const field of Object.keys(ASSET_FIELD_LABELS) as AssetField[]) {
    if (!(field in changes)) continue
    const after = (changes as Record<string, unknown>)[field]
    const before = (a as unknown as Record<string, unknown>)[field]
    if (after === before) continue
    out.push({ field, label: ASSET_FIELD_LABELS[field], before: assetValueText(field, before), after: assetValueText(field, after) })
  }
  return out
}
