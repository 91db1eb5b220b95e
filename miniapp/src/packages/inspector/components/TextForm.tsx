import { useState, type ReactNode } from 'react'
import { View, Text, Textarea, Button } from '@tarojs/components'
import '../../staff/components/staff.scss'
import './inspector.scss'

interface Props {
  /** The API field the text is sent as (CSS hook `sf-field--<name>`, where the server's error lands). */
  name: string
  title: string
  hint?: ReactNode
  placeholder: string
  maxlength: number
  confirmText: string
  busy?: boolean
  /** The error from the server for this field. */
  error?: string
  /** Answers a problem to show under the text, or null when it may be sent. */
  check: (text: string) => string | null
  onConfirm: (text: string) => void
  onCancel: () => void
  children?: ReactNode
}

/** A written text (reply, reason) checked before sending; confirms with the trimmed text. */
export default function TextForm({ name, title, hint, placeholder, maxlength, confirmText, busy, error, check, onConfirm, onCancel, children }: Props) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState('')
  const confirm = () => {
    const p = check(text)
    setProblem(p ?? '')
    if (!p) onConfirm(text.trim())
  }
  const shown = problem || error
  return (
    <View className={`ip-form ip-form--${name}`}>
      <Text className='t-body ip-form__title'>{title}</Text>
      {hint ? <Text className='t-small ip-form__hint'>{hint}</Text> : null}
      {children}
      <View className={`sf-field sf-field--${name} ${shown ? 'sf-field--invalid' : ''}`}>
        <Textarea
          className='t-body ip-textarea'
          placeholder={placeholder}
          value={text}
          maxlength={maxlength}
          onInput={(e) => setText(e.detail.value)}
        />
        {shown ? <Text className='t-small sf-field__error'>{shown}</Text> : null}
      </View>
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
