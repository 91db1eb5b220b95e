import { useState } from 'react'
import { View, Text, Textarea, Input, Button } from '@tarojs/components'
import {
  CASE_ACTION_LABELS,
  CASE_ACTION_NEEDS,
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  REPORT_NOTE_MAX,
  type CaseAction,
  type CaseKind,
  type CaseOutcome,
  type CaseTransitionRequest,
} from '@mingbai/shared'
import FormField from '../../staff/components/FormField'
import Segmented from '../../staff/components/Segmented'
import { buildTransition, noteAudience, noteLabel, type FieldErrors, type TransitionField, type TransitionInput } from '../services/case-forms'
import '../../staff/components/staff.scss'
import './inspector.scss'

interface Props {
  action: CaseAction
  /** A warning's notes are for the office only (no reporter to answer). */
  kind?: CaseKind
  busy?: boolean
  /** Errors the server named per field (a 400's details). */
  serverErrors?: FieldErrors<TransitionField>
  onSubmit: (body: CaseTransitionRequest) => void
  onCancel: () => void
}

const OUTCOME_OPTIONS = CASE_OUTCOMES.map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] }))

/**
 * One step of the case: the note (required when the action needs one; for 结案 it is the reply the
 * reporter reads), and for 办结 the outcome and any amount recovered in yuan (sent in fen).
 */
export default function ActionForm({ action, kind = 'report', busy, serverErrors = {}, onSubmit, onCancel }: Props) {
  const needs = CASE_ACTION_NEEDS[action]
  const label = CASE_ACTION_LABELS[action]
  const [input, setInput] = useState<TransitionInput>({ note: '', outcome: '', amountYuan: '' })
  const [errors, setErrors] = useState<FieldErrors<TransitionField>>({})
  const set = (patch: Partial<TransitionInput>) => setInput((i) => ({ ...i, ...patch }))
  const shown = { ...serverErrors, ...errors }

  const submit = () => {
    const result = buildTransition(action, input, kind)
    if (result.errors) return setErrors(result.errors)
    setErrors({})
    onSubmit(result.body)
  }

  return (
    <View className={`ip-form ip-form--${action}`}>
      <Text className='t-body ip-form__title'>{label}</Text>
      {shown.action ? <Text className='t-body sf-banner'>{shown.action}</Text> : null}
      {needs.outcome ? (
        <FormField name='outcome' label='核查结论' error={shown.outcome}>
          <Segmented<CaseOutcome> options={OUTCOME_OPTIONS} value={input.outcome} onChange={(outcome) => set({ outcome })} disabled={busy} />
        </FormField>
      ) : null}
      {action === 'conclude' ? (
        <FormField name='amountRecoveredFen' label='追回金额（元）' optional error={shown.amountRecoveredFen}>
          <Input
            className='sf-input'
            type='digit'
            placeholder='没有追回可不填，如 1200.50'
            value={input.amountYuan}
            maxlength={14}
            onInput={(e) => set({ amountYuan: e.detail.value })}
          />
        </FormField>
      ) : null}
      <FormField name='note' label={noteLabel(action, kind)} optional={!needs.note} error={shown.note}>
        <Text className='t-small ip-form__hint'>{noteAudience(action, kind)}</Text>
        <Textarea
          className='t-body ip-textarea'
          placeholder={`请填写${noteLabel(action, kind)}`}
          value={input.note}
          maxlength={REPORT_NOTE_MAX}
          onInput={(e) => set({ note: e.detail.value })}
        />
      </FormField>
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        <Button className='btn-primary sf-btn' onClick={submit} loading={busy} disabled={busy || undefined}>
          确认{label}
        </Button>
      </View>
    </View>
  )
}
