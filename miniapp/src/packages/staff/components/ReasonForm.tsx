import { useState } from 'react'
import { View, Text, Textarea, Button } from '@tarojs/components'
import { ENTRY_LIMITS } from '@mingbai/shared'
import './staff.scss'

interface Props {
  placeholder: string
  confirmText: string
  busy?: boolean
  /** An error from the server to show under the text. */
  error?: string
  onConfirm: (reason: string) => void
  onCancel: () => void
}

/**
 * Asks for a reason (退回原因, 冲销原因) under the server's rules: not blank, at most
 * ENTRY_LIMITS.reasonMax characters. Confirms with the trimmed text.
 */
export default function ReasonForm({ placeholder, confirmText, busy, error, onConfirm, onCancel }: Props) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState('')
  const confirm = () => {
    const reason = text.trim()
    if (!reason) return setProblem('请填写原因')
    if (Array.from(reason).length > ENTRY_LIMITS.reasonMax) return setProblem(`原因不能超过${ENTRY_LIMITS.reasonMax}个字`)
    setProblem('')
    onConfirm(reason)
  }
  return (
    <View className='card sf-reason'>
      <Textarea
        className='t-body sf-reason__text'
        placeholder={placeholder}
        value={text}
        maxlength={ENTRY_LIMITS.reasonMax}
        onInput={(e) => setText(e.detail.value)}
      />
      {problem || error ? <Text className='t-small sf-field__error'>{problem || error}</Text> : null}
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        <Button className='btn-primary sf-btn' onClick={confirm} loading={busy} disabled={busy || undefined}>
          {confirmText}
        </Button>
      </View>
    </View>
  )
}
