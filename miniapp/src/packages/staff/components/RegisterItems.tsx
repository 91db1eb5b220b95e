import { View, Text } from '@tarojs/components'
import {
  ASSET_KIND_LABELS,
  ASSET_USAGE_LABELS,
  CONTRACT_KIND_LABELS,
  CONTRACT_PHASE_LABELS,
  REGISTER_STATUS_LABELS,
  formatFen,
  type AssetDto,
  type RegisterStatus,
} from '@mingbai/shared'
import { formatDate } from '../../../utils/format'
import type { StaffContractListItem } from '../services/registers'
import './staff.scss'
import './register.scss'

export function StatusTag({ status }: { status: RegisterStatus }) {
  return <Text className={`t-small sf-status sf-status--${status}`}>{REGISTER_STATUS_LABELS[status]}</Text>
}

/** One asset in a staff list: name, book value, kind and use, status; why it came back; a change waiting. */
export function AssetItem({ asset: a, tags = [], onTap }: { asset: AssetDto; tags?: string[]; onTap: (a: AssetDto) => void }) {
  return (
    <View className='card sf-row sf-asset-item' onClick={() => onTap(a)}>
      <View className='sf-row__top'>
        <Text className='t-small'>编号 {a.code}</Text>
        <StatusTag status={a.status} />
      </View>
      <View className='sf-row__main'>
        <Text className='t-body sf-row__summary'>{a.name}</Text>
        <Text className='t-body sf-row__amount'>{formatFen(a.bookValueFen)}</Text>
      </View>
      <Text className='t-small'>
        {ASSET_KIND_LABELS[a.kind]} · {ASSET_USAGE_LABELS[a.usage]} · {a.location}
        {tags.map((t) => ` · ${t}`).join('')}
      </Text>
      {a.pendingChange ? <Text className='t-small sf-reg__tag'>修改待审核</Text> : null}
      {a.status === 'rejected' && a.rejectReason ? <Text className='t-small sf-row__reason'>退回原因：{a.rejectReason}</Text> : null}
    </View>
  )
}

/** One contract in a staff list: what is let to whom (full name, staff only), term, rent, status. */
export function ContractItem({ contract: c, tags = [], onTap }: { contract: StaffContractListItem; tags?: string[]; onTap: (c: StaffContractListItem) => void }) {
  return (
    <View className='card sf-row sf-contract-item' onClick={() => onTap(c)}>
      <View className='sf-row__top'>
        <Text className='t-small'>合同号 {c.code}</Text>
        <StatusTag status={c.status} />
      </View>
      <View className='sf-row__main'>
        <Text className='t-body sf-row__summary'>
          {CONTRACT_KIND_LABELS[c.kind]} · {c.assetName ?? '未关联资产'} · {c.counterpartyName}
        </Text>
        <Text className='t-body sf-row__amount'>{c.annualRentFen !== null ? `${formatFen(c.annualRentFen)}/年` : formatFen(c.totalRentFen)}</Text>
      </View>
      <Text className='t-small'>
        {formatDate(c.startOn)}至{formatDate(c.endOn)}
        {c.status === 'approved' ? ` · ${CONTRACT_PHASE_LABELS[c.phase]}` : ''}
        {tags.map((t) => ` · ${t}`).join('')}
      </Text>
      {c.overdueCount > 0 && c.status === 'approved' ? <Text className='t-small sf-row__reason'>逾期未收{c.overdueCount}期，共{formatFen(c.dueUnpaidFen)}</Text> : null}
      {c.terminationPending ? <Text className='t-small sf-reg__tag'>终止申请待审核</Text> : null}
      {c.status === 'rejected' && c.rejectReason ? <Text className='t-small sf-row__reason'>退回原因：{c.rejectReason}</Text> : null}
    </View>
  )
}

/** Status tabs of a register list. */
export const STATUS_TABS: { status: RegisterStatus; label: string }[] = [
  { status: 'draft', label: '草稿' },
  { status: 'submitted', label: '待审核' },
  { status: 'approved', label: '已生效' },
  { status: 'rejected', label: '被退回' },
]

export function Tabs<T extends string>({ tabs, value, onChange }: { tabs: { status: T; label: string }[]; value: T; onChange: (t: T) => void }) {
  return (
    <View className='sf-tabs'>
      {tabs.map((t) => (
        <View key={t.status} className={`sf-tabs__item sf-tabs__item--${t.status} ${t.status === value ? 'sf-tabs__item--on' : ''}`} onClick={() => onChange(t.status)}>
          <Text className='t-body'>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
