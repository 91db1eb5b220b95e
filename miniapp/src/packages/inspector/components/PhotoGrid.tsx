import Taro from '@tarojs/taro'
import { View, Image, Text } from '@tarojs/components'
import type { ReportPhotoDto } from '@mingbai/shared'
import { photoSrc } from '../services/labels'
import '../../staff/components/staff.scss'

/** A report's or message's photos; tapping one previews it among all of them. */
export default function PhotoGrid({ photos }: { photos: ReportPhotoDto[] }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => photoSrc(p.url))
  return (
    <View className='sf-thumbs'>
      {photos.map((p, i) => (
        <View key={p.id} className='sf-thumb' onClick={() => Taro.previewImage({ current: urls[i], urls })}>
          {p.mime.startsWith('image/') ? (
            <Image className='sf-thumb__img' src={urls[i]} mode='aspectFill' />
          ) : (
            <Text className='t-small sf-thumb__label'>文件</Text>
          )}
        </View>
      ))}
    </View>
  )
}
