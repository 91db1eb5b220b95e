import { useEffect, useState } from 'react'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import {
  CASE_ACTION_LABELS,
  CASE_OUTCOME_LABELS,
  formatFen,
  REPORT_MESSAGE_MAX,
  type CaseAction,
  type CaseLinkDto,
  type CaseTransitionRequest,
  type InspectorDto,
  type OfficeDto,
  type ReportDetailDto,
  type RevealAuditDto,
  type RevealedIdentityDto,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import ActionForm from '../../components/ActionForm'
import CaseLinks from '../../components/CaseLinks'
import CaseTimeline from '../../components/CaseTimeline'
import { OverdueTag, SeverityTag, StatusTag, WarningStateTag, WarningTag } from '../../components/CaseTags'
import MessageThread from '../../components/MessageThread'
import PhotoGrid from '../../components/PhotoGrid'
import TextForm from '../../components/TextForm'
import WarningFinding, { openAppPath } from '../../components/WarningFinding'
import { linkReason } from '../../services/case-links'
import { checkReply, checkRevealReason, checkTransferReason, REASON_MAX, reasonText, type TransitionField } from '../../services/case-forms'
import { inspectorApi } from '../../services/inspector-api'
import { inspectorErrorText, isCaseChanged } from '../../services/inspector-errors'
import { DETAIL_PAGE, RULES_PAGE, useInspectorSession } from '../../services/inspector-session'
import { formatChinaDate, formatChinaTime } from '../../services/labels'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

type Panel =
  | { kind: 'action'; action: CaseAction }
  | { kind: 'reply' }
  | { kind: 'assign' }
  | { kind: 'transfer' }
  | { kind: 'reveal' }

const REVEAL_WARNING =
  '查看举报人身份会记入不可修改的审计日志（查看人、时间、理由），请只在办案确有需要时查看。身份只显示在本页，不会保存在手机上。'

function Line({ children }: { children: React.ReactNode }) {
  return <Text className='t-body ip-detail__line'>{children}</Text>
}

/**
 * One case in full, with everything the office can do with it. A citizen report shows its text,
 * photos, reporter and messages; a rule's warning shows the finding instead (it has no reporter).
 * Both go through the same lifecycle and can be linked to each other.
 */
export default function Detail() {
  const session = useInspectorSession()
  const id = Number((useRouter().params as Record<string, string | undefined>).id)
  const [report, setReport] = useState<ReportDetailDto | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [panel, setPanel] = useState<Panel | null>(null)
  const [busy, setBusy] = useState(false)
  const [banner, setBanner] = useState('')
  const [notice, setNotice] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  // The reporter's identity lives only in this page's memory, never in storage.
  const [identity, setIdentity] = useState<RevealedIdentityDto | null>(null)
  const [reveals, setReveals] = useState<{ items: RevealAuditDto[] | null; error: unknown }>({ items: null, error: null })
  const [colleagues, setColleagues] = useState<{ items: InspectorDto[] | null; error: unknown }>({ items: null, error: null })
  const [offices, setOffices] = useState<{ items: OfficeDto[] | null; error: unknown }>({ items: null, error: null })
  const [office, setOffice] = useState<number | null>(null)
  const [officeError, setOfficeError] = useState('')
  const [linkBusy, setLinkBusy] = useState(false)
  const [linkError, setLinkError] = useState('')

  const loadReveals = async () => {
    setReveals({ items: null, error: null })
    try {
      setReveals({ items: await inspectorApi.reveals(id), error: null })
    } catch (e) {
      setReveals({ items: null, error: e })
    }
  }

  const load = async () => {
    setLoadError(null)
    try {
      const r = await inspectorApi.detail(id)
      setReport(r)
      if (r.kind === 'warning') void Taro.setNavigationBarTitle({ title: '预警详情' })
      if (r.named && r.kind !== 'warning') void loadReveals()
    } catch (e) {
      setLoadError(e)
    }
  }

  useEffect(() => {
    if (session && Number.isInteger(id) && id > 0) void load()
    else if (session) setLoadError(new ApiError({ statusCode: 404 }))
  }, [])

  useDidHide(() => setIdentity(null))

  if (!session) return <PageRoot />

  const open = (p: Panel | null) => {
    setPanel(p)
    setBanner('')
    setNotice('')
    setFieldErrors({})
    setOfficeError('')
  }

  /** A failed action: the case moved meanwhile → reload and say so; a 400 → next to its fields. */
  const fail = async (e: unknown, formFields: string[]) => {
    if (isCaseChanged(e)) {
      setPanel(null)
      await load()
      setNotice(inspectorErrorText(e))
      return
    }
    if (e instanceof ApiError && e.statusCode === 400 && e.details.length) {
      const fields: Record<string, string> = {}
      const other: string[] = []
      for (const d of e.details) {
        if (formFields.includes(d.field) && !fields[d.field]) fields[d.field] = reasonText(d.reason)
        else other.push(reasonText(d.reason))
      }
      setFieldErrors(fields)
      setBanner(other.join('；'))
      return
    }
    setBanner(inspectorErrorText(e))
  }

  const run = async (work: () => Promise<void>, formFields: string[]) => {
    setBusy(true)
    setBanner('')
    setNotice('')
    setFieldErrors({})
    try {
      await work()
    } catch (e) {
      await fail(e, formFields)
    } finally {
      setBusy(false)
    }
  }

  const transition = (body: CaseTransitionRequest) =>
    run(async () => {
      // The status this page showed: if a colleague moved the case meanwhile, the server answers 409 CASE_CHANGED.
      const next = await inspectorApi.transition(id, report ? { ...body, expectedStatus: report.status } : body)
      setReport(next)
      setPanel(null)
      void Taro.showToast({ title: `已${CASE_ACTION_LABELS[body.action]}`, icon: 'success' })
    }, ['note', 'outcome', 'amountRecoveredFen', 'action'])

  const reply = (text: string) =>
    run(async () => {
      await inspectorApi.reply(id, { text })
      setPanel(null)
      void Taro.showToast({ title: '已回复举报人', icon: 'success' })
      await load()
    }, ['text'])

  const assign = (assigneeId: number | null) =>
    run(async () => {
      setReport(await inspectorApi.assign(id, { assigneeId }))
      setPanel(null)
      void Taro.showToast({ title: assigneeId === null ? '已取消指派' : '已指派', icon: 'success' })
    }, ['assigneeId'])

  const transfer = (reason: string) => {
    if (office === null) return setOfficeError('请选择转办到哪个单位')
    setOfficeError('')
    return run(async () => {
      setReport(await inspectorApi.transfer(id, { officeRegionId: office, reason }))
      setPanel(null)
      void Taro.showToast({ title: '已转办', icon: 'success' })
    }, ['reason', 'officeRegionId'])
  }

  const reveal = (reason: string) =>
    run(async () => {
      setIdentity(await inspectorApi.reveal(id, { reason }))
      setPanel(null)
      void loadReveals()
    }, ['reason'])

  const openAssign = async () => {
    open({ kind: 'assign' })
    setColleagues({ items: null, error: null })
    try {
      setColleagues({ items: await inspectorApi.colleagues(), error: null })
    } catch (e) {
      setColleagues({ items: null, error: e })
    }
  }

  const openTransfer = async () => {
    open({ kind: 'transfer' })
    setOffice(null)
    setOffices({ items: null, error: null })
    try {
      setOffices({ items: await inspectorApi.offices(), error: null })
    } catch (e) {
      setOffices({ items: null, error: e })
    }
  }

  const setLinks = (links: CaseLinkDto[]) => setReport((cur) => (cur ? { ...cur, links } : cur))

  /** Links another case by its number; a refusal is shown at the number. */
  const addLink = async (caseId: number): Promise<boolean> => {
    setLinkBusy(true)
    setLinkError('')
    try {
      const links = await inspectorApi.link(id, { caseId })
      if (Array.isArray(links)) setLinks(links)
      else await load()
      void Taro.showToast({ title: '已关联', icon: 'success' })
      return true
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 404) setLinkError(`没有找到编号为 ${caseId} 的案件，或不在您的管辖范围`)
      else if (e instanceof ApiError && e.statusCode === 400 && e.details.length) setLinkError(linkReason(e.details[0].reason))
      else setLinkError(inspectorErrorText(e))
      return false
    } finally {
      setLinkBusy(false)
    }
  }

  const removeLink = async (link: CaseLinkDto) => {
    const answer = await Taro.showModal({ title: '取消关联', content: `不再把本案件与编号 ${link.caseId} 的案件关联？`, confirmText: '取消关联', cancelText: '保留' })
    if (!answer.confirm) return
    setLinkBusy(true)
    setLinkError('')
    try {
      const links = await inspectorApi.unlink(id, link.caseId)
      if (Array.isArray(links)) setLinks(links)
      else await load()
    } catch (e) {
      setLinkError(inspectorErrorText(e))
    } finally {
      setLinkBusy(false)
    }
  }

  const askReveal = async () => {
    const answer = await Taro.showModal({ title: '查看举报人身份', content: REVEAL_WARNING, confirmText: '继续', cancelText: '取消' })
    if (answer.confirm) open({ kind: 'reveal' })
  }

  const r = report
  const isWarning = r?.kind === 'warning'
  // The server refuses replies, assignment and transfer on a closed case (409 CASE_CLOSED) and on a
  // duplicate (409 DUPLICATE_REPORT: it is handled through the original).
  const workable = r !== null && r.status !== 'closed' && r.duplicateOfId === null
  return (
    <PageRoot className='ip-detail'>
      <StateView loading={!r && !loadError} error={loadError} onRetry={load}>
        {r ? (
          <View>
            {notice ? <Text className='t-body sf-notice'>{notice}</Text> : null}

            <View className='card'>
              <View className='ip-row__top'>
                {isWarning ? <WarningTag /> : null}
                {isWarning && r.severity ? <SeverityTag severity={r.severity} /> : null}
                <Text className='t-title ip-detail__title'>{r.warning?.ruleTitle ?? r.categoryLabel}</Text>
                <StatusTag status={r.status} label={r.statusLabel} />
                <OverdueTag overdue={r.overdue} />
                {isWarning ? <WarningStateTag state={r.warning?.state ?? r.warningState} /> : null}
              </View>
              <Line>案件编号：{r.id}</Line>
              <Line>
                {r.townName} {r.villageName}
              </Line>
              <Line>
                {isWarning ? '预警时间' : '举报时间'}：{formatChinaTime(r.createdAt)}
              </Line>
              <Line>承办单位：{r.officeName}</Line>
              <Line>承办人：{r.assigneeName ?? '未指派'}</Line>
              {isWarning ? null : (
                <Line>
                  {r.named ? '实名举报' : '匿名举报'}
                  {r.notifiable ? '（举报人已订阅进展通知）' : ''}
                </Line>
              )}
              <Line>
                受理期限：{formatChinaDate(r.acceptDueAt)}
                {r.overdue === 'accept' ? '（已逾期）' : ''}
              </Line>
              <Line>
                办结期限：{formatChinaDate(r.concludeDueAt)}
                {r.overdue === 'conclude' ? '（已逾期）' : ''}
              </Line>
              {r.outcome ? <Line>核查结论：{CASE_OUTCOME_LABELS[r.outcome]}</Line> : null}
              {r.amountRecoveredFen !== null ? <Line>追回金额：{formatFen(r.amountRecoveredFen)}</Line> : null}
            </View>

            {r.duplicateOfId !== null ? (
              <View className='sf-notice'>
                <Text className='t-body'>这是一件重复举报（同村同内容，24小时内），按原举报办理。</Text>
                <Text className='t-body sf-link' onClick={() => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${r.duplicateOfId}` })}>
                  查看原举报
                </Text>
              </View>
            ) : null}

            {r.warning ? (
              <WarningFinding
                warning={r.warning}
                onOpen={openAppPath}
                onRule={(ruleId) => Taro.navigateTo({ url: `${RULES_PAGE}?ruleId=${encodeURIComponent(ruleId)}` })}
              />
            ) : isWarning ? null : (
              <View className='card'>
                <Text className='t-body sf-section'>举报内容</Text>
                <Text className='t-body ip-text'>{r.text}</Text>
                <PhotoGrid photos={r.photos} />
              </View>
            )}

            <View className='card'>
              <Text className='t-body sf-section'>{isWarning ? '预警对象' : '举报对象'}</Text>
              <Text className='t-body ip-text'>{r.subject.title}</Text>
              {r.subject.path ? (
                <Text className='t-body sf-link' onClick={() => openAppPath(r.subject.path as string)}>
                  查看公开记录
                </Text>
              ) : null}
            </View>

            <View className='card'>
              <Text className='t-body sf-section'>办理</Text>
              {banner ? <Text className='t-body sf-banner'>{banner}</Text> : null}
              {r.status === 'closed' ? <Text className='t-small ip-form__hint'>{isWarning ? '这件预警已结案。' : '这件举报已结案。'}</Text> : null}
              <View className='ip-buttons'>
                {r.allowedActions.map((a, i) => (
                  <Button
                    key={a}
                    className={`sf-btn ${i === 0 ? 'btn-primary' : ''}`}
                    onClick={() => open({ kind: 'action', action: a })}
                    disabled={busy || undefined}
                  >
                    {CASE_ACTION_LABELS[a]}
                  </Button>
                ))}
                {workable && !isWarning ? (
                  <Button className='sf-btn' onClick={() => open({ kind: 'reply' })} disabled={busy || undefined}>
                    回复举报人
                  </Button>
                ) : null}
                {workable ? (
                  <Button className='sf-btn' onClick={openAssign} disabled={busy || undefined}>
                    指派
                  </Button>
                ) : null}
                {workable ? (
                  <Button className='sf-btn' onClick={openTransfer} disabled={busy || undefined}>
                    转办
                  </Button>
                ) : null}
                {r.named && !isWarning ? (
                  <Button className='sf-btn' onClick={askReveal} disabled={busy || undefined}>
                    查看举报人身份
                  </Button>
                ) : null}
              </View>

              {panel?.kind === 'action' ? (
                <ActionForm
                  key={panel.action}
                  action={panel.action}
                  kind={r.kind}
                  busy={busy}
                  serverErrors={fieldErrors as Partial<Record<TransitionField, string>>}
                  onSubmit={transition}
                  onCancel={() => open(null)}
                />
              ) : null}

              {panel?.kind === 'reply' ? (
                <TextForm
                  name='text'
                  title='回复举报人'
                  hint='举报人凭回执码或在“我的举报”中可以看到这条回复。'
                  placeholder='请填写给举报人的回复'
                  maxlength={REPORT_MESSAGE_MAX}
                  confirmText='发送回复'
                  busy={busy}
                  error={fieldErrors.text}
                  check={checkReply}
                  onConfirm={reply}
                  onCancel={() => open(null)}
                />
              ) : null}

              {panel?.kind === 'assign' ? (
                <View className='ip-form'>
                  <Text className='t-body ip-form__title'>指派承办人</Text>
                  {fieldErrors.assigneeId ? <Text className='t-small sf-field__error'>{fieldErrors.assigneeId}</Text> : null}
                  <StateView loading={colleagues.items === null && !colleagues.error} error={colleagues.error} onRetry={openAssign}>
                    {(colleagues.items ?? []).map((c) => (
                      <View
                        key={c.id}
                        className={`ip-choice ${c.id === r.assigneeId ? 'ip-choice--on' : ''}`}
                        onClick={() => !busy && c.id !== r.assigneeId && assign(c.id)}
                      >
                        <Text className='t-body'>{c.displayName}</Text>
                        <Text className='t-small'>{c.id === r.assigneeId ? '当前承办人' : c.regionName}</Text>
                      </View>
                    ))}
                    {r.assigneeId !== null ? (
                      <View className='ip-choice' onClick={() => !busy && assign(null)}>
                        <Text className='t-body'>取消指派</Text>
                      </View>
                    ) : null}
                  </StateView>
                  <View className='sf-actions'>
                    <Button className='sf-btn' onClick={() => open(null)}>
                      取消
                    </Button>
                  </View>
                </View>
              ) : null}

              {panel?.kind === 'transfer' ? (
                <TextForm
                  name='reason'
                  title='转办到其他单位'
                  hint='请选择承办单位并写明理由；转办后由该单位受理。'
                  placeholder='请填写转办理由'
                  maxlength={REASON_MAX}
                  confirmText='确认转办'
                  busy={busy}
                  error={fieldErrors.reason}
                  check={checkTransferReason}
                  onConfirm={transfer}
                  onCancel={() => open(null)}
                >
                  <StateView loading={offices.items === null && !offices.error} error={offices.error} onRetry={openTransfer}>
                    {(offices.items ?? [])
                      .filter((o) => o.id !== r.officeRegionId)
                      .map((o) => (
                        <View key={o.id} className={`ip-choice ${o.id === office ? 'ip-choice--on' : ''}`} onClick={() => setOffice(o.id)}>
                          <Text className='t-body'>{o.name}</Text>
                          <Text className='t-small'>{o.id === office ? '已选择' : ''}</Text>
                        </View>
                      ))}
                  </StateView>
                  {officeError || fieldErrors.officeRegionId ? (
                    <Text className='t-small sf-field__error'>{officeError || fieldErrors.officeRegionId}</Text>
                  ) : null}
                </TextForm>
              ) : null}

              {panel?.kind === 'reveal' ? (
                <TextForm
                  name='reason'
                  title='查看举报人身份'
                  hint={REVEAL_WARNING}
                  placeholder='请写明查看理由（至少5个字）'
                  maxlength={REASON_MAX}
                  confirmText='确认查看'
                  busy={busy}
                  error={fieldErrors.reason}
                  check={checkRevealReason}
                  onConfirm={reveal}
                  onCancel={() => open(null)}
                />
              ) : null}
            </View>

            {identity ? (
              <View className='card ip-identity'>
                <Text className='t-body sf-section'>举报人身份</Text>
                <Line>姓名：{identity.name ?? '未填写'}</Line>
                <Line>手机号：{identity.phone ?? '未填写'}</Line>
                <Line>微信标识：{identity.openid ?? '无'}</Line>
                <Text className='t-small'>查看时间 {formatChinaTime(identity.revealedAt)}。仅在本页显示，离开本页后不再显示，请勿截屏外传。</Text>
                <Button className='sf-btn' onClick={() => setIdentity(null)}>
                  隐藏身份
                </Button>
              </View>
            ) : null}

            <CaseLinks
              caseId={r.id}
              links={r.links ?? []}
              busy={linkBusy}
              error={linkError}
              editable={r.duplicateOfId === null}
              onOpen={(caseId) => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${caseId}` })}
              onAdd={addLink}
              onRemove={removeLink}
            />

            {r.named && !isWarning ? (
              <View className='card'>
                <Text className='t-body sf-section'>身份查看记录</Text>
                <StateView loading={reveals.items === null && !reveals.error} error={reveals.error} onRetry={loadReveals}>
                  {reveals.items && reveals.items.length === 0 ? <Text className='t-small'>还没有人查看过举报人身份</Text> : null}
                  {(reveals.items ?? []).map((a) => (
                    <View key={a.id} className='ip-event'>
                      <Text className='t-body'>
                        {a.inspectorName} · {formatChinaTime(a.at)}
                      </Text>
                      <Text className='t-small'>理由：{a.reason}</Text>
                    </View>
                  ))}
                </StateView>
              </View>
            ) : null}

            {isWarning ? null : (
              <View className='card'>
                <Text className='t-body sf-section'>往来消息</Text>
                <MessageThread messages={r.messages} />
              </View>
            )}

            <View className='card'>
              <Text className='t-body sf-section'>办理记录</Text>
              <CaseTimeline events={r.events} kind={r.kind} />
            </View>

            {r.duplicates.length > 0 ? (
              <View className='card'>
                <Text className='t-body sf-section'>重复举报（{r.duplicates.length}）</Text>
                {r.duplicates.map((d) => (
                  <View key={d.id} className='ip-event' onClick={() => Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${d.id}` })}>
                    <Text className='t-small'>{formatChinaTime(d.createdAt)}</Text>
                    <Text className='t-body'>{d.excerpt}</Text>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
