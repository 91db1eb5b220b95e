import { View, Text } from '@tarojs/components'
import { DIRECTION_LABELS, ENTRY_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '@mingbai/shared'
import { amountClass, formatDate, signedAmount } from '../../../utils/format'
import { COUNTERPARTY_KIND_LABELS } from '../services/entry-form-model'
import { currentApprovals, formatChinaTime, lastRejectReason } from '../services/approvals'
import type { StaffEntry } from '../services/staff'
import ApprovalTrail from './ApprovalTrail'
import AttachmentThumbs from './AttachmentThumbs'
import './staff.scss'

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className='sf-line'>
      <Text className='t-small sf-line__label'>{label}</Text>
      <Text className='t-body sf-line__value'>{value}</Text>
    </View>
  )
}

/** Everything staff may see of an entry, including the counterparty's full name. */
export default function EntryDetail({ entry }: { entry: StaffEntry }) {
  const reversal = entry.reversesId !== null
  const given = currentApprovals(entry).length
  const reason = entry.status === 'rejected' ? lastRejectReason(entry) : null
  return (
    <View>
      <View className='card'>
        <View className='sf-row__top'>
          <Text className={`t-small sf-status sf-status--${entry.status}`}>{ENTRY_STATUS_LABELS[entry.status]}</Text>
          {entry.serial ? <Text className='t-small'>公开序号 第{entry.serial}号</Text> : null}
        </View>
        <Text className={`t-money ${amountClass(entry.direction, reversal)}`}>
          {signedAmount(entry.direction, entry.amountFen, reversal)}
        </Text>
        <Text className='t-title sf-detail__summary'>{entry.summary}</Text>
        {reversal ? (
          <Text className='t-small sf-row__reason'>
            这是一笔红字冲销（摘要写明冲销第几号），原因：{entry.reversalReason}
          </Text>
        ) : null}
        {reason ? <Text className='t-small sf-row__reason'>退回原因：{reason}</Text> : null}
        {entry.status === 'submitted' ? (
          <Text className='t-small'>
            需要 {entry.approvalsRequired} 级审批，已通过 {given} 级
          </Text>
        ) : null}
      </View>
      <View className='card'>
        <Line label='收支方向' value={DIRECTION_LABELS[entry.direction]} />
        <Line label='科目' value={`${entry.subjectCode} ${entry.subjectName}`} />
        <Line label='发生日期' value={formatDate(entry.occurredOn)} />
        <Line label='对方类型' value={COUNTERPARTY_KIND_LABELS[entry.counterpartyKind]} />
        <Line label='对方名称' value={entry.counterpartyName} />
        {entry.counterpartyDisplay !== entry.counterpartyName ? (
          <Line label='公开显示为' value={entry.counterpartyDisplay} />
        ) : null}
        <Line label='支付方式' value={PAYMENT_METHOD_LABELS[entry.paymentMethod]} />
        <Line label='凭证号' value={entry.voucherNo ?? '无'} />
        <Line label='录入时间' value={formatChinaTime(entry.createdAt)} />
        {entry.submittedAt ? <Line label='提交时间' value={formatChinaTime(entry.submittedAt)} /> : null}
        {entry.publishedAt ? <Line label='公开时间' value={formatChinaTime(entry.publishedAt)} /> : null}
        {entry.importBatchId ? <Line label='导入批次' value={`#${entry.importBatchId}`} /> : null}
      </View>
      <View className='card'>
        <Text className='t-body sf-section'>凭证照片</Text>
        <AttachmentThumbs attachments={entry.attachments} />
      </View>
      <View className='card'>
        <Text className='t-body sf-section'>审批记录</Text>
        <ApprovalTrail approvals={entry.approvals} />
      </View>
    </View>
  )
}
