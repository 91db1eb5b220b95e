import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PublicEntryDto } from '@mingbai/shared'
import PageRoot from '../../components/PageRoot'
import StateView from '../../components/StateView'
import EntryRow from '../../components/EntryRow'
import VerifyBadge from '../../components/VerifyBadge'
import LedgerFilters, { type LedgerFilter } from '../../components/LedgerFilters'
import { villagesApi } from '../../services/villages'
import { goChooseVillage, resolveVillageId } from '../../state/current-village'
import { allVerified, verifyEntries } from '../../utils/verify'
import './index.scss'

const PAGE_SIZE = 20

interface ListState {
  items: PublicEntryDto[]
  cursor: string | null
  done: boolean
}

const EMPTY: ListState = { items: [], cursor: null, done: false }

export default function Ledger() {
  const router = useRouter()
  const [villageId, setVillageId] = useState<number | null>(() => resolveVillageId(router.params))
  const [filter, setFilter] = useState<LedgerFilter>({})
  const [list, setList] = useState<ListState>(EMPTY)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)
  // Each (village, filter) gets a generation; pages from an older one are dropped.
  const generation = useRef(0)
  const busy = useRef(false)

  useDidShow(() => setVillageId(resolveVillageId(router.params)))

  const loadMore = useCallback(
    async (from: ListState, gen: number) => {
      if (villageId === null || from.done || busy.current) return
      busy.current = true
      setLoading(true)
      setError(null)
      try {
        const page = await villagesApi.entries(villageId, { ...filter, cursor: from.cursor ?? undefined, limit: PAGE_SIZE })
        if (gen !== generation.current) return
        setList({ items: [...from.items, ...page.items], cursor: page.nextCursor, done: page.nextCursor === null })
      } catch (e) {
        if (gen === generation.current) setError(e)
      } finally {
        busy.current = false
        if (gen === generation.current) setLoading(false)
      }
    },
    [villageId, filter],
  )

  const restart = useCallback(async () => {
    const gen = ++generation.current
    busy.current = false
    setList(EMPTY)
    await loadMore(EMPTY, gen)
  }, [loadMore])

  useEffect(() => {
    void restart()
  }, [restart])

  useReachBottom(() => {
    if (!error) void loadMore(list, generation.current)
  })

  usePullDownRefresh(async () => {
    try {
      await restart()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const verdicts = useMemo(() => verifyEntries(list.items), [list.items])

  if (villageId === null)
    return (
      <PageRoot>
        <View className='card'>
          <Text className='t-body'>请先选择您所在的村。</Text>
          <Button className='btn-primary' onClick={goChooseVillage}>
            选择村庄
          </Button>
        </View>
      </PageRoot>
    )

  const firstLoad = list.items.length === 0 && !list.done
  return (
    <PageRoot className='ledger'>
      <LedgerFilters villageId={villageId} value={filter} onChange={setFilter} />
      <View className='card'>
        <StateView
          loading={firstLoad && loading}
          error={firstLoad ? error : null}
          empty={list.done && list.items.length === 0}
          emptyText='没有符合条件的收支'
          onRetry={restart}
        >
          {list.items.length > 0 ? (
            <>
              <VerifyBadge
                ok={allVerified(verdicts)}
                okText={`已校验本页${verdicts.size}条`}
                badText='有记录校验未通过'
              />
              {list.items.map((e) => (
                <EntryRow key={e.id} entry={e} verdict={verdicts.get(e.id)} />
              ))}
            </>
          ) : null}
        </StateView>
        {list.items.length > 0 ? (
          <View className='ledger__footer'>
            {error ? (
              <StateView loading={false} error={error} onRetry={() => loadMore(list, generation.current)} />
            ) : loading ? (
              <Text className='t-small'>正在加载…</Text>
            ) : list.done ? (
              <Text className='t-small'>没有更多了</Text>
            ) : (
              <Button className='btn-secondary' onClick={() => loadMore(list, generation.current)}>
                加载更多
              </Button>
            )}
          </View>
        ) : null}
      </View>
    </PageRoot>
  )
}
