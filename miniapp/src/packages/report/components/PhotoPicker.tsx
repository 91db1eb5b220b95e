import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { choosePhotos, type ReportPhotos } from '../services/report-photos'
import './report.scss'

interface Props {
  photos: ReportPhotos
  disabled?: boolean
}

/** Photos for a report or a message: thumbnails with upload progress, 重试 / 删除, ＋ 添加照片. */
export default function PhotoPicker({ photos, disabled }: Props) {
  const list = photos.photos
  const preview = (current: string) =>
    void Taro.previewImage({ current, urls: list.map((p) => p.localPath).filter((u): u is string => !!u) })
  const add = async () => {
    const paths = await choosePhotos(photos.room)
    if (paths.length) photos.add(paths)
  }
  return (
    <View className='rp-thumbs'>
      {list.map((p) => (
        <View key={p.key} className={`rp-thumb rp-thumb--${p.status}`}>
          {p.localPath ? <Image className='rp-thumb__img' src={p.localPath} mode='aspectFill' onClick={() => preview(p.localPath!)} /> : null}
          {p.status === 'uploading' ? <Text className='t-small rp-thumb__state'>{p.pct}%</Text> : null}
          {p.status === 'waiting' ? <Text className='t-small rp-thumb__state'>等待上传</Text> : null}
          {p.status === 'failed' ? (
            <View className='rp-thumb__state rp-thumb__state--failed' onClick={() => !disabled && photos.retry(p.key)}>
              <Text className='t-small'>{p.offline ? '未上传' : '上传失败'}</Text>
              {!disabled ? <Text className='t-small rp-link-light'>重试</Text> : null}
            </View>
          ) : null}
          {!disabled ? (
            <View className='rp-thumb__remove' onClick={() => photos.remove(p.key)}>
              <Text className='t-small'>删除</Text>
            </View>
          ) : null}
        </View>
      ))}
      {photos.room > 0 && !disabled ? (
        <Button className='rp-thumb rp-thumb__add' onClick={add}>
          <Text className='t-body'>＋ 添加照片</Text>
        </Button>
      ) : null}
      {list.some((p) => p.status === 'failed' && !p.offline) ? (
        <Text className='t-small rp-error rp-thumbs__error'>{list.find((p) => p.status === 'failed' && !p.offline)?.error}</Text>
      ) : null}
    </View>
  )
}
