import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { formatReceiptCode } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import { REPORT_PAGES } from '../../../../services/reports'
import {
  claimDeliveries,
  forgetReceipt,
  isSending,
  listQueue,
  onQueueChange,
  removeQueued,
  retryQueued,
  type QueuedReport,
} from '../../../../services/report-queue'
import { formatDateTime } from '../../services/report-format'
import '../../components/report.scss'

const STATUS_TEXT: Record<QueuedReport['status'] | 'sending', string> = {
  pending: '待发送',
  sending: '正在发送',
  failed: '发送失败',
  sent: '已送达',
}

const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text)

/**
 * 待发送: the reports kept on this phone — waiting for the network (立即重试 / 删除), refused by the
 * server (the reason; 修改 / 删除), or delivered in the background with their receipt code, shown
 * here until the villager has opened or copied it.
 */
export default function PendingPage() {
  const [list, setList] = useState<QueuedReport[]>(() => listQueue())
  const [, setTick] = useState(0)
  const visible = useRef(true)
  // Reports the villager asked to send from this page: their receipt opens here when they arrive.
  const asked = useRef(new Set<string>())

  useEffect(() => {
    const unlisten = onQueueChange((l) => {
      setList(l)
      setTick((t) => t + 1)
    })
    const unclaim = claimDeliveries((r) => {
      if (!visible.current || !asked.current.has(r.id)) return false
      setTimeout(() => void Taro.navigateTo({ url: `${REPORT_PAGES.receipt}?id=${r.id}` }), 0)
      return true
    })
    return () => {
      unlisten()
      unclaim()
    }
  }, [])

  useDidShow(() => {
    visible.current = true
    setList(listQueue())
  })
  useDidHide(() => {
    visible.current = false
  })

  const retry = async (r: QueuedReport) => {
    asked.current.add(r.id)
    const outcome = await retryQueued(r.id)
    if (outcome.kind === 'offline') void Taro.showToast({ title: '还是连不上网络，稍后会自动发送', icon: 'none' })
    if (outcome.kind === 'failed') void Taro.showToast({ title: '发送失败，请看原因', icon: 'none' })
  }

  const remove = async (r: QueuedReport) => {
    const answer = await Taro.showModal({
      title: '删除这条举报？',
      content: r.status === 'sent' ? '举报已经送达，删除只是从本机删掉回执码，以后将无法用回执码查询。' : '删除后不会再发送，也不能恢复。',
      confirmText: '删除',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    if (!removeQueued(r.id)) void Taro.showToast({ title: '正在发送，请稍候再删除', icon: 'none' })
  }

  const copy = async (r: QueuedReport) => {
    if (!r.receipt) return
    try {
      await Taro.setClipboardData({ data: r.receipt.receiptCode })
      void Taro.showToast({ title: '回执码已复制', icon: 'success' })
      forgetReceipt(r.id)
    } catch {
      void Taro.showToast({ title: '复制失败，请点“查看回执”', icon: 'none' })
    }
  }

  return (
    <PageRoot className='rp-pending'>
      <Text className='t-small rp-block rp-pending__intro'>
        网络不好时，举报先保存在本机，联网后会自动发送（用同一个编号，不会重复提交）。
      </Text>
      {list.length === 0 ? (
        <View className='card'>
          <Text className='t-body rp-block'>没有待发送的举报。</Text>
        </View>
      ) : null}
      {list.map((r) => {
        const state = isSending(r.id) ? 'sending' : r.status
        return (
          <View key={r.id} className={`card rp-item rp-pending__item rp-pending__item--${state}`}>
            <View className='rp-item__top'>
              <Text className='t-body'>{r.categoryLabel || '举报'}</Text>
              <Text className={`t-small rp-tag rp-tag--${state}`}>{STATUS_TEXT[state]}</Text>
            </View>
            {r.context ? <Text className='t-small rp-block'>{r.context}</Text> : null}
            <Text className='t-body rp-item__excerpt'>{excerpt(r.report.text)}</Text>
            <Text className='t-small rp-block'>
              保存于 {formatDateTime(r.createdAt)}
              {r.attempts > 0 ? ` · 已尝试发送${r.attempts}次` : ''}
            </Text>
            {r.status === 'failed' && r.error ? <Text className='t-body rp-error rp-pending__reason'>原因：{r.error.message}</Text> : null}
            {r.status === 'sent' && r.receipt ? (
              <>
                <Text className='t-small rp-block'>回执码（只在这里显示到您查看或复制为止）</Text>
                <Text className='rp-receipt__code rp-pending__code'>{formatReceiptCode(r.receipt.receiptCode)}</Text>
                <View className='rp-actions'>
                  <Button className='btn-primary rp-btn' onClick={() => copy(r)}>
                    复制回执码
                  </Button>
                  <Button className='btn-secondary rp-btn' onClick={() => Taro.navigateTo({ url: `${REPORT_PAGES.receipt}?id=${r.id}` })}>
                    查看回执
                  </Button>
                </View>
              </>
            ) : null}
            {state === 'pending' || state === 'failed' ? (
              <View className='rp-actions'>
                {state === 'failed' ? (
                  <Button className='btn-secondary rp-btn' onClick={() => Taro.navigateTo({ url: `${REPORT_PAGES.form}?pending=${r.id}` })}>
                    修改
                  </Button>
                ) : null}
                <Button className='btn-primary rp-btn' onClick={() => retry(r)}>
                  立即重试
                </Button>
                <Button className='btn-secondary rp-btn' onClick={() => remove(r)}>
                  删除
                </Button>
              </View>
            ) : null}
          </View>
        )
      })}
    </PageRoot>
  )
}
