import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Picker } from '@tarojs/components'
import { todayInChina, type DigestOfficeDto, type ReportStatsDto } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import CountBars from '../../components/CountBars'
import Figure from '../../components/Figure'
import { OverdueTag } from '../../components/CaseTags'
import { inspectorApi } from '../../services/inspector-api'
import { DETAIL_PAGE, useInspectorSession } from '../../services/inspector-session'
import { formatChinaDate } from '../../services/labels'
import { formatDate } from '../../../../utils/format'
import { useLoader } from '../../../../utils/use-loader'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

const days = (d: number | null) => (d === null ? '—' : `${Math.round(d * 10) / 10} 天`)

/** Statistics of the reports in scope for a period (default: this year), and today's overdue digest. */
export default function Stats() {
  const session = useInspectorSession()
  const today = todayInChina()
  const [range, setRange] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today })
  const stats = useLoader<ReportStatsDto>(() => inspectorApi.stats({ ...range, kind: 'report' }), [range.from, range.to], session !== null)
  const digest = useLoader<DigestOfficeDto[]>(() => inspectorApi.digest(), [], session !== null)

  usePullDownRefresh(async () => {
    try {
      await Promise.all([stats.reload(), digest.reload()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!session) return <PageRoot />

  // A start after the end (or an end before the start) moves the other end along.
  const setFrom = (from: string) => setRange((r) => ({ from, to: from > r.to ? from : r.to }))
  const setTo = (to: string) => setRange((r) => ({ from: to < r.from ? to : r.from, to }))
  const s = stats.data
  const overdueCases = (digest.data ?? []).reduce((n, o) => n + o.overdue.length, 0)

  return (
    <PageRoot className='ip-stats'>
      <View className='card'>
        <Text className='t-title card__title'>举报统计</Text>
        <View className='ip-stats__range'>
          <Picker mode='date' value={range.from} end={today} onChange={(e) => setFrom(String(e.detail.value))}>
            <Text className='t-body ip-picker'>从 {formatDate(range.from)}</Text>
          </Picker>
          <Picker mode='date' value={range.to} end={today} onChange={(e) => setTo(String(e.detail.value))}>
            <Text className='t-body ip-picker'>到 {formatDate(range.to)}</Text>
          </Picker>
        </View>
      </View>

      <StateView loading={stats.loading && !s} error={stats.error} onRetry={stats.reload}>
        {s ? (
          <View>
            <View className='card'>
              <View className='ip-figures'>
                <Figure label='举报总数' value={`${s.total} 件`} />
                <Figure label='当前逾期' value={`${s.overdue} 件`} bad={s.overdue > 0} />
                <Figure label='受理用时（中位数）' value={days(s.medianDaysToAccept)} />
                <Figure label='办结用时（中位数）' value={days(s.medianDaysToConclude)} />
              </View>
            </View>
            <View className='card'>
              <Text className='t-body sf-section'>按状态</Text>
              <CountBars rows={s.byStatus.map((b) => ({ key: b.status, label: b.label, count: b.count }))} />
            </View>
            <View className='card'>
              <Text className='t-body sf-section'>按类别</Text>
              <CountBars rows={s.byCategory.map((b) => ({ key: b.code, label: b.label, count: b.count }))} />
            </View>
            <View className='card'>
              <Text className='t-body sf-section'>按村</Text>
              <CountBars rows={s.byVillage.map((b) => ({ key: b.villageId, label: b.villageName, count: b.count }))} />
            </View>
          </View>
        ) : null}
      </StateView>

      <View className='card'>
        <Text className='t-body sf-section'>逾期提醒{digest.data ? `（${overdueCases} 件）` : ''}</Text>
        <StateView loading={digest.loading && !digest.data} error={digest.error} onRetry={digest.reload}>
          {digest.data && overdueCases === 0 ? <Text className='t-small'>没有逾期的举报</Text> : null}
          {(digest.data ?? [])
            .filter((o) => o.overdue.length > 0)
            .map((o) => (
              <View key={o.officeRegionId} className='ip-digest'>
                <Text className='t-body sf-section'>
                  {o.officeName}（{o.overdue.length} 件）
                </Text>
                {o.overdue.map((c) => (
                  <View key={c.id} className='ip-event' onClick={() => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${c.id}` })}>
                    <View className='ip-row__top'>
                      <Text className='t-body'>
                        {c.villageName} · {c.categoryLabel}
                      </Text>
                      <OverdueTag overdue={c.overdue} />
                    </View>
                    <Text className='t-small'>期限 {formatChinaDate(c.dueAt)}</Text>
                  </View>
                ))}
              </View>
            ))}
        </StateView>
      </View>
    </PageRoot>
  )
}
