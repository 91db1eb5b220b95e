import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatFen, INSTALLMENT_STATE_LABELS, type InstallmentDto } from '@mingbai/shared'
import { formatDate } from '../utils/format'
import { INSTALLMENT_TONE, outstandingFen, visibleInstallments } from '../utils/register-format'
import './RentSchedule.scss'

/**
 * A contract's rent schedule: each installment with its period, due date, amount, what was received
 * and its state (已收 / 部分已收 / 待收 / 逾期未收 / 未到期). Long schedules open on the installments that
 * matter now, with 展开全部.
 */
export default function RentSchedule({ installments }: { installments: InstallmentDto[] }) {
  const [expanded, setExpanded] = useState(false)
  if (installments.length === 0) return <Text className='t-small'>没有分期收租计划</Text>
  const shown = visibleInstallments(installments, expanded)
  const hidden = installments.length - shown.length
  return (
    <View className='rent-schedule'>
      {shown.map((i) => {
        const owed = outstandingFen(i)
        return (
          <View key={i.id} className={`vg-contract__installment vg-contract__installment--${i.state}`}>
            <View className='rent-schedule__top'>
              <Text className='t-body rent-schedule__seq'>
                第{i.seq}期 · {formatDate(i.dueOn)}应收
              </Text>
              <Text className={`tag rent-schedule__state rent-schedule__state--${INSTALLMENT_TONE[i.state]}`}>
                {i.stateLabel || INSTALLMENT_STATE_LABELS[i.state]}
              </Text>
            </View>
            <Text className='t-small rent-schedule__line'>
              租期 {formatDate(i.periodStart)}至{formatDate(i.periodEnd)}
            </Text>
            <View className='rent-schedule__amounts'>
              <Text className='t-body rent-schedule__amount'>应收 {formatFen(i.amountFen)}</Text>
              <Text className='t-body rent-schedule__received t-income'>已收 {formatFen(i.receivedFen)}</Text>
              {owed > 0 && i.state !== 'upcoming' ? (
                <Text className={`t-body rent-schedule__owed ${i.state === 'overdue' ? 't-expense' : ''}`}>未收 {formatFen(owed)}</Text>
              ) : null}
            </View>
          </View>
        )
      })}
      {installments.length > shown.length || expanded ? (
        <View className='rent-schedule__toggle' onClick={() => setExpanded(!expanded)}>
          <Text className='t-body rent-schedule__link'>{expanded ? '收起' : `展开全部${installments.length}期（另有${hidden}期）`}</Text>
        </View>
      ) : null}
    </View>
  )
}
