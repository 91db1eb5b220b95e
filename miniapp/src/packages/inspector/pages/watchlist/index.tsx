import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { WATCH_LIST_KIND_LABELS, WATCH_LIST_KINDS, type WatchListKind, type WatchPersonDto, type WatchPersonInput } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import SearchBar from '../../../../components/SearchBar'
import { ApiError } from '../../../../services/api-error'
import ListFooter from '../../../staff/components/ListFooter'
import Chips, { ToggleChip } from '../../components/Chips'
import WatchPersonForm from '../../components/WatchPersonForm'
import { inspectorErrorText } from '../../services/inspector-errors'
import { useInspectorSession } from '../../services/inspector-session'
import { supervisionApi } from '../../services/supervision-api'
import { SINCE_LABELS, watchReason, type WatchField } from '../../services/watch-form'
import { formatDate } from '../../../../utils/format'
import { useCursorList } from '../../../../utils/use-cursor-list'
import '../../../staff/components/staff.scss'
import '../../components/inspector.scss'
import './index.scss'

const KIND_OPTIONS = WATCH_LIST_KINDS.map((k) => ({ value: k, label: WATCH_LIST_KIND_LABELS[k] }))
const FORM_FIELDS: WatchField[] = ['listKind', 'name', 'idNumber', 'relation', 'sinceOn', 'source']

/** What each list is matched against, in one sentence. */
const KIND_HINTS: Record<WatchListKind, string> = {
  cadre_relative: '村账支出的收款人与名单上的人同名（登记了身份证的还须号码一致）时，预警“利益冲突”。',
  public_servant: '补贴、工资等支出付给名单上的人时，预警“跨部门比对”。',
  deceased: '在死亡日期以后仍向此人付款时，预警“跨部门比对”。',
  moved_away: '在迁出日期以后仍向此人付款时，预警“跨部门比对”。',
}

interface RowProps {
  p: WatchPersonDto
  busy: boolean
  onDeactivate: (p: WatchPersonDto) => void
  onReactivate: (p: WatchPersonDto) => void
}

function PersonRow({ p, busy, onDeactivate, onReactivate }: RowProps) {
  return (
    <View className={`card ip-watch__row ip-watch__row--${p.id} ${p.active ? '' : 'ip-watch__row--inactive'}`}>
      <View className='ip-row__top'>
        <Text className='t-body ip-watch__name'>{p.name}</Text>
        {p.hasIdHash ? <Text className='t-small ip-status ip-watch__id'>已登记身份证</Text> : null}
        {p.active ? null : <Text className='t-small ip-status ip-watch__off'>已停用</Text>}
      </View>
      {p.relation ? <Text className='t-body ip-detail__line'>{p.relation}</Text> : null}
      {p.sinceOn ? (
        <Text className='t-small ip-detail__line'>
          {SINCE_LABELS[p.listKind]}：{formatDate(p.sinceOn)}
        </Text>
      ) : null}
      <Text className='t-small ip-detail__line'>
        {WATCH_LIST_KIND_LABELS[p.listKind]} · {p.regionName}
        {p.source ? ` · 来源：${p.source}` : ''}
      </Text>
      {p.active ? (
        <Text className='t-body sf-link ip-watch__deactivate' onClick={() => !busy && onDeactivate(p)}>
          停用
        </Text>
      ) : (
        <Text className='t-body sf-link ip-watch__reactivate' onClick={() => !busy && onReactivate(p)}>
          恢复比对
        </Text>
      )}
    </View>
  )
}

/**
 * 比对名单: the people the rules match payees against (cadres and their close relatives; public
 * servants, deceased and moved-away people), by list, with search; add a person, take one off.
 * ID numbers are never shown: a person registered with one reads 已登记身份证.
 */
export default function Watchlist() {
  const session = useInspectorSession()
  const regionId = session?.user.regionId ?? null
  const [kind, setKind] = useState<WatchListKind>('cadre_relative')
  const [q, setQ] = useState('')
  const [withInactive, setWithInactive] = useState(false)
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState(false)
  const [formErrors, setFormErrors] = useState<Partial<Record<WatchField | '', string>>>({})
  const [banner, setBanner] = useState('')
  const list = useCursorList(
    (cursor) => supervisionApi.watchlist({ listKind: kind, q: q || undefined, active: withInactive ? 'all' : undefined, cursor: cursor ?? undefined }),
    [kind, q, withInactive],
    session !== null,
  )

  usePullDownRefresh(async () => {
    try {
      await list.reload()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  if (!session) return <PageRoot />

  const add = async (body: WatchPersonInput) => {
    setBusy(true)
    setFormErrors({})
    try {
      await supervisionApi.addWatchPerson(body)
      setAdding(false)
      void Taro.showToast({ title: '已添加', icon: 'success' })
      if (body.listKind !== kind) setKind(body.listKind)
      else await list.reload()
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 400 && e.details.length) {
        const errors: Partial<Record<WatchField | '', string>> = {}
        const other: string[] = []
        for (const d of e.details) {
          const field = d.field as WatchField
          if (FORM_FIELDS.includes(field) && !errors[field]) errors[field] = watchReason(field, d.reason)
          else other.push(d.reason)
        }
        if (other.length) errors[''] = other.every((r) => /[\u4e00-\u9fff]/.test(r)) ? other.join('；') : '未能保存，请刷新页面后重试'
        setFormErrors(errors)
      } else setFormErrors({ '': inspectorErrorText(e) })
    } finally {
      setBusy(false)
    }
  }

  const deactivate = async (p: WatchPersonDto) => {
    const answer = await Taro.showModal({
      title: '停用',
      content: `把“${p.name}”移出${WATCH_LIST_KIND_LABELS[p.listKind]}名单？停用后不再比对，记录仍保留。`,
      confirmText: '停用',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    setBusy(true)
    setBanner('')
    try {
      await supervisionApi.deactivateWatchPerson(p.id)
      void Taro.showToast({ title: '已停用', icon: 'success' })
      await list.reload()
    } catch (e) {
      setBanner(inspectorErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  const reactivate = async (p: WatchPersonDto) => {
    setBusy(true)
    setBanner('')
    try {
      await supervisionApi.reactivateWatchPerson(p.id)
      void Taro.showToast({ title: '已恢复比对', icon: 'success' })
      await list.reload()
    } catch (e) {
      setBanner(inspectorErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  if (adding && regionId !== null)
    return (
      <PageRoot className='ip-watch'>
        <View className='card'>
          <WatchPersonForm listKind={kind} regionId={regionId} busy={busy} serverErrors={formErrors} onSubmit={add} onCancel={() => setAdding(false)} />
        </View>
      </PageRoot>
    )

  return (
    <PageRoot className='ip-watch'>
      <View className='card'>
        <Text className='t-title card__title'>比对名单</Text>
        <Chips<WatchListKind> options={KIND_OPTIONS} value={kind} onChange={setKind} />
        <Text className='t-small ip-form__hint ip-watch__hint'>{KIND_HINTS[kind]}</Text>
        <View className='ip-chips'>
          <ToggleChip label='含已停用' on={withInactive} onChange={setWithInactive} />
        </View>
        <SearchBar placeholder='搜索姓名' maxlength={50} initial={q} onSearch={setQ} />
      </View>
      {banner ? <Text className='t-body sf-banner'>{banner}</Text> : null}

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : null}
        empty={list.loaded && list.items.length === 0}
        emptyText={q ? '没有找到这个人' : `${WATCH_LIST_KIND_LABELS[kind]}名单中还没有人员`}
        onRetry={list.reload}
      >
        {list.items.map((p) => (
          <PersonRow key={p.id} p={p} busy={busy} onDeactivate={deactivate} onReactivate={reactivate} />
        ))}
        <ListFooter count={list.items.length} cursor={list.cursor} loading={list.loading} error={list.error} onMore={list.more} />
      </StateView>

      {regionId !== null ? (
        <View className='ip-watch__bottom'>
          <Button
            className='btn-primary sf-big ip-watch__add'
            onClick={() => {
              setFormErrors({})
              setAdding(true)
            }}
          >
            添加人员
          </Button>
        </View>
      ) : null}
    </PageRoot>
  )
}
