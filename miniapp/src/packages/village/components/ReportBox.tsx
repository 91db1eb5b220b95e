import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { reportFormUrl } from '../../../services/reports'
import './village.scss'

interface Props {
  villageId: number
  subjectType: 'asset' | 'contract'
  subjectId: number
}

/** 我要举报 about one asset or contract: opens the report form with the subject filled in. */
export default function ReportBox({ villageId, subjectType, subjectId }: Props) {
  const what = subjectType === 'asset' ? '这项资产' : '这份合同'
  return (
    <View className='card vg-report'>
      <Text className='t-body vg-report__text'>觉得{what}有问题？可以向纪检监察机关举报，可以匿名，村干部看不到。</Text>
      <Button
        className='btn-secondary vg-report__btn'
        onClick={() => Taro.navigateTo({ url: reportFormUrl({ villageId, subjectType, subjectId }) })}
      >
        我要举报
      </Button>
    </View>
  )
}
