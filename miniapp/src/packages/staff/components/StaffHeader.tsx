import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LOGIN_PAGE, signOut } from '../services/staff-session'

/** The top of a staff workbench: who is signed in, and 退出登录 (back to the sign-in page). */
export default function StaffHeader({ name }: { name: string }) {
  const logout = async () => {
    const problem = await signOut()
    void Taro.showToast({ title: problem ?? '已退出登录', icon: 'none' })
    void Taro.redirectTo({ url: LOGIN_PAGE })
  }
  return (
    <View className='sf-header'>
      <Text className='t-title'>{name}</Text>
      <Text className='t-body sf-link' onClick={logout}>
        退出登录
      </Text>
    </View>
  )
}
