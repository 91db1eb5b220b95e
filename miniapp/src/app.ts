import { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { flushQueue, queueCount, startReportQueue } from './services/report-queue'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // Reports saved while offline (待发送) go out when the app starts and whenever it comes back to
  // the front; report-queue also listens for the network returning. Nothing is sent when the
  // queue is empty, so the home page's first requests are not delayed.
  useLaunch(() => startReportQueue())
  useDidShow(() => {
    if (queueCount() > 0) void flushQueue()
  })
  return children
}

export default App
