import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Picker, Button } from '@tarojs/components'
import { formatFen, todayInChina, type DashboardDto, type OfficeDto } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import StaffHeader from '../../../staff/components/StaffHeader'
import { SeverityTag } from '../../components/CaseTags'
import CountBars from '../../components/CountBars'
import Figure from '../../components/Figure'
import { exportList, ExportNotOpenable, FORMAT_LABELS, LIST_NAMES } from '../../services/dashboard-export'
import { headline, regionChoices } from '../../services/dashboard-model'
import { inboxUrl } from '../../services/inbox-list'
import { inspectorApi } from '../../services/inspector-api'
import { inspectorErrorText } from '../../services/inspector-errors'
import { INBOX_PAGE, RULES_PAGE, STATS_PAGE, WATCHLIST_PAGE, useInspectorSession } from '../../services/inspector-session'
import { supervisionApi, type ExportFormat, type ExportList } from '../../services/supervision-api'
import { byPrecision, precisionText } from '../../services/warning-labels'
import { formatDate } from '../../../../utils/format'
import { useLoader } from '../../../../utils/use-loader'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

const NAV: { key: string; label: string; url: string }[] = [
  { key: 'warnings', label: '预警处置', url: `${INBOX_PAGE}?kind=warning` },
  { key: 'reports', label: '举报受理', url: `${INBOX_PAGE}?kind=report` },
  { key: 'stats', label: '统计分析', url: STATS_PAGE },
  { key: 'rules', label: '预警规则', url: RULES_PAGE },
  { key: 'watchlist', label: '比对名单', url: WATCHLIST_PAGE },
]

const EXPORTS: { list: ExportList; format: ExportFormat }[] = [
  { list: 'warnings', format: 'xlsx' },
  { list: 'warnings', format: 'csv' },
  { list: 'reports', format: 'xlsx' },
  { list: 'reports', format: 'csv' },
]

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * 监督看板: for a region in the inspector's scope and a period, what is open (warnings, reports,
 * overdue), what was found (substantiated cases, amounts recovered), warnings by severity, the
 * villages with most open findings, the rules ranked by precision, and exports of the lists.
 * Also the inspector's hub: links to the inbox, statistics, rules and watch lists.
 */
export default function Dashboard() {
  const session = useInspectorSession()
  const today = todayInChina()
  const [range, setRange] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today })
  const [regionId, setRegionId] = useState<number | undefined>(undefined)
  const [exporting, setExporting] = useState('')
  const [exportError, setExportError] = useState('')
  const offices = useLoader<OfficeDto[]>(() => inspectorApi.offices(), [], session !== null)
  const dash = useLoader<DashboardDto>(
    () => supervisionApi.dashboard({ regionId, from: range.from, to: range.to }),
    [regionId, range.from, range.to],
    session !== null,
  )

  usePullDownRefresh(async () => {
    try {
      await dash.reload()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!session) return <PageRoot />

  const setFrom = (from: string) => setRange((r) => ({ from, to: from > r.to ? from : r.to }))
  const setTo = (to: string) => setRange((r) => ({ from: to < r.from ? to : r.from, to }))
  const regions = regionChoices(offices.data ?? [], session.user.regionId)
  const regionIndex = regions.findIndex((o) => o.id === (regionId ?? dash.data?.regionId ?? session.user.regionId))
  const regionName = regionIndex >= 0 ? regions[regionIndex].name : (dash.data?.regionName ?? '本单位辖区')
  const d = dash.data
  const h = d ? headline(d) : null

  const runExport = async (list: ExportList, format: ExportFormat) => {
    const key = `${list}-${format}`
    setExporting(key)
    setExportError('')
    try {
      const result = await exportList({ list, format, regionId })
      if (result === 'downloaded') void Taro.showToast({ title: '已开始下载', icon: 'success' })
    } catch (e) {
      if (e instanceof ExportNotOpenable) setExportError('微信中无法直接打开 CSV 文件，请导出 Excel 格式，或在电脑浏览器中下载 CSV。')
      else setExportError(`导出失败：${inspectorErrorText(e)}`)
    } finally {
      setExporting('')
    }
  }

  return (
    <PageRoot className='ip-dash'>
      <StaffHeader name={session.user.displayName} />

      <View className='ip-dash__nav'>
        {NAV.map((n) => (
          <View key={n.key} className={`ip-dash__tile ip-dash__tile--${n.key}`} onClick={() => go(n.url)}>
            <Text className='t-body'>{n.label}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='t-title card__title'>监督看板</Text>
        <View className='ip-pickers'>
          <Picker
            mode='selector'
            range={regions.map((o) => o.name)}
            value={Math.max(0, regionIndex)}
            disabled={regions.length < 2 || undefined}
            onChange={(e) => {
              const o = regions[Number(e.detail.value)]
              if (o) setRegionId(o.id)
            }}
          >
            <Text className='t-body ip-picker ip-dash__region'>地区：{regionName}</Text>
          </Picker>
        </View>
        <View className='ip-stats__range'>
          <Picker mode='date' value={range.from} end={today} onChange={(e) => setFrom(String(e.detail.value))}>
            <Text className='t-body ip-picker'>从 {formatDate(range.from)}</Text>
          </Picker>
          <Picker mode='date' value={range.to} end={today} onChange={(e) => setTo(String(e.detail.value))}>
            <Text className='t-body ip-picker'>到 {formatDate(range.to)}</Text>
          </Picker>
        </View>
        <Text className='t-small ip-dash__hint'>未结、逾期为当前数；查实、追回金额为所选期间内办结的案件。</Text>
      </View>

      <StateView loading={dash.loading && !d} error={dash.error} onRetry={dash.reload}>
        {d && h ? (
          <View>
            <View className='card'>
              <View className='ip-figures'>
                <Figure
                  className='ip-dash__fig--warnings'
                  label='未结预警'
                  value={`${d.openWarnings} 件`}
                  onTap={() => go(`${INBOX_PAGE}?kind=warning`)}
                />
                <Figure className='ip-dash__fig--reports' label='未结举报' value={`${d.openReports} 件`} onTap={() => go(`${INBOX_PAGE}?kind=report`)} />
                <Figure
                  className='ip-dash__fig--overdue'
                  label='逾期'
                  value={`${h.overdue} 件`}
                  note={h.overdueNote}
                  bad={h.overdue > 0}
                  onTap={() => go(`${INBOX_PAGE}?overdue=true`)}
                />
                <Figure className='ip-dash__fig--substantiated' label='查实案件' value={`${h.substantiated} 件`} note={h.substantiatedNote} />
                <Figure className='ip-dash__fig--recovered' label='追回金额' value={formatFen(d.amountRecoveredFen)} />
              </View>
            </View>

            <View className='card'>
              <Text className='t-body sf-section'>未结预警（按风险等级）</Text>
              <CountBars rows={d.bySeverity.map((s) => ({ key: s.severity, label: s.label, count: s.open }))} emptyText='没有未结预警' />
            </View>

            <View className='card'>
              <Text className='t-body sf-section'>问题较多的村</Text>
              {d.topVillages.length === 0 ? <Text className='t-small'>没有未结的预警或举报</Text> : null}
              {d.topVillages.map((v) => (
                <View
                  key={v.villageId}
                  className={`ip-event ip-dash__village ip-dash__village--${v.villageId}`}
                  onClick={() => go(inboxUrl(INBOX_PAGE, { villageId: v.villageId }, `${v.villageName}（${v.townName}）`))}
                >
                  <Text className='t-body sf-link'>
                    {v.townName} {v.villageName}
                  </Text>
                  <Text className='t-small'>
                    预警 {v.openWarnings} · 举报 {v.openReports}
                    {v.amountFen > 0 ? ` · 涉及 ${formatFen(v.amountFen)}` : ''}
                  </Text>
                </View>
              ))}
            </View>

            <View className='card'>
              <Text className='t-body sf-section'>规则准确率排名</Text>
              <Text className='t-small ip-form__hint'>准确率 = 核查属实（含部分属实）÷ 已办结的预警。</Text>
              {d.rules.length === 0 ? <Text className='t-small'>还没有规则</Text> : null}
              {[...d.rules].sort(byPrecision).map((r, i) => (
                <View
                  key={r.ruleId}
                  className={`ip-event ip-dash__rule ip-dash__rule--${r.ruleId}`}
                  onClick={() => go(`${RULES_PAGE}?ruleId=${encodeURIComponent(r.ruleId)}`)}
                >
                  <View className='ip-row__top'>
                    <Text className='t-body'>{i + 1}.</Text>
                    <SeverityTag severity={r.severity} />
                    <Text className='t-body sf-link'>{r.title}</Text>
                  </View>
                  <Text className='t-small'>
                    {precisionText(r.precision, r.substantiated, r.concluded)} · 未结 {r.open} 件
                  </Text>
                </View>
              ))}
            </View>

            {d.outcomes.length ? (
              <View className='card'>
                <Text className='t-body sf-section'>期间办结情况</Text>
                <CountBars rows={d.outcomes.map((o) => ({ key: o.outcome, label: o.label, count: o.count }))} />
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>

      <View className='card ip-dash__exports'>
        <Text className='t-body sf-section'>导出清单</Text>
        <Text className='t-small ip-form__hint'>按上面选择的地区导出当前全部案件（不限期间），最多 5 万行。</Text>
        {exportError ? <Text className='t-body sf-banner ip-dash__export-error'>{exportError}</Text> : null}
        <View className='ip-buttons'>
          {EXPORTS.map(({ list, format }) => (
            <Button
              key={`${list}-${format}`}
              className={`sf-btn ip-dash__export ip-dash__export--${list}-${format}`}
              loading={exporting === `${list}-${format}`}
              disabled={!!exporting || undefined}
              onClick={() => runExport(list, format)}
            >
              {LIST_NAMES[list]}（{FORMAT_LABELS[format]}）
            </Button>
          ))}
        </View>
      </View>
    </PageRoot>
  )
}
