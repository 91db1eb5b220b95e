import Taro from '@tarojs/taro'
import { formatReceiptCode } from '@mingbai/shared'

/** The receipt as a picture, so a villager can keep the code in the phone's album. */

export const RECEIPT_IMAGE = { width: 750, height: 560 }

/** The 2D-context calls the drawing needs (the browser's and WeChat's canvas both have them). */
interface Ctx2D {
  fillStyle: unknown
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  strokeStyle: unknown
  lineWidth: number
}

export interface ReceiptImageInput {
  code: string
  /** When it was submitted, e.g. "2026年3月5日 14:20". */
  at: string
}

export function drawReceipt(ctx: Ctx2D, input: ReceiptImageInput): void {
  const { width: w, height: h } = RECEIPT_IMAGE
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, w, h)
  ctx.strokeStyle = '#b71c1c'
  ctx.lineWidth = 6
  ctx.strokeRect(12, 12, w - 24, h - 24)
  ctx.fillStyle = '#b71c1c'
  ctx.fillRect(12, 12, w - 24, 96)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillStyle = '#ffffff'
  ctx.font = 'bold 40px sans-serif'
  ctx.fillText('明白账 · 举报回执码', w / 2, 60)
  ctx.fillStyle = '#1a1a1a'
  ctx.font = 'bold 60px monospace'
  ctx.fillText(formatReceiptCode(input.code), w / 2, 210)
  ctx.font = '30px sans-serif'
  ctx.fillStyle = '#333333'
  ctx.fillText(`提交时间：${input.at}`, w / 2, 300)
  ctx.fillText('凭此码在“明白账”的“查询举报进度”中', w / 2, 380)
  ctx.fillText('查看办理进度、补充材料。', w / 2, 425)
  ctx.fillStyle = '#b71c1c'
  ctx.fillText('请妥善保管，不要告诉他人。', w / 2, 490)
}

/** Why saving failed, in words a villager understands. */
export function saveErrorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e)
  if (/auth|authorize|permission|privacy|deny/i.test(msg)) return '没有相册权限，请在设置中允许保存到相册，或手动抄下回执码'
  if (/cancel/i.test(msg)) return '已取消保存'
  return '保存失败，请截屏或手动抄下回执码'
}

/** H5: draws on a canvas of its own and downloads it as a PNG file. */
export async function downloadReceiptPng(input: ReceiptImageInput): Promise<void> {
  const canvas = document.createElement('canvas')
  canvas.width = RECEIPT_IMAGE.width
  canvas.height = RECEIPT_IMAGE.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas not supported')
  drawReceipt(ctx as unknown as Ctx2D, input)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('canvas export failed')
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = '明白账举报回执码.png'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): unknown
}

/**
 * weapp: draws on the page's hidden <Canvas type="2d" id={canvasId}>, exports it and saves it to the
 * album. Throws on any failure (no permission, cancelled…).
 */
export async function saveReceiptToAlbum(canvasId: string, input: ReceiptImageInput): Promise<void> {
  const node = await new Promise<CanvasNode | null>((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => resolve(res?.[0]?.node ?? null))
  })
  if (!node) throw new Error('canvas not found')
  node.width = RECEIPT_IMAGE.width
  node.height = RECEIPT_IMAGE.height
  drawReceipt(node.getContext('2d') as Ctx2D, input)
  const file = await Taro.canvasToTempFilePath({ canvas: node as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath })
}
