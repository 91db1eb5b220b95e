import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input, Button, Textarea } from '@tarojs/components'
import { REGISTER_LIMITS, todayInChina, type AssetDto, type AssetKind, type AssetUsage } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import DateField from '../../components/DateField'
import FormField from '../../components/FormField'
import Segmented from '../../components/Segmented'
import { StatusTag } from '../../components/RegisterItems'
import {
  ASSET_FIELDS,
  ASSET_KIND_LABELS,
  ASSET_USAGE_LABELS,
  assetChanges,
  assetFormFromDto,
  assetFormToBody,
  emptyAssetForm,
  validateAssetForm,
  type AssetErrors,
  type AssetForm,
} from '../../services/asset-form-model'
import { formatChinaTime } from '../../services/approvals'
import { registerErrorText } from '../../services/register-errors'
import { options, serverBanner, splitDetails } from '../../services/register-form'
import { assetChangeList } from '../../services/register-review-model'
import { REGISTER_PAGES, registersStaffApi } from '../../services/registers'
import { useStaffSession } from '../../services/staff-session'
import '../../components/staff.scss'
import '../../components/register.scss'

function leave(): void {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: REGISTER_PAGES.assets }))
}

type Mode = 'new' | 'edit' | 'change' | 'view'

/** What this user may do with the asset: write a new one, edit a draft, ask to change an approved one, or only look. */
function modeOf(asset: AssetDto | null, user: { id: number; role: string }): Mode {
  if (user.role !== 'bookkeeper') return 'view'
  if (!asset) return 'new'
  if ((asset.status === 'draft' || asset.status === 'rejected') && asset.createdBy === user.id) return 'edit'
  if (asset.status === 'approved' && !asset.pendingChange) return 'change'
  return 'view'
}

/**
 * 登记资产 / 修改资产 (`?id=`): a new asset or a draft (保存草稿 / 提交审核 / 删除); a change to an approved
 * asset goes to an approver and the public keeps the approved values until then. The shared rules are
 * checked before sending; the server's reasons appear next to the fields they name.
 */
export default function AssetFormPage() {
  const session = useStaffSession(['bookkeeper', 'approver'])
  const params = useRouter().params as Record<string, string | undefined>
  const idParam = Number(params.id)
  const [assetId, setAssetId] = useState<number | null>(Number.isInteger(idParam) && idParam > 0 ? idParam : null)
  const [today] = useState(() => todayInChina())
  const [asset, setAsset] = useState<AssetDto | null>(null)
  const [loading, setLoading] = useState(assetId !== null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [form, setForm] = useState<AssetForm>(emptyAssetForm)
  const [errors, setErrors] = useState<AssetErrors>({})
  const [banner, setBanner] = useState('')
  const [saving, setSaving] = useState<'' | 'draft' | 'submit' | 'change' | 'delete'>('')

  const load = async () => {
    if (!assetId) return
    setLoading(true)
    setLoadError(null)
    try {
      const a = await registersStaffApi.asset(assetId)
      setAsset(a)
      setForm(assetFormFromDto(a))
    } catch (e) {
      setLoadError(e)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    if (!session) return
    if (assetId) void Taro.setNavigationBarTitle({ title: '资产详情' })
    void load()
  }, [])

  if (!session) return <PageRoot />
  const mode = modeOf(asset, session.user)
  if (mode === 'new' && !session.user.regionId)
    return (
      <PageRoot>
        <Text className='t-body sf-banner'>您的账号没有所属的村，不能登记资产</Text>
      </PageRoot>
    )

  const disabled = mode === 'view' || saving !== ''
  const set = <K extends keyof AssetForm>(key: K, value: AssetForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    const field = key === 'areaText' ? 'areaM2' : key === 'bookValueText' ? 'bookValueFen' : key
    setErrors((errs) => (errs[field as keyof AssetErrors] ? { ...errs, [field]: undefined } : errs))
  }

  const showBanner = (text: string) => {
    setBanner(text)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 })
  }

  const showServerError = (e: unknown, prefix = '') => {
    if (e instanceof ApiError && e.details.length) {
      const { fields, other } = splitDetails(e.details, ASSET_FIELDS)
      setErrors(fields)
      showBanner(prefix + serverBanner(e, other))
    } else showBanner(prefix + registerErrorText(e))
  }

  const check = (): boolean => {
    setBanner('')
    const clientErrors = validateAssetForm(form, today)
    setErrors(clientErrors)
    if (Object.values(clientErrors).some(Boolean)) {
      showBanner('请按红字提示修改后再保存')
      return false
    }
    return true
  }

  const save = async (submit: boolean) => {
    if (!check()) return
    setSaving(submit ? 'submit' : 'draft')
    let id = assetId
    const created = !id
    try {
      const body = assetFormToBody(form)
      if (id) await registersStaffApi.updateAsset(id, body)
      else {
        id = (await registersStaffApi.createAsset({ villageId: session.user.regionId!, ...body })).id
        // From now on the form edits the draft it created (a failed submit must not create a second one).
        setAssetId(id)
      }
      if (submit) await registersStaffApi.submitAsset(id)
      void Taro.showToast({ title: submit ? '已提交审核' : '草稿已保存', icon: 'success' })
      leave()
    } catch (e) {
      showServerError(e, created && id ? '草稿已保存，但提交失败：' : '')
    } finally {
      setSaving('')
    }
  }

  const requestChange = async () => {
    if (!asset || !check()) return
    const patch = assetChanges(asset, assetFormToBody(form))
    if (Object.keys(patch).length === 0) return showBanner('没有修改任何内容')
    setSaving('change')
    try {
      await registersStaffApi.updateAsset(asset.id, patch)
      void Taro.showToast({ title: '修改已提交审核', icon: 'success' })
      leave()
    } catch (e) {
      showServerError(e)
    } finally {
      setSaving('')
    }
  }

  const remove = async () => {
    if (!assetId) return
    const answer = await Taro.showModal({ title: '删除这项资产？', content: '删除后不能恢复。', confirmText: '删除', cancelText: '取消' })
    if (!answer.confirm) return
    setSaving('delete')
    try {
      await registersStaffApi.removeAsset(assetId)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      leave()
    } catch (e) {
      showBanner(registerErrorText(e))
    } finally {
      setSaving('')
    }
  }

  const pending = asset ? assetChangeList(asset) : []

  return (
    <PageRoot className='sf-asset-form'>
      <StateView loading={loading} error={loadError} onRetry={load}>
        {asset ? (
          <View className='card'>
            <View className='sf-row__top'>
              <Text className='t-small'>
                {asset.villageName} · 编号 {asset.code}
              </Text>
              <StatusTag status={asset.status} />
            </View>
            {asset.status === 'rejected' && asset.rejectReason ? <Text className='t-body sf-row__reason'>退回原因：{asset.rejectReason}</Text> : null}
            {asset.approvedAt ? <Text className='t-small sf-block'>生效时间 {formatChinaTime(asset.approvedAt)}</Text> : null}
          </View>
        ) : null}
        {mode === 'change' ? (
          <Text className='t-body sf-notice'>这项资产已经生效并向村民公开。修改后需要审核，审核通过前公开的仍是原来的内容。</Text>
        ) : null}
        {asset && mode === 'view' && asset.status === 'submitted' ? <Text className='t-body sf-notice'>这项资产正在等待审核，暂时不能修改。</Text> : null}
        {asset && mode === 'view' && asset.status === 'draft' ? <Text className='t-body sf-notice'>这是他人登记的草稿，只有登记人可以修改。</Text> : null}
        {pending.length > 0 ? (
          <View className='card sf-asset-form__pending'>
            <Text className='t-body sf-section'>修改待审核</Text>
            {pending.map((c) => (
              <View key={c.field} className='sf-change'>
                <Text className='t-small sf-change__label'>{c.label}</Text>
                <Text className='t-body sf-change__before'>{c.before}</Text>
                <Text className='t-body'> → </Text>
                <Text className='t-body sf-change__after'>{c.after}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {banner ? <Text className='t-body sf-banner sf-form__banner'>{banner}</Text> : null}

        <View className='card'>
          <FormField name='code' label='资产编号' error={errors.code}>
            <Input
              className='sf-input'
              placeholder='本村自己的编号，如 ZC-001'
              value={form.code}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.codeMax}
              onInput={(e) => set('code', e.detail.value)}
            />
          </FormField>
          <FormField name='name' label='名称' error={errors.name}>
            <Input
              className='sf-input'
              placeholder='如 村部办公楼、村东鱼塘'
              value={form.name}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.nameMax}
              onInput={(e) => set('name', e.detail.value)}
            />
          </FormField>
          <FormField name='kind' label='类别' error={errors.kind}>
            <Segmented options={options<AssetKind>(ASSET_KIND_LABELS)} value={form.kind} onChange={(v) => set('kind', v)} disabled={disabled} />
          </FormField>
          <FormField name='location' label='坐落位置' error={errors.location}>
            <Input
              className='sf-input'
              placeholder='如 石桥村一组'
              value={form.location}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.locationMax}
              onInput={(e) => set('location', e.detail.value)}
            />
          </FormField>
          <FormField name='areaM2' label='面积（平方米）' optional error={errors.areaM2}>
            <Input
              className='sf-input'
              type='number'
              placeholder='整数，设备等没有面积的不填'
              value={form.areaText}
              disabled={disabled}
              maxlength={10}
              onInput={(e) => set('areaText', e.detail.value)}
            />
            <Text className='t-small sf-form__hint'>1亩约等于667平方米。</Text>
          </FormField>
          <FormField name='bookValueFen' label='账面价值（元）' error={errors.bookValueFen}>
            <Input
              className='sf-input'
              type='digit'
              placeholder='没有账面价值请填0'
              value={form.bookValueText}
              disabled={disabled}
              maxlength={16}
              onInput={(e) => set('bookValueText', e.detail.value)}
            />
          </FormField>
          <FormField name='usage' label='使用状态' error={errors.usage}>
            <Segmented options={options<AssetUsage>(ASSET_USAGE_LABELS)} value={form.usage} onChange={(v) => set('usage', v)} disabled={disabled} />
          </FormField>
          <FormField name='acquiredOn' label='取得日期' optional error={errors.acquiredOn}>
            <DateField value={form.acquiredOn} end={today} placeholder='不清楚可以不填' clearable disabled={disabled} onChange={(d) => set('acquiredOn', d)} />
          </FormField>
          <FormField name='note' label='备注' optional error={errors.note}>
            <Textarea
              className='sf-input sf-textarea'
              placeholder='如 产权证号、四至'
              value={form.note}
              disabled={disabled}
              maxlength={REGISTER_LIMITS.noteMax}
              onInput={(e) => set('note', e.detail.value)}
            />
          </FormField>
        </View>

        {mode === 'new' || mode === 'edit' ? (
          <View className='sf-form__buttons'>
            <Button className='sf-btn' onClick={() => save(false)} loading={saving === 'draft'} disabled={saving !== '' || undefined}>
              保存草稿
            </Button>
            <Button className='btn-primary sf-btn' onClick={() => save(true)} loading={saving === 'submit'} disabled={saving !== '' || undefined}>
              提交审核
            </Button>
          </View>
        ) : null}
        {mode === 'change' ? (
          <Button className='btn-primary sf-big' onClick={requestChange} loading={saving === 'change'} disabled={saving !== '' || undefined}>
            提交修改（需审核）
          </Button>
        ) : null}
        {mode === 'edit' ? (
          <Text className='t-body sf-link sf-form__delete' onClick={remove}>
            删除这项资产
          </Text>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
