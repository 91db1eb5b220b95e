import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Picker } from '@tarojs/components'
import { CASE_STATUS_LABELS, CASE_STATUSES, DEFAULT_REPORT_CATEGORIES, type CaseStatus, type InboxItemDto, type ReportCategoryDto } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import SearchBar from '../../../../components/SearchBar'
import StaffHeader from '../../../staff/components/StaffHeader'
import ListFooter from '../../../staff/components/ListFooter'
import Chips, { ToggleChip } from '../../components/Chips'
import InboxRow from '../../components/InboxRow'
import { useInboxList, type InboxFilter } from '../../services/inbox-list'
import { inspectorApi } from '../../services/inspector-api'
import { DETAIL_PAGE, STATS_PAGE, useInspectorSession } from '../../services/inspector-session'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

type StatusChoice = CaseStatus | 'all'
const STATUS_OPTIONS: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: '全部' },
  ...CASE_STATUSES.map((s) => ({ value: s as StatusChoice, label: CASE_STATUS_LABELS[s] })),
]

/** Villages seen in the inbox so far (the scope's villages with reports), for the village filter. */
function useSeenVillages(items: InboxItemDto[]): { id: number; name: string }[] {
  const [seen, setSeen] = useState<Map<number, string>>(new Map())
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
  const extra = items.filter((i) => !list.some((c) => c.code === i.categoryCode)).map((i) => ({ code: i.categoryCode, label: i.categoryLabel }))
  return [...list, ...extra.filter((c, k) => extra.findIndex((x) => x.code === c.code) === k)]
}

/** The discipline office's inbox: reports in scope, filtered, newest first, a page at a time. */
export default function Inbox() {
  const session = useInspectorSession()
  const [filter, setFilter] = useState<InboxFilter>({})
  const list = useInboxList(filter, session !== null)
  const villages = useSeenVillages(list.items)
  const categories = useCategories(list.items)

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
  const filtered = Object.keys(filter).length > 0

  return (
    <PageRoot className='ip-inbox'>
      <StaffHeader name={session.user.displayName} />
      <View className='ip-title-row'>
        <Text className='t-title'>举报受理</Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: STATS_PAGE })}>
          统计分析
        </Text>
      </View>

      <View className='card'>
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
          {filtered ? (
            <Text className='t-body sf-link ip-picker' onClick={() => setFilter({})}>
              清除筛选
            </Text>
          ) : null}
        </View>
        <SearchBar placeholder='搜索举报内容和往来消息' maxlength={100} initial={filter.q} onSearch={(q) => change({ q: q || undefined })} />
      </View>

      {list.loaded ? <Text className='t-body ip-inbox__total'>共 {list.total} 件</Text> : null}

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText={filtered ? '没有符合条件的举报' : '暂时没有举报'}
        onRetry={list.reload}
      >
        {list.items.map((item) => (
          <InboxRow key={item.id} item={item} onTap={(i) => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${i.id}` })} />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>
    </PageRoot>
  )
}
