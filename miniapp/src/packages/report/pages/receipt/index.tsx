import Taro, { useRouter } from '@tarojs/taro'
import { Button, Canvas, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { formatReceiptCode } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import { REPORT_PAGES, reportsApi, subscribeTemplateId } from '../../../../services/reports'
import { forgetReceipt, getReceipt, type DeliveredReceipt } from '../../../../services/report-queue'
import { formatDateTime } from '../../services/report-format'
import { downloadReceiptPng, saveErrorText, saveReceiptToAlbum } from '../../services/receipt-image'
import '../../components/report.scss'

const CANVAS_ID = 'rp-receipt-canvas'

/**
 * The receipt code of a report just delivered (`?id=` of the phone's queue), shown once: big, in
 * groups of four, with 复制回执码 and 保存为图片. The code lives in this page's state only; leaving the
 * page (or copying/saving it) removes the last copy from the phone's storage.
 */
export default function ReceiptPage() {
  const id = useRouter().params.id ?? ''
  const [data] = useState<DeliveredReceipt | null>(() => (id ? getReceipt(id) : null))
  const [kept, setKept] = useState(false)
  const [saving, setSaving] = useState(false)
  const [subscribed, setSubscribed] = useState<'' | 'yes' | 'no'>('')

  // Leaving the page forgets the code (it was in storage only if delivered in the background).
  useEffect(() => () => forgetReceipt(id), [id])

  if (!data)
    return (
      <PageRoot className='rp-receipt-page'>
        <View className='card'>
          <Text className='t-body rp-block'>回执码只显示一次，这个页面已经关闭。</Text>
          <Text className='t-body rp-block'>如果您已经复制或保存了回执码，可以用它查询办理进度。</Text>
          <Button className='btn-primary rp-btn' onClick={() => Taro.redirectTo({ url: REPORT_PAGES.follow })}>
            查询举报进度
          </Button>
        </View>
      </PageRoot>
    )

  const { receipt } = data
  const code = receipt.receiptCode
  const image = { code, at: formatDateTime(receipt.createdAt) }

  const markKept = () => {
    setKept(true)
    forgetReceipt(id)
  }

  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: code })
      markKept()
      void Taro.showToast({ title: '回执码已复制', icon: 'success' })
    } catch {
      void Taro.showToast({ title: '复制失败，请手动抄下回执码', icon: 'none' })
    }
  }

  const save = async () => {
    setSaving(true)
    try {
      if (process.env.TARO_ENV === 'weapp') await saveReceiptToAlbum(CANVAS_ID, image)
      else await downloadReceiptPng(image)
      markKept()
      void Taro.showToast({ title: process.env.TARO_ENV === 'weapp' ? '已保存到相册' : '图片已下载', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: saveErrorText(e), icon: 'none' })
    } finally {
      setSaving(false)
    }
  }

  const template = subscribeTemplateId()
  const canSubscribe = process.env.TARO_ENV === 'weapp' && receipt.canSubscribe && receipt.reportId !== null && !!template

  // Must follow the tap directly (a WeChat rule): no await before requestSubscribeMessage.
  const subscribe = async () => {
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [template] } as Taro.requestSubscribeMessage.Option)) as unknown as Record<
        string,
        string
      >
      const accepted = res[template] === 'accept' ? 1 : 0
      if (accepted) await reportsApi.subscribe(receipt.reportId!, accepted)
      setSubscribed(accepted ? 'yes' : 'no')
    } catch {
      void Taro.showToast({ title: '没有设置成功，可以随时用回执码查询进度', icon: 'none' })
    }
  }

  const done = async () => {
    if (!kept) {
      const answer = await Taro.showModal({
        title: '还没有保存回执码',
        content: '离开后就再也看不到这个回执码了。确定已经记下了吗？',
        confirmText: '确定离开',
        cancelText: '再看看',
      })
      if (!answer.confirm) return
    }
    Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }))
  }

  return (
    <PageRoot className='rp-receipt-page'>
      <View className='card rp-receipt'>
        <Text className='t-title rp-block'>举报已送达</Text>
        <Text className='t-small rp-block'>提交时间：{formatDateTime(receipt.createdAt)}</Text>
        <Text className='t-body rp-block'>您的回执码</Text>
        <Text className='rp-receipt__code'>{formatReceiptCode(code)}</Text>
        <Text className='t-body rp-receipt__warn'>
          回执码只显示这一次，离开本页后就再也看不到了。它是匿名查询办理进度、补充材料的唯一凭证，请复制或保存为图片，不要告诉别人。
        </Text>
        <View className='rp-actions'>
          <Button className='btn-primary rp-btn rp-receipt__copy' onClick={copy}>
            复制回执码
          </Button>
          <Button className='btn-secondary rp-btn rp-receipt__save' onClick={save} loading={saving} disabled={saving || undefined}>
            保存为图片
          </Button>
        </View>
        {kept ? <Text className='t-small rp-block rp-receipt__kept'>已保存。以后在“我的”→“查询举报进度”输入回执码即可查看。</Text> : null}
      </View>

      {receipt.duplicate ? (
        <Text className='t-body rp-notice'>一天内已经有人反映过相同的情况，您的举报已与之合并办理，用这个回执码同样可以查看进度和回复。</Text>
      ) : null}

      {canSubscribe ? (
        <View className='card'>
          <Text className='t-body rp-block'>办理有进展时，可以通过微信通知您。</Text>
          {subscribed === 'yes' ? (
            <Text className='t-body rp-block t-income'>已开启办理进度通知。</Text>
          ) : (
            <Button className='btn-secondary rp-btn rp-receipt__subscribe' onClick={subscribe}>
              接收办理进度通知
            </Button>
          )}
          {subscribed === 'no' ? <Text className='t-small rp-block'>您没有允许通知，可以随时用回执码查询进度。</Text> : null}
        </View>
      ) : null}

      {!data.anonymous && process.env.TARO_ENV === 'weapp' ? (
        <Text className='t-small rp-block rp-receipt__mine'>您是实名举报，也可以在“我的”→“我的举报”中查看。</Text>
      ) : null}

      <Button className='btn-secondary rp-btn' onClick={done}>
        完成
      </Button>

      {process.env.TARO_ENV === 'weapp' ? <Canvas type='2d' id={CANVAS_ID} className='rp-receipt__canvas' /> : null}
    </PageRoot>
  )
}
