import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  AWARD_METHOD_LABELS,
  CONTRACT_FREQUENCY_LABELS,
  CONTRACT_KIND_LABELS,
  CONTRACT_PHASE_LABELS,
  COUNTERPARTY_KIND_LABELS,
  PUBLIC_AWARD_METHODS,
  formatFen,
  todayInChina,
  type PublicContractDetailDto,
  type RentReceiptDto,
} from '@mingbai/shared'
import PageRoot from '../../../../components/PageRoot'
import RentSchedule from '../../../../components/RentSchedule'
import StateView from '../../../../components/StateView'
import { ApiError } from '../../../../services/api-error'
import { assetUrl, entryUrl, registersApi } from '../../../../services/registers'
import { formatDate } from '../../../../utils/format'
import { formatArea, rentPerM2, termLength, termText } from '../../../../utils/register-format'
import { useLoader } from '../../../../utils/use-loader'
import { PHASE_TAG } from '../../components/ContractRow'
import Field from '../../components/Field'
import ReportBox from '../../components/ReportBox'
import '../../components/village.scss'

function Receipt({ r }: { r: RentReceiptDto }) {
  return (
    <View className={`vg-receipt ${r.reversed ? 'vg-receipt--reversed' : ''}`}>
      <View className='vg-receipt__top'>
        <Text className='t-body'>
          {formatDate(r.occurredOn)} · 第{r.installmentSeq}期
        </Text>
        <Text className='t-body t-income vg-receipt__amount'>{formatFen(r.amountFen)}</Text>
      </View>
      {r.reversed ? <Text className='t-small t-expense vg-detail__note'>这笔收款已被红字冲销，不再计入已收租金</Text> : null}
      <Text className='vg-link t-body vg-receipt__entry' onClick={() => Taro.navigateTo({ url: entryUrl(r.entryId) })}>
        {r.entrySerial !== null ? `查看账本第${r.entrySerial}号收入记录 ›` : '查看账本中的收入记录 ›'}
      </Text>
    </View>
  )
}

/**
 * One lease or contracting contract as the public sees it: parties (a person's name masked), term,
 * how it was awarded, deposit, the rent schedule with each installment's state, and the receipts
 * with links to the ledger entries that record them.
 */
export default function ContractPage() {
  const id = Number(useRouter().params.id)
  const valid = Number.isInteger(id) && id > 0
  const contract = useLoader<PublicContractDetailDto>(
    () => (valid ? registersApi.contract(id) : Promise.reject(new ApiError({ statusCode: 404 }))),
    [id],
  )
  const c = contract.data

  usePullDownRefresh(async () => {
    try {
      await contract.reload()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const publicAward = c ? PUBLIC_AWARD_METHODS.includes(c.awardMethod) : false
  // Rent due so far: the installments whose due date has come (rent paid in advance is not due yet).
  const today = todayInChina()
  const owedNow = c ? c.installments.filter((i) => i.dueOn <= today).reduce((s, i) => s + i.amountFen, 0) : 0
  const pct = c && owedNow > 0 ? Math.max(0, Math.min(100, Math.round(((owedNow - c.dueUnpaidFen) / owedNow) * 100))) : 100

  return (
    <PageRoot className='vg-contract'>
      <StateView loading={contract.loading && !c} error={contract.error} onRetry={contract.reload}>
        {c ? (
          <>
            <View className='card'>
              <Text className='t-small'>
                {CONTRACT_KIND_LABELS[c.kind]}合同 · 合同号 {c.code}
              </Text>
              <Text className='t-title vg-detail__title vg-contract__title'>{c.assetName ?? `${c.villageName}${CONTRACT_KIND_LABELS[c.kind]}合同`}</Text>
              <View className='vg-row__tags'>
                <Text className={`${PHASE_TAG[c.phase]} vg-contract__phase`}>{CONTRACT_PHASE_LABELS[c.phase]}</Text>
                {c.overdueCount > 0 ? <Text className='tag tag--bad vg-contract__overdue'>逾期{c.overdueCount}期</Text> : null}
                {!publicAward ? <Text className='tag tag--warn'>未公开招标</Text> : null}
              </View>
              {c.assetId !== null ? (
                <Text className='vg-link t-body' onClick={() => Taro.navigateTo({ url: assetUrl(c.assetId!) })}>
                  查看资产：{c.assetName ?? '资产详情'} ›
                </Text>
              ) : null}
            </View>

            <View className='card vg-contract__money'>
              <Text className='t-title card__title'>租金收取情况</Text>
              <Field label='合同总租金'>{formatFen(c.totalRentFen)}</Field>
              <Field label='到期应收'>{formatFen(owedNow)}</Field>
              <Field label='已收' className='vg-contract__received'>
                <Text className='t-income'>{formatFen(c.receivedFen)}</Text>
              </Field>
              <Field label='到期未收' className='vg-contract__unpaid'>
                <Text className={c.dueUnpaidFen > 0 ? 't-expense' : ''}>{formatFen(c.dueUnpaidFen)}</Text>
              </Field>
              <View className='vg-progress'>
                <View className='vg-progress__bar' style={{ width: `${pct}%` }} />
              </View>
              <Text className='t-small'>到期应收的租金已收{pct}%</Text>
            </View>

            <View className='card vg-contract__parties'>
              <Text className='t-title card__title'>合同双方和条款</Text>
              <Field label='发包方/出租方'>{c.villageName}集体经济组织</Field>
              <Field label={c.kind === 'lease' ? '承租方' : '承包方'}>
                <Text className='vg-contract__counterparty'>{c.counterpartyDisplay}</Text>（{COUNTERPARTY_KIND_LABELS[c.counterpartyKind]}）
              </Field>
              <Field label='期限'>
                {termText(c.startOn, c.endOn)}（{termLength(c.startOn, c.endOn)}）
              </Field>
              {c.terminatedOn ? <Field label='提前终止于'>{formatDate(c.terminatedOn)}</Field> : null}
              <Field label='发包方式'>
                {AWARD_METHOD_LABELS[c.awardMethod]}
                {publicAward ? '' : '（非公开方式）'}
              </Field>
              <Field label='收租方式'>{CONTRACT_FREQUENCY_LABELS[c.frequency]}</Field>
              {c.annualRentFen !== null ? <Field label='年租金'>{formatFen(c.annualRentFen)}</Field> : null}
              <Field label='面积'>{formatArea(c.areaM2)}</Field>
              {rentPerM2(c.annualRentFen, c.areaM2) ? <Field label='每平方米年租金'>{rentPerM2(c.annualRentFen, c.areaM2)}</Field> : null}
              <Field label='押金'>{formatFen(c.depositFen)}</Field>
              {c.note ? <Text className='t-small vg-detail__note'>备注：{c.note}</Text> : null}
              {c.counterpartyKind === 'person' ? (
                <Text className='t-small vg-detail__note'>个人的姓名公开时隐去部分字，保护个人信息。</Text>
              ) : null}
            </View>

            <View className='card vg-contract__schedule'>
              <Text className='t-title card__title'>分期收租计划（{c.installments.length}期）</Text>
              <RentSchedule installments={c.installments} />
            </View>

            <View className='card vg-contract__receipts'>
              <Text className='t-title card__title'>收款记录（{c.receipts.length}）</Text>
              {c.receipts.length === 0 ? <Text className='t-small'>还没有登记收款</Text> : null}
              {c.receipts.map((r) => (
                <Receipt key={r.id} r={r} />
              ))}
              <Text className='t-small vg-detail__note'>每笔租金都记在村集体账本里，点开可以看到记账凭证和审批记录。</Text>
            </View>

            <ReportBox villageId={c.villageId} subjectType='contract' subjectId={c.id} />
          </>
        ) : null}
      </StateView>
    </PageRoot>
  )
}
