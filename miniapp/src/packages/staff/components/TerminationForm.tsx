import { useState } from 'react'
import { View, Text, Button, Textarea } from '@tarojs/components'
import { addDays, REGISTER_LIMITS, todayInChina, validateTermination, type ContractDto } from '@mingbai/shared'
import { ApiError } from '../../../services/api-error'
import { registerErrorText } from '../services/register-errors'
import { registersStaffApi } from '../services/registers'
import DateField from './DateField'
import FormField from './FormField'
import './staff.scss'
import './register.scss'

interface Props {
  contract: ContractDto
  onDone: (updated: ContractDto) => void
  onCancel: () => void
}

/** 申请提前终止: the contract's last day in force and why. It takes effect once an approver approves it. */
export default function TerminationForm({ contract, onDone, onCancel }: Props) {
  const today = todayInChina()
  const last = addDays(contract.endOn, -1)
  const [terminatedOn, setTerminatedOn] = useState(today >= contract.startOn && today <= last ? today : '')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [banner, setBanner] = useState('')
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    const problems = validateTermination({ terminatedOn: terminatedOn || undefined, reason }, contract)
    const next: Record<string, string> = {}
    for (const p of problems) next[p.field] ??= p.field === 'terminatedOn' && !terminatedOn ? '请选择终止日期' : p.reason
    setErrors(next)
    setBanner('')
    if (problems.length) return
    setBusy(true)
    try {
      onDone(await registersStaffApi.terminateContract(contract.id, { terminatedOn, reason: reason.trim() }))
    } catch (e) {
      if (e instanceof ApiError && e.details.length) setErrors(Object.fromEntries(e.details.map((d) => [d.field, d.reason])))
      setBanner(registerErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card sf-termination'>
      <Text className='t-body sf-section'>申请提前终止</Text>
      <Text className='t-small sf-notice'>提交后需要审核；审核通过后，终止日期以后的各期租金不再计收，合同显示为“已终止”。</Text>
      <FormField name='terminatedOn' label='合同最后有效的一天' error={errors.terminatedOn}>
        <DateField value={terminatedOn} start={contract.startOn} end={last} onChange={setTerminatedOn} />
      </FormField>
      <FormField name='reason' label='终止原因' error={errors.reason}>
        <Textarea
          className='sf-input sf-textarea'
          placeholder='如 双方协商一致解除、承租方违约'
          value={reason}
          maxlength={REGISTER_LIMITS.reasonMax}
          onInput={(e) => setReason(e.detail.value)}
        />
      </FormField>
      {banner ? <Text className='t-small sf-field__error'>{banner}</Text> : null}
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        <Button className='btn-primary sf-btn' onClick={confirm} loading={busy} disabled={busy || undefined}>
          提交终止申请
        </Button>
      </View>
    </View>
  )
}
