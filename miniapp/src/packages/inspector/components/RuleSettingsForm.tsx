import { useState } from 'react'
import { View, Text, Input, Button } from '@tarojs/components'
import type { RuleDto, RuleSettingsRequest } from '@mingbai/shared'
import FormField from '../../staff/components/FormField'
import Segmented from '../../staff/components/Segmented'
import { buildSettings, formatParam, paramToInput, PARAM_UNITS, rangeText, type SettingsErrors } from '../services/rule-params'
import '../../staff/components/staff.scss'
import './inspector.scss'

interface Props {
  rule: RuleDto
  regionId: number
  busy?: boolean
  /** The server's refusals, by parameter key ('enabled' for the switch, '' for the form). */
  serverErrors?: SettingsErrors
  onSubmit: (body: RuleSettingsRequest) => void
  onCancel: () => void
}

type Enabled = 'on' | 'off'
const ENABLED_OPTIONS: { value: Enabled; label: string }[] = [
  { value: 'on', label: '启用' },
  { value: 'off', label: '停用' },
]

const inputsOf = (rule: RuleDto, values: Record<string, number>) =>
  Object.fromEntries(rule.params.map((p) => [p.key, paramToInput(p.kind, values[p.key] ?? p.defaultValue)]))

/**
 * The rule's settings for the inspector's region: on or off, and each parameter in its unit (money
 * in yuan), checked against its range before it is sent. 恢复默认 fills in the rule's defaults.
 */
export default function RuleSettingsForm({ rule, regionId, busy, serverErrors = {}, onSubmit, onCancel }: Props) {
  const [inputs, setInputs] = useState<Record<string, string>>(() => inputsOf(rule, rule.effectiveParams))
  const [enabled, setEnabled] = useState<Enabled>(rule.enabled ? 'on' : 'off')
  const [errors, setErrors] = useState<SettingsErrors>({})
  // After 恢复默认 (and no edit since) the region's own values are cleared, not pinned to the defaults,
  // so the region inherits again from above.
  const [restored, setRestored] = useState(false)
  const shown = { ...serverErrors, ...errors }

  const submit = () => {
    const result = buildSettings(rule.params, inputs, enabled === 'on', regionId)
    if (result.errors) return setErrors(result.errors)
    setErrors({})
    onSubmit(restored ? { ...result.body, params: {} } : result.body)
  }

  const defaults = () => {
    setInputs(inputsOf(rule, Object.fromEntries(rule.params.map((p) => [p.key, p.defaultValue]))))
    setRestored(true)
    setErrors({})
  }

  return (
    <View className={`ip-form ip-rule__form ip-rule__form--${rule.id}`}>
      <Text className='t-body ip-form__title'>修改本地区的规则设置</Text>
      <Text className='t-small ip-form__hint'>保存后适用于本单位辖区（下级单位另有设置的除外），下次运行时生效。</Text>
      {shown[''] ? <Text className='t-body sf-banner'>{shown['']}</Text> : null}
      <FormField name='enabled' label='是否启用' error={shown.enabled}>
        <Segmented<Enabled> options={ENABLED_OPTIONS} value={enabled} onChange={setEnabled} disabled={busy} />
      </FormField>
      {rule.params.map((p) => (
        <FormField key={p.key} name={p.key} label={`${p.label}${PARAM_UNITS[p.kind] && p.kind !== 'ratio' ? `（${PARAM_UNITS[p.kind]}）` : ''}`} error={shown[p.key]}>
          <Input
            className='sf-input'
            type={p.kind === 'fen' || p.kind === 'ratio' || p.kind === 'score' ? 'digit' : 'number'}
            value={inputs[p.key]}
            maxlength={16}
            onInput={(e) => {
              setRestored(false)
              setInputs((i) => ({ ...i, [p.key]: e.detail.value }))
            }}
          />
          <Text className='t-small ip-form__hint ip-rule__range'>
            默认 {formatParam(p.kind, p.defaultValue)}，{rangeText(p)}
          </Text>
        </FormField>
      ))}
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        {rule.params.length ? (
          <Button className='sf-btn' onClick={defaults} disabled={busy || undefined}>
            恢复默认
          </Button>
        ) : null}
        <Button className='btn-primary sf-btn' onClick={submit} loading={busy} disabled={busy || undefined}>
          保存
        </Button>
      </View>
    </View>
  )
}
