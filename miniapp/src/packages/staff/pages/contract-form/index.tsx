import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input, Button, Picker, Textarea } from '@tarojs/components'
import {
  AWARD_METHOD_LABELS,
  CONTRACT_FREQUENCY_LABELS,
  CONTRACT_KIND_LABELS,
  COUNTERPARTY_KIND_LABELS,
  ENTRY_LIMITS,
  PUBLIC_AWARD_METHODS,
  REGISTER_LIMITS,
  formatFen,
  todayInChina,
  type AssetDto,
  type AwardMethod,
  type ContractDto,
  type ContractFrequency,
  type ContractKind,
  type CounterpartyKind,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { formatDate } from '../../../../utils/format'
import DateField from '../../components/DateField'
import FormField from '../../components/FormField'
import PhotoUploader from '../../components/PhotoUploader'
import Segmented from '../../components/Segmented'
import {
  CONTRACT_FIELDS,
  contractFormFromDto,
  contractFormToBody,
  contractPatch,
  emptyContractForm,
  friendly,
  hasErrors,
  nextInstallmentRow,
  schedulePreview,
  validateContractForm,
  type ContractErrors,
  type ContractForm,
  type InstallmentRow,
  type RowErrors,
  type RowField,
} from '../../services/contract-form-model'
import { choosePhotos, usePhotoUploads } from '../../services/photo-uploads'
import { registerErrorText } from '../../services/register-errors'
import { fenToYuanText, options, serverBanner, splitDetails } from '../../services/register-form'
import { REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

const PREVIEW_ROWS = 24

/** A new contract opens on its own page; an edited one goes back to where it was opened from. */
function leave(createdId: number | null): void {
  if (createdId) void Taro.redirectTo({ url: `${REGISTER_PAGES.contract}?id=${createdId}` })
  else Taro.navigateBack().catch(() => Taro.redirectTo({ url: REGISTER_PAGES.contracts }))
}

interface Loaded {
  assets: AssetDto[]
  contract: ContractDto | null
}

/** One installment of a custom schedule on the editor: its period, due date and amount. */
function InstallmentEditor({
  index,
  row,
  errors,
  term,
  disabled,
  onChange,
  onRemove,
}: {
  index: number
  row: InstallmentRow
  errors?: Partial<Record<RowField, string>>
  term: { startOn: string; endOn: string }
  disabled: boolean
  onChange: (patch: Partial<InstallmentRow>) => void
  onRemove: () => void
}) {
  const messages = errors ? Object.values(errors).filter(Boolean) : []
  return (
    <View className={`sf-inst-row ${messages.length ? 'sf-inst-row--invalid' : ''}`}>
      <View className='sf-inst-row__top'>
        <Text className='t-body sf-section'>第{index + 1}期</Text>
        {!disabled ? (
          <Text className='t-body sf-link' onClick={onRemove}>
            删除
          </Text>
        ) : null}
      </View>
      <Text className='t-small sf-block'>租期从</Text>
      <DateField value={row.periodStart} start={term.startOn} end={term.endOn} disabled={disabled} onChange={(d) => onChange({ periodStart: d })} />
      <Text className='t-small sf-block'>到</Text>
      <DateField value={row.periodEnd} start={term.startOn} end={term.endOn} disabled={disabled} onChange={(d) => onChange({ periodEnd: d })} />
      <Text className='t-small sf-block'>应收日期</Text>
      <DateField value={row.dueOn} start={term.startOn} end={term.endOn} disabled={disabled} onChange={(d) => onChange({ dueOn: d })} />
      <Text className='t-small sf-block'>本期租金（元）</Text>
      <Input
        className='sf-input sf-inst-row__amount'
        type='digit'
        placeholder='请输入金额'
        value={row.amountText}
        disabled={disabled}
        maxlength={16}
        onInput={(e) => onChange({ amountText: e.detail.value })}
      />
      {messages.map((m, i) => (
        <Text key={i} className='t-small sf-field__error'>
          {m}
        </Text>
      ))}
    </View>
  )
}

/**
 * 登记合同 / 修改合同 (`?id=`): every field of a lease or contracting contract, the counterparty (a
 * person's ID number is optional, sent once and never shown again), the rent as an annual amount
 * with a frequency or as installments typed one by one, and a preview of the schedule the server
 * will store (the same shared rentSchedule). 保存草稿 / 提交审核.
 */
export default function ContractFormPage() {
  const session = useStaffSession(['bookkeeper'])
  const params = useRouter().params as Record<string, string | undefined>
  const idParam = Number(params.id)
  const [contractId, setContractId] = useState<number | null>(Number.isInteger(idParam) && idParam > 0 ? idParam : null)
  const [today] = useState(() => todayInChina())
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [form, setForm] = useState<ContractForm>(() => emptyContractForm(today))
  const [errors, setErrors] = useState<ContractErrors>({})
  const [rowErrors, setRowErrors] = useState<RowErrors>({})
  const [banner, setBanner] = useState('')
  const [saving, setSaving] = useState<'' | 'draft' | 'submit' | 'delete'>('')
  const photos = usePhotoUploads()
  const villageId = session?.user.regionId ?? null

  const load = async () => {
    if (!villageId) return
    setLoadError(null)
    setLoaded(null)
    try {
      const [assets, contract] = await Promise.all([
        registersStaffApi.approvedAssets(villageId),
        contractId ? registersStaffApi.contract(contractId) : Promise.resolve(null),
      ])
      if (contract) {
        setForm(contractFormFromDto(contract))
        photos.reset(contract.attachments)
      } else if (params.assetId) {
        const preset = assets.find((a) => a.id === Number(params.assetId))
        if (preset) setForm((f) => ({ ...f, assetId: preset.id }))
      }
      setLoaded({ assets, contract })
    } catch (e) {
      setLoadError(e)
    }
  }

  useEffect(() => {
    if (!session) return
    if (contractId) void Taro.setNavigationBarTitle({ title: '修改合同' })
    void load()
  }, [])

  const preview = useMemo(() => schedulePreview(form), [form])

  if (!session) return <PageRoot />
  if (!villageId)
    return (
      <PageRoot>
        <Text className='t-body sf-banner'>您的账号没有所属的村，不能登记合同</Text>
      </PageRoot>
    )

  const contract = loaded?.contract ?? null
  const editable = !contract || ((contract.status === 'draft' || contract.status === 'rejected') && contract.createdBy === session.user.id)
  const disabled = !editable || saving !== ''
  const custom = form.frequency === 'custom'
  const assets = loaded?.assets ?? []
  const assetIndex = assets.findIndex((a) => a.id === form.assetId)
  const asset = assetIndex >= 0 ? assets[assetIndex] : null

  const FIELD_OF: Partial<Record<keyof ContractForm, keyof ContractErrors>> = {
    annualRentText: 'annualRentFen',
    depositText: 'depositFen',
    areaText: 'areaM2',
  }
  const set = <K extends keyof ContractForm>(key: K, value: ContractForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    const field = FIELD_OF[key] ?? (key as keyof ContractErrors)
    setErrors((errs) => (errs[field] ? { ...errs, [field]: undefined } : errs))
  }
  const setRow = (index: number, patch: Partial<InstallmentRow>) => {
    setForm((f) => ({ ...f, installments: f.installments.map((r, i) => (i === index ? { ...r, ...patch } : r)) }))
    setRowErrors((rows) => {
      if (!rows[index]) return rows
      const next = { ...rows }
      delete next[index]
      return next
    })
  }
  const addRow = () => {
    setForm((f) => ({ ...f, installments: [...f.installments, nextInstallmentRow(f)] }))
    setErrors((errs) => ({ ...errs, installments: undefined }))
  }
  const removeRow = (index: number) => {
    setForm((f) => ({ ...f, installments: f.installments.filter((_, i) => i !== index) }))
    setRowErrors({})
  }
  const setFrequency = (frequency: ContractFrequency) => {
    setForm((f) => ({
      ...f,
      frequency,
      // Switching to custom starts from the schedule the annual rent would give, to adjust.
      installments:
        frequency === 'custom' && f.installments.length === 0 && preview
          ? preview.rows.map((r) => ({ ...nextInstallmentRow(f), periodStart: r.periodStart, periodEnd: r.periodEnd, dueOn: r.dueOn, amountText: fenToYuanText(r.amountFen) }))
          : f.installments,
    }))
    setErrors((errs) => ({ ...errs, frequency: undefined, annualRentFen: undefined, installments: undefined }))
  }

  const addPhotos = async () => {
    const paths = await choosePhotos(photos.room)
    if (paths.length) photos.add(paths)
  }

  const showBanner = (text: string) => {
    setBanner(text)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  const save = async (submit: boolean) => {
    setBanner('')
    const v = validateContractForm(form)
    setErrors(v.fields)
    setRowErrors(v.rows)
    if (hasErrors(v)) return showBanner('请按红字提示修改后再保存')
    if (photos.busy) return showBanner('扫描件还在上传，请稍候再保存')
    if (photos.failed) return showBanner('有扫描件没有上传成功，请点“重试”或删除后再保存')
    setSaving(submit ? 'submit' : 'draft')
    let id = contractId
    const created = !id
    try {
      const body = contractFormToBody(form, villageId, photos.ids)
      if (id) await registersStaffApi.updateContract(id, contractPatch(body))
      else {
        id = (await registersStaffApi.createContract(body)).id
        setContractId(id)
      }
      // The ID number went with this save; it is never sent back, so the field empties.
      setForm((f) => ({ ...f, counterpartyIdNumber: '' }))
      if (submit) await registersStaffApi.submitContract(id)
      void Taro.showToast({ title: submit ? '已提交审核' : '草稿已保存', icon: 'success' })
      leave(created ? id : null)
    } catch (e) {
      const prefix = created && id ? '草稿已保存，但提交失败：' : ''
      if (e instanceof ApiError && e.details.length) {
        const { fields, rows, other } = splitDetails(e.details, CONTRACT_FIELDS)
        for (const k of Object.keys(fields) as (keyof ContractErrors)[]) fields[k] = friendly(k, fields[k]!)
        setErrors(fields)
        setRowErrors(rows as RowErrors)
        showBanner(prefix + serverBanner(e, other))
      } else showBanner(prefix + registerErrorText(e))
    } finally {
      setSaving('')
    }
  }

  const remove = async () => {
    if (!contractId) return
    const answer = await Taro.showModal({ title: '删除这份合同？', content: '删除后不能恢复。', confirmText: '删除', cancelText: '取消' })
    if (!answer.confirm) return
    setSaving('delete')
    try {
      await registersStaffApi.removeContract(contractId)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      Taro.navigateBack().catch(() => Taro.redirectTo({ url: REGISTER_PAGES.contracts }))
    } catch (e) {
      showBanner(registerErrorText(e))
    } finally {
      setSaving('')
    }
  }

  const party = form.kind === 'contracting' ? '承包方' : '承租方'

  return (
    <PageRoot className='sf-contract-form'>
      <StateView loading={!loaded && !loadError} error={loadError} onRetry={load}>
        {contract && !editable ? (
          <Text className='t-body sf-notice'>这份合同现在不能修改（只有本人登记的草稿和被退回的合同可以修改；已生效的合同只能申请终止）。</Text>
        ) : null}
        {contract?.status === 'rejected' ? <Text className='t-body sf-banner'>退回原因：{contract.rejectReason ?? '（未填写）'}</Text> : null}
        {banner ? <Text className='t-body sf-banner sf-form__banner'>{banner}</Text> : null}

        <View className='card'>
          <FormField name='assetId' label='发包、出租的资产' optional error={errors.assetId}>
            {disabled ? (
              <View className='sf-input sf-picker'>
                <Text className='t-body'>{asset ? `${asset.code} ${asset.name}` : contract?.assetName ?? '不关联资产'}</Text>
              </View>
            ) : (
              <Picker
                mode='selector'
                range={['不关联资产', ...assets.map((a) => `${a.code} ${a.name}`)]}
                value={assetIndex + 1}
                onChange={(e) => {
                  const i = Number(e.detail.value)
                  set('assetId', i > 0 ? assets[i - 1].id : null)
                }}
              >
                <View className='sf-input sf-picker'>
                  <Text className='t-body'>{asset ? `${asset.code} ${asset.name}` : '不关联资产'}</Text>
                  <Text className='t-small'>▼</Text>
                </View>
              </Picker>
            )}
            {assets.length === 0 ? <Text className='t-small sf-form__hint'>本村还没有已生效的资产；可以先到资产台账登记。</Text> : null}
          </FormField>

          <FormField name='code' label='合同编号' error={errors.code}>
            <Input
              className='sf-input'
              placeholder='如 HT-2026-01'
              value={form.code}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.codeMax}
              onInput={(e) => set('code', e.detail.value)}
            />
          </FormField>

          <FormField name='kind' label='合同类型' error={errors.kind}>
            <Segmented options={options<ContractKind>(CONTRACT_KIND_LABELS)} value={form.kind} onChange={(v) => set('kind', v)} disabled={disabled} />
          </FormField>

          <FormField name='counterpartyKind' label={`${party}类型`} error={errors.counterpartyKind}>
            <Segmented
              options={options<CounterpartyKind>(COUNTERPARTY_KIND_LABELS)}
              value={form.counterpartyKind}
              onChange={(v) => set('counterpartyKind', v)}
              disabled={disabled}
            />
            {form.counterpartyKind === 'person' ? (
              <Text className='t-small sf-form__hint'>个人姓名公开时会隐去部分字，如“王建华”显示为“王*华”。</Text>
            ) : null}
          </FormField>

          <FormField name='counterpartyName' label={`${party}名称`} error={errors.counterpartyName}>
            <Input
              className='sf-input'
              placeholder={form.counterpartyKind === 'person' ? '姓名' : '单位全称'}
              value={form.counterpartyName}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.counterpartyNameMax}
              onInput={(e) => set('counterpartyName', e.detail.value)}
            />
          </FormField>

          {form.counterpartyKind === 'person' ? (
            <FormField name='counterpartyIdNumber' label='身份证号码' optional error={errors.counterpartyIdNumber}>
              <Input
                className='sf-input'
                type='idcard'
                placeholder={contract?.hasCounterpartyIdHash ? '已登记，如需更正请重新填写' : '18位'}
                value={form.counterpartyIdNumber}
                disabled={disabled}
                maxlength={18}
                onInput={(e) => set('counterpartyIdNumber', e.detail.value)}
              />
              <Text className='t-small sf-form__hint'>
                只用于纪检监察部门比对利益冲突，系统只保存加密后的校验值，不保存号码本身，保存后任何人都看不到。
                {contract?.hasCounterpartyIdHash ? '这份合同已经登记过身份证号码；如果改了姓名，请重新填写。' : ''}
              </Text>
            </FormField>
          ) : null}

          <FormField name='startOn' label='起始日期' error={errors.startOn}>
            <DateField value={form.startOn} disabled={disabled} onChange={(d) => set('startOn', d)} />
          </FormField>
          <FormField name='endOn' label='终止日期（最后一天）' error={errors.endOn}>
            <DateField value={form.endOn} start={form.startOn} disabled={disabled} onChange={(d) => set('endOn', d)} />
          </FormField>

          <FormField name='frequency' label='付款方式' error={errors.frequency}>
            <Segmented options={options<ContractFrequency>(CONTRACT_FREQUENCY_LABELS)} value={form.frequency} onChange={setFrequency} disabled={disabled} />
            <Text className='t-small sf-form__hint'>租金按期预收：每期的第一天应收。选“自定义”可以逐期填写日期和金额。</Text>
          </FormField>

          {!custom ? (
            <FormField name='annualRentFen' label='年租金（元）' error={errors.annualRentFen}>
              <Input
                className='sf-input'
                type='digit'
                placeholder='每年的租金或承包费'
                value={form.annualRentText}
                disabled={disabled}
                maxlength={16}
                onInput={(e) => set('annualRentText', e.detail.value)}
              />
            </FormField>
          ) : (
            <FormField name='installments' label={`各期租金（最多${REGISTER_LIMITS.installmentsMax}期）`} error={errors.installments}>
              {form.installments.map((row, i) => (
                <InstallmentEditor
                  key={row.key}
                  index={i}
                  row={row}
                  errors={rowErrors[i]}
                  term={form}
                  disabled={disabled}
                  onChange={(patch) => setRow(i, patch)}
                  onRemove={() => removeRow(i)}
                />
              ))}
              {!disabled && form.installments.length < REGISTER_LIMITS.installmentsMax ? (
                <Button className='sf-btn sf-contract-form__add' onClick={addRow}>
                  ＋ 添加一期
                </Button>
              ) : null}
            </FormField>
          )}

          <FormField name='depositFen' label='押金（元）' optional error={errors.depositFen}>
            <Input
              className='sf-input'
              type='digit'
              placeholder='没有押金不填'
              value={form.depositText}
              disabled={disabled}
              maxlength={16}
              onInput={(e) => set('depositText', e.detail.value)}
            />
          </FormField>

          <FormField name='areaM2' label='面积（平方米）' optional error={errors.areaM2}>
            <Input
              className='sf-input'
              type='number'
              placeholder={asset?.areaM2 ? `不填则按资产面积 ${asset.areaM2} 平方米` : '整数平方米'}
              value={form.areaText}
              disabled={disabled}
              maxlength={10}
              onInput={(e) => set('areaText', e.detail.value)}
            />
          </FormField>

          <FormField name='awardMethod' label='发包方式' error={errors.awardMethod}>
            <Segmented options={options<AwardMethod>(AWARD_METHOD_LABELS)} value={form.awardMethod} onChange={(v) => set('awardMethod', v)} disabled={disabled} />
            {form.awardMethod && !PUBLIC_AWARD_METHODS.includes(form.awardMethod) ? (
              <Text className='t-small sf-form__hint'>没有公开招标或竞价的合同，金额较大时会提示纪检监察部门关注。</Text>
            ) : null}
          </FormField>

          <FormField name='note' label='备注' optional error={errors.note}>
            <Textarea
              className='sf-input sf-textarea'
              placeholder='不要写身份证号和手机号'
              value={form.note}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.noteMax}
              onInput={(e) => set('note', e.detail.value)}
            />
          </FormField>

          <FormField name='attachmentIds' label={`合同扫描件（最多${ENTRY_LIMITS.attachmentsMax}张，不公开）`} optional error={errors.attachmentIds}>
            <PhotoUploader photos={photos.photos} room={photos.room} disabled={disabled} onAdd={addPhotos} onRemove={photos.remove} onRetry={photos.retry} />
          </FormField>
        </View>

        <View className='card sf-preview'>
          <Text className='t-body sf-section'>收租计划预览</Text>
          {preview ? (
            <>
              {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                <View key={r.seq} className='sf-preview__row'>
                  <View>
                    <Text className='t-small sf-block'>
                      第{r.seq}期 {formatDate(r.dueOn)}应收
                    </Text>
                    <Text className='t-small sf-block'>租期至{formatDate(r.periodEnd)}</Text>
                  </View>
                  <Text className='t-body'>{formatFen(r.amountFen)}</Text>
                </View>
              ))}
              {preview.rows.length > PREVIEW_ROWS ? <Text className='t-small sf-block'>……还有{preview.rows.length - PREVIEW_ROWS}期</Text> : null}
              <Text className='t-body sf-preview__total'>
                共{preview.rows.length}期，合计 {formatFen(preview.totalFen)}
              </Text>
            </>
          ) : (
            <Text className='t-small'>填好起止日期和{custom ? '各期租金' : '年租金'}后，这里显示每期应收的日期和金额。</Text>
          )}
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
        {editable && contractId ? (
          <Text className='t-body sf-link sf-form__delete' onClick={remove}>
            删除这份合同
          </Text>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
