import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { checkLink, COUNTERPARTY_KIND_LABELS, ROLE_LABELS, type PublicEntryDetailDto } from '@mingbai/shared'
import PageRoot from '../../components/PageRoot'
import StateView from '../../components/StateView'
import VerifyBadge from '../../components/VerifyBadge'
import { API_BASE } from '../../services/request'
import { ApiError } from '../../services/api-error'
import { villagesApi } from '../../services/villages'
import { reportFormUrl } from '../../services/reports'
import { DIRECTION_LABELS, PAYMENT_METHOD_LABELS, amountClass, formatDate, signedAmount } from '../../utils/format'
import { useLoader } from '../../utils/use-loader'
import { VERDICT_LABELS } from '../../utils/verify'
import './index.scss'

const EXPLAIN =
  '“本条已校验”表示：您的手机按公开的规则重新计算了这条记录的数字指纹，结果与账本上的一致，说明它公开后没有被改动过。'

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='entry-detail__field'>
      <Text className='entry-detail__label t-small'>{label}</Text>
      <Text className='entry-detail__value t-body'>{children}</Text>
    </View>
  )
}

function openEntry(id: number) {
  void Taro.navigateTo({ url: `/pages/entry/index?id=${id}` })
}

export default function EntryDetail() {
  const id = Number(useRouter().params.id)
  const valid = Number.isInteger(id) && id > 0
  const entry = useLoader<PublicEntryDetailDto>(
    () => (valid ? villagesApi.entry(id) : Promise.reject(new ApiError({ statusCode: 404 }))),
    [id],
  )
  const e = entry.data
  // The original names its reversal only by id; its serial makes the link readable.
  const reversal = useLoader(() => villagesApi.entry(e!.reversedById!), [e?.reversedById], !!e && e.reversedById !== null)
  const verdict = useMemo(() => (e ? checkLink(e) : null), [e])
  const imageUrls = (e?.attachments ?? []).filter((a) => a.mime.startsWith('image/')).map((a) => API_BASE + a.url)

  return (
    <PageRoot className='entry-detail'>
      <StateView loading={entry.loading && !e} error={entry.error} onRetry={entry.reload}>
        {e ? (
          <>
            <View className='card'>
              <Text className='t-small'>
                第{e.serial}号 · {DIRECTION_LABELS[e.direction]}
              </Text>
              <Text className={`entry-detail__amount t-money ${amountClass(e.direction, e.reversesId !== null)}`}>
                {signedAmount(e.direction, e.amountFen, e.reversesId !== null)}
              </Text>
              <Text className='t-title entry-detail__summary'>{e.summary}</Text>
              {e.reversesId !== null ? (
                <Text className='entry-link t-body' onClick={() => openEntry(e.reversesId!)}>
                  冲销了第{e.reversesSerial}号 ›
                </Text>
              ) : null}
              {e.reversedById !== null ? (
                <Text className='entry-link t-body' onClick={() => openEntry(e.reversedById!)}>
                  {reversal.data ? `已被第${reversal.data.serial}号冲销` : '已被红字冲销'}，查看冲销记录 ›
                </Text>
              ) : null}
              {e.reversalReason ? <Field label='冲销原因'>{e.reversalReason}</Field> : null}
            </View>

            <VerifyBadge
              ok={verdict === 'ok'}
              okText='本条已校验'
              badText={`本条校验未通过：${verdict ? VERDICT_LABELS[verdict] : ''}`}
              explain={EXPLAIN}
            />

            <View className='card'>
              <Field label='发生日期'>{formatDate(e.occurredOn)}</Field>
              <Field label='科目'>
                {e.subjectCode} {e.subjectName}
              </Field>
              <Field label='对方'>
                {e.counterpartyName}（{COUNTERPARTY_KIND_LABELS[e.counterpartyKind]}）
              </Field>
              <Field label='支付方式'>{PAYMENT_METHOD_LABELS[e.paymentMethod]}</Field>
              <Field label='凭证号'>{e.voucherNo ?? '无'}</Field>
              <Field label='公开时间'>{formatDate(e.publishedAt.slice(0, 10))}</Field>
            </View>

            <View className='card'>
              <Text className='t-title card__title'>凭证照片（{e.attachments.length}）</Text>
              {e.attachments.length === 0 ? <Text className='t-small'>这笔没有上传凭证</Text> : null}
              <View className='entry-detail__vouchers'>
                {e.attachments.map((a) =>
                  a.mime.startsWith('image/') ? (
                    <Image
                      key={a.id}
                      className='voucher-thumb'
                      src={API_BASE + a.url}
                      mode='aspectFill'
                      onClick={() => Taro.previewImage({ current: API_BASE + a.url, urls: imageUrls })}
                    />
                  ) : (
                    <Text key={a.id} className='entry-link t-body' onClick={() => Taro.setClipboardData({ data: API_BASE + a.url })}>
                      PDF凭证（复制链接）
                    </Text>
                  ),
                )}
              </View>
            </View>

            <View className='card'>
              <Text className='t-title card__title'>审批记录</Text>
              {e.approvals.map((a, i) => (
                <View key={i} className='entry-detail__step'>
                  <Text className={`t-body ${a.decision === 'approved' ? 't-income' : 't-expense'}`}>
                    {a.decision === 'approved' ? '通过' : '退回'} · {a.by ?? ROLE_LABELS[a.role]}
                  </Text>
                  <Text className='t-small'>
                    {formatDate(a.at.slice(0, 10))}
                    {a.reason ? ` · 原因：${a.reason}` : ''}
                  </Text>
                </View>
              ))}
            </View>

            <View className='card'>
              <Text className='t-title card__title'>数字指纹</Text>
              <Text className='t-small'>本条</Text>
              <Text className='entry-detail__hash'>{e.hash}</Text>
              <Text className='t-small'>上一条（第{e.serial - 1}号）</Text>
              <Text className='entry-detail__hash'>{e.prevHash}</Text>
            </View>

            <View className='card entry-report'>
              <Text className='t-body entry-report__text'>觉得这笔账有问题？可以向纪检监察机关举报，可以匿名，村干部看不到。</Text>
              <Button
                className='btn-secondary entry-report__btn'
                onClick={() => Taro.navigateTo({ url: reportFormUrl({ villageId: e.villageId, subjectType: 'entry', subjectId: e.id }) })}
              >
                我要举报
              </Button>
            </View>
          </>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
