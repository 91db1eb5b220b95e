import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { CASE_STATUS_LABELS, type ReportPhotoDto, type ReporterViewDto } from '@mingbai/shared'
import { API_BASE } from '../../../services/request'
import { formatDateTime, outcomeLabel, timelineActionLabel } from '../services/report-format'
import './report.scss'

/** Signed photo URLs are relative to the API on H5 and need the API origin on weapp. */
const photoSrc = (url: string) => (/^https?:/.test(url) ? url : API_BASE + url)

function Photos({ photos }: { photos: ReportPhotoDto[] }) {
  if (!photos.length) return null
  const urls = photos.map((p) => photoSrc(p.url))
  return (
    <View className='rp-photos'>
      {photos.map((p, i) => (
        <Image
          key={p.id}
          className='rp-photos__img'
          src={urls[i]}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ current: urls[i], urls })}
        />
      ))}
    </View>
  )
}

/**
 * A report as its reporter sees it (by receipt code or in 我的举报): the status, the timeline of what
 * the office did, the report itself and the thread of replies and follow-ups.
 */
export default function CaseView({ view }: { view: ReporterViewDto }) {
  const outcome = outcomeLabel(view.outcome)
  return (
    <View className='rp-case'>
      <View className='card rp-case__status'>
        <Text className='t-small'>当前状态</Text>
        <Text className={`t-title rp-status rp-status--${view.status}`}>{view.statusLabel || CASE_STATUS_LABELS[view.status]}</Text>
        {outcome ? <Text className='t-body rp-block'>核查结论：{outcome}</Text> : null}
        <Text className='t-small rp-block'>
          {view.villageName} · {view.categoryLabel} · {view.anonymous ? '匿名' : '实名'}
        </Text>
        <Text className='t-small rp-block'>提交于 {formatDateTime(view.createdAt)}</Text>
      </View>

      <View className='card'>
        <Text className='t-title card__title'>办理过程</Text>
        <View className='rp-timeline'>
          {view.timeline.map((item, i) => (
            <View key={i} className={`rp-timeline__item ${i === view.timeline.length - 1 ? 'rp-timeline__item--last' : ''}`}>
              <View className='rp-timeline__dot' />
              <View className='rp-timeline__body'>
                <Text className='t-body rp-timeline__status'>{CASE_STATUS_LABELS[item.status]}</Text>
                <Text className='t-small rp-block'>
                  {timelineActionLabel(item.action)} · {formatDateTime(item.at)}
                </Text>
                {item.note ? <Text className='t-body rp-timeline__note'>{item.note}</Text> : null}
              </View>
            </View>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='t-title card__title'>举报内容</Text>
        <Text className='t-body rp-text'>{view.text}</Text>
        <Photos photos={view.photos} />
      </View>

      <View className='card'>
        <Text className='t-title card__title'>沟通记录</Text>
        {view.messages.length === 0 ? <Text className='t-small rp-block'>还没有回复。办理人员回复后会显示在这里。</Text> : null}
        {view.messages.map((m) => (
          <View key={m.id} className={`rp-msg rp-msg--${m.from}`}>
            <Text className='t-small rp-block rp-msg__who'>
              {m.from === 'office' ? '纪检监察机关回复' : '我的补充'} · {formatDateTime(m.at)}
            </Text>
            <Text className='t-body rp-text'>{m.text}</Text>
            <Photos photos={m.photos} />
          </View>
        ))}
      </View>
    </View>
  )
}
