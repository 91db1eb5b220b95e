import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatReceiptCode, normalizeReceiptCode, type ReporterViewDto } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import { REPORT_PAGES, reportErrorText, reportsApi } from '../../../../services/reports'
import { queueCount } from '../../../../services/report-queue'
import CaseView from '../../components/CaseView'
import MessageComposer from '../../components/MessageComposer'
import '../../components/report.scss'

/**
 * 查询举报进度: whoever holds a receipt code sees the report's status, the office's timeline and
 * replies, and can add a follow-up. The code is kept in this page's state only, and travels only in
 * request bodies (never in an address).
 */
export default function FollowPage() {
  const [typed, setTyped] = useState('')
  const [code, setCode] = useState<string | null>(null)
  const [view, setView] = useState<ReporterViewDto | null>(null)
  const [error, setError] = useState('')
  const [loading, setLoading] = useState(false)

  const lookup = async (receiptCode: string) => {
    setLoading(true)
    setError('')
    try {
      const v = await reportsApi.lookup(receiptCode)
      setCode(receiptCode)
      setView(v)
      setTyped('')
    } catch (e) {
      setError(reportErrorText(e, 'lookup'))
    } finally {
      setLoading(false)
    }
  }

  const submit = () => {
    const c = normalizeReceiptCode(typed)
    if (!c) return setError('回执码是16位数字，请检查后重新输入')
    void lookup(c)
  }

  const reset = () => {
    setCode(null)
    setView(null)
    setError('')
  }

  if (view && code)
    return (
      <PageRoot className='rp-follow'>
        <View className='card rp-follow__head'>
          <Text className='t-small rp-block'>回执码</Text>
          <Text className='t-body rp-block rp-follow__code'>{formatReceiptCode(code)}</Text>
          <View className='rp-actions'>
            <Button className='btn-secondary rp-btn' onClick={() => lookup(code)} loading={loading} disabled={loading || undefined}>
              刷新
            </Button>
            <Button className='btn-secondary rp-btn' onClick={reset}>
              换一个回执码
            </Button>
          </View>
          {error ? <Text className='t-body rp-error'>{error}</Text> : null}
        </View>
        <CaseView view={view} />
        {view.open ? (
          <MessageComposer
            send={(body, key) => reportsApi.followUp({ receiptCode: code, ...body }, key)}
            onSent={() => void lookup(code)}
          />
        ) : (
          <Text className='t-body rp-notice'>这件举报已经结案，不能再补充材料。如有新情况，可以重新举报。</Text>
        )}
      </PageRoot>
    )

  return (
    <PageRoot className='rp-follow'>
      <View className='card'>
        <Text className='t-title card__title'>查询举报进度</Text>
        <Text className='t-body rp-block rp-follow__intro'>输入提交举报时得到的16位回执码，可以查看办理进度、办理人员的回复，并补充材料。</Text>
        <Input
          className='rp-input rp-follow__input'
          placeholder='请输入16位回执码'
          value={typed}
          maxlength={40}
          onInput={(e) => {
            setTyped(e.detail.value)
            setError('')
          }}
          onConfirm={submit}
        />
        {error ? <Text className='t-body rp-error rp-follow__error'>{error}</Text> : null}
        <Button className='btn-primary rp-btn rp-follow__submit' onClick={submit} loading={loading} disabled={loading || undefined}>
          查询
        </Button>
      </View>
      <Text className='t-small rp-block'>回执码只有举报人自己知道。请不要把回执码告诉别人，别人拿到回执码也能看到您的举报内容。</Text>
      {queueCount() > 0 ? (
        <Text className='t-body rp-block rp-link rp-follow__pending' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.pending })}>
          还没发出去的举报（待发送）
        </Text>
      ) : null}
    </PageRoot>
  )
}
