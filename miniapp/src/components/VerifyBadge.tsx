import { Text, View } from '@tarojs/components'
import './VerifyBadge.scss'

interface Props {
  ok: boolean
  okText?: string
  badText?: string
  /** One plain sentence under the badge (the detail page explains what it means). */
  explain?: string
}

/** The result of the on-phone hash check. */
export default function VerifyBadge({ ok, okText = '账本已校验', badText = '校验未通过', explain }: Props) {
  return (
    <View className={`verify-badge ${ok ? 'verify-badge--ok' : 'verify-badge--bad'}`}>
      <Text className='verify-badge__text t-body'>
        {ok ? '✓ ' : '✗ '}
        {ok ? okText : badText}
      </Text>
      {explain ? <Text className='verify-badge__explain t-small'>{explain}</Text> : null}
    </View>
  )
}
