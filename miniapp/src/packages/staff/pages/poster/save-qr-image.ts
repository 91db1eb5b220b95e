import Taro from '@tarojs/taro'

/** Why saving failed, in words a bookkeeper understands. */
export function saveErrorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e)
  if (/auth|authorize|permission|privacy/i.test(msg)) return '没有相册权限，请在设置中允许保存到相册'
  if (/cancel/i.test(msg)) return '已取消保存'
  if (/download/i.test(msg)) return '二维码下载失败，请检查网络后重试'
  return '保存失败，请重试'
}

/** Downloads the code image and puts it in the phone's photo album (weapp only). Throws on any failure. */
export async function saveQrImage(url: string): Promise<void> {
  const file = await Taro.downloadFile({ url })
  if (file.statusCode !== 200 || !file.tempFilePath) throw new Error(`download failed: HTTP ${file.statusCode}`)
  await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath })
}
