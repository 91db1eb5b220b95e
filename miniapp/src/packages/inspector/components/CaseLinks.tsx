import { useState } from 'react'
import { View, Text, Input, Button } from '@tarojs/components'
import { CASE_KIND_LABELS, type CaseLinkDto } from '@mingbai/shared'
import { linkedByText, parseLinkTarget } from '../services/case-links'
import { formatChinaDate } from '../services/labels'
import { StatusTag } from './CaseTags'
import '../../staff/components/staff.scss'
import './inspector.scss'

interface Props {
  caseId: number
  links: CaseLinkDto[]
  busy?: boolean
  /** The server's reason for refusing the last link. */
  error?: string
  /** Whether new links may be added (not on a closed case). */
  editable: boolean
  onOpen: (caseId: number) => void
  /** Resolves true when linked (the number typed is then cleared). */
  onAdd: (caseId: number) => Promise<boolean>
  onRemove: (link: CaseLinkDto) => void
}

/**
 * Reports and warnings about the same entry or contract: each opens its case; links an inspector
 * made can be removed (automatic ones stay); another case is linked by its number.
 */
export default function CaseLinks({ caseId, links, busy, error, editable, onOpen, onAdd, onRemove }: Props) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState('')
  const add = async () => {
    const parsed = parseLinkTarget(text, caseId, links)
    if ('error' in parsed) return setProblem(parsed.error)
    setProblem('')
    if (await onAdd(parsed.caseId)) setText('')
  }
  const shown = problem || error
  return (
    <View className='card ip-links'>
      <Text className='t-body sf-section'>关联案件（{links.length}）</Text>
      {links.length === 0 ? <Text className='t-small ip-links__empty'>没有关联的举报或预警</Text> : null}
      {links.map((l) => (
        <View key={l.caseId} className={`ip-link ip-link--${l.caseId}`}>
          <View className='ip-link__main' onClick={() => onOpen(l.caseId)}>
            <View className='ip-row__top'>
              <Text className={`t-small ip-kind ip-kind--${l.kind}`}>{CASE_KIND_LABELS[l.kind]}</Text>
              <Text className='t-small'>编号 {l.caseId}</Text>
              <StatusTag status={l.status} label={l.statusLabel} />
            </View>
            <Text className='t-body sf-link ip-link__title'>{l.title}</Text>
            <Text className='t-small'>
              {linkedByText(l)} · {formatChinaDate(l.at)}
            </Text>
          </View>
          {l.linkedBy !== null && editable ? (
            <Text className='t-body sf-link ip-link__remove' onClick={() => !busy && onRemove(l)}>
              取消关联
            </Text>
          ) : null}
        </View>
      ))}
      {editable ? (
        <View className={`sf-field sf-field--caseId ip-links__add ${shown ? 'sf-field--invalid' : ''}`}>
          <Text className='t-body sf-field__label'>关联其他案件</Text>
          <Text className='t-small ip-form__hint'>填写同一账目或合同的举报、预警的案件编号（详情页顶部可以看到）。</Text>
          <View className='ip-links__row'>
            <Input
              className='sf-input ip-links__input'
              type='number'
              placeholder='案件编号，如 41'
              value={text}
              maxlength={10}
              onInput={(e) => setText(e.detail.value)}
            />
            <Button className='btn-primary sf-btn ip-links__go' onClick={add} loading={busy} disabled={busy || undefined}>
              关联
            </Button>
          </View>
          {shown ? <Text className='t-small sf-field__error'>{shown}</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
