import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import EntryDetail from '../../components/EntryDetail'
import ReasonForm from '../../components/ReasonForm'
import { currentApprovals } from '../../services/approvals'
import { staffApi, type StaffEntry } from '../../services/staff'
import { staffErrorText } from '../../services/staff-errors'
import { APPROVER_PAGE, useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import './index.scss'

function backToQueue(): void {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: APPROVER_PAGE }))
}

/** One submitted entry in full, to approve (通过) or send back with a reason (退回). */
export default function Review() {
  const session = useStaffSession(['approver'])
  const id = Number((useRouter().params as Record<string, string | undefined>).id)
  const [entry, setEntry] = useState<StaffEntry | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [rejecting, setRejecting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState('')

  const load = async () => {
    setLoadError(null)
    setEntry(null)
    try {
      setEntry(await staffApi.get(id))
    } catch (e) {
      setLoadError(e)
    }
  }

  useEffect(() => {
    if (session) void load()
  }, [])

  if (!session) return <PageRoot />

  const approve = async () => {
    if (!entry) return
    const last = currentApprovals(entry).length + 1 >= entry.approvalsRequired
    const answer = await Taro.showModal({
      title: '审批通过？',
      content: last ? '通过后这笔账将向村民公开，不能撤回。' : '通过后还需乡镇审批人复核。',
      confirmText: '通过',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    setBusy(true)
    setBanner('')
    try {
      const after = await staffApi.approve(entry.id)
      void Taro.showToast({ title: after.status === 'published' ? '已通过并公开' : '已通过，待复核', icon: 'success' })
      backToQueue()
    } catch (e) {
      setBanner(staffErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  const reject = async (reason: string) => {
    if (!entry) return
    setBusy(true)
    setBanner('')
    try {
      await staffApi.reject(entry.id, reason)
      void Taro.showToast({ title: '已退回', icon: 'success' })
      backToQueue()
    } catch (e) {
      setBanner(staffErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageRoot>
      <StateView loading={!entry && !loadError} error={loadError} onRetry={load}>
        {entry ? (
          <View>
            <EntryDetail entry={entry} />
            {banner ? <Text className='t-body sf-banner'>{banner}</Text> : null}
            {entry.status !== 'submitted' ? (
              <Text className='t-body sf-notice'>这笔账已不在待审批状态。</Text>
            ) : rejecting ? (
              <ReasonForm
                placeholder='请填写退回原因'
                confirmText='确认退回'
                busy={busy}
                onConfirm={reject}
                onCancel={() => setRejecting(false)}
              />
            ) : (
              <View className='sf-review__actions'>
                <Button className='sf-btn' onClick={() => setRejecting(true)} disabled={busy || undefined}>
                  退回
                </Button>
                <Button className='btn-primary sf-btn' onClick={approve} loading={busy} disabled={busy || undefined}>
                  通过
                </Button>
              </View>
            )}
          </View>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
