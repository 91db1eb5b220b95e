import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  ASSET_KIND_LABELS,
  ASSET_USAGE_LABELS,
  CONTRACT_PHASE_LABELS,
  formatFen,
  type AssetKind,
  type AssetUsage,
  type ContractPhase,
  type RegisterSummaryDto,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { REGISTER_PAGE_SIZE, registersApi } from '../../../../services/registers'
import { villagesApi } from '../../../../services/villages'
import { goChooseVillage, resolveVillageId } from '../../../../state/current-village'
import { villageIdFromLaunch } from '../../../../state/village'
import { useLoader } from '../../../../utils/use-loader'
import AssetRow from '../../components/AssetRow'
import Chips, { choices } from '../../components/Chips'
import ContractRow from '../../components/ContractRow'
import { usePublicList } from '../../services/use-public-list'
import '../../components/village.scss'

type Tab = 'assets' | 'contracts'

function Summary({ s, onOverdue }: { s: RegisterSummaryDto; onOverdue: () => void }) {
  const usage = (Object.keys(ASSET_USAGE_LABELS) as AssetUsage[]).map((u) => `${ASSET_USAGE_LABELS[u]} ${s.byUsage[u] ?? 0}`).join(' · ')
  return (
    <View className='card vg-summary'>
      <View className='vg-summary__grid'>
        <View className='vg-summary__cell'>
          <Text className='t-small'>资产资源</Text>
          <Text className='t-money vg-summary__assets'>{s.assetCount}项</Text>
        </View>
        <View className='vg-summary__cell'>
          <Text className='t-small'>账面价值合计</Text>
          <Text className='t-money vg-summary__value'>{formatFen(s.bookValueFen)}</Text>
        </View>
        <View className='vg-summary__cell'>
          <Text className='t-small'>合同（履行中）</Text>
          <Text className='t-money vg-summary__contracts'>
            {s.contractCount}份（{s.activeContractCount}）
          </Text>
        </View>
        <View className='vg-summary__cell'>
          <Text className='t-small'>到期应收租金 / 已收</Text>
          <Text className='t-body vg-summary__rent'>
            {formatFen(s.dueFen)} / <Text className='t-income'>{formatFen(s.receivedFen)}</Text>
          </Text>
        </View>
      </View>
      <Text className='t-small vg-summary__line'>{usage}</Text>
      {s.overdueContractCount > 0 ? (
        <Text className='t-body vg-summary__overdue' onClick={onOverdue}>
          有{s.overdueContractCount}份合同租金逾期未收，点此查看 ›
        </Text>
      ) : null}
    </View>
  )
}

function Footer({ count, cursor, loading, error, onMore }: { count: number; cursor: string | null; loading: boolean; error: unknown; onMore: () => void }) {
  if (count === 0) return null
  return (
    <View className='vg-footer'>
      {error ? (
        <StateView loading={false} error={error} onRetry={onMore} />
      ) : loading ? (
        <Text className='t-small'>正在加载…</Text>
      ) : cursor ? (
        <Button className='btn-secondary' onClick={onMore}>
          加载更多
        </Button>
      ) : (
        <Text className='t-small'>没有更多了</Text>
      )}
    </View>
  )
}

/**
 * 集体资产: the village's register of collective assets and resources and its lease and contracting
 * contracts, as the public may see them. A summary, then two tabs with filters and pages loaded on scroll.
 */
export default function Registers() {
  const params = useRouter().params as Record<string, string | undefined>
  const [villageId] = useState<number | null>(() => villageIdFromLaunch({ v: params.v }) ?? resolveVillageId(params))
  const [tab, setTab] = useState<Tab>(params.tab === 'contracts' ? 'contracts' : 'assets')
  const [kind, setKind] = useState<AssetKind | undefined>(undefined)
  const [usage, setUsage] = useState<AssetUsage | undefined>(undefined)
  const [phase, setPhase] = useState<ContractPhase | undefined>(undefined)
  const [overdue, setOverdue] = useState(params.overdue === '1')
  const has = villageId !== null

  const village = useLoader(() => villagesApi.village(villageId!), [villageId], has)
  const summary = useLoader(() => registersApi.summary(villageId!), [villageId], has)
  const assets = usePublicList(
    (cursor) => registersApi.assets(villageId!, { kind, usage, cursor, limit: REGISTER_PAGE_SIZE }),
    [villageId, kind, usage],
    has && tab === 'assets',
  )
  const contracts = usePublicList(
    (cursor) => registersApi.contracts(villageId!, { phase, overdue, cursor, limit: REGISTER_PAGE_SIZE }),
    [villageId, phase, overdue],
    has && tab === 'contracts',
  )

  usePullDownRefresh(async () => {
    try {
      await Promise.all([summary.reload(), tab === 'assets' ? assets.reload() : contracts.reload()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!has)
    return (
      <PageRoot>
        <View className='card'>
          <Text className='t-body vg-detail__note'>请先选择您所在的村。</Text>
          <Button className='btn-primary' onClick={goChooseVillage}>
            选择村庄
          </Button>
        </View>
      </PageRoot>
    )

  const showOverdue = () => {
    setTab('contracts')
    setPhase(undefined)
    setOverdue(true)
  }
  const list = tab === 'assets' ? assets : contracts
  const filtered = tab === 'assets' ? !!(kind || usage) : !!(phase || overdue)

  return (
    <PageRoot className='vg-registers'>
      {village.data ? (
        <View className='vg-head'>
          <Text className='t-title vg-head__name'>{village.data.name} · 集体资产资源和合同</Text>
          <Text className='t-small'>由报账员登记、村主任或乡镇代理会计审核后公开；个人承包、承租人的姓名隐去部分字。</Text>
        </View>
      ) : null}

      <StateView loading={summary.loading && !summary.data} error={summary.error} onRetry={summary.reload}>
        {summary.data ? <Summary s={summary.data} onOverdue={showOverdue} /> : null}
      </StateView>

      <View className='vg-tabs'>
        {(
          [
            ['assets', '资产'],
            ['contracts', '合同'],
          ] as [Tab, string][]
        ).map(([t, label]) => (
          <View key={t} className={`vg-tabs__item vg-tabs__item--${t} ${t === tab ? 'vg-tabs__item--on' : ''}`} onClick={() => setTab(t)}>
            <Text className='t-body'>{label}</Text>
          </View>
        ))}
      </View>

      <View className='card vg-filters'>
        {tab === 'assets' ? (
          <>
            <Chips className='vg-filters__kind' options={choices<AssetKind>(ASSET_KIND_LABELS, '全部类别')} value={kind} onChange={setKind} />
            <Chips className='vg-filters__usage' options={choices<AssetUsage>(ASSET_USAGE_LABELS, '全部状态')} value={usage} onChange={setUsage} />
          </>
        ) : (
          <>
            <Chips className='vg-filters__phase' options={choices<ContractPhase>(CONTRACT_PHASE_LABELS)} value={phase} onChange={setPhase} />
            <View className='vg-filters__row'>
              <View className={`vg-chip vg-filters__overdue ${overdue ? 'vg-chip--on' : ''}`} onClick={() => setOverdue(!overdue)}>
                <Text className='t-body'>只看租金逾期</Text>
              </View>
            </View>
          </>
        )}
      </View>

      <View className={`card vg-list vg-list--${tab}`}>
        <StateView
          loading={list.loading && list.items.length === 0}
          error={list.items.length === 0 ? list.error : null}
          empty={list.loaded && list.items.length === 0}
          emptyText={
            filtered ? '没有符合条件的记录' : tab === 'assets' ? '本村还没有公开的集体资产资源' : '本村还没有公开的发包、租赁合同'
          }
          onRetry={list.reload}
        >
          {tab === 'assets'
            ? assets.items.map((a) => <AssetRow key={a.id} asset={a} />)
            : contracts.items.map((c) => <ContractRow key={c.id} contract={c} />)}
        </StateView>
        <Footer count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </View>
    </PageRoot>
  )
}
