import { View, Text } from '@tarojs/components'
import { ROLE_LABELS } from '@mingbai/shared'
import { formatChinaTime } from '../services/approvals'
import type { StaffApproval } from '../services/staff'
import './staff.scss'

/** Every decision on an entry, oldest first, with the reason of each rejection. */
export default function ApprovalTrail({ approvals }: { approvals: StaffApproval[] }) {
  if (approvals.length === 0) return <Text className='t-small'>还没有审批记录</Text>
  return (
    <View className='sf-trail'>
      {approvals.map((a, i) => (
        <View key={i} className='sf-trail__item'>
          <Text className={`t-body ${a.decision === 'approved' ? 't-income' : 't-expense'}`}>
            第{a.step}步 {a.decision === 'approved' ? '通过' : '退回'}（{ROLE_LABELS[a.role]}）
          </Text>
          <Text className='t-small'>{formatChinaTime(a.at)}</Text>
          {a.reason ? <Text className='t-small'>原因：{a.reason}</Text> : null}
        </View>
      ))}
    </View>
  )
}
