import { useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import { formatFen, type ContractDto } from '@mingbai/shared'
import StateView from '../../../components/StateView'
import { ApiError } from '../../../services/api-error'
import { formatDate } from '../../../utils/format'
import { useCursorList } from '../../../utils/use-cursor-list'
import { autoAllocation, checkSplit, receiptBody, unpaidInstallments } from '../services/receipt-model'
import { registerErrorText } from '../services/register-errors'
import { registersStaffApi } from '../services/registers'
import ListFooter from './ListFooter'
import Segmented from './Segmented'
import './staff.scss'
import './register.scss'

interface Props {
  contract: ContractDto
  onDone: (updated: ContractDto) => void
  onCancel: () => void
}

/**
 * 登记收租: pick a published income entry of the village that still has money not counted as rent,
 * and let it pay the oldest unpaid installments first, or split it over installments by hand.
 */
export default function ReceiptForm({ contract, onDone, onCancel }: Props) {
  const candidates = useCursorList((cursor) => registersStaffApi.receiptCandidates(contract.id, cursor), [contract.id])
  const [entryId, setEntryId] = useState<number | null>(null)
  const [mode, setMode] = useState<'auto' | 'split'>('auto')
  const [texts, setTexts] = useState<Record<number, string>>({})
  const [shownCheck, setShownCheck] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  /** The server's reasons per installment id (its details name allocations by position). */
  const [serverRows, setServerRows] = useState<Record<number, string>>({})

  const unpaid = unpaidInstallments(contract.installments)
  const chosen = candidates.items.find((c) => c.entryId === entryId) ?? null
  const split = chosen && mode === 'split' ? checkSplit(texts, contract.installments, chosen) : null
  const auto = chosen ? autoAllocation(contract.installments, chosen.unallocatedFen) : []
  const choose = (id: number) => {
    setEntryId(id)
    setServerRows({})
    setError('')
  }
  const seqOf = (installmentId: number) => contract.installments.find((i) => i.id === installmentId)?.seq

  const confirm = async () => {
    if (!chosen) return setError('请先选择一笔收入')
    setShownCheck(true)
    if (split && (split.total || Object.keys(split.rows).length)) return
    setBusy(true)
    setError('')
    setServerRows({})
    const body = receiptBody(chosen.entryId, split)
    try {
      onDone(await registersStaffApi.addReceipt(contract.id, body))
    } catch (e) {
      const rows: Record<number, string> = {}
      const rest: string[] = []
      for (const d of e instanceof ApiError ? e.details : []) {
        const k = /^allocations[[.](\d+)/.exec(d.field)
        const target = k ? body.allocations?.[Number(k[1])] : undefined
        if (target) rows[target.installmentId] = d.reason
        else rest.push(d.reason)
      }
      setServerRows(rows)
      setError(e instanceof ApiError && e.details.length ? rest.join('；') || '请按红字修改' : registerErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card sf-receipt-form'>
      <Text className='t-body sf-section'>登记收租</Text>
      {unpaid.length === 0 ? <Text className='t-body sf-notice'>这份合同的各期租金都已收齐。</Text> : null}
      <Text className='t-small sf-block'>选择记录这笔租金的收入（须已审批公开）：</Text>
      <StateView
        loading={candidates.loading && candidates.items.length === 0}
        error={candidates.items.length === 0 ? candidates.error : null}
        empty={candidates.loaded && candidates.items.length === 0}
        emptyText='没有可以登记的收入。请先把收到的租金记一笔收入，审批公开后再来登记。'
        onRetry={candidates.reload}
      >
        {candidates.items.map((c) => (
          <View key={c.entryId} className={`sf-cand ${c.entryId === entryId ? 'sf-cand--on' : ''}`} onClick={() => choose(c.entryId)}>
            <View className='sf-cand__top'>
              <Text className='t-body'>
                第{c.serial}号 · {formatDate(c.occurredOn)}
              </Text>
              <Text className='t-body t-income'>{formatFen(c.amountFen)}</Text>
            </View>
            <Text className='t-small sf-block'>
              {c.summary} · {c.counterpartyDisplay}
            </Text>
            {c.allocatedFen > 0 ? <Text className='t-small sf-block'>已登记为租金 {formatFen(c.allocatedFen)}，还可登记 {formatFen(c.unallocatedFen)}</Text> : null}
          </View>
        ))}
        <ListFooter count={candidates.items.length} cursor={candidates.cursor} loading={candidates.loading} error={candidates.error} onMore={candidates.more} />
      </StateView>

      {chosen && unpaid.length > 0 ? (
        <View className='sf-receipt-form__split'>
          <Segmented
            options={[
              { value: 'auto', label: '从最早未收的一期起' },
              { value: 'split', label: '手动分到各期' },
            ]}
            value={mode}
            onChange={setMode}
          />
          {mode === 'auto' ? (
            <View className='sf-receipt-form__auto'>
              {auto.map((a) => (
                <View key={a.installmentId} className='sf-preview__row'>
                  <Text className='t-body'>第{seqOf(a.installmentId)}期</Text>
                  <Text className='t-body'>{formatFen(a.amountFen)}</Text>
                </View>
              ))}
              {chosen.unallocatedFen > auto.reduce((s, a) => s + a.amountFen, 0) ? (
                <Text className='t-small sf-block'>各期收齐后余下的钱不会登记为这份合同的租金。</Text>
              ) : null}
            </View>
          ) : (
            <View className='sf-receipt-form__manual'>
              {unpaid.map((i) => (
                <View key={i.id} className='sf-alloc'>
                  <View className='sf-alloc__label'>
                    <Text className='t-body sf-block'>
                      第{i.seq}期 {formatDate(i.dueOn)}
                    </Text>
                    <Text className='t-small sf-block'>还差 {formatFen(i.amountFen - i.receivedFen)}</Text>
                  </View>
                  <Input
                    className='sf-input sf-alloc__input'
                    type='digit'
                    placeholder='元'
                    value={texts[i.id] ?? ''}
                    maxlength={16}
                    onInput={(e) => setTexts((t) => ({ ...t, [i.id]: e.detail.value }))}
                  />
                  {(shownCheck && split?.rows[i.id]) || serverRows[i.id] ? (
                    <Text className='t-small sf-field__error'>{(shownCheck && split?.rows[i.id]) || serverRows[i.id]}</Text>
                  ) : null}
                </View>
              ))}
              {split ? <Text className='t-body sf-block'>合计 {formatFen(split.sumFen)}，这笔收入还可登记 {formatFen(chosen.unallocatedFen)}</Text> : null}
              {shownCheck && split?.total ? <Text className='t-small sf-field__error'>{split.total}</Text> : null}
            </View>
          )}
        </View>
      ) : null}

      {error ? <Text className='t-small sf-field__error'>{error}</Text> : null}
      <View className='sf-actions'>
        <Button className='sf-btn' onClick={onCancel} disabled={busy || undefined}>
          取消
        </Button>
        <Button className='btn-primary sf-btn' onClick={confirm} loading={busy} disabled={busy || !chosen || unpaid.length === 0 || undefined}>
          确认登记
        </Button>
      </View>
    </View>
  )
}
