import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View, Text, Picker } from '@tarojs/components'
import {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  DEFAULT_REPORT_CATEGORIES,
  WARNING_STATE_LABELS,
  WARNING_STATES,
  type CaseKind,
  type CaseStatus,
  type InboxItemDto,
  type ReportCategoryDto,
  type WarningState,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import SearchBar from '../../../../components/SearchBar'
import StaffHeader from '../../../staff/components/StaffHeader'
import ListFooter from '../../../staff/components/ListFooter'
import Chips, { ToggleChip } from '../../components/Chips'
import InboxRow from '../../components/InboxRow'
import { filterFromParams, useInboxList, type InboxFilter } from '../../services/inbox-list'
import { inspectorApi } from '../../services/inspector-api'
import { DASHBOARD_PAGE, DETAIL_PAGE, STATS_PAGE, useInspectorSession } from '../../services/inspector-session'
import { supervisionApi } from '../../services/supervision-api'
import { ruleIdOf } from '../../services/warning-labels'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

type StatusChoice = CaseStatus | 'all'
const STATUS_OPTIONS: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...CASE_STATUSES.map((s) => ({ value: s as StatusChoice, label: CASE_STATUS_LABELS[s] })),
]

type KindChoice = CaseKind | 'all'
const KIND_OPTIONS: { value: KindChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'report', label: '举报' },
  { value: 'warning', label: '预警' },
]

type StateChoice = WarningState | 'all'
const STATE_OPTIONS: { value: StateChoice; label: string }[] = [
  { value: 'all', label: '全部预警' },
  ...WARNING_STATES.map((s) => ({ value: s as StateChoice, label: WARNING_STATE_LABELS[s] })),
]

function decode(v: string | undefined): string | undefined {
  if (!v) return undefined
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/** Villages seen in the inbox so far (the scope's villages with cases), for the village filter; `initial`: one asked for by another page. */
function useSeenVillages(items: InboxItemDto[], initial: { id: number; name: string } | null): { id: number; name: string }[] {
  const [seen, setSeen] = useState<Map<number, string>>(() => new Map(initial ? [[initial.id, initial.name]] : []))
  useEffect(() => {
    if (items.every((i) => seen.has(i.villageId))) return
    setSeen((m) => {
      const next = new Map(m)
      for (const i of items) next.set(i.villageId, `${i.villageName}（${i.townName}）`)
      return next
    })
  }, [items])
  return useMemo(() => [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')), [seen])
}

/** The report categories for the filter: the server's list, or the default ones when it fails. */
function useCategories(items: InboxItemDto[]): ReportCategoryDto[] {
  const [list, setList] = useState<ReportCategoryDto[]>([...DEFAULT_REPORT_CATEGORIES])
  useEffect(() => {
    inspectorApi.categories().then(setList, () => undefined)
  }, [])
  // Categories no longer offered to villagers still have reports: keep them filterable.
  const extra = items
    .filter((i) => i.kind !== 'warning' && !list.some((c) => c.code === i.categoryCode))
    .map((i) => ({ code: i.categoryCode, label: i.categoryLabel }))
  return [...list, ...extra.filter((c, k) => extra.findIndex((x) => x.code === c.code) === k)]
}

/** The rules for the warnings' filter (id and title): the server's list, plus any rule seen in the inbox. */
function useRules(items: InboxItemDto[]): { id: string; title: string }[] {
  const [list, setList] = useState<{ id: string; title: string }[]>([])
  useEffect(() => {
    supervisionApi.ruleDefinitions().then((rules) => setList(rules.map((r) => ({ id: r.id, title: r.title }))), () => undefined)
  }, [])
  const extra: { id: string; title: string }[] = []
  for (const i of items) {
    const id = i.kind === 'warning' ? ruleIdOf(i.categoryCode) : null
    if (id && !list.some((r) => r.id === id) && !extra.some((r) => r.id === id)) extra.push({ id, title: i.categoryLabel })
  }
  return [...list, ...extra]
}

/** The discipline office's inbox: citizen reports and rule warnings in scope, filtered, newest first, a page at a time. */
export default function Inbox() {
  const session = useInspectorSession()
  const params = useRouter().params as Record<string, string | undefined>
  const [filter, setFilter] = useState<InboxFilter>(() => filterFromParams(params))
  const list = useInboxList(filter, session !== null)
  const villages = useSeenVillages(
    list.items,
    filter.villageId ? { id: filter.villageId, name: decode(params.villageName) ?? `${filter.villageId}号村` } : null,
  )
  const categories = useCategories(list.items)
  const rules = useRules(list.items)
  const title = filter.kind === 'warning' ? '预警处置' : '举报受理'

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title })
  }, [title])

  usePullDownRefresh(async () => {
    try {
      await list.reload()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!session) return <PageRoot />

  const change = (patch: Partial<InboxFilter>) => {
    const next: InboxFilter = { ...filter, ...patch }
    for (const k of Object.keys(next) as (keyof InboxFilter)[]) if (next[k] === undefined) delete next[k]
    setFilter(next)
  }
  const villageNames = ['全部村', ...villages.map((v) => v.name)]
  const villageIndex = filter.villageId ? villages.findIndex((v) => v.id === filter.villageId) + 1 : 0
  const categoryNames = ['全部类别', ...categories.map((c) => c.label)]
  const categoryIndex = filter.categoryCode ? categories.findIndex((c) => c.code === filter.categoryCode) + 1 : 0
  const ruleNames = ['全部规则', ...rules.map((r) => r.title)]
  const ruleIndex = filter.ruleId ? rules.findIndex((r) => r.id === filter.ruleId) + 1 : 0
  const ruleTitles = new Map(rules.map((r) => [r.id, r.title]))
  const filtered = Object.keys(filter).length > 0
  const warnings = filter.kind === 'warning'

  // A kind keeps only the filters that apply to it: rules and warning states to warnings, categories to reports.
  const chooseKind = (kind: KindChoice) => {
    if (kind === 'warning') change({ kind, categoryCode: undefined })
    else change({ kind: kind === 'all' ? undefined : kind, ruleId: undefined, warningState: undefined })
  }

  return (
    <PageRoot className='ip-inbox'>
      <StaffHeader name={session.user.displayName} />
      <View className='ip-title-row'>
        <Text className='t-title'>{title}</Text>
        <View className='ip-title-row__links'>
          <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: DASHBOARD_PAGE })}>
            监督看板
          </Text>
          <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: STATS_PAGE })}>
            统计分析
          </Text>
        </View>
      </View>

      <View className='sf-tabs ip-kinds'>
        {KIND_OPTIONS.map((o) => (
          <View
            key={o.value}
            className={`sf-tabs__item ip-kinds__item ip-kinds__item--${o.value} ${(filter.kind ?? 'all') === o.value ? 'sf-tabs__item--on' : ''}`}
            onClick={() => chooseKind(o.value)}
          >
            <Text className='t-body'>{o.label}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        {warnings ? (
          <View className='ip-wstates'>
            <Chips<StateChoice>
              options={STATE_OPTIONS}
              value={filter.warningState ?? 'all'}
              onChange={(s) => change({ warningState: s === 'all' ? undefined : s })}
            />
          </View>
        ) : null}
        <Chips<StatusChoice> options={STATUS_OPTIONS} value={filter.status ?? 'all'} onChange={(s) => change({ status: s === 'all' ? undefined : s })} />
        <View className='ip-chips'>
          <ToggleChip label='逾期' on={!!filter.overdue} onChange={(on) => change({ overdue: on || undefined })} />
          <ToggleChip label='指派给我' on={filter.assignee === 'me'} onChange={(on) => change({ assignee: on ? 'me' : undefined })} />
        </View>
        <View className='ip-pickers'>
          <Picker
            mode='selector'
            range={villageNames}
            value={Math.max(0, villageIndex)}
            onChange={(e) => {
              const i = Number(e.detail.value)
              change({ villageId: i > 0 ? villages[i - 1].id : undefined })
            }}
          >
            <Text className='t-body ip-picker'>村：{villageIndex > 0 ? villageNames[villageIndex] : '全部村'}</Text>
          </Picker>
          {warnings ? (
            <Picker
              mode='selector'
              range={ruleNames}
              value={Math.max(0, ruleIndex)}
              onChange={(e) => {
                const i = Number(e.detail.value)
                change({ ruleId: i > 0 ? rules[i - 1].id : undefined })
              }}
            >
              <Text className='t-body ip-picker ip-picker--rule'>规则：{ruleIndex > 0 ? ruleNames[ruleIndex] : filter.ruleId ?? '全部规则'}</Text>
            </Picker>
          ) : (
            <Picker
              mode='selector'
              range={categoryNames}
              value={Math.max(0, categoryIndex)}
              onChange={(e) => {
                const i = Number(e.detail.value)
                change({ categoryCode: i > 0 ? categories[i - 1].code : undefined })
              }}
            >
              <Text className='t-body ip-picker'>类别：{categoryIndex > 0 ? categoryNames[categoryIndex] : '全部类别'}</Text>
            </Picker>
          )}
          {filtered ? (
            <Text className='t-body sf-link ip-picker' onClick={() => setFilter({})}>
              清除筛选
            </Text>
          ) : null}
        </View>
        <SearchBar
          placeholder={warnings ? '搜索预警内容' : '搜索举报内容和往来消息'}
          maxlength={100}
          initial={filter.q}
          onSearch={(q) => change({ q: q || undefined })}
        />
      </View>

      {list.loaded ? <Text className='t-body ip-inbox__total'>共 {list.total} 件</Text> : null}

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText={filtered ? `没有符合条件的${warnings ? '预警' : filter.kind === 'report' ? '举报' : '案件'}` : '暂时没有举报或预警'}
        onRetry={list.reload}
      >
        {list.items.map((item) => (
          <InboxRow
            key={item.id}
            item={item}
            ruleTitle={ruleTitles.get(ruleIdOf(item.categoryCode) ?? '')}
            onTap={(i) => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${i.id}` })}
          />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>
    </PageRoot>
  )
}
