import { View } from '@tarojs/components'

/** Placeholder until the page is built (issue 5). */
export default function Page() {
  return <View>台账审核</View>
}
