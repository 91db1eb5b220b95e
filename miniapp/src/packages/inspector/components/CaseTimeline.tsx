import { View, Text } from '@tarojs/components'
import { CASE_STATUS_LABELS, type CaseEventDto, type CaseKind } from '@mingbai/shared'
import { EVENT_LABELS, formatChinaTime } from '../services/labels'
import './inspector.scss'

/** Everything that happened to the case, oldest first: who did what, when, and their note. */
export default function CaseTimeline({ events, kind = 'report' }: { events: CaseEventDto[]; kind?: CaseKind }) {
  // A warning is opened by a rule, not submitted by anyone.
  const label = (action: CaseEventDto['action']) => (kind === 'warning' && action === 'submitted' ? '规则发现预警' : (EVENT_LABELS[action] ?? action))
  if (events.length === 0) return <Text className='t-small'>还没有办理记录</Text>
  return (
    <View>
      {events.map((e) => (
        <View key={e.id} className='ip-event'>
          <Text className='t-body ip-event__action'>
            {label(e.action)}
            {e.fromStatus && e.fromStatus !== e.toStatus ? `（${CASE_STATUS_LABELS[e.fromStatus]} → ${CASE_STATUS_LABELS[e.toStatus]}）` : ''}
          </Text>
          <Text className='t-small'>
            {formatChinaTime(e.at)}
            {e.actorName ? ` · ${e.actorName}` : ''}
          </Text>
          {e.note ? <Text className='t-body ip-text'>{e.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
