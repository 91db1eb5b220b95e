import { useState } from 'react'
import { View, Text, Input, Button, Picker } from '@tarojs/components'
import { todayInChina, WATCH_LIST_KIND_LABELS, WATCH_LIST_KINDS, type WatchListKind, type WatchPersonInput } from '@mingbai/shared'
import FormField from '../../staff/components/FormField'
import Chips from './Chips'
import { buildWatchPerson, emptyWatchForm, RELATION_HINTS, SINCE_LABELS, WATCH_NAME_MAX, WATCH_TEXT_MAX, type WatchField, type WatchFormInput } from '../services/watch-form'
import { formatDate } from '../../../utils/format'
import '../../staff/components/staff.scss'
import './inspector.scss'

interface Props {
  listKind: WatchListKind
  regionId: number
  busy?: boolean
  /** The server's refusals by field; '' for the form as a whole. */
  serverErrors?: Partial<Record<WatchField | '', string>>
  onSubmit: (body: WatchPersonInput) => void
  onCancel: () => void
}

const KIND_OPTIONS = WATCH_LIST_KINDS.map((k) => ({ value: k, label: WATCH_LIST_KIND_LABELS[k] }))

/**
 * A person added to a watch list of the inspector's region: the list, the name, an optional ID
 * number (checked here, hashed by the server and never shown again), what the relation or status
 * is, since when, and where the information comes from.
 */
export default function WatchPersonForm({ listKind, regionId, busy, serverErrors = {}, onSubmit, onCancel }: Props) {
  const [input, setInput] = useState<WatchFormInput>(() => emptyWatchForm(listKind))
  const [errors, setErrors] = useState<Partial<Record<WatchField, string>>>({})
  const set = (patch: Partial<WatchFormInput>) => setInput((i) => ({ ...i, ...patch }))
  const shown: Partial<Record<WatchField | '', string>> = { ...serverErrors, ...errors }
  const today = todayInChina()

  const submit = () => {
    const result = buildWatchPerson(input, regionId, today)
    if (result.errors) return setErrors(result.errors)
    setErrors({})
    onSubmit(result.body)
  }

  return (
    <View className='ip-form ip-watch__form'>
      <Text className='t-title card__title'>添加比对人员</Text>
      {shown[''] ? <Text className='t-body sf-banner'>{shown['']}</Text> : null}
      <FormField name='listKind' label='名单' error={shown.listKind}>
        <Chips<WatchListKind> options={KIND_OPTIONS} value={input.listKind} onChange={(k) => set({ listKind: k })} />
      </FormField>
      <FormField name='name' label='姓名' error={shown.name}>
        <Input className='sf-input' placeholder='请填写姓名' value={input.name} maxlength={WATCH_NAME_MAX} onInput={(e) => set({ name: e.detail.value })} />
      </FormField>
      <FormField name='idNumber' label='身份证号' optional error={shown.idNumber}>
        <Input
          className='sf-input'
          type='idcard'
          placeholder='18位身份证号'
          value={input.idNumber}
          maxlength={20}
          onInput={(e) => set({ idNumber: e.detail.value })}
        />
        <Text className='t-small ip-form__hint'>只用于比对同名的人。系统只保存加密后的摘要，不保存号码，保存后也不再显示。</Text>
      </FormField>
      <FormField name='relation' label='关系或身份说明' optional error={shown.relation}>
        <Input
          className='sf-input'
          placeholder={RELATION_HINTS[input.listKind]}
          value={input.relation}
          maxlength={WATCH_TEXT_MAX}
          onInput={(e) => set({ relation: e.detail.value })}
        />
      </FormField>
      <FormField name='sinceOn' label={SINCE_LABELS[input.listKind]} optional error={shown.sinceOn}>
        <View className='ip-pickers'>
          <Picker mode='date' value={input.sinceOn || today} end={today} onChange={(e) => set({ sinceOn: String(e.detail.value) })}>
            <Text className='t-body ip-picker'>{input.sinceOn ? formatDate(input.sinceOn) : '选择日期'}</Text>
          </Picker>
          {input.sinceOn ? (
            <Text className='t-body sf-link ip-picker' onClick={() => set({ sinceOn: '' })}>
              清除
            </Text>
          ) : null}
        </View>
        {input.listKind === 'cadre_relative' ? null : (
          <Text className='t-small ip-form__hint'>只有在这一天及以后付给此人的款项才会预警；不填则不论日期。</Text>
        )}
      </FormField>
      <FormField name='source' label='信息来源' optional error={shown.source}>
        <Input
          className='sf-input'
          placeholder='如：县人社局2026年3月提供'
          value={input.source}
          maxlength={WATCH_TEXT_MAX}
          onInput={(e) => set({ source: e.detail.value })}
        />
      </FormField>
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        <Button className='btn-primary sf-btn ip-watch__save' onClick={submit} loading={busy} disabled={busy || undefined}>
          保存
        </Button>
      </View>
    </View>
  )
}
