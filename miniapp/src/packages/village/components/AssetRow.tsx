import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ASSET_KIND_LABELS, ASSET_USAGE_LABELS, formatFen, type PublicAssetDto } from '@mingbai/shared'
import { assetUrl } from '../../../services/registers'
import { formatArea } from '../../../utils/register-format'
import './village.scss'

/** One asset in the public register: name, book value, kind and use, where it is, its area. */
export default function AssetRow({ asset }: { asset: PublicAssetDto }) {
  return (
    <View className='vg-row vg-asset-row' onClick={() => Taro.navigateTo({ url: assetUrl(asset.id) })}>
      <View className='vg-row__main'>
        <Text className='t-body vg-row__name'>{asset.name}</Text>
        <Text className='t-body vg-row__money'>{formatFen(asset.bookValueFen)}</Text>
      </View>
      <Text className='t-small vg-row__line'>
        {asset.location || '未登记位置'} · {formatArea(asset.areaM2, asset.kind)}
      </Text>
      <View className='vg-row__tags'>
        <Text className='tag'>{ASSET_KIND_LABELS[asset.kind]}</Text>
        <Text className={`tag ${asset.usage === 'idle' ? 'tag--warn' : ''}`}>{ASSET_USAGE_LABELS[asset.usage]}</Text>
        <Text className='tag'>编号 {asset.code}</Text>
      </View>
    </View>
  )
}
