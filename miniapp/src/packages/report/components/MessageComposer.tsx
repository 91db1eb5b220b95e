import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { REPORT_MESSAGE_MAX, type FollowUpRequest, type ReportMessageDto } from '@mingbai/shared'
import { ApiError } from '../../../services/api-error'
import { isTransient, newIdempotencyKey, reportErrorText } from '../../../services/reports'
import { useReportPhotos } from '../services/report-photos'
import PhotoPicker from './PhotoPicker'
import './report.scss'

interface Props {
  /** Sends one message with its Idempotency-Key. */
  send: (body: FollowUpRequest, key: string) => Promise<ReportMessageDto>
  /** After a message arrived (null: an earlier attempt did, reload to see it). */
  onSent: (message: ReportMessageDto | null) => void
}

/** 补充情况: a follow-up message with photos to the office. Each message has its own Idempotency-Key. */
export default function MessageComposer({ send, onSent }: Props) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const photos = useReportPhotos()
  // One key per message: a retry after a network failure reuses it, so the office never gets it twice.
  const key = useRef<string | null>(null)

  const submit = async () => {
    setError('')
    if (!text.trim()) return setError('请写下要补充的内容')
    if (text.length > REPORT_MESSAGE_MAX) return setError(`最多${REPORT_MESSAGE_MAX}字`)
    if (photos.busy) return setError('照片还在上传，请稍候')
    if (photos.photos.some((p) => p.status === 'failed')) return setError('有照片没有上传成功，请点“重试”或删除后再发送')
    setBusy(true)
    try {
      key.current ??= await newIdempotencyKey()
      const message = await send({ text: text.trim(), photoIds: photos.ids }, key.current)
      key.current = null
      setText('')
      photos.clear()
      void Taro.showToast({ title: '已发送', icon: 'success' })
      onSent(message)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
        // The first attempt did arrive (its answer was lost) and the text changed since.
        key.current = null
        setError('您上一次发送的补充已经送达，请查看沟通记录')
        onSent(null)
      } else {
        setError(isTransient(e) ? '网络不好，没有发出。请检查网络后再点“发送”' : (e instanceof ApiError && e.details[0]?.reason) || reportErrorText(e))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card rp-composer'>
      <Text className='t-title card__title'>补充情况</Text>
      <Textarea
        className='rp-textarea rp-composer__text'
        placeholder='可以补充新的情况、线索或照片'
        value={text}
        maxlength={REPORT_MESSAGE_MAX}
        disabled={busy}
        onInput={(e) => setText(e.detail.value)}
      />
      <Text className='t-small rp-count'>
        {text.length}/{REPORT_MESSAGE_MAX}
      </Text>
      <PhotoPicker photos={photos} disabled={busy} />
      {error ? <Text className='t-body rp-error rp-composer__error'>{error}</Text> : null}
      <Button className='btn-primary rp-btn' onClick={submit} loading={busy} disabled={busy || undefined}>
        发送
      </Button>
    </View>
  )
}
