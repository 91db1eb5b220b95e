import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { formatFen, todayInChina } from '@mingbai/shared'
import PageRoot from '../../components/PageRoot'
import StateView from '../../components/StateView'
import MonthBars from '../../components/MonthBars'
import EntryRow from '../../components/EntryRow'
import VerifyBadge from '../../components/VerifyBadge'
import YearSwitch from '../../components/YearSwitch'
import SubjectBreakdown from '../../components/SubjectBreakdown'
import { villagesApi } from '../../services/villages'
import { reportFormUrl } from '../../services/reports'
import { registersUrl } from '../../services/registers'
import { goChooseVillage, resolveVillageId } from '../../state/current-village'
import { useLoader } from '../../utils/use-loader'
import { allVerified, verifyEntries } from '../../utils/verify'
import './index.scss'

const LATEST = 10

export default function Home() {
  const router = useRouter()
  const thisYear = Number(todayInChina().slice(0, 4))
  const [villageId, setVillageId] = useState<number | null>(() => resolveVillageId(router.params))
  const [year, setYear] = useState(thisYear)

  // Back from 选择村庄 (or another tab) the chosen village may have changed.
  useDidShow(() => setVillageId(resolveVillageId(router.params)))

  const village = useLoader(() => villagesApi.village(villageId!), [villageId], villageId !== null)
  const summary = useLoader(() => villagesApi.summary(villageId!, year), [villageId, year], villageId !== null)
  const latest = useLoader(() => villagesApi.entries(villageId!, { limit: LATEST }), [villageId], villageId !== null)

  usePullDownRefresh(async () => {
    try {
      await Promise.all([village.reload(), summary.reload(), latest.reload()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const verdicts = useMemo(
    () => verifyEntries(latest.data?.items ?? [], village.data?.chainHead),
    [latest.data, village.data],
  )

  if (villageId === null)
    return (
      <PageRoot>
        <View className='card home-welcome'>
          <Text className='t-title'>明白账 · 村集体账目公开</Text>
          <Text className='t-body home-welcome__text'>请先选择您所在的村，查看本村每一笔收入和支出。</Text>
          <Button className='btn-primary' onClick={goChooseVillage}>
            选择村庄
          </Button>
        </View>
      </PageRoot>
    )

  const v = village.data
  const minYear = v?.ledgerStart ? Number(v.ledgerStart.slice(0, 4)) : thisYear - 5
  return (
    <PageRoot className='home' keepFirstPaint={summary.loading && !summary.data && !summary.error}>
      <StateView loading={village.loading && !v} error={village.error} onRetry={village.reload}>
        {v ? (
          <View className='home-head'>
            <View className='home-head__name'>
              <Text className='village-name t-title'>{v.name}</Text>
              <Text className='home-head__change t-small' onClick={goChooseVillage}>
                切换村庄 ›
              </Text>
            </View>
            <Text className='t-small'>{v.path.map((r) => r.name).join(' · ')}</Text>
          </View>
        ) : null}
      </StateView>

      <YearSwitch year={year} min={Math.min(minYear, thisYear)} max={thisYear} onChange={setYear} />

      <StateView loading={summary.loading && !summary.data} error={summary.error} onRetry={summary.reload}>
        {summary.data ? (
          <>
            <View className='card totals'>
              <View className='totals__item'>
                <Text className='t-small'>本年收入</Text>
                <Text className='totals__income t-money t-income'>{formatFen(summary.data.incomeFen)}</Text>
              </View>
              <View className='totals__item'>
                <Text className='t-small'>本年支出</Text>
                <Text className='totals__expense t-money t-expense'>{formatFen(summary.data.expenseFen)}</Text>
              </View>
              <View className='totals__item'>
                <Text className='t-small'>年末结余（年初 {formatFen(summary.data.openingBalanceFen)}）</Text>
                <Text className='totals__balance t-money'>{formatFen(summary.data.closingBalanceFen)}</Text>
              </View>
            </View>
            <View className='card'>
              <Text className='t-title card__title'>每月收支</Text>
              <MonthBars data={summary.data.months} />
            </View>
            <SubjectBreakdown subjects={summary.data.subjects} />
          </>
        ) : null}
      </StateView>

      <View className='card'>
        <Text className='t-title card__title'>最新收支</Text>
        <StateView
          loading={latest.loading && !latest.data}
          error={latest.error}
          empty={latest.data?.items.length === 0}
          emptyText='本村还没有公开的收支'
          onRetry={latest.reload}
        >
          {latest.data && latest.data.items.length > 0 ? (
            <>
              <VerifyBadge
                ok={allVerified(verdicts)}
                explain={
                  allVerified(verdicts)
                    ? `手机已重新计算这${verdicts.size}条的“数字指纹”，与公开账本一致，没有被改动。`
                    : '有的记录重新计算后与公开账本不一致，请点开查看，点“我要举报”告诉纪检监察部门。'
                }
              />
              {latest.data.items.map((e) => (
                <EntryRow key={e.id} entry={e} verdict={verdicts.get(e.id)} />
              ))}
            </>
          ) : null}
        </StateView>
        <Button className='btn-secondary home-all' onClick={() => Taro.switchTab({ url: '/pages/ledger/index' })}>
          查看全部收支
        </Button>
      </View>

      <View className='card home-registers' onClick={() => Taro.navigateTo({ url: registersUrl(villageId) })}>
        <View className='home-registers__text'>
          <Text className='t-title'>集体资产</Text>
          <Text className='t-small home-registers__hint'>房屋、土地、鱼塘、林地，发包租赁合同和租金收取情况</Text>
        </View>
        <Text className='t-title home-registers__arrow'>›</Text>
      </View>

      <View className='home-report' onClick={() => Taro.navigateTo({ url: reportFormUrl({ villageId, subjectType: 'village' }) })}>
        <Text className='t-small'>发现村务、账目有问题？</Text>
        <Text className='t-small home-report__link'>我要举报</Text>
        <Text className='t-small home-report__arrow'> ›</Text>
      </View>
    </PageRoot>
  )
}
