import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { RegisterStatus } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { useCursorList } from '../../../../utils/use-cursor-list'
import ListFooter from '../../components/ListFooter'
import { AssetItem, STATUS_TABS, Tabs } from '../../components/RegisterItems'
import { REGISTER_LIST_SIZE, REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

/** 资产台账: the village's assets and resources by review state; 登记资产; how to import many at once. */
export default function Assets() {
  const session = useStaffSession(['bookkeeper', 'approver'])
  // Approvers never see other people's drafts: they start on what is in force.
  const [tab, setTab] = useState<RegisterStatus>(() => (session?.user.role === 'approver' ? 'approved' : 'draft'))
  const list = useCursorList((cursor) => registersStaffApi.assets({ status: tab, cursor, limit: REGISTER_LIST_SIZE }), [tab], session !== null)

  if (!session) return <PageRoot />
  const bookkeeper = session.user.role === 'bookkeeper'

  return (
    <PageRoot className='sf-assets'>
      {bookkeeper ? (
        <Button className='btn-primary sf-big' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.assetForm })}>
          登记资产
        </Button>
      ) : null}
      <View className='sf-reg__links'>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.contracts })}>
          合同台账
        </Text>
        {!bookkeeper ? (
          <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.review })}>
            台账审核
          </Text>
        ) : null}
      </View>

      <Tabs tabs={STATUS_TABS} value={tab} onChange={setTab} />

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText='这里还没有资产'
        onRetry={list.reload}
      >
        {list.items.map((a) => (
          <AssetItem
            key={a.id}
            asset={a}
            tags={[bookkeeper ? undefined : a.villageName, bookkeeper && a.createdBy !== session.user.id ? '他人登记' : undefined].filter((t): t is string => !!t)}
            onTap={() => Taro.navigateTo({ url: `${REGISTER_PAGES.assetForm}?id=${a.id}` })}
          />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>

      {bookkeeper ? (
        <View className='card sf-assets__import'>
          <Text className='t-body sf-section'>批量导入</Text>
          <Text className='t-small sf-block'>
            资产较多时，可以通过导入接口（POST /api/staff/assets/import，见《报账员使用说明》）把表格（CSV 或 Excel）一次导入：第一行依次写 资产编号、名称、类别、坐落位置、面积(平方米)、账面价值(元)、使用状态、取得日期、备注。
          </Text>
          <Text className='t-small sf-reg__hint'>
            整张表格要么全部导入，要么一条也不导入，有错误时会逐行说明。导入的资产直接提交审核，审核通过后向村民公开。
          </Text>
        </View>
      ) : null}
    </PageRoot>
  )
}
