import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { EntryStatus } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import EntryRow from '../../components/EntryRow'
import StaffHeader from '../../components/StaffHeader'
import ListFooter from '../../components/ListFooter'
import EntryDetail from '../../components/EntryDetail'
import ReasonForm from '../../components/ReasonForm'
import { useEntryList } from '../../services/entry-list'
import { staffApi, type StaffEntry, type StaffEntryListItem } from '../../services/staff'
import { staffErrorText } from '../../services/staff-errors'
import { ENTRY_FORM_PAGE, POSTER_PAGE, useStaffSession } from '../../services/staff-session'
import { REGISTER_PAGES } from '../../services/registers'
import '../../components/staff.scss'
import './index.scss'

const TABS: { status: EntryStatus; label: string }[] = [
  { status: 'draft', label: '草稿' },
  { status: 'submitted', label: '待审核' },
  { status: 'rejected', label: '被退回' },
  { status: 'published', label: '已公开' },
]

/** The bookkeeper's desk: entries by status, 记一笔, and corrections of published entries (红字冲销). */
export default function Bookkeeper() {
  const session = useStaffSession(['bookkeeper'])
  const [tab, setTab] = useState<EntryStatus>('draft')
  const list = useEntryList(tab, session !== null)
  const [detail, setDetail] = useState<{ id: number; entry: StaffEntry | null; error: unknown; loading: boolean } | null>(null)
  const [reversing, setReversing] = useState(false)
  const [actionError, setActionError] = useState('')
  const [busy, setBusy] = useState(false)


  if (!session) return <PageRoot />
  const me = session.user

  const openDetail = async (id: number) => {
    setDetail({ id, entry: null, error: null, loading: true })
    setReversing(false)
    setActionError('')
    try {
      setDetail({ id, entry: await staffApi.get(id), error: null, loading: false })
    } catch (e) {
      setDetail({ id, entry: null, error: e, loading: false })
    }
  }

  const tap = (e: StaffEntryListItem) => {
    const editable = (e.status === 'draft' || e.status === 'rejected') && e.createdBy === me.id
    if (editable) void Taro.navigateTo({ url: `${ENTRY_FORM_PAGE}?id=${e.id}` })
    else void openDetail(e.id)
  }

  const reverse = async (reason: string) => {
    if (!detail?.entry) return
    setBusy(true)
    setActionError('')
    try {
      await staffApi.reverse(detail.entry.id, reason)
      void Taro.showToast({ title: '冲销已提交审核', icon: 'success' })
      setDetail(null)
      setReversing(false)
      void list.reload()
    } catch (e) {
      setActionError(staffErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  const canReverse = (e: StaffEntry) => e.status === 'published' && e.reversesId === null

  return (
    <PageRoot>
      <StaffHeader name={me.displayName} />
      <Button className='btn-primary sf-big' onClick={() => Taro.navigateTo({ url: ENTRY_FORM_PAGE })}>
        记一笔
      </Button>
      <View className='sf-bk__links'>
        <Text
          className='t-body sf-link'
          onClick={() => Taro.navigateTo({ url: `${POSTER_PAGE}${me.regionId ? `?v=${me.regionId}` : ''}` })}
        >
          村务公开海报
        </Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.assets })}>
          资产台账
        </Text>
        <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: REGISTER_PAGES.contracts })}>
          合同台账
        </Text>
      </View>

      <View className='sf-tabs'>
        {TABS.map((t) => (
          <View
            key={t.status}
            className={`sf-tabs__item ${t.status === tab ? 'sf-tabs__item--on' : ''}`}
            onClick={() => setTab(t.status)}
          >
            <Text className='t-body'>{t.label}</Text>
          </View>
        ))}
      </View>

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText='这里还没有记录'
        onRetry={list.reload}
      >
        {list.items.map((e) => (
          <EntryRow key={e.id} entry={e} tags={e.createdBy === me.id ? [] : ['他人录入']} onTap={tap} />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>

      {detail ? (
        <View className='sf-panel'>
            <View className='sf-header'>
              <Text className='t-title'>账目详情</Text>
              <Text className='t-body sf-link' onClick={() => setDetail(null)}>
                关闭
              </Text>
            </View>
            <StateView
              loading={detail.loading}
              error={detail.error}
              onRetry={() => openDetail(detail.id)}
            >
              {detail.entry ? (
                <View>
                  <EntryDetail entry={detail.entry} />
                  {actionError ? <Text className='t-body sf-banner'>{actionError}</Text> : null}
                  {canReverse(detail.entry) && !reversing ? (
                    <View className='card'>
                      <Text className='t-small'>
                        已公开的账目不能修改。如有错误，请做红字冲销：生成一笔金额相同的冲销记录，经审批后公开。
                      </Text>
                      <Button className='btn-primary sf-big' onClick={() => setReversing(true)}>
                        红字冲销
                      </Button>
                    </View>
                  ) : null}
                  {reversing ? (
                    <ReasonForm
                      placeholder='请填写冲销原因'
                      confirmText='确认冲销'
                      busy={busy}
                      onConfirm={reverse}
                      onCancel={() => setReversing(false)}
                    />
                  ) : null}
                </View>
              ) : null}
            </StateView>
        </View>
      ) : null}
    </PageRoot>
  )
}
