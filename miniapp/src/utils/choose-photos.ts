import Taro from '@tarojs/taro'

/** Up to `count` images from the album or the camera: temp file paths (blob: URLs on H5). */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    if (typeof Taro.chooseMedia === 'function') {
      const r = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      return r.tempFiles.map((f) => f.tempFilePath).slice(0, count)
    }
    const r = await Taro.chooseImage({ count, sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return r.tempFilePaths.slice(0, count)
  } catch {
    // The user closed the picker.
    return []
  }
}
