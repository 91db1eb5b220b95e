import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderly } from '../state/settings'

/** Every page's outer element: applies elderly mode. */
export default function PageRoot({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  const elderly = useElderly()
  return <View className={`page ${elderly ? 'elderly' : ''} ${className}`}>{children}</View>
}
