import Taro from '@tarojs/taro'
import { View, Text, Image, Button } from '@tarojs/components'
import type { AttachmentDto } from '@mingbai/shared'
import { useAttachmentFiles } from '../services/attachment-files'
import type { Photo } from '../services/photo-uploads'
import './staff.scss'

interface Props {
  photos: Photo[]
  room: number
  disabled?: boolean
  onAdd: () => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
}

/** Voucher photos on the entry form: thumbnails with progress, 重试 for a failed upload, 删除. */
export default function PhotoUploader({ photos, room, disabled, onAdd, onRemove, onRetry }: Props) {
  const stored = photos.filter((p) => !p.localPath && p.attachment).map((p) => p.attachment as AttachmentDto)
  const files = useAttachmentFiles(stored)
  const srcOf = (p: Photo) => p.localPath ?? (p.attachment ? files.get(p.attachment.id) : undefined)
  const preview = (p: Photo) => {
    const current = srcOf(p)
    if (!current) return
    const urls = photos.map(srcOf).filter((u): u is string => !!u)
    void Taro.previewImage({ current, urls })
  }
  return (
    <View className='sf-thumbs'>
      {photos.map((p) => {
        const src = srcOf(p)
        const isImage = !p.attachment || p.attachment.mime.startsWith('image/')
        return (
          <View key={p.key} className={`sf-thumb sf-thumb--${p.status}`}>
            {src && isImage ? (
              <Image className='sf-thumb__img' src={src} mode='aspectFill' onClick={() => preview(p)} />
            ) : (
              <Text className='t-small sf-thumb__label'>{isImage ? '' : 'PDF'}</Text>
            )}
            {p.status === 'uploading' ? <Text className='t-small sf-thumb__state'>{p.pct}%</Text> : null}
            {p.status === 'waiting' ? <Text className='t-small sf-thumb__state'>等待上传</Text> : null}
            {p.status === 'failed' ? (
              <View className='sf-thumb__state sf-thumb__state--failed' onClick={() => onRetry(p.key)}>
                <Text className='t-small'>上传失败</Text>
                <Text className='t-small sf-link'>重试</Text>
              </View>
            ) : null}
            {!disabled ? (
              <View className='sf-thumb__remove' onClick={() => onRemove(p.key)}>
                <Text className='t-small'>删除</Text>
              </View>
            ) : null}
          </View>
        )
      })}
      {room > 0 && !disabled ? (
        <Button className='sf-thumb sf-thumb__add' onClick={onAdd}>
          <Text className='t-body'>＋ 添加照片</Text>
        </Button>
      ) : null}
      {photos.some((p) => p.error) ? (
        <Text className='t-small sf-field__error sf-thumbs__error'>{photos.find((p) => p.error)?.error}</Text>
      ) : null}
    </View>
  )
}
