import { Button, Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { describeError } from '../services/api-error'

interface Props {
  loading: boolean
  error: unknown
  empty?: boolean
  emptyText?: string
  onRetry: () => void
}

/** Loading, error (with 重试) and empty states, so no page is ever blank. */
export default function StateView({ loading, error, empty, emptyText = '暂无数据', onRetry, children }: PropsWithChildren<Props>) {
  if (error)
    return (
      <View className='card state-view state-view--error'>
        <Text className='t-body'>{describeError(error)}</Text>
        <Button className='btn-primary' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  if (loading)
    return (
      <View className='card state-view'>
        <Text className='t-body'>正在加载…</Text>
      </View>
    )
  if (empty)
    return (
      <View className='card state-view'>
        <Text className='t-body'>{emptyText}</Text>
      </View>
    )
  return <>{children}</>
}
