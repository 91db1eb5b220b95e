import { View, Text } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './staff.scss'

interface Props {
  /** The API field name; also a CSS hook (`sf-field--amountFen`) for tests and styles. */
  name: string
  label: string
  error?: string
  optional?: boolean
}

/** A labelled form row with its error message right under the control. */
export default function FormField({ name, label, error, optional, children }: PropsWithChildren<Props>) {
  return (
    <View className={`sf-field sf-field--${name} ${error ? 'sf-field--invalid' : ''}`}>
      <Text className='t-body sf-field__label'>
        {label}
        {optional ? <Text className='t-small'>（选填）</Text> : null}
      </Text>
      {children}
      {error ? <Text className='t-small sf-field__error'>{error}</Text> : null}
    </View>
  )
}
