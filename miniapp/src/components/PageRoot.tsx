import { View } from '@tarojs/components'
import { useEffect, type PropsWithChildren } from 'react'
import { useElderly } from '../state/settings'

/** The H5 first-paint totals (src/index.html) give way as soon as the app shows a page. */
function removeFirstPaint(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  ;(window as unknown as { __MINGBAI_APP_SHOWN__?: boolean }).__MINGBAI_APP_SHOWN__ = true
  document.getElementById('mb-shell')?.remove()
}

interface Props {
  className?: string
  /** The home page keeps the first-paint totals on screen until its own have loaded. */
  keepFirstPaint?: boolean
}

/** Every page's outer element: applies elderly mode. */
export default function PageRoot({ children, className = '', keepFirstPaint = false }: PropsWithChildren<Props>) {
  const elderly = useElderly()
  useEffect(() => {
    if (!keepFirstPaint) removeFirstPaint()
  }, [keepFirstPaint])
  return <View className={`page ${elderly ? 'elderly' : ''} ${className}`}>{children}</View>
}
