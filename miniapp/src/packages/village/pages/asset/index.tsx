import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ASSET_KIND_LABELS, ASSET_USAGE_LABELS, formatFen } from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { contractUrl, registersApi, type PublicAssetDetail } from '../../../../services/registers'
import { formatDate } from '../../../../utils/format'
import { formatArea } from '../../../../utils/register-format'
import { useLoader } from '../../../../utils/use-loader'
import ContractRow from '../../components/ContractRow'
import Field from '../../components/Field'
import ReportBox from '../../components/ReportBox'
import '../../components/village.scss'

/** One collective asset or resource: its register entry and the contracts that let it. */
export default function AssetPage() {
  const id = Number(useRouter().params.id)
  const valid = Number.isInteger(id) && id > 0
  const asset = useLoader<PublicAssetDetail>(() => (valid ? registersApi.asset(id) : Promise.reject(new ApiError({ statusCode: 404 }))), [id])
  const a = asset.data

  return (
    <PageRoot className='vg-asset'>
      <StateView loading={asset.loading && !a} error={asset.error} onRetry={asset.reload}>
        {a ? (
          <>
            <View className='card'>
              <Text className='t-small'>
                {ASSET_KIND_LABELS[a.kind]} · 编号 {a.code}
              </Text>
              <Text className='t-title vg-detail__title vg-asset__name'>{a.name}</Text>
              <Text className='t-small'>账面价值</Text>
              <Text className='t-money vg-detail__money vg-asset__value'>{formatFen(a.bookValueFen)}</Text>
              <View className='vg-row__tags'>
                <Text className={`tag vg-asset__usage ${a.usage === 'idle' ? 'tag--warn' : ''}`}>{ASSET_USAGE_LABELS[a.usage]}</Text>
              </View>
            </View>

            <View className='card'>
              <Field label='坐落位置'>{a.location || '未登记'}</Field>
              <Field label='面积'>{formatArea(a.areaM2, a.kind)}</Field>
              <Field label='取得日期'>{a.acquiredOn ? formatDate(a.acquiredOn) : '未登记'}</Field>
              <Field label='使用状态'>{ASSET_USAGE_LABELS[a.usage]}</Field>
            </View>

            <View className='card vg-asset__contracts'>
              <Text className='t-title card__title'>发包、租赁合同（{a.contracts.length}）</Text>
              {a.contracts.length === 0 ? <Text className='t-small'>这项资产没有公开的合同</Text> : null}
              {a.contracts.map((c) => (
                <ContractRow key={c.id} contract={c} />
              ))}
              {a.currentContractId !== null && !a.contracts.some((c) => c.id === a.currentContractId) ? (
                <Text className='vg-link t-body' onClick={() => Taro.navigateTo({ url: contractUrl(a.currentContractId!) })}>
                  查看正在履行的合同 ›
                </Text>
              ) : null}
            </View>

            <ReportBox villageId={a.villageId} subjectType='asset' subjectId={a.id} />
          </>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
