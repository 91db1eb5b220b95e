import { View } from '@tarojs/components'

// Placeholder: replaced by the page itself (issue 4).
export default function Placeholder() {
  return <View>receipt</View>
}
