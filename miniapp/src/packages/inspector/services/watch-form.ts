import { normalizeResidentId, personalDataProblem, residentIdProblem, type WatchListKind, type WatchPersonInput } from '@mingbai/shared'

/**
 * The form of a person added to a watch list (比对名单). The ID number is optional; it goes to the
 * server once, which keeps only a keyed hash, and the app never shows it again (已登记身份证).
 */

export const WATCH_NAME_MAX = 50
export const WATCH_TEXT_MAX = 100

export type WatchField = 'listKind' | 'name' | 'idNumber' | 'relation' | 'sinceOn' | 'source'

export interface WatchFormInput {
  listKind: WatchListKind
  name: string
  idNumber: string
  relation: string
  sinceOn: string
  source: string
}

export const emptyWatchForm = (listKind: WatchListKind): WatchFormInput => ({ listKind, name: '', idNumber: '', relation: '', sinceOn: '', source: '' })

/** What the "since" date means on each list. */
export const SINCE_LABELS: Record<WatchListKind, string> = {
  cadre_relative: '任职（关系）起始日期',
  public_servant: '入职日期',
  deceased: '死亡日期',
  moved_away: '迁出日期',
}

/** What "relation" means on each list, as a hint under the field. */
export const RELATION_HINTS: Record<WatchListKind, string> = {
  cadre_relative: '如：村委会主任王某之子',
  public_servant: '如：县教育局在编',
  deceased: '如：石桥村三组村民',
  moved_away: '如：户籍迁至县城',
}

const length = (s: string) => Array.from(s).length

/** Reasons of the shared resident-ID check, in Chinese. */
const ID_REASONS: Record<string, string> = {
  'must be 18 characters: 17 digits and a digit or X': '身份证号应为18位：17位数字加1位数字或X',
  'has an impossible date of birth': '身份证号中的出生日期不正确',
  'has a wrong check character': '身份证号校验位不正确，请核对',
}

export function idNumberText(reason: string): string {
  return ID_REASONS[reason] ?? (/[\u4e00-\u9fff]/.test(reason) ? reason : '身份证号不正确')
}

/** The server's reason for a field of the form, in Chinese (texts must not carry ID or phone numbers). */
export function watchReason(field: WatchField, reason: string): string {
  if (field === 'idNumber') return idNumberText(reason)
  if (/[\u4e00-\u9fff]/.test(reason)) return reason
  if (/ID-card number/.test(reason)) return '不得包含身份证号码（身份证号请填在“身份证号”一栏）'
  if (/phone number/.test(reason)) return '不得包含手机号码'
  if (/must not be empty/.test(reason)) return '不能为空'
  const max = /at most (\d+) characters/.exec(reason)
  if (max) return `最多${max[1]}个字`
  if (/date/i.test(reason)) return '日期不正确'
  return '填写不正确'
}

/** ID and phone numbers belong nowhere but the ID field (the lists' texts are shown to inspectors). */
function textProblem(text: string): string | null {
  const p = personalDataProblem(text)
  return p === '不得包含身份证号码' ? '不得包含身份证号码（身份证号请填在“身份证号”一栏）' : p
}

/** The request for the inspector's region, or the problems to show next to the fields. */
export function buildWatchPerson(
  input: WatchFormInput,
  regionId: number,
  today: string,
): { body: WatchPersonInput; errors?: undefined } | { body?: undefined; errors: Partial<Record<WatchField, string>> } {
  const errors: Partial<Record<WatchField, string>> = {}
  const name = input.name.trim()
  if (!name) errors.name = '请填写姓名'
  else if (length(name) > WATCH_NAME_MAX) errors.name = `姓名不能超过${WATCH_NAME_MAX}个字`
  else if (textProblem(name)) errors.name = textProblem(name) as string
  const id = normalizeResidentId(input.idNumber)
  if (id) {
    const problem = residentIdProblem(id)
    if (problem) errors.idNumber = idNumberText(problem)
  }
  const relation = input.relation.trim()
  if (length(relation) > WATCH_TEXT_MAX) errors.relation = `不能超过${WATCH_TEXT_MAX}个字`
  else if (textProblem(relation)) errors.relation = textProblem(relation) as string
  const source = input.source.trim()
  if (length(source) > WATCH_TEXT_MAX) errors.source = `不能超过${WATCH_TEXT_MAX}个字`
  else if (textProblem(source)) errors.source = textProblem(source) as string
  if (input.sinceOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.sinceOn)) errors.sinceOn = '请选择日期'
  else if (input.sinceOn > today) errors.sinceOn = '日期不能晚于今天'
  if (Object.keys(errors).length) return { errors }
  return {
    body: {
      regionId,
      listKind: input.listKind,
      name,
      idNumber: id || null,
      relation: relation || null,
      sinceOn: input.sinceOn || null,
      source: source || null,
    },
  }
}
