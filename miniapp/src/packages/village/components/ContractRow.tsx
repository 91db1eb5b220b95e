import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  CONTRACT_KIND_LABELS,
  CONTRACT_PHASE_LABELS,
  COUNTERPARTY_KIND_LABELS,
  formatFen,
  type PublicContractDto,
} from '@mingbai/shared'
import { contractUrl } from '../../../services/registers'
import { collectionText, termText } from '../../../utils/register-format'
import './village.scss'

export const PHASE_TAG: Record<PublicContractDto['phase'], string> = {
  pending: 'tag',
  active: 'tag',
  expired: 'tag tag--warn',
  terminated: 'tag tag--warn',
}

/** One contract in the public register: what is let and to whom (masked), the term, the rent and what is overdue. */
export default function ContractRow({ contract: c }: { contract: PublicContractDto }) {
  return (
    <View className={`vg-row vg-contract-row ${c.overdueCount > 0 ? 'vg-contract-row--overdue' : ''}`} onClick={() => Taro.navigateTo({ url: contractUrl(c.id) })}>
      <View className='vg-row__main'>
        <Text className='t-body vg-row__name'>
          {CONTRACT_KIND_LABELS[c.kind]} · {c.assetName ?? `合同${c.code}`}
        </Text>
        <Text className='t-body vg-row__money'>
          {c.annualRentFen !== null ? `${formatFen(c.annualRentFen)}/年` : formatFen(c.totalRentFen)}
        </Text>
      </View>
      <Text className='t-small vg-row__line'>
        {COUNTERPARTY_KIND_LABELS[c.counterpartyKind]} {c.counterpartyDisplay} · {termText(c.startOn, c.endOn)}
      </Text>
      <Text className='t-small vg-row__line'>{collectionText(c)}</Text>
      <View className='vg-row__tags'>
        <Text className={PHASE_TAG[c.phase]}>{CONTRACT_PHASE_LABELS[c.phase]}</Text>
        {c.overdueCount > 0 ? <Text className='tag tag--bad'>逾期{c.overdueCount}期</Text> : null}
        <Text className='tag'>合同号 {c.code}</Text>
      </View>
    </View>
  )
}
