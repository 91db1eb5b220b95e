import {
  REPORT_SUBJECT_TYPES,
  REPORT_TEXT_MAX,
  REPORTER_NAME_MAX,
  type ReportSubjectType,
} from '@mingbai/shared'
import type { QueuedReportBody } from '../../../services/report-queue'

/** What the report form edits. */
export interface ReportForm {
  categoryCode: string
  text: string
  anonymous: boolean
  reporterName: string
  reporterPhone: string
}

/** What a report is about: taken from the page it was filed from (the form's query). */
export interface ReportContext {
  villageId: number
  subjectType: ReportSubjectType
  subjectId: number | null
}

export type ReportField = 'categoryCode' | 'text' | 'photoIds' | 'anonymous' | 'reporterName' | 'reporterPhone'
export type ReportErrors = Partial<Record<ReportField, string>>

export const emptyReportForm = (): ReportForm => ({ categoryCode: '', text: '', anonymous: true, reporterName: '', reporterPhone: '' })

const posInt = (v: string | undefined): number | null => {
  const n = Number(v)
  return v && Number.isInteger(n) && n > 0 ? n : null
}

/** The context from the form's query (`villageId`, `subjectType`, `subjectId`), or null when unusable. */
export function contextFromParams(params: Record<string, string | undefined>): ReportContext | null {
  const villageId = posInt(params.villageId)
  if (!villageId) return null
  const subjectType = (params.subjectType || 'village') as ReportSubjectType
  if (!REPORT_SUBJECT_TYPES.includes(subjectType)) return null
  if (subjectType === 'village') return { villageId, subjectType, subjectId: null }
  const subjectId = posInt(params.subjectId)
  return subjectId ? { villageId, subjectType, subjectId } : null
}

// Mobile numbers (11 digits starting with 1) or landlines with an area code (0591-12345678).
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/

/** Checks the form before anything is saved or sent; messages are for the villager. */
export function validateReportForm(form: ReportForm, namedAllowed: boolean): ReportErrors {
  const errors: ReportErrors = {}
  if (!form.categoryCode) errors.categoryCode = '请选择举报类别'
  const text = form.text.trim()
  if (!text) errors.text = '请写下您要反映的情况'
  else if (form.text.length > REPORT_TEXT_MAX) errors.text = `最多${REPORT_TEXT_MAX}字，现在${form.text.length}字`
  if (!form.anonymous) {
    if (!namedAllowed) errors.anonymous = '实名举报需要在微信小程序中提交'
    if (form.reporterName.trim().length > REPORTER_NAME_MAX) errors.reporterName = `姓名最多${REPORTER_NAME_MAX}字`
    const phone = form.reporterPhone.replace(/\s/g, '')
    if (phone && !PHONE.test(phone)) errors.reporterPhone = '请填写正确的手机号或带区号的座机号'
  }
  return errors
}

/** The request body (without photos) as POST /api/reports takes it. */
export function reportBody(form: ReportForm, ctx: ReportContext): QueuedReportBody {
  const named = !form.anonymous
  return {
    villageId: ctx.villageId,
    categoryCode: form.categoryCode,
    text: form.text.trim(),
    subjectType: ctx.subjectType,
    subjectId: ctx.subjectType === 'village' ? null : ctx.subjectId,
    anonymous: form.anonymous,
    reporterName: named ? form.reporterName.trim() || null : null,
    reporterPhone: named ? form.reporterPhone.replace(/\s/g, '') || null : null,
  }
}

/** The form back from a queued report (editing one the server refused). */
export function formFromBody(body: QueuedReportBody): ReportForm {
  return {
    categoryCode: body.categoryCode,
    text: body.text,
    anonymous: body.anonymous,
    reporterName: body.reporterName ?? '',
    reporterPhone: body.reporterPhone ?? '',
  }
}

const FIELDS: ReportField[] = ['categoryCode', 'text', 'photoIds', 'anonymous', 'reporterName', 'reporterPhone']

/** Splits the server's details into the form's fields and the rest (shown in the banner). */
export function mapReportDetails(details: { field: string; reason: string }[]): { fields: ReportErrors; other: string[] } {
  const fields: ReportErrors = {}
  const other: string[] = []
  for (const d of details) {
    if (/^retry-?after$/i.test(d.field)) continue // already in the message (retryMinutes)
    const f = FIELDS.find((x) => x === d.field)
    if (f && !fields[f]) fields[f] = d.reason
    else if (!f) other.push(d.reason)
  }
  return { fields, other }
}
