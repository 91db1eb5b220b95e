import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { ASSET_KIND_LABELS, ASSET_USAGE_LABELS, formatFen, type AssetDto } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { formatDate } from '../../../../utils/format'
import { formatArea } from '../../../../utils/register-format'
import { useCursorList } from '../../../../utils/use-cursor-list'
import ListFooter from '../../components/ListFooter'
import ReasonForm from '../../components/ReasonForm'
import { AssetItem, ContractItem, StatusTag, Tabs } from '../../components/RegisterItems'
import { formatChinaTime } from '../../services/approvals'
import { registerErrorText } from '../../services/register-errors'
import { assetChangeList } from '../../services/register-review-model'
import { REGISTER_LIST_SIZE, REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

type Tab = 'assets' | 'contracts'
const TABS: { status: Tab; label: string }[] = [
  { status: 'assets', label: '资产' },
  { status: 'contracts', label: '合同' },
]

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className='sf-line'>
      <Text className='t-small sf-line__label'>{label}</Text>
      <Text className='t-body sf-line__value'>{value}</Text>
    </View>
  )
}

/** An asset waiting for a decision: the record, or its pending change as before → after; 通过 / 退回. */
function AssetReview({ asset, onClose, onDecided }: { asset: AssetDto; onClose: () => void; onDecided: (text: string) => void }) {
  const [rejecting, setRejecting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const changes = assetChangeList(asset)
  const isChange = asset.status === 'approved' && !!asset.pendingChange

  const decide = async (run: () => Promise<unknown>, text: string) => {
    setBusy(true)
    setError('')
    try {
      await run()
      onDecided(text)
    } catch (e) {
      setError(registerErrorText(e))
    } finally {
      setBusy(false)
    }
  }
  const approve = async () => {
    const answer = await Taro.showModal({
      title: isChange ? '同意这项修改？' : '审核通过？',
      content: isChange ? '通过后公开的资产信息将按修改后的内容显示。' : '通过后这项资产将向村民公开。',
      confirmText: '通过',
      cancelText: '取消',
    })
    if (answer.confirm) void decide(() => registersStaffApi.approveAsset(asset.id), isChange ? '已同意修改' : '已通过')
  }

  return (
    <View className='sf-panel sf-asset-review'>
      <View className='sf-header'>
        <Text className='t-title'>{isChange ? '资产修改审核' : '资产审核'}</Text>
        <Text className='t-body sf-link' onClick={onClose}>
          关闭
        </Text>
      </View>
      <View className='card'>
        <View className='sf-row__top'>
          <Text className='t-small'>
            {asset.villageName} · 编号 {asset.code}
          </Text>
          <StatusTag status={asset.status} />
        </View>
        <Text className='t-title sf-reg__title'>{asset.name}</Text>
        <Text className='t-small sf-block'>
          登记于 {formatChinaTime(asset.createdAt)}
          {asset.importBatchId ? ` · 导入批次#${asset.importBatchId}` : ''}
        </Text>
      </View>
      {isChange ? (
        <View className='card sf-asset-review__changes'>
          <Text className='t-body sf-section'>申请修改的内容（{formatChinaTime(asset.pendingChange!.requestedAt)}）</Text>
          {changes.length === 0 ? <Text className='t-small'>没有实际变化</Text> : null}
          {changes.map((c) => (
            <View key={c.field} className={`sf-change sf-change--${c.field}`}>
              <Text className='t-small sf-change__label'>{c.label}</Text>
              <Text className='t-body sf-change__before'>{c.before}</Text>
              <Text className='t-body'> → </Text>
              <Text className='t-body sf-change__after'>{c.after}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='card'>
        {isChange ? <Text className='t-small sf-block'>现在公开的内容：</Text> : null}
        <Line label='类别' value={ASSET_KIND_LABELS[asset.kind]} />
        <Line label='坐落位置' value={asset.location} />
        <Line label='面积' value={formatArea(asset.areaM2, asset.kind)} />
        <Line label='账面价值' value={formatFen(asset.bookValueFen)} />
        <Line label='使用状态' value={ASSET_USAGE_LABELS[asset.usage]} />
        <Line label='取得日期' value={asset.acquiredOn ? formatDate(asset.acquiredOn) : '未登记'} />
        {asset.note ? <Line label='备注' value={asset.note} /> : null}
      </View>
      {error ? <Text className='t-body sf-banner'>{error}</Text> : null}
      {rejecting ? (
        <ReasonForm
          placeholder='请填写退回原因'
          confirmText='确认退回'
          busy={busy}
          onConfirm={(reason) => decide(() => registersStaffApi.rejectAsset(asset.id, reason), '已退回')}
          onCancel={() => setRejecting(false)}
        />
      ) : (
        <View className='sf-actions sf-review__actions'>
          <Button className='sf-btn' onClick={() => setRejecting(true)} disabled={busy || undefined}>
            退回
          </Button>
          <Button className='btn-primary sf-btn' onClick={approve} loading={busy} disabled={busy || undefined}>
            通过
          </Button>
        </View>
      )}
    </View>
  )
}

/**
 * 台账审核 (approvers): assets and contracts waiting for a decision, new records and changes to
 * approved ones (an asset's fields, a contract's termination). An asset is decided here; a
 * contract opens on its own page with its schedule.
 */
export default function RegisterReview() {
  const session = useStaffSession(['approver'])
  const [tab, setTab] = useState<Tab>('assets')
  const [open, setOpen] = useState<AssetDto | null>(null)
  const [notice, setNotice] = useState('')
  const [approving, setApproving] = useState<number | null>(null)
  const enabled = session !== null
  const assets = useCursorList(
    (cursor) => registersStaffApi.assets({ awaitingReview: true, cursor, limit: REGISTER_LIST_SIZE }),
    [],
    enabled && tab === 'assets',
  )
  const contracts = useCursorList(
    (cursor) => registersStaffApi.contracts({ awaitingReview: true, cursor, limit: REGISTER_LIST_SIZE }),
    [],
    enabled && tab === 'contracts',
  )

  if (!session) return <PageRoot />
  const list = tab === 'assets' ? assets : contracts
  const batches = [...new Set(list.items.map((x) => x.importBatchId).filter((b): b is number => b !== null))].sort((a, b) => a - b)

  const approveBatch = async (batchId: number) => {
    const what = tab === 'assets' ? '资产' : '合同'
    const answer = await Taro.showModal({
      title: '整批通过？',
      content: `导入批次#${batchId}中等待审核的${what}将全部通过并向村民公开。请确认已核对过。`,
      confirmText: '整批通过',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    setApproving(batchId)
    try {
      const r = tab === 'assets' ? await registersStaffApi.approveAssetBatch(batchId) : await registersStaffApi.approveContractBatch(batchId)
      setNotice(`导入批次#${batchId}：已通过${r.approved}条${what}`)
      void Taro.showToast({ title: '整批已通过', icon: 'success' })
      void list.reload()
    } catch (e) {
      setNotice(`整批通过失败，没有任何一条被审核：${registerErrorText(e)}`)
    } finally {
      setApproving(null)
    }
  }
  const tags = (x: { villageName: string; importBatchId: number | null }) =>
    [x.villageName, x.importBatchId ? `导入批次#${x.importBatchId}` : undefined].filter((t): t is string => !!t)

  return (
    <PageRoot className='sf-register-review'>
      <View className='sf-reg__links'>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.assets })}>
          资产台账
        </Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.contracts })}>
          合同台账
        </Text>
      </View>
      {notice ? <Text className='t-body sf-notice'>{notice}</Text> : null}
      <Tabs tabs={TABS} value={tab} onChange={setTab} />

      {batches.map((b) => (
        <View key={b} className='card sf-batch sf-register-review__batch'>
          <Text className='t-body sf-batch__title'>导入批次#{b}</Text>
          <Text className='t-small sf-block'>本页有{list.items.filter((x) => x.importBatchId === b).length}条来自这个批次，核对后可以整批通过。</Text>
          <Button className='btn-primary sf-btn sf-register-review__batch-approve' onClick={() => approveBatch(b)} loading={approving === b} disabled={approving !== null || undefined}>
            整批通过
          </Button>
        </View>
      ))}

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText={tab === 'assets' ? '没有等待审核的资产' : '没有等待审核的合同'}
        onRetry={list.reload}
      >
        {tab === 'assets'
          ? assets.items.map((a) => <AssetItem key={a.id} asset={a} tags={tags(a)} onTap={setOpen} />)
          : contracts.items.map((c) => (
              <ContractItem key={c.id} contract={c} tags={tags(c)} onTap={() => Taro.navigateTo({ url: `${REGISTER_PAGES.contract}?id=${c.id}` })} />
            ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>

      {open ? (
        <AssetReview
          asset={open}
          onClose={() => setOpen(null)}
          onDecided={(text) => {
            void Taro.showToast({ title: text, icon: 'success' })
            setNotice(`${open.name}：${text}`)
            setOpen(null)
            void assets.reload()
          }}
        />
      ) : null}
    </PageRoot>
  )
}
