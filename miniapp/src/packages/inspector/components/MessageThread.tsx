import { View, Text } from '@tarojs/components'
import type { ReportMessageDto } from '@mingbai/shared'
import { formatChinaTime } from '../services/labels'
import PhotoGrid from './PhotoGrid'
import './inspector.scss'

/** The messages between the reporter and the office, oldest first. */
export default function MessageThread({ messages }: { messages: ReportMessageDto[] }) {
  if (messages.length === 0) return <Text className='t-small'>还没有往来消息</Text>
  return (
    <View>
      {messages.map((m) => (
        <View key={m.id} className={`ip-msg ip-msg--${m.from}`}>
          <Text className='t-small ip-msg__who'>
            {m.from === 'reporter' ? '举报人' : '办理单位'} · {formatChinaTime(m.at)}
          </Text>
          <Text className='t-body ip-text'>{m.text}</Text>
          <PhotoGrid photos={m.photos} />
        </View>
      ))}
    </View>
  )
}
