import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Switch, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ROLE_LABELS } from '@mingbai/shared'
import PageRoot from '../../components/PageRoot'
import { LOGIN_PAGE, openWorkbench, POSTER_PAGE, signOut, workbenchUrl } from '../../services/auth'
import { getSession, type Session } from '../../services/session'
import { villagesApi } from '../../services/villages'
import { REPORT_PAGES } from '../../services/reports'
import { onQueueChange, queueCount } from '../../services/report-queue'
import { setElderly, useElderly } from '../../state/settings'
import { getVillageId } from '../../state/village'
import { goChooseVillage } from '../../state/current-village'
import './index.scss'

export default function Me() {
  const elderly = useElderly()
  const [session, setSession] = useState<Session | null>(getSession())
  const [villageName, setVillageName] = useState<string>('')
  const [waiting, setWaiting] = useState(queueCount())

  useEffect(() => onQueueChange((list) => setWaiting(list.length)), [])

  useDidShow(() => {
    setSession(getSession())
    setWaiting(queueCount())
    const id = getVillageId()
    if (id === null) {
      setVillageName('')
      return
    }
    villagesApi
      .village(id)
      .then((v) => setVillageName([...v.path.map((r) => r.name), v.name].join(' · ')))
      .catch(() => setVillageName(`编号 ${id}`))
  })

  const onSignOut = async () => {
    const problem = await signOut()
    void Taro.showToast({ title: problem ?? '已退出登录', icon: problem ? 'none' : 'success' })
    setSession(null)
  }

  return (
    <PageRoot className='me'>
      <View className='card me__row'>
        <View className='me__label'>
          <Text className='t-body'>长辈模式</Text>
          <Text className='t-small'>字更大、颜色更深</Text>
        </View>
        <Switch className='elderly-switch' checked={elderly} color='#b71c1c' onChange={(e) => setElderly(e.detail.value)} />
      </View>

      <View className='card me__row' onClick={goChooseVillage}>
        <View className='me__label'>
          <Text className='t-body'>我的村</Text>
          <Text className='t-small'>{villageName || '还没有选择'}</Text>
        </View>
        <Text className='t-body me__go'>切换 ›</Text>
      </View>

      <View className='card me-report'>
        <Text className='t-title card__title'>举报</Text>
        <View className='me__row me-report__row' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.follow })}>
          <Text className='t-body'>查询举报进度（回执码）</Text>
          <Text className='t-body me__go'>›</Text>
        </View>
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='me__row me-report__row' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.mine })}>
            <Text className='t-body'>我的举报</Text>
            <Text className='t-body me__go'>›</Text>
          </View>
        ) : null}
        {waiting > 0 ? (
          <View className='me__row me-report__row me-report__pending' onClick={() => Taro.navigateTo({ url: REPORT_PAGES.pending })}>
            <Text className='t-body'>待发送（{waiting}）</Text>
            <Text className='t-body me__go'>›</Text>
          </View>
        ) : null}
      </View>

      <View className='card'>
        <Text className='t-title card__title'>工作人员</Text>
        {session ? (
          <>
            <Text className='t-body me__who'>
              {session.user.displayName}（{ROLE_LABELS[session.user.role]}）
            </Text>
            {workbenchUrl(session.user.role) ? (
              <Button className='btn-primary me__btn' onClick={() => openWorkbench(session.user.role)}>
                进入工作台
              </Button>
            ) : (
              <Text className='t-small'>小程序里暂时没有该角色的工作台。</Text>
            )}
            {session.user.role === 'bookkeeper' && session.user.regionId !== null ? (
              <Button className='btn-secondary me__btn' onClick={() => Taro.navigateTo({ url: `${POSTER_PAGE}?v=${session.user.regionId}` })}>
                村务公开海报
              </Button>
            ) : null}
            <Button className='btn-secondary me__btn' onClick={onSignOut}>
              退出登录
            </Button>
          </>
        ) : (
          <>
            <Text className='t-small me__who'>报账员、审批人登录后可记账、审批。</Text>
            <Button className='btn-secondary me__btn' onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>
              工作人员登录
            </Button>
          </>
        )}
      </View>

      <View className='card'>
        <Text className='t-title card__title'>关于明白账</Text>
        <Text className='t-body me__para'>
          明白账公开村集体“三资”（资金、资产、资源）的每一笔收入和支出。只有经过审批的记录才会公开；公开后的记录不能修改，更正要另记一笔“红字冲销”，两笔都公开可查。
        </Text>
        <Text className='t-body me__para'>
          每条记录都有“数字指纹”，并与上一条相连。您的手机会重新计算指纹，对不上就会标出来。
        </Text>
        <Text className='t-title card__title'>隐私说明</Text>
        <Text className='t-body me__para'>
          查看账目不需要登录，也不收集您的个人信息。本机只记住您选择的村和长辈模式设置。账目中个人的姓名只显示姓和末字（如 张*三），身份证号、手机号不会公开。
        </Text>
        <Text className='t-small'>明白账是开源软件，规则和代码任何人都可以查看。</Text>
      </View>
    </PageRoot>
  )
}
