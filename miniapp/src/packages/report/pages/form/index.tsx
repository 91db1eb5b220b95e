import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState, type PropsWithChildren } from 'react'
import {
  DEFAULT_REPORT_CATEGORIES,
  REPORT_PHOTOS_MAX,
  REPORT_TEXT_MAX,
  REPORTER_NAME_MAX,
  formatFen,
  type ReportCategoryDto,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { isTransient, newIdempotencyKey, REPORT_PAGES, reportErrorText, reportsApi } from '../../../../services/reports'
import {
  claimDeliveries,
  getQueued,
  getReceipt,
  onQueueChange,
  removeQueued,
  saveReport,
  sendQueued,
  type QueueError,
  type QueuedReport,
} from '../../../../services/report-queue'
import { ensureVillagerToken, villagerSignInAvailable } from '../../../../services/villager-session'
import { villagesApi } from '../../../../services/villages'
import { DIRECTION_LABELS, formatDate } from '../../../../utils/format'
import { useLoader } from '../../../../utils/use-loader'
import PhotoPicker from '../../components/PhotoPicker'
import {
  contextFromParams,
  emptyReportForm,
  formFromBody,
  mapReportDetails,
  reportBody,
  validateReportForm,
  type ReportContext,
  type ReportErrors,
  type ReportField,
  type ReportForm,
} from '../../services/report-form-model'
import { useReportPhotos } from '../../services/report-photos'
import '../../components/report.scss'

function Field({ name, label, error, optional, children }: PropsWithChildren<{ name: ReportField; label: string; error?: string; optional?: boolean }>) {
  return (
    <View className={`rp-field rp-field--${name} ${error ? 'rp-field--invalid' : ''}`}>
      <Text className='t-body rp-field__label'>
        {label}
        {optional ? <Text className='t-small'>（选填）</Text> : null}
      </Text>
      {children}
      {error ? <Text className='t-small rp-error rp-field__error'>{error}</Text> : null}
    </View>
  )
}

/** Active categories from the server; without a network, the default ones (the server checks them on sending). */
async function loadCategories(): Promise<ReportCategoryDto[]> {
  try {
    return await reportsApi.categories()
  } catch (e) {
    if (isTransient(e)) return DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c }))
    throw e
  }
}

/** One line saying what the report is about, e.g. "石桥村 · 第12号 2026年3月5日 支出 ¥320.00 · 误餐费". */
async function describeContext(ctx: ReportContext): Promise<string> {
  const village = await villagesApi.village(ctx.villageId).then(
    (v) => v.name,
    () => '本村',
  )
  if (ctx.subjectType === 'village') return `${village}的村务和账目`
  if (ctx.subjectType === 'entry' && ctx.subjectId) {
    try {
      const e = await villagesApi.entry(ctx.subjectId)
      return `${village} · 第${e.serial}号 ${formatDate(e.occurredOn)} ${DIRECTION_LABELS[e.direction]} ${formatFen(e.amountFen)} · ${e.summary}`
    } catch {
      return `${village} · 账目中的一笔记录`
    }
  }
  return `${village} · ${ctx.subjectType === 'asset' ? '集体资产' : '合同'}`
}

type Phase = 'editing' | 'sending' | 'queued'

/**
 * 我要举报: category, what happened, photos, anonymous or named. The report is saved on the phone
 * before it is sent (report-queue.ts), so a network failure loses nothing: it waits as 待发送 and goes
 * out by itself, with the same Idempotency-Key, when the network is back. `?pending=` edits one
 * the server refused.
 */
export default function ReportFormPage() {
  const params = useRouter().params as Record<string, string | undefined>
  const [queued] = useState<QueuedReport | null>(() => (params.pending ? getQueued(params.pending) : null))
  const [ctx] = useState<ReportContext | null>(() =>
    queued
      ? { villageId: queued.report.villageId, subjectType: queued.report.subjectType, subjectId: queued.report.subjectId ?? null }
      : contextFromParams(params),
  )
  const namedAllowed = villagerSignInAvailable()
  const [form, setForm] = useState<ReportForm>(() => (queued ? formFromBody(queued.report) : emptyReportForm()))
  const [errors, setErrors] = useState<ReportErrors>({})
  const [banner, setBanner] = useState('')
  const [phase, setPhaseState] = useState<Phase>('editing')
  const phaseRef = useRef<Phase>('editing')
  const setPhase = (p: Phase) => {
    phaseRef.current = p
    setPhaseState(p)
  }
  const photos = useReportPhotos()
  // This report's place in the queue and its Idempotency-Key: made once, kept for every resend.
  const idRef = useRef<string | null>(queued?.id ?? null)
  const keyRef = useRef<string | null>(queued?.key ?? null)
  const visible = useRef(true)

  const categories = useLoader(loadCategories, [], !!ctx)
  const contextLine = useLoader(() => (queued ? Promise.resolve(queued.context) : describeContext(ctx!)), [], !!ctx)

  const openReceipt = (id: string) => void Taro.redirectTo({ url: `${REPORT_PAGES.receipt}?id=${id}` })

  const showBanner = (text: string) => {
    setBanner(text)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  const showServerError = (e: ApiError | QueueError) => {
    const { fields, other } = mapReportDetails(e.details)
    const message = e instanceof ApiError ? reportErrorText(e) : e.message
    if (e.code === 'WECHAT_NOT_CONFIGURED') fields.anonymous = message
    setErrors(fields)
    showBanner([message, ...other].join('；'))
  }

  useEffect(() => {
    if (queued) {
      photos.reset(queued.photos)
      if (queued.error) showServerError(queued.error)
    }
    // While this page is on screen it shows its own receipt: the code never goes to storage.
    const unclaim = claimDeliveries((r) => {
      if (r.id !== idRef.current || !visible.current) return false
      setTimeout(() => openReceipt(r.id), 0)
      return true
    })
    // A report that waited (待发送) and was refused in the background: back to editing.
    const unlisten = onQueueChange((list) => {
      const r = list.find((x) => x.id === idRef.current)
      if (phaseRef.current === 'queued' && r?.status === 'failed' && r.error) {
        setPhase('editing')
        showServerError(r.error)
      }
    })
    return () => {
      unclaim()
      unlisten()
    }
  }, [])

  useDidShow(() => {
    visible.current = true
    // Delivered while the villager was elsewhere: show the receipt now.
    if (phaseRef.current === 'queued' && idRef.current && getReceipt(idRef.current)) openReceipt(idRef.current)
  })
  useDidHide(() => {
    visible.current = false
  })

  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    const field = key as ReportField
    setErrors((errs) => (errs[field] ? { ...errs, [field]: undefined } : errs))
  }

  const chooseNamed = (named: boolean) => {
    set('anonymous', !named)
    if (!named || !namedAllowed) return
    // Sign in now, so a problem shows while the villager can still choose anonymous.
    ensureVillagerToken().catch((e) => {
      if (!isTransient(e)) setErrors((errs) => ({ ...errs, anonymous: reportErrorText(e) }))
    })
  }

  /** What the queue did with this report after a send. */
  const settle = () => {
    const id = idRef.current
    const r = id ? getQueued(id) : null
    if (!r) return // delivered and claimed: the receipt page is opening
    if (r.status === 'sent') return openReceipt(r.id)
    if (r.status === 'pending') {
      setPhase('queued')
      setBanner('')
      return
    }
    // Refused while the villager is looking at the form: the form keeps the data, the list need not.
    if (r.error?.code === 'IDEMPOTENCY_KEY_REUSED') keyRef.current = null
    else keyRef.current = r.key
    removeQueued(r.id)
    idRef.current = null
    setPhase('editing')
    if (r.error) showServerError(r.error)
  }

  const submit = async () => {
    setBanner('')
    if (!ctx || phaseRef.current !== 'editing') return
    const errs = validateReportForm(form, namedAllowed)
    if (photos.refused) errs.photoIds = '有照片无法上传，请删除后再提交'
    setErrors(errs)
    if (Object.values(errs).some(Boolean)) return showBanner('请按红字提示修改后再提交')
    if (photos.busy) return showBanner('照片还在上传，请稍候再提交')
    setPhase('sending')
    try {
      keyRef.current ??= await newIdempotencyKey()
      const categoryLabel = categories.data?.find((c) => c.code === form.categoryCode)?.label ?? ''
      const saved = await saveReport({
        id: idRef.current ?? undefined,
        key: keyRef.current,
        report: reportBody(form, ctx),
        photos: photos.forQueue(),
        context: contextLine.data ?? '',
        categoryLabel,
      })
      idRef.current = saved.id
      await sendQueued(saved.id)
      settle()
    } catch {
      setPhase('editing')
      showBanner('无法把举报保存在手机上（存储空间不足？），请稍后再试')
    }
  }

  const retryNow = async () => {
    if (!idRef.current) return
    setPhase('sending')
    await sendQueued(idRef.current)
    settle()
    if (phaseRef.current === 'queued') void Taro.showToast({ title: '还是连不上网络，稍后会自动发送', icon: 'none' })
  }

  if (!ctx)
    return (
      <PageRoot className='rp-form'>
        <View className='card'>
          <Text className='t-body rp-block'>请从本村首页或账目详情里的“我要举报”进入。</Text>
          <Button className='btn-primary rp-btn' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            回到首页
          </Button>
        </View>
      </PageRoot>
    )

  const locked = phase !== 'editing'
  const cats = categories.data ?? []
  const over = form.text.length > REPORT_TEXT_MAX

  return (
    <PageRoot className='rp-form'>
      {banner ? <Text className='t-body rp-banner rp-form__banner'>{banner}</Text> : null}

      <View className='card'>
        <Text className='t-small rp-block'>举报对象</Text>
        <Text className='t-body rp-context'>{contextLine.data ?? (contextLine.loading ? '正在加载…' : '')}</Text>
      </View>

      <View className='card'>
        <Field name='categoryCode' label='举报类别' error={errors.categoryCode}>
          <StateView loading={categories.loading && !categories.data} error={categories.error} onRetry={categories.reload}>
            <View className='rp-choices'>
              {cats.map((c) => (
                <View
                  key={c.code}
                  className={`rp-choice rp-category ${form.categoryCode === c.code ? 'rp-choice--on' : ''}`}
                  onClick={() => !locked && set('categoryCode', c.code)}
                >
                  <Text className='t-body'>{c.label}</Text>
                </View>
              ))}
            </View>
          </StateView>
        </Field>

        <Field name='text' label='具体情况' error={errors.text}>
          <Textarea
            className='rp-textarea rp-form__text'
            placeholder='请写清楚：什么时间、谁、做了什么事、涉及多少钱'
            value={form.text}
            maxlength={REPORT_TEXT_MAX}
            disabled={locked}
            onInput={(e) => set('text', e.detail.value)}
          />
          <Text className={`t-small rp-count ${over ? 'rp-count--over' : ''}`}>
            {form.text.length}/{REPORT_TEXT_MAX}
          </Text>
        </Field>

        <Field name='photoIds' label={`照片（最多${REPORT_PHOTOS_MAX}张）`} optional error={errors.photoIds}>
          <PhotoPicker photos={photos} disabled={locked} />
          <Text className='t-small rp-block'>照片上传时会去掉拍摄地点等信息。</Text>
        </Field>

        <Field name='anonymous' label='举报方式' error={errors.anonymous}>
          {namedAllowed ? (
            <>
              <View className='rp-choices'>
                <View className={`rp-choice rp-mode ${form.anonymous ? 'rp-choice--on' : ''}`} onClick={() => !locked && chooseNamed(false)}>
                  <Text className='t-body'>匿名举报</Text>
                </View>
                <View className={`rp-choice rp-mode ${!form.anonymous ? 'rp-choice--on' : ''}`} onClick={() => !locked && chooseNamed(true)}>
                  <Text className='t-body'>实名举报</Text>
                </View>
              </View>
              <Text className='t-small rp-block rp-form__hint'>
                {form.anonymous
                  ? '匿名举报不记录您是谁，凭回执码查看办理进度。'
                  : '实名举报便于办理人员向您核实情况、告诉您结果。'}
              </Text>
            </>
          ) : (
            <Text className='t-body rp-notice rp-form__h5-anonymous'>
              在浏览器中提交的举报都是匿名的，不记录您是谁。如需实名举报，请在微信里打开“明白账”小程序。
            </Text>
          )}
        </Field>

        {!form.anonymous ? (
          <>
            <Field name='reporterName' label='您的姓名' optional error={errors.reporterName}>
              <Input
                className='rp-input'
                placeholder='选填'
                value={form.reporterName}
                maxlength={REPORTER_NAME_MAX}
                disabled={locked}
                onInput={(e) => set('reporterName', e.detail.value)}
              />
            </Field>
            <Field name='reporterPhone' label='联系电话' optional error={errors.reporterPhone}>
              <Input
                className='rp-input'
                type='number'
                placeholder='选填，便于办理人员联系您'
                value={form.reporterPhone}
                maxlength={20}
                disabled={locked}
                onInput={(e) => set('reporterPhone', e.detail.value)}
              />
            </Field>
          </>
        ) : null}
      </View>

      <View className='card rp-protect'>
        <Text className='t-title card__title'>您的安全有保障</Text>
        <Text className='t-body rp-protect__item'>· 举报只送到负责本村的纪检监察机关，不会发给村干部、报账员或审批人。</Text>
        <Text className='t-body rp-protect__item'>· 实名举报的姓名、电话和微信身份加密保存，办理人员查看要登记理由，全程留痕。</Text>
        <Text className='t-body rp-protect__item'>· 提交后会给您一个回执码，凭它查看进度、补充材料。</Text>
      </View>

      {phase === 'queued' ? (
        <View className='card rp-queued'>
          <Text className='t-title card__title'>已保存，待发送</Text>
          <Text className='t-body rp-block'>
            网络不好，举报已保存在本机。联网后会自动发送，不用重新填写；发送成功后会显示回执码。
          </Text>
          <View className='rp-actions'>
            <Button className='btn-primary rp-btn' onClick={retryNow}>
              立即重试
            </Button>
            <Button className='btn-secondary rp-btn' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.pending })}>
              查看待发送
            </Button>
          </View>
        </View>
      ) : (
        <Button className='btn-primary rp-btn rp-form__submit' onClick={submit} loading={phase === 'sending'} disabled={phase === 'sending' || undefined}>
          提交举报
        </Button>
      )}
    </PageRoot>
  )
}
