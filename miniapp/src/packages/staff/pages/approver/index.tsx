import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import EntryRow from '../../components/EntryRow'
import StaffHeader from '../../components/StaffHeader'
import ListFooter from '../../components/ListFooter'
import { currentApprovals, formatChinaTime } from '../../services/approvals'
import { useEntryList } from '../../services/entry-list'
import { useImportBatches } from '../../services/import-batches'
import { staffApi, type ImportBatchView, type StaffEntryListItem } from '../../services/staff'
import { staffErrorText } from '../../services/staff-errors'
import { REVIEW_PAGE, useStaffSession } from '../../services/staff-session'
import { REGISTER_PAGES } from '../../services/registers'
import { useVillageNames } from '../../services/village-names'
import '../../components/staff.scss'
import './index.scss'

/** The approver's queue: submitted entries in scope, and import batches to approve as a whole. */
export default function Approver() {
  const session = useStaffSession(['approver'])
  const list = useEntryList('submitted', session !== null)
  const batches = useImportBatches(list.items)
  const villages = useVillageNames(list.items.map((e) => e.villageId))
  const [banner, setBanner] = useState('')
  const [approving, setApproving] = useState<number | null>(null)


  if (!session) return <PageRoot />
  const me = session.user

  const tags = (e: StaffEntryListItem) => {
    const t: string[] = []
    const name = villages.get(e.villageId)
    if (name) t.push(name)
    if (e.importBatchId) t.push(`导入批次#${e.importBatchId}`)
    if (e.approvalsRequired > 1) t.push(`需${e.approvalsRequired}级审批`)
    if (currentApprovals(e).some((a) => a.userId === me.id)) t.push('您已通过，待乡镇复核')
    return t
  }

  const approveBatch = async (b: ImportBatchView) => {
    const answer = await Taro.showModal({
      title: '整批通过？',
      content: `${b.villageName}导入的“${b.fileName}”中 ${b.counts.submitted} 笔待审批的账将全部通过。请确认已核对过这些账目。`,
      confirmText: '整批通过',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    setApproving(b.id)
    setBanner('')
    try {
      const r = await staffApi.approveBatch(b.id)
      const pending = r.pendingSecondApproval ? `，${r.pendingSecondApproval}笔待乡镇复核` : ''
      setBanner(`批次#${b.id}：已通过${r.approved}笔，其中${r.published}笔已公开${pending}`)
      void Taro.showToast({ title: '整批已通过', icon: 'success' })
      batches.refresh()
      void list.reload()
    } catch (e) {
      setBanner(`整批通过失败，没有任何一笔被审批：${staffErrorText(e)}`)
    } finally {
      setApproving(null)
    }
  }

  return (
    <PageRoot>
      <StaffHeader name={me.displayName} />
      <View className='sf-ap__links'>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.review })}>
          台账审核
        </Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.assets })}>
          资产台账
        </Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.contracts })}>
          合同台账
        </Text>
      </View>
      {banner ? <Text className='t-body sf-notice'>{banner}</Text> : null}

      <Text className='t-title sf-section'>导入批次</Text>
      {batches.waiting.length === 0 ? (
        <View className='card'>
          <Text className='t-small'>没有等待审批的导入批次</Text>
        </View>
      ) : (
        batches.waiting.map((b) => (
          <View key={b.id} className='card sf-batch'>
            <Text className='t-body sf-batch__title'>
              批次#{b.id} {b.fileName}
            </Text>
            <Text className='t-small sf-block'>
              {b.villageName} · 导入{b.rowCount}笔 · {formatChinaTime(b.createdAt)}
            </Text>
            <Text className='t-body sf-block'>
              待审批 {b.counts.submitted} 笔，已公开 {b.counts.published} 笔，被退回 {b.counts.rejected} 笔
            </Text>
            <Button
              className='btn-primary sf-btn sf-ap__batch-actions'
              onClick={() => approveBatch(b)}
              loading={approving === b.id}
              disabled={approving !== null || undefined}
            >
              整批通过
            </Button>
          </View>
        ))
      )}

      <Text className='t-title sf-section'>待审批</Text>
      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText='没有等待审批的账目'
        onRetry={list.reload}
      >
        {list.items.map((e) => (
          <EntryRow key={e.id} entry={e} tags={tags(e)} onTap={() => Taro.navigateTo({ url: `${REVIEW_PAGE}?id=${e.id}` })} />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>
    </PageRoot>
  )
}
