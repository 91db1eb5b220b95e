import Taro from '@tarojs/taro'
import { todayInChina } from '@mingbai/shared'
import { download } from '../../../services/file-transfer'
import { supervisionApi, type ExportFormat, type ExportList, type ExportQuery } from './supervision-api'

/**
 * The dashboard's list exports (CSV, Excel). The file needs the staff token, so it is fetched with
 * it (file-transfer's download). On H5 the browser then saves it under a readable name; on weapp
 * the Excel file opens in WeChat's document viewer (whose menu can forward or save it), and a CSV
 * file, which that viewer cannot open, is offered to send to a chat.
 */

const LIST_NAMES: Record<ExportList, string> = { warnings: '预警清单', reports: '举报清单' }
const EXPORT_TIMEOUT = 120_000

/** "预警清单_2026-03-08.xlsx": the list as it stood on that day. */
export function exportFileName(q: ExportQuery, today: string): string {
  return `${LIST_NAMES[q.list]}_${today}.${q.format}`
}

export type ExportResult = 'downloaded' | 'opened' | 'shared'

/** Thrown on weapp when the file cannot be shown or sent (no viewer for CSV on this WeChat). */
export class ExportNotOpenable extends Error {}

function saveInBrowser(blobUrl: string, name: string): void {
  const a = document.createElement('a')
  a.href = blobUrl
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(blobUrl), 30_000)
}

async function openInWeChat(filePath: string, format: ExportFormat, name: string): Promise<ExportResult> {
  if (format === 'xlsx') {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return 'opened'
  }
  if (typeof Taro.shareFileMessage === 'function') {
    await Taro.shareFileMessage({ filePath, fileName: name })
    return 'shared'
  }
  throw new ExportNotOpenable('csv')
}

export async function exportList(q: ExportQuery): Promise<ExportResult> {
  const name = exportFileName(q, todayInChina())
  const filePath = await download(supervisionApi.exportPath(q), { timeout: EXPORT_TIMEOUT })
  if (process.env.TARO_ENV === 'h5') {
    saveInBrowser(filePath, name)
    return 'downloaded'
  }
  return openInWeChat(filePath, q.format, name)
}

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel' }
export { LIST_NAMES }
