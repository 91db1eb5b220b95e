import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { MyReportDto, ReporterViewDto } from '@mingbai/shared'
import { ApiError } from '../../../../services/api-error'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { REPORT_PAGES, reportErrorText, reportsApi } from '../../../../services/reports'
import { villagerSignInAvailable } from '../../../../services/villager-session'
import { useLoader } from '../../../../utils/use-loader'
import CaseView from '../../components/CaseView'
import MessageComposer from '../../components/MessageComposer'
import { formatDateTime } from '../../services/report-format'
import '../../components/report.scss'

/** StateView shows an ApiError's own message for 4xx: give it the villager's wording. */
const asShown = (e: unknown) =>
  e instanceof ApiError && !e.isNetwork ? new ApiError({ statusCode: 400, code: e.code, message: reportErrorText(e) }) : e

function Detail({ id }: { id: number }) {
  const view = useLoader<ReporterViewDto>(() => reportsApi.mineDetail(id), [id])
  return (
    <StateView loading={view.loading && !view.data} error={asShown(view.error)} onRetry={view.reload}>
      {view.data ? (
        <>
          <CaseView view={view.data} />
          {view.data.open ? (
            <MessageComposer send={(body, key) => reportsApi.mineMessage(id, body, key)} onSent={() => void view.reload()} />
          ) : (
            <Text className='t-body rp-notice'>这件举报已经结案，不能再补充材料。</Text>
          )}
        </>
      ) : null}
    </StateView>
  )
}

function List() {
  const list = useLoader<MyReportDto[]>(() => reportsApi.mine(), [])
  useDidShow(() => {
    if (list.data) void list.reload()
  })
  return (
    <>
      <Text className='t-small rp-block rp-mine__intro'>这里是您在微信里实名提交的举报。匿名举报不和您的微信关联，请用回执码查询。</Text>
      <StateView
        loading={list.loading && !list.data}
        error={asShown(list.error)}
        empty={list.data?.length === 0}
        emptyText='您还没有实名举报'
        onRetry={list.reload}
      >
        {(list.data ?? []).map((r) => (
          <View key={r.id} className='card rp-item rp-mine__item' onClick={() => Taro.navigateTo({ url: `${REPORT_PAGES.mine}?id=${r.id}` })}>
            <View className='rp-item__top'>
              <Text className='t-body'>{r.categoryLabel}</Text>
              <Text className={`t-small rp-tag rp-status--${r.status}`}>{r.statusLabel}</Text>
            </View>
            <Text className='t-small rp-block'>{r.villageName}</Text>
            <Text className='t-body rp-item__excerpt'>{r.excerpt}</Text>
            <Text className='t-small rp-block'>
              提交于 {formatDateTime(r.createdAt)} · 更新于 {formatDateTime(r.updatedAt)}
            </Text>
          </View>
        ))}
      </StateView>
      <Button className='btn-secondary rp-btn' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.follow })}>
        用回执码查询
      </Button>
    </>
  )
}

/**
 * 我的举报: a signed-in villager's named reports (weapp only), and one of them with `?id=`. In a
 * browser there is no villager sign-in: the page points to the receipt-code lookup instead.
 */
export default function MinePage() {
  const id = Number(useRouter().params.id)
  if (!villagerSignInAvailable())
    return (
      <PageRoot className='rp-mine'>
        <View className='card'>
          <Text className='t-title card__title'>我的举报</Text>
          <Text className='t-body rp-block'>“我的举报”需要在微信里打开“明白账”小程序使用。在浏览器中提交的举报都是匿名的，请用回执码查询办理进度。</Text>
          <Button className='btn-primary rp-btn' onClick={() => Taro.redirectTo({ url: REPORT_PAGES.follow })}>
            用回执码查询
          </Button>
        </View>
      </PageRoot>
    )
  return <PageRoot className='rp-mine'>{Number.isInteger(id) && id > 0 ? <Detail id={id} /> : <List />}</PageRoot>
}
