import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import type { AttachmentDto } from '@mingbai/shared'
import { useAttachmentFiles } from '../services/attachment-files'
import './staff.scss'

/**
 * Voucher thumbnails of an entry. Tapping an image previews it among all the entry's images;
 * a PDF opens in the platform's document viewer where there is one.
 */
export default function AttachmentThumbs({ attachments }: { attachments: AttachmentDto[] }) {
  const files = useAttachmentFiles(attachments)
  if (attachments.length === 0) return <Text className='t-small'>没有凭证照片</Text>
  const images = attachments.filter((a) => a.mime.startsWith('image/'))
  const open = (a: AttachmentDto) => {
    const path = files.get(a.id)
    if (!path) return
    if (a.mime.startsWith('image/')) {
      const urls = images.map((i) => files.get(i.id)).filter((u): u is string => !!u)
      void Taro.previewImage({ current: path, urls })
    } else if (typeof Taro.openDocument === 'function') {
      void Taro.openDocument({ filePath: path, fileType: 'pdf' }).catch(() => Taro.showToast({ title: '无法打开文件', icon: 'none' }))
    }
  }
  return (
    <View className='sf-thumbs'>
      {attachments.map((a) => {
        const path = files.get(a.id)
        return (
          <View key={a.id} className='sf-thumb' onClick={() => open(a)}>
            {path && a.mime.startsWith('image/') ? (
              <Image className='sf-thumb__img' src={path} mode='aspectFill' />
            ) : (
              <Text className='t-small sf-thumb__label'>
                {path === '' ? '加载失败' : path === undefined ? '加载中' : 'PDF'}
              </Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
