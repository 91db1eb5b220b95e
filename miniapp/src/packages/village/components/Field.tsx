import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './village.scss'

/** A label and its value on one line of a detail card. */
export default function Field({ label, children, className = '' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`vg-field ${className}`}>
      <Text className='t-small vg-field__label'>{label}</Text>
      <Text className='t-body vg-field__value'>{children}</Text>
    </View>
  )
}
