import { useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import {
  AWARD_METHOD_LABELS,
  CONTRACT_FREQUENCY_LABELS,
  CONTRACT_KIND_LABELS,
  CONTRACT_PHASE_LABELS,
  COUNTERPARTY_KIND_LABELS,
  PUBLIC_AWARD_METHODS,
  awaitsReview,
  formatFen,
  type ContractDto,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import RentSchedule from '../../../../components/RentSchedule'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { formatDate } from '../../../../utils/format'
import { formatArea, termLength } from '../../../../utils/register-format'
import { useLoader } from '../../../../utils/use-loader'
import AttachmentThumbs from '../../components/AttachmentThumbs'
import ReasonForm from '../../components/ReasonForm'
import ScanEditor from '../../components/ScanEditor'
import ReceiptForm from '../../components/ReceiptForm'
import { StatusTag } from '../../components/RegisterItems'
import TerminationForm from '../../components/TerminationForm'
import { formatChinaTime } from '../../services/approvals'
import { unpaidInstallments } from '../../services/receipt-model'
import { registerErrorText } from '../../services/register-errors'
import { REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

function Line({ label, value, className = '' }: { label: string; value: string; className?: string }) {
  return (
    <View className={`sf-line ${className}`}>
      <Text className='t-small sf-line__label'>{label}</Text>
      <Text className='t-body sf-line__value'>{value}</Text>
    </View>
  )
}

type Panel = '' | 'receipt' | 'terminate' | 'reject'

/**
 * One contract for staff: its review state, every field (the counterparty's full name), the rent
 * schedule with each installment's state, receipts and scans. Bookkeepers edit and submit drafts,
 * record rent (登记收租) and ask for an early termination; approvers approve or send back what waits
 * for them (the contract, or its termination).
 */
export default function StaffContractPage() {
  const session = useStaffSession(['bookkeeper', 'approver'])
  const id = Number((useRouter().params as Record<string, string | undefined>).id)
  const valid = Number.isInteger(id) && id > 0
  const loader = useLoader<ContractDto>(
    () => (valid ? registersStaffApi.contract(id) : Promise.reject(new ApiError({ statusCode: 404 }))),
    [id],
    session !== null,
  )
  const [override, setOverride] = useState<ContractDto | null>(null)
  const [panel, setPanel] = useState<Panel>('')
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState('')
  const [notice, setNotice] = useState('')

  const shown = useRef(false)
  useDidShow(() => {
    // Back from the contract form: show what was saved.
    if (shown.current && session) {
      setOverride(null)
      void loader.reload()
    }
    shown.current = true
  })

  if (!session) return <PageRoot />
  const c = override ?? loader.data
  const me = session.user
  const bookkeeper = me.role === 'bookkeeper'

  const updated = (next: ContractDto, text: string) => {
    setOverride(next)
    setPanel('')
    setBanner('')
    setNotice(text)
    void Taro.showToast({ title: text, icon: 'success' })
  }

  const act = async (run: () => Promise<ContractDto | null>, done: string, back = false) => {
    setBusy(true)
    setBanner('')
    try {
      const next = await run()
      if (back || !next) {
        void Taro.showToast({ title: done, icon: 'success' })
        Taro.navigateBack().catch(() => Taro.redirectTo({ url: REGISTER_PAGES.contracts }))
      } else updated(next, done)
    } catch (e) {
      setBanner(registerErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  const submit = () => act(() => registersStaffApi.submitContract(c!.id), '已提交审核')
  const remove = async () => {
    const answer = await Taro.showModal({ title: '删除这份合同？', content: '删除后不能恢复。', confirmText: '删除', cancelText: '取消' })
    if (answer.confirm) void act(async () => (await registersStaffApi.removeContract(c!.id), null), '已删除', true)
  }
  const approve = async () => {
    const t = c!.pendingTermination
    const answer = await Taro.showModal({
      title: t ? '同意终止？' : '审核通过？',
      content: t ? `合同将在${formatDate(t.terminatedOn)}之后终止，以后各期租金不再计收。` : '通过后合同和收租计划将向村民公开（个人姓名隐去部分字）。',
      confirmText: '通过',
      cancelText: '取消',
    })
    if (answer.confirm) void act(() => registersStaffApi.approveContract(c!.id), t ? '已同意终止' : '已通过')
  }
  const reject = (reason: string) => act(() => registersStaffApi.rejectContract(c!.id, reason), '已退回')

  const own = c ? c.createdBy === me.id : false
  const editable = !!c && bookkeeper && own && (c.status === 'draft' || c.status === 'rejected')
  const running = !!c && c.status === 'approved' && c.phase !== 'terminated' && c.phase !== 'expired' && !c.pendingTermination
  const canRecord = !!c && bookkeeper && c.status === 'approved' && unpaidInstallments(c.installments).length > 0
  const review = !!c && me.role === 'approver' && awaitsReview(c.status, !!c.pendingTermination)
  const publicAward = c ? PUBLIC_AWARD_METHODS.includes(c.awardMethod) : true

  return (
    <PageRoot className='sf-contract'>
      <StateView loading={loader.loading && !c} error={c ? null : loader.error} onRetry={loader.reload}>
        {c ? (
          <View>
            <View className='card'>
              <View className='sf-row__top'>
                <Text className='t-small'>
                  {c.villageName} · 合同号 {c.code}
                </Text>
                <StatusTag status={c.status} />
              </View>
              <Text className='t-title sf-reg__title'>
                {CONTRACT_KIND_LABELS[c.kind]} · {c.assetName ?? '未关联资产'}
              </Text>
              <Text className='t-small sf-block'>
                {c.status === 'approved' ? CONTRACT_PHASE_LABELS[c.phase] : '未生效'}
                {c.approvedAt ? ` · 生效时间 ${formatChinaTime(c.approvedAt)}` : ''}
              </Text>
              {c.status === 'rejected' && c.rejectReason ? <Text className='t-body sf-row__reason'>退回原因：{c.rejectReason}</Text> : null}
              {c.pendingTermination ? (
                <Text className='t-body sf-reg__tag sf-contract__pending'>
                  申请提前终止：{formatDate(c.pendingTermination.terminatedOn)}，原因：{c.pendingTermination.reason}（待审核）
                </Text>
              ) : null}
              {c.terminatedOn ? (
                <Text className='t-body sf-row__reason'>
                  已于{formatDate(c.terminatedOn)}终止{c.terminationReason ? `，原因：${c.terminationReason}` : ''}
                </Text>
              ) : null}
            </View>

            {notice ? <Text className='t-body sf-notice'>{notice}</Text> : null}
            {banner ? <Text className='t-body sf-banner'>{banner}</Text> : null}

            {c.status === 'approved' ? (
              <View className='card sf-contract__money'>
                <Line label='合同总租金' value={formatFen(c.totalRentFen)} />
                <Line label='已收' value={formatFen(c.receivedFen)} className='sf-contract__received' />
                <Line label='到期未收' value={formatFen(c.dueUnpaidFen)} className='sf-contract__unpaid' />
                {c.overdueCount > 0 ? <Text className='t-body sf-row__reason'>逾期未收{c.overdueCount}期</Text> : null}
              </View>
            ) : null}

            <View className='card'>
              <Line label={c.kind === 'contracting' ? '承包方' : '承租方'} value={`${c.counterpartyName}（${COUNTERPARTY_KIND_LABELS[c.counterpartyKind]}）`} />
              {c.counterpartyDisplay !== c.counterpartyName ? <Line label='公开显示为' value={c.counterpartyDisplay} /> : null}
              {c.counterpartyKind === 'person' ? <Line label='身份证号码' value={c.hasCounterpartyIdHash ? '已登记（不显示）' : '未登记'} /> : null}
              <Line label='期限' value={`${formatDate(c.startOn)}至${formatDate(c.endOn)}（${termLength(c.startOn, c.endOn)}）`} />
              <Line label='付款方式' value={CONTRACT_FREQUENCY_LABELS[c.frequency]} />
              {c.annualRentFen !== null ? <Line label='年租金' value={formatFen(c.annualRentFen)} /> : null}
              <Line label='总租金' value={formatFen(c.totalRentFen)} />
              <Line label='押金' value={formatFen(c.depositFen)} />
              <Line label='面积' value={formatArea(c.areaM2)} />
              <Line label='发包方式' value={`${AWARD_METHOD_LABELS[c.awardMethod]}${publicAward ? '' : '（非公开）'}`} />
              {c.note ? <Line label='备注' value={c.note} /> : null}
              <Line label='登记时间' value={formatChinaTime(c.createdAt)} />
            </View>

            <View className='card'>
              <Text className='t-body sf-section'>分期收租计划（{c.installments.length}期）</Text>
              <RentSchedule installments={c.installments} />
            </View>

            <View className='card sf-contract__receipts'>
              <Text className='t-body sf-section'>收款记录（{c.receipts.length}）</Text>
              {c.receipts.length === 0 ? <Text className='t-small'>还没有登记收款</Text> : null}
              {c.receipts.map((r) => (
                <View key={r.id} className='sf-preview__row' onClick={() => Taro.navigateTo({ url: `/pages/entry/index?id=${r.entryId}` })}>
                  <Text className='t-body'>
                    第{r.installmentSeq}期 · {formatDate(r.occurredOn)} · 账本第{r.entrySerial ?? '?'}号{r.reversed ? '（已冲销，不计入）' : ''}
                  </Text>
                  <Text className='t-body sf-link'>{formatFen(r.amountFen)}</Text>
                </View>
              ))}
            </View>

            <View className='card sf-contract__scans'>
              <Text className='t-body sf-section'>合同扫描件（不公开）</Text>
              {bookkeeper && (own || c.status !== 'draft') ? (
                <ScanEditor contract={c} onSaved={(next) => updated(next, '扫描件已保存')} />
              ) : (
                <AttachmentThumbs attachments={c.attachments} />
              )}
            </View>

            {panel === 'receipt' ? (
              <ReceiptForm contract={c} onCancel={() => setPanel('')} onDone={(next) => updated(next, '租金已登记')} />
            ) : panel === 'terminate' ? (
              <TerminationForm contract={c} onCancel={() => setPanel('')} onDone={(next) => updated(next, '终止申请已提交审核')} />
            ) : panel === 'reject' ? (
              <ReasonForm placeholder='请填写退回原因' confirmText='确认退回' busy={busy} onConfirm={reject} onCancel={() => setPanel('')} />
            ) : (
              <View className='sf-contract__actions'>
                {editable ? (
                  <>
                    <View className='sf-actions'>
                      <Button className='sf-btn' onClick={() => Taro.navigateTo({ url: `${REGISTER_PAGES.contractForm}?id=${c.id}` })} disabled={busy || undefined}>
                        修改
                      </Button>
                      <Button className='btn-primary sf-btn' onClick={submit} loading={busy} disabled={busy || undefined}>
                        提交审核
                      </Button>
                    </View>
                    <Text className='t-body sf-link sf-form__delete' onClick={remove}>
                      删除这份合同
                    </Text>
                  </>
                ) : null}
                {c.status === 'submitted' && bookkeeper ? <Text className='t-body sf-notice'>合同正在等待审核。</Text> : null}
                {canRecord ? (
                  <Button className='btn-primary sf-big' onClick={() => setPanel('receipt')}>
                    登记收租
                  </Button>
                ) : null}
                {bookkeeper && running && c.terminatedOn === null ? (
                  <Button className='sf-btn sf-big' onClick={() => setPanel('terminate')}>
                    申请提前终止
                  </Button>
                ) : null}
                {review ? (
                  <View className='sf-actions sf-review__actions'>
                    <Button className='sf-btn' onClick={() => setPanel('reject')} disabled={busy || undefined}>
                      退回
                    </Button>
                    <Button className='btn-primary sf-btn' onClick={approve} loading={busy} disabled={busy || undefined}>
                      {c.pendingTermination ? '同意终止' : '通过'}
                    </Button>
                  </View>
                ) : null}
              </View>
            )}
          </View>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
