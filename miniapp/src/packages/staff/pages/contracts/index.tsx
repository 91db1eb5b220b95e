import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { RegisterStatus } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { useCursorList } from '../../../../utils/use-cursor-list'
import ListFooter from '../../components/ListFooter'
import { ContractItem, STATUS_TABS, Tabs } from '../../components/RegisterItems'
import { REGISTER_LIST_SIZE, REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

/** 合同台账: the village's lease and contracting contracts by review state; 登记合同. */
export default function Contracts() {
  const session = useStaffSession(['bookkeeper', 'approver'])
  const [tab, setTab] = useState<RegisterStatus>('approved')
  const list = useCursorList((cursor) => registersStaffApi.contracts({ status: tab, cursor, limit: REGISTER_LIST_SIZE }), [tab], session !== null)

  if (!session) return <PageRoot />
  const bookkeeper = session.user.role === 'bookkeeper'

  return (
    <PageRoot className='sf-contracts'>
      {bookkeeper ? (
        <Button className='btn-primary sf-big' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.contractForm })}>
          登记合同
        </Button>
      ) : null}
      <View className='sf-reg__links'>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.assets })}>
          资产台账
        </Text>
        {!bookkeeper ? (
          <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.review })}>
            台账审核
          </Text>
        ) : null}
      </View>
      {bookkeeper ? (
        <Text className='t-small sf-notice'>收到租金后：先记一笔收入并经审批公开，再打开合同点“登记收租”，把这笔收入登记到对应的期数。</Text>
      ) : null}

      <Tabs tabs={STATUS_TABS} value={tab} onChange={setTab} />

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText='这里还没有合同'
        onRetry={list.reload}
      >
        {list.items.map((c) => (
          <ContractItem
            key={c.id}
            contract={c}
            tags={[bookkeeper ? undefined : c.villageName, bookkeeper && c.createdBy !== session.user.id ? '他人登记' : undefined].filter((t): t is string => !!t)}
            onTap={() => Taro.navigateTo({ url: `${REGISTER_PAGES.contract}?id=${c.id}` })}
          />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>

      {bookkeeper ? (
        <View className='card sf-contracts__import'>
          <Text className='t-body sf-section'>批量导入</Text>
          <Text className='t-small sf-block'>
            合同较多时，可以通过导入接口（POST /api/staff/contracts/import，见《报账员使用说明》）把表格（CSV 或 Excel）一次导入：第一行依次写 合同编号、资产编号、类型、承租方类型、承租方、起始日期、终止日期、付款方式、年租金(元)、押金(元)、面积(平方米)、发包方式、备注。
          </Text>
          <Text className='t-small sf-reg__hint'>导入的合同直接提交审核；身份证号码不能通过表格导入，需要时请在合同里逐个填写。</Text>
        </View>
      ) : null}
    </PageRoot>
  )
}
