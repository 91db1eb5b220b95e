import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input, Button, Picker } from '@tarojs/components'
import {
  DIRECTION_LABELS,
  PAYMENT_METHOD_LABELS,
  ENTRY_LIMITS,
  todayInChina,
  type CounterpartyKind,
  type Direction,
  type PaymentMethod,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { villagesApi } from '../../../../services/villages'
import { formatDate } from '../../../../utils/format'
import FormField from '../../components/FormField'
import Segmented from '../../components/Segmented'
import PhotoUploader from '../../components/PhotoUploader'
import {
  COUNTERPARTY_KIND_LABELS,
  emptyForm,
  formFromEntry,
  formToBody,
  mapServerDetails,
  validateForm,
  type EntryForm,
  type FieldErrors,
} from '../../services/entry-form-model'
import { lastRejectReason } from '../../services/approvals'
import { choosePhotos, usePhotoUploads } from '../../services/photo-uploads'
import { staffApi, type ChartAccount, type StaffEntry } from '../../services/staff'
import { loadChart } from '../../../../services/chart'
import { staffErrorText } from '../../services/staff-errors'
import { BOOKKEEPER_PAGE, useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import './index.scss'

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))

interface Loaded {
  accounts: ChartAccount[]
  ledgerStart: string | null
  entry: StaffEntry | null
}

function leave(): void {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: BOOKKEEPER_PAGE }))
}

/** New entry, or edit a draft / rejected one (`?id=`): save as draft, or save and submit for approval. */
export default function EntryFormPage() {
  const session = useStaffSession(['bookkeeper'])
  const params = useRouter().params as Record<string, string | undefined>
  const idParam = Number(params.id)
  const [entryId, setEntryId] = useState<number | null>(Number.isInteger(idParam) && idParam > 0 ? idParam : null)
  const [today] = useState(() => todayInChina())
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [form, setForm] = useState<EntryForm>(() => emptyForm(today))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [banner, setBanner] = useState('')
  const [saving, setSaving] = useState<'' | 'draft' | 'submit' | 'delete'>('')
  const photos = usePhotoUploads()

  const load = async () => {
    if (!session?.user.regionId) return
    setLoadError(null)
    setLoaded(null)
    try {
      const [village, entry] = await Promise.all([
        villagesApi.village(session.user.regionId),
        entryId ? staffApi.get(entryId) : Promise.resolve(null),
      ])
      const chart = await loadChart(village.chartVersion)
      if (entry) {
        setForm(formFromEntry(entry))
        photos.reset(entry.attachments)
      }
      setLoaded({ accounts: chart.accounts.filter((a) => a.direction !== null), ledgerStart: village.ledgerStart, entry })
    } catch (e) {
      setLoadError(e)
    }
  }

  useEffect(() => {
    if (entryId) void Taro.setNavigationBarTitle({ title: '修改账目' })
    void load()
  }, [])

  if (!session) return <PageRoot />
  if (!session.user.regionId)
    return (
      <PageRoot>
        <Text className='t-body sf-banner'>您的账号没有所属的村，不能记账</Text>
      </PageRoot>
    )

  const entry = loaded?.entry ?? null
  const editable = !entry || ((entry.status === 'draft' || entry.status === 'rejected') && entry.createdBy === session.user.id)
  const fixed = entry?.reversesId != null
  const accounts = (loaded?.accounts ?? []).filter((a) => a.direction === form.direction)
  const subjectIndex = accounts.findIndex((a) => a.code === form.subjectCode)
  const subject = subjectIndex >= 0 ? accounts[subjectIndex] : null

  const set = <K extends keyof EntryForm>(key: K, value: EntryForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    const field = key === 'amountText' ? 'amountFen' : key
    setErrors((errs) => (errs[field as keyof FieldErrors] ? { ...errs, [field]: undefined } : errs))
  }

  const setDirection = (direction: Direction) => {
    setForm((f) => {
      const keep = loaded?.accounts.some((a) => a.code === f.subjectCode && a.direction === direction)
      return { ...f, direction, subjectCode: keep ? f.subjectCode : '' }
    })
    setErrors((errs) => ({ ...errs, direction: undefined }))
  }

  const addPhotos = async () => {
    const paths = await choosePhotos(photos.room)
    if (paths.length) photos.add(paths)
  }

  /** The banner is at the top of a long form: bring it into view. */
  const showBanner = (text: string) => {
    setBanner(text)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  const save = async (submit: boolean) => {
    setBanner('')
    if (!loaded) return
    const clientErrors = fixed ? {} : validateForm(form, { today, ledgerStart: loaded.ledgerStart }, loaded.accounts)
    setErrors(clientErrors)
    if (Object.values(clientErrors).some(Boolean)) return showBanner('请按红字提示修改后再保存')
    if (photos.busy) return showBanner('照片还在上传，请稍候再保存')
    if (photos.failed) return showBanner('有照片没有上传成功，请点“重试”或删除后再保存')
    setSaving(submit ? 'submit' : 'draft')
    let id = entryId
    try {
      const body = fixed ? { attachmentIds: photos.ids } : formToBody(form, photos.ids)
      if (id) await staffApi.update(id, body)
      else {
        id = (await staffApi.create(formToBody(form, photos.ids))).id
        // From now on this form edits the draft it created (a failed submit must not create a second one).
        setEntryId(id)
      }
      if (submit) await staffApi.submit(id)
      void Taro.showToast({ title: submit ? '已提交审核' : '草稿已保存', icon: 'success' })
      leave()
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        const { fields, other } = mapServerDetails(e.details)
        setErrors(fields)
        showBanner([staffErrorText(e), ...other].join('；'))
      } else {
        showBanner(id && !entryId ? `草稿已保存，但提交失败：${staffErrorText(e)}` : staffErrorText(e))
      }
    } finally {
      setSaving('')
    }
  }

  const remove = async () => {
    if (!entryId) return
    const answer = await Taro.showModal({ title: '删除这笔账？', content: '删除后不能恢复。', confirmText: '删除', cancelText: '取消' })
    if (!answer.confirm) return
    setSaving('delete')
    try {
      await staffApi.remove(entryId)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      leave()
    } catch (e) {
      showBanner(staffErrorText(e))
    } finally {
      setSaving('')
    }
  }

  const disabled = !editable || fixed || saving !== ''

  return (
    <PageRoot>
      <StateView loading={!loaded && !loadError} error={loadError} onRetry={load}>
        {entry && !editable ? <Text className='t-body sf-notice'>这笔账现在不能修改（只有本人录入的草稿和被退回的账可以修改）。</Text> : null}
        {fixed ? <Text className='t-body sf-notice'>这是一笔红字冲销记录，内容与被冲销的账相同，只能修改凭证照片。</Text> : null}
        {entry?.status === 'rejected' ? (
          <Text className='t-body sf-banner'>退回原因：{lastRejectReason(entry) ?? '（未填写）'}</Text>
        ) : null}
        {banner ? <Text className='t-body sf-banner sf-form__banner'>{banner}</Text> : null}

        <View className='card'>
          <FormField name='direction' label='收支方向' error={errors.direction}>
            <Segmented options={options<Direction>(DIRECTION_LABELS)} value={form.direction} onChange={setDirection} disabled={disabled} />
          </FormField>

          <FormField name='subjectCode' label='科目' error={errors.subjectCode}>
            {form.direction && !disabled ? (
              <Picker
                mode='selector'
                range={accounts.map((a) => `${a.code} ${a.name}`)}
                value={Math.max(subjectIndex, 0)}
                onChange={(e) => {
                  const a = accounts[Number(e.detail.value)]
                  if (a) set('subjectCode', a.code)
                }}
              >
                <View className='sf-input sf-picker'>
                  <Text className='t-body'>{subject ? `${subject.code} ${subject.name}` : '请选择科目'}</Text>
                  <Text className='t-small'>▼</Text>
                </View>
              </Picker>
            ) : (
              <View className='sf-input sf-picker'>
                <Text className='t-body'>{subject ? `${subject.code} ${subject.name}` : form.subjectCode || '请先选择收支方向'}</Text>
              </View>
            )}
          </FormField>

          <FormField name='amountFen' label='金额（元）' error={errors.amountFen}>
            <Input
              className='sf-input'
              type='digit'
              placeholder='请输入金额'
              value={form.amountText}
              disabled={disabled}
              maxlength={16}
              onInput={(e) => set('amountText', e.detail.value)}
            />
          </FormField>

          <FormField name='occurredOn' label='发生日期' error={errors.occurredOn}>
            {disabled ? (
              <View className='sf-input sf-picker'>
                <Text className='t-body'>{formatDate(form.occurredOn)}</Text>
              </View>
            ) : (
              <Picker
                mode='date'
                value={form.occurredOn}
                start={loaded?.ledgerStart ?? undefined}
                end={today}
                onChange={(e) => set('occurredOn', String(e.detail.value))}
              >
                <View className='sf-input sf-picker'>
                  <Text className='t-body'>{formatDate(form.occurredOn)}</Text>
                  <Text className='t-small'>▼</Text>
                </View>
              </Picker>
            )}
          </FormField>

          <FormField name='counterpartyKind' label='对方类型' error={errors.counterpartyKind}>
            <Segmented
              options={options<CounterpartyKind>(COUNTERPARTY_KIND_LABELS)}
              value={form.counterpartyKind}
              onChange={(v) => set('counterpartyKind', v)}
              disabled={disabled}
            />
            {form.counterpartyKind === 'person' ? (
              <Text className='t-small sf-form__hint'>个人姓名公开时会隐去部分字，如“张小三”显示为“张*三”。</Text>
            ) : null}
          </FormField>

          <FormField name='counterpartyName' label='对方名称' error={errors.counterpartyName}>
            <Input
              className='sf-input'
              placeholder='请输入对方名称'
              value={form.counterpartyName}
              disabled={disabled}
              maxlength={ENTRY_LIMITS.counterpartyNameMax}
              onInput={(e) => set('counterpartyName', e.detail.value)}
            />
          </FormField>

          <FormField name='summary' label='摘要' error={errors.summary}>
            <Input
              className='sf-input'
              placeholder='请输入摘要'
              value={form.summary}
              disabled={disabled}
              maxlength={ENTRY_LIMITS.summaryMax}
              onInput={(e) => set('summary', e.detail.value)}
            />
            <Text className='t-small sf-form__hint'>写清楚这笔钱是做什么的，不要写身份证号和手机号。</Text>
          </FormField>

          <FormField name='paymentMethod' label='支付方式' error={errors.paymentMethod}>
            <Segmented
              options={options<PaymentMethod>(PAYMENT_METHOD_LABELS)}
              value={form.paymentMethod}
              onChange={(v) => set('paymentMethod', v)}
              disabled={disabled}
            />
          </FormField>

          <FormField name='voucherNo' label='凭证号' optional error={errors.voucherNo}>
            <Input
              className='sf-input'
              placeholder='选填'
              value={form.voucherNo}
              disabled={disabled}
              maxlength={ENTRY_LIMITS.voucherNoMax}
              onInput={(e) => set('voucherNo', e.detail.value)}
            />
          </FormField>

          <FormField name='attachmentIds' label={`凭证照片（最多${ENTRY_LIMITS.attachmentsMax}张）`} error={errors.attachmentIds}>
            <PhotoUploader
              photos={photos.photos}
              room={photos.room}
              disabled={!editable || saving !== ''}
              onAdd={addPhotos}
              onRemove={photos.remove}
              onRetry={photos.retry}
            />
          </FormField>
        </View>

        {editable ? (
          <View className='sf-form__buttons'>
            <Button className='sf-btn' onClick={() => save(false)} loading={saving === 'draft'} disabled={saving !== '' || undefined}>
              保存草稿
            </Button>
            <Button className='btn-primary sf-btn' onClick={() => save(true)} loading={saving === 'submit'} disabled={saving !== '' || undefined}>
              提交审核
            </Button>
          </View>
        ) : null}
        {editable && entryId ? (
          <Text className='t-body sf-link sf-form__delete' onClick={remove}>
            删除这笔账
          </Text>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
