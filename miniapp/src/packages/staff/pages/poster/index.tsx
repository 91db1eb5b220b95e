import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { todayInChina } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { getSession } from '../../../../services/session'
import { villagesApi } from '../../../../services/villages'
import { formatDate } from '../../../../utils/format'
import { useLoader } from '../../../../utils/use-loader'
import { posterTitle, posterVillageId, qrCodeUrl, villagePlace } from './poster-data'
import { saveErrorText, saveQrImage } from './save-qr-image'
import './index.scss'

/** A printable A4 poster of one village: title, place, the code to scan and what villagers can do. */
export default function Poster() {
  const { v } = useRouter().params
  const [villageId] = useState(() => posterVillageId(v, getSession()?.user.regionId))
  const village = useLoader(() => villagesApi.village(villageId!), [villageId], villageId !== null)
  const [imageFailed, setImageFailed] = useState(false)
  const [imageTry, setImageTry] = useState(0)
  const [saving, setSaving] = useState(false)

  if (villageId === null)
    return (
      <PageRoot className='poster-page'>
        <View className='card'>
          <Text className='t-body'>没有指定村。请从报账员页面或“我的”页面打开村务公开海报。</Text>
        </View>
      </PageRoot>
    )

  const qrUrl = qrCodeUrl(villageId)
  const data = village.data

  const save = async () => {
    setSaving(true)
    try {
      await saveQrImage(qrUrl)
      void Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: saveErrorText(e), icon: 'none', duration: 3000 })
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageRoot className='poster-page'>
      <StateView loading={village.loading && !data} error={village.error} onRetry={village.reload}>
        {data ? (
          <>
            <View className='poster'>
              <Text className='poster__title'>{posterTitle(data)}</Text>
              <Text className='poster__place'>{villagePlace(data)}</Text>
              <View className='poster__code'>
                {imageFailed ? (
                  <View className='poster__code-error'>
                    <Text className='t-body'>二维码加载失败</Text>
                    <Button
                      className='btn-primary poster__retry'
                      onClick={() => {
                        setImageFailed(false)
                        setImageTry((n) => n + 1)
                      }}
                    >
                      重试
                    </Button>
                  </View>
                ) : (
                  <Image
                    key={imageTry}
                    className='poster__qr'
                    src={qrUrl}
                    // The code is square in a square box. (H5's aspectFit centres only vertically and
                    // drifts sideways under the poster's text-align: center.)
                    mode='scaleToFill'
                    onError={() => setImageFailed(true)}
                  />
                )}
              </View>
              <Text className='poster__scan'>微信扫一扫，查看本村每一笔收入和支出</Text>
              <Text className='poster__report'>发现问题请向村务监督委员会或纪检监察部门反映</Text>
              <Text className='poster__foot'>明白账 · 村集体账目公开 · {formatDate(todayInChina())}制</Text>
            </View>
            <View className='poster-actions'>
              {process.env.TARO_ENV === 'h5' ? (
                <Button className='btn-primary' onClick={() => window.print()}>
                  打印海报
                </Button>
              ) : null}
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='btn-primary' loading={saving} disabled={saving || undefined} onClick={save}>
                  保存二维码图片
                </Button>
              ) : null}
            </View>
          </>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
