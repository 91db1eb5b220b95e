import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RegionDto } from '@mingbai/shared'
import PageRoot from '../../components/PageRoot'
import StateView from '../../components/StateView'
import SearchBar from '../../components/SearchBar'
import { villagesApi, type VillageHit } from '../../services/villages'
import { chooseVillage } from '../../state/current-village'
import { useLoader } from '../../utils/use-loader'
import './index.scss'

const LEVEL_HINT: Record<string, string> = { city: '请选择县（区）', county: '请选择乡镇', town: '请选择村' }

function choose(id: number) {
  chooseVillage(id)
  void Taro.switchTab({ url: '/pages/index/index' })
}

/** Region cascade (county → town → village) and search by village name. */
export default function ChooseVillage() {
  const [trail, setTrail] = useState<RegionDto[]>([])
  const parent = trail[trail.length - 1]
  const children = useLoader(() => villagesApi.regions(parent?.id), [parent?.id])

  const [searched, setSearched] = useState('')
  const hits = useLoader<VillageHit[]>(() => villagesApi.search(searched), [searched], searched !== '')

  const pick = (r: RegionDto) => (r.level === 'village' ? choose(r.id) : setTrail([...trail, r]))

  return (
    <PageRoot className='choose'>
      <View className='card'>
        <SearchBar placeholder='输入村名搜索' maxlength={30} onSearch={setSearched} />
        {searched ? (
          <StateView
            loading={hits.loading}
            error={hits.error}
            empty={hits.data?.length === 0}
            emptyText={`没有找到“${searched}”`}
            onRetry={hits.reload}
          >
            {(hits.data ?? []).map((h) => (
              <View key={h.id} className='choose__item' onClick={() => choose(h.id)}>
                <Text className='t-body'>{h.name}</Text>
                <Text className='t-small'>{h.path.filter((name, i) => i < h.path.length - 1 || name !== h.name).join(' · ')}</Text>
              </View>
            ))}
          </StateView>
        ) : null}
      </View>

      <View className='card'>
        <View className='choose__trail'>
          <Text className='choose__crumb t-body' onClick={() => setTrail([])}>
            全部
          </Text>
          {trail.map((r, i) => (
            <Text key={r.id} className='choose__crumb t-body' onClick={() => setTrail(trail.slice(0, i + 1))}>
              {' › '}
              {r.name}
            </Text>
          ))}
        </View>
        <Text className='t-small'>{parent ? LEVEL_HINT[parent.level] ?? '请选择' : '请选择地区'}</Text>
        <StateView
          loading={children.loading}
          error={children.error}
          empty={children.data?.length === 0}
          emptyText='这里还没有村庄'
          onRetry={children.reload}
        >
          {(children.data ?? []).map((r) => (
            <View key={r.id} className='choose__item choose__item--row' onClick={() => pick(r)}>
              <Text className='t-body'>{r.name}</Text>
              <Text className='t-small'>{r.level === 'village' ? '选择' : '›'}</Text>
            </View>
          ))}
        </StateView>
      </View>
    </PageRoot>
  )
}
