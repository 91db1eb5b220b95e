import { Button, Text, View } from '@tarojs/components'
import { staffErrorText } from '../services/staff-errors'

interface Props {
  count: number
  cursor: string | null
  loading: boolean
  error: unknown
  onMore: () => void
}

/** Under a paged staff list: a failed page with 点此重试, 加载更多, or 没有更多了. */
export default function ListFooter({ count, cursor, loading, error, onMore }: Props) {
  if (count === 0) return null
  if (error)
    return (
      <View className='sf-more' onClick={onMore}>
        <Text className='t-body sf-link'>{staffErrorText(error)}，点此重试</Text>
      </View>
    )
  if (cursor)
    return (
      <View className='sf-more'>
        <Button className='sf-btn' onClick={onMore} loading={loading} disabled={loading || undefined}>
          加载更多
        </Button>
      </View>
    )
  return (
    <View className='sf-more'>
      <Text className='t-small'>没有更多了</Text>
    </View>
  )
}
